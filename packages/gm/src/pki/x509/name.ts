import * as asn1js from 'asn1js';
import { GmError } from '../../errors.js';
import { decodeAsn1 } from '../asn1/decode.js';
import { asn1ToBytes, bytesEqual, derSequence, originalBytes, tlv } from '../asn1/der.js';

/** One attribute of a relative distinguished name, as given by the caller. */
export interface NameAttributeInput {
  /** Short name (C, ST, L, O, OU, CN, serialNumber, emailAddress, …) or a dotted OID. */
  readonly type: string;
  readonly value: string;
}

/** Ordered RDNs, most significant first (C, then O, …, then CN). An array entry is a multi-valued RDN. */
export type NameInput = readonly (NameAttributeInput | readonly NameAttributeInput[])[];

export type DirectoryStringType =
  | 'UTF8String'
  | 'PrintableString'
  | 'IA5String'
  | 'TeletexString'
  | 'BMPString'
  | 'UniversalString'
  | 'VisibleString'
  | 'NumericString';

export interface NameAttribute {
  /** Dotted OID. */
  readonly type: string;
  readonly shortName?: string;
  readonly value: string;
  readonly stringType: DirectoryStringType | 'OTHER';
}

export interface DistinguishedName {
  /** The original DER of the Name. */
  readonly der: Uint8Array;
  /** RDNs in encoded order; each holds one attribute unless multi-valued. */
  readonly rdns: readonly (readonly NameAttribute[])[];
  /** Display form in encoded order, e.g. `C=CN, O=某某市市场监督管理局, CN=张三`. */
  readonly text: string;
}

const SHORT_NAMES: Record<string, string> = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  L: '2.5.4.7',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
  serialNumber: '2.5.4.5',
  street: '2.5.4.9',
  title: '2.5.4.12',
  surname: '2.5.4.4',
  givenName: '2.5.4.42',
  organizationIdentifier: '2.5.4.97',
  dnQualifier: '2.5.4.46',
  emailAddress: '1.2.840.113549.1.9.1',
  DC: '0.9.2342.19200300.100.1.25',
  UID: '0.9.2342.19200300.100.1.1',
};

const NAMES_BY_OID = new Map(Object.entries(SHORT_NAMES).map(([name, oid]) => [oid, name]));

const PRINTABLE_TYPES = new Set(['2.5.4.6', '2.5.4.5', '2.5.4.46']);
const IA5_TYPES = new Set(['1.2.840.113549.1.9.1', '0.9.2342.19200300.100.1.25']);
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
const MAX_VALUE_CHARS = 1024;

const invalid = (message: string, details?: Record<string, unknown>): never => {
  throw new GmError('GM_X509_INVALID_NAME', message, details);
};

function oidOf(type: string): string {
  if (/^\d+(\.\d+)+$/.test(type)) return type;
  const oid = SHORT_NAMES[type];
  if (!oid) return invalid(`unknown name attribute type ${type}`, { type });
  return oid;
}

function encodeValue(oid: string, value: string): asn1js.AsnType {
  if (value.length === 0 || value.length > MAX_VALUE_CHARS)
    invalid('name attribute value is empty or too long', { oid });
  if (PRINTABLE_TYPES.has(oid)) {
    if (!PRINTABLE.test(value)) invalid('value is not a PrintableString', { oid, value });
    if (oid === '2.5.4.6' && !/^[A-Z]{2}$/.test(value))
      invalid('country must be two capital letters', { value });
    return new asn1js.PrintableString({ value });
  }
  if (IA5_TYPES.has(oid)) {
    // eslint-disable-next-line no-control-regex
    if (!/^[\x00-\x7f]*$/.test(value)) invalid('value is not an IA5String', { oid, value });
    return new asn1js.IA5String({ value });
  }
  // Chinese text and everything else: UTF8String (RFC 5280 §4.1.2.6).
  return new asn1js.Utf8String({ value });
}

/** DER Name from ordered RDNs. */
export function encodeName(name: NameInput): Uint8Array {
  if (name.length > 64) invalid('too many RDNs');
  const rdns = name.map((entry) => {
    const attrs: readonly NameAttributeInput[] = Array.isArray(entry)
      ? (entry as readonly NameAttributeInput[])
      : [entry as NameAttributeInput];
    if (attrs.length === 0) invalid('empty RDN');
    const encoded = attrs.map((attr) => {
      const oid = oidOf(attr.type);
      return asn1ToBytes(
        new asn1js.Sequence({
          value: [new asn1js.ObjectIdentifier({ value: oid }), encodeValue(oid, attr.value)],
        }),
      );
    });
    // DER orders SET OF members by their encodings.
    encoded.sort(compareBytes);
    return tlv(0x31, ...encoded);
  });
  return derSequence(...rdns);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

const STRING_TAGS: Record<number, DirectoryStringType> = {
  12: 'UTF8String',
  18: 'NumericString',
  19: 'PrintableString',
  20: 'TeletexString',
  22: 'IA5String',
  26: 'VisibleString',
  28: 'UniversalString',
  30: 'BMPString',
};

function decodeString(node: asn1js.AsnType): { value: string; stringType: NameAttribute['stringType'] } {
  const tag = node.idBlock.tagNumber;
  const stringType =
    node.idBlock.tagClass === 1 && !node.idBlock.isConstructed ? STRING_TAGS[tag] : undefined;
  const raw = node instanceof asn1js.BaseBlock ? valueBytes(node) : new Uint8Array();
  if (!stringType)
    return { value: '#' + Buffer.from(originalBytes(node)).toString('hex'), stringType: 'OTHER' };
  switch (stringType) {
    case 'UTF8String':
      try {
        return { value: new TextDecoder('utf-8', { fatal: true }).decode(raw), stringType };
      } catch {
        return invalid('UTF8String is not valid UTF-8');
      }
    case 'BMPString': {
      if (raw.length % 2) invalid('odd-length BMPString');
      let out = '';
      for (let i = 0; i < raw.length; i += 2)
        out += String.fromCharCode(((raw[i] as number) << 8) | (raw[i + 1] as number));
      return { value: out, stringType };
    }
    case 'UniversalString': {
      if (raw.length % 4) invalid('bad UniversalString length');
      let out = '';
      for (let i = 0; i < raw.length; i += 4) {
        const cp = new DataView(raw.buffer, raw.byteOffset + i, 4).getUint32(0);
        if (cp > 0x10ffff) invalid('bad UniversalString code point');
        out += String.fromCodePoint(cp);
      }
      return { value: out, stringType };
    }
    default:
      // Printable / IA5 / Visible / Numeric are ASCII; Teletex is read as Latin-1 like most tools.
      return { value: Buffer.from(raw).toString('latin1'), stringType };
  }
}

function valueBytes(node: asn1js.BaseBlock): Uint8Array {
  const block = node.valueBlock as unknown as { valueHexView?: Uint8Array };
  if (block.valueHexView) return new Uint8Array(block.valueHexView);
  const whole = originalBytes(node);
  return whole.subarray(node.idBlock.blockLength + node.lenBlock.blockLength);
}

/** Reads a Name from its asn1js node (as found inside a certificate, CRL, CSR, …). */
export function nameFromAsn1(node: asn1js.AsnType): DistinguishedName {
  if (!(node instanceof asn1js.Sequence)) return invalid('Name is not a SEQUENCE');
  const rdns = node.valueBlock.value.map((set) => {
    if (!(set instanceof asn1js.Set) || set.valueBlock.value.length === 0)
      return invalid('RDN is not a non-empty SET');
    return set.valueBlock.value.map((atv): NameAttribute => {
      if (!(atv instanceof asn1js.Sequence) || atv.valueBlock.value.length !== 2) {
        return invalid('AttributeTypeAndValue is not a SEQUENCE of 2');
      }
      const [typeNode, valueNode] = atv.valueBlock.value as [asn1js.AsnType, asn1js.AsnType];
      if (!(typeNode instanceof asn1js.ObjectIdentifier)) return invalid('attribute type is not an OID');
      const type = typeNode.valueBlock.toString();
      const shortName = NAMES_BY_OID.get(type);
      return { type, ...(shortName ? { shortName } : {}), ...decodeString(valueNode) };
    });
  });
  return { der: originalBytes(node), rdns, text: formatName(rdns) };
}

/** Reads a DER Name. */
export function decodeName(der: Uint8Array): DistinguishedName {
  return nameFromAsn1(decodeAsn1(der, 'Name', { maxBytes: 64 * 1024, maxDepth: 8 }));
}

function escapeValue(value: string): string {
  return value.replace(/([,+=\\"<>;])/g, '\\$1');
}

function formatName(rdns: readonly (readonly NameAttribute[])[]): string {
  return rdns
    .map((rdn) => rdn.map((a) => `${a.shortName ?? a.type}=${escapeValue(a.value)}`).join(' + '))
    .join(', ');
}

/** The first value of an attribute (short name or OID), e.g. `nameValue(cert.subject, 'CN')`. */
export function nameValue(name: DistinguishedName, type: string): string | undefined {
  const oid = oidOf(type);
  for (const rdn of name.rdns) for (const a of rdn) if (a.type === oid) return a.value;
  return undefined;
}

const normalise = (value: string): string =>
  value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Name chaining test (RFC 5280 §7.1, simplified): byte-equal DER, or the same RDN structure with
 * values equal after case folding and whitespace compression, whatever the string types.
 */
export function namesMatch(a: DistinguishedName, b: DistinguishedName): boolean {
  if (bytesEqual(a.der, b.der)) return true;
  if (a.rdns.length !== b.rdns.length) return false;
  return a.rdns.every((rdnA, i) => {
    const rdnB = b.rdns[i] as readonly NameAttribute[];
    if (rdnA.length !== rdnB.length) return false;
    const key = (x: NameAttribute) => `${x.type}=${normalise(x.value)}`;
    const setB = new Set(rdnB.map(key));
    return rdnA.every((x) => setB.has(key(x)));
  });
}
