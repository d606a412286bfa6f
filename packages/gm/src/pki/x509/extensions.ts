import * as asn1js from 'asn1js';
import { createHash } from 'node:crypto';
import { GmError } from '../../errors.js';
import { decodeAsn1 } from '../asn1/decode.js';
import { asn1ToBytes, derOctetString, derSequence, originalBytes, tlv, toHex } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

/** Bit positions of RFC 5280 KeyUsage. */
export const KEY_USAGE_BITS: readonly KeyUsageName[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

export const EXTENDED_KEY_USAGES = {
  serverAuth: OID.ekuServerAuth,
  clientAuth: OID.ekuClientAuth,
  codeSigning: OID.ekuCodeSigning,
  emailProtection: OID.ekuEmailProtection,
  timeStamping: OID.ekuTimeStamping,
  OCSPSigning: OID.ekuOcspSigning,
} as const;

export type ExtendedKeyUsageName = keyof typeof EXTENDED_KEY_USAGES;

/** A purpose given by name or by dotted OID. */
export type ExtendedKeyUsageInput = ExtendedKeyUsageName | string;

export interface RawExtension {
  readonly oid: string;
  readonly critical: boolean;
  /** Contents of extnValue (the DER of the extension value). */
  readonly value: Uint8Array;
}

export interface SubjectAltNames {
  readonly dns: readonly string[];
  readonly email: readonly string[];
  readonly uri: readonly string[];
  readonly ip: readonly string[];
}

export interface CertificateExtensions {
  /** Every extension in encoded order. */
  readonly list: readonly RawExtension[];
  readonly basicConstraints?: {
    readonly ca: boolean;
    readonly pathLength?: number;
    readonly critical: boolean;
  };
  readonly keyUsage?: { readonly usages: readonly KeyUsageName[]; readonly critical: boolean };
  readonly extendedKeyUsage?: { readonly purposes: readonly string[]; readonly critical: boolean };
  readonly subjectKeyIdentifier?: Uint8Array;
  readonly authorityKeyIdentifier?: { readonly keyIdentifier?: Uint8Array; readonly serialHex?: string };
  readonly crlDistributionPoints?: readonly string[];
  readonly subjectAltName?: SubjectAltNames;
}

/** Extensions this code understands; any other critical extension fails path validation. */
export const UNDERSTOOD_EXTENSIONS: ReadonlySet<string> = new Set([
  OID.basicConstraints,
  OID.keyUsage,
  OID.extKeyUsage,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
  OID.crlDistributionPoints,
  OID.subjectAltName,
  OID.certificatePolicies,
]);

const bad = (oid: string, message: string): never => {
  throw new GmError('GM_X509_BAD_EXTENSION', `extension ${oid}: ${message}`, { oid });
};

const EXT_LIMITS = { maxBytes: 64 * 1024, maxDepth: 12 };

function parseValue(ext: RawExtension): asn1js.AsnType {
  return decodeAsn1(ext.value, `extension ${ext.oid}`, EXT_LIMITS);
}

function contentsOf(node: asn1js.AsnType): Uint8Array {
  const whole = originalBytes(node);
  return whole.subarray(node.idBlock.blockLength + node.lenBlock.blockLength);
}

function parseBasicConstraints(ext: RawExtension): NonNullable<CertificateExtensions['basicConstraints']> {
  const node = parseValue(ext);
  if (!(node instanceof asn1js.Sequence)) return bad(ext.oid, 'not a SEQUENCE');
  let ca = false;
  let pathLength: number | undefined;
  for (const item of node.valueBlock.value) {
    if (item instanceof asn1js.Boolean) ca = item.valueBlock.value;
    else if (item instanceof asn1js.Integer) {
      const n = item.valueBlock.valueDec;
      if (!Number.isSafeInteger(n) || n < 0) return bad(ext.oid, 'bad pathLenConstraint');
      pathLength = n;
    } else return bad(ext.oid, 'unexpected element');
  }
  return { ca, ...(pathLength !== undefined ? { pathLength } : {}), critical: ext.critical };
}

function parseKeyUsage(ext: RawExtension): NonNullable<CertificateExtensions['keyUsage']> {
  const node = parseValue(ext);
  if (!(node instanceof asn1js.BitString)) return bad(ext.oid, 'not a BIT STRING');
  const bytes = new Uint8Array(node.valueBlock.valueHexView);
  const usages = KEY_USAGE_BITS.filter((_, bit) => (((bytes[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1) === 1);
  return { usages, critical: ext.critical };
}

function parseOidSequence(ext: RawExtension): string[] {
  const node = parseValue(ext);
  if (!(node instanceof asn1js.Sequence)) return bad(ext.oid, 'not a SEQUENCE');
  return node.valueBlock.value.map((item) =>
    item instanceof asn1js.ObjectIdentifier ? item.valueBlock.toString() : bad(ext.oid, 'not an OID'),
  );
}

function parseSubjectKeyIdentifier(ext: RawExtension): Uint8Array {
  const node = parseValue(ext);
  if (!(node instanceof asn1js.OctetString) || node.idBlock.isConstructed)
    return bad(ext.oid, 'not an OCTET STRING');
  return new Uint8Array(node.valueBlock.valueHexView);
}

function parseAuthorityKeyIdentifier(
  ext: RawExtension,
): NonNullable<CertificateExtensions['authorityKeyIdentifier']> {
  const node = parseValue(ext);
  if (!(node instanceof asn1js.Sequence)) return bad(ext.oid, 'not a SEQUENCE');
  let keyIdentifier: Uint8Array | undefined;
  let serialHex: string | undefined;
  for (const item of node.valueBlock.value) {
    if (item.idBlock.tagClass !== 3) return bad(ext.oid, 'unexpected element');
    if (item.idBlock.tagNumber === 0) keyIdentifier = contentsOf(item);
    if (item.idBlock.tagNumber === 2) serialHex = toHex(contentsOf(item)).replace(/^(00)+(?=.)/, '');
  }
  return { ...(keyIdentifier ? { keyIdentifier } : {}), ...(serialHex ? { serialHex } : {}) };
}

function generalNames(node: asn1js.AsnType, oid: string): SubjectAltNames {
  const out = { dns: [] as string[], email: [] as string[], uri: [] as string[], ip: [] as string[] };
  if (!(node instanceof asn1js.Sequence) && !(node instanceof asn1js.Constructed))
    return bad(oid, 'bad GeneralNames');
  for (const item of (node as asn1js.Constructed).valueBlock.value) {
    if (item.idBlock.tagClass !== 3) return bad(oid, 'bad GeneralName');
    const text = () => Buffer.from(contentsOf(item)).toString('latin1');
    switch (item.idBlock.tagNumber) {
      case 1:
        out.email.push(text());
        break;
      case 2:
        out.dns.push(text());
        break;
      case 6:
        out.uri.push(text());
        break;
      case 7: {
        const ip = contentsOf(item);
        out.ip.push(ip.length === 4 ? Array.from(ip).join('.') : toHex(ip));
        break;
      }
      default:
        break; // directoryName, otherName, …: kept only in the raw extension
    }
  }
  return out;
}

function parseCrlDistributionPoints(ext: RawExtension): string[] {
  const node = parseValue(ext);
  if (!(node instanceof asn1js.Sequence)) return bad(ext.oid, 'not a SEQUENCE');
  const uris: string[] = [];
  for (const dp of node.valueBlock.value) {
    if (!(dp instanceof asn1js.Sequence)) return bad(ext.oid, 'bad DistributionPoint');
    const dpName = dp.valueBlock.value.find((x) => x.idBlock.tagClass === 3 && x.idBlock.tagNumber === 0);
    if (!(dpName instanceof asn1js.Constructed)) continue;
    const fullName = dpName.valueBlock.value.find(
      (x) => x.idBlock.tagClass === 3 && x.idBlock.tagNumber === 0,
    );
    if (fullName) uris.push(...generalNames(fullName, ext.oid).uri);
  }
  return uris;
}

/** Reads the `[3] Extensions` contents (a SEQUENCE OF Extension node). */
export function extensionsFromAsn1(node: asn1js.AsnType | undefined): CertificateExtensions {
  if (!node) return { list: [] };
  if (!(node instanceof asn1js.Sequence))
    throw new GmError('GM_X509_BAD_EXTENSION', 'Extensions is not a SEQUENCE');
  const list: RawExtension[] = node.valueBlock.value.map((item) => {
    if (!(item instanceof asn1js.Sequence))
      throw new GmError('GM_X509_BAD_EXTENSION', 'Extension is not a SEQUENCE');
    const parts = item.valueBlock.value;
    const [id, second, third] = parts;
    if (!(id instanceof asn1js.ObjectIdentifier))
      throw new GmError('GM_X509_BAD_EXTENSION', 'extnID missing');
    const oid = id.valueBlock.toString();
    const critical = second instanceof asn1js.Boolean ? second.valueBlock.value : false;
    const valueNode = second instanceof asn1js.Boolean ? third : second;
    if (!(valueNode instanceof asn1js.OctetString) || parts.length > 3)
      return bad(oid, 'bad Extension structure');
    return { oid, critical, value: new Uint8Array(valueNode.valueBlock.valueHexView) };
  });
  const seen = new Set<string>();
  for (const ext of list) {
    if (seen.has(ext.oid)) bad(ext.oid, 'extension appears twice');
    seen.add(ext.oid);
  }
  const find = (oid: string) => list.find((e) => e.oid === oid);
  const bc = find(OID.basicConstraints);
  const ku = find(OID.keyUsage);
  const eku = find(OID.extKeyUsage);
  const ski = find(OID.subjectKeyIdentifier);
  const aki = find(OID.authorityKeyIdentifier);
  const cdp = find(OID.crlDistributionPoints);
  const san = find(OID.subjectAltName);
  return {
    list,
    ...(bc ? { basicConstraints: parseBasicConstraints(bc) } : {}),
    ...(ku ? { keyUsage: parseKeyUsage(ku) } : {}),
    ...(eku ? { extendedKeyUsage: { purposes: parseOidSequence(eku), critical: eku.critical } } : {}),
    ...(ski ? { subjectKeyIdentifier: parseSubjectKeyIdentifier(ski) } : {}),
    ...(aki ? { authorityKeyIdentifier: parseAuthorityKeyIdentifier(aki) } : {}),
    ...(cdp ? { crlDistributionPoints: parseCrlDistributionPoints(cdp) } : {}),
    ...(san ? { subjectAltName: generalNames(parseValue(san), san.oid) } : {}),
  };
}

// ---- encoding ----

export function encodeExtension(oid: string, critical: boolean, value: Uint8Array): Uint8Array {
  return derSequence(
    asn1ToBytes(new asn1js.ObjectIdentifier({ value: oid })),
    ...(critical ? [Uint8Array.of(0x01, 0x01, 0xff)] : []),
    derOctetString(value),
  );
}

export function encodeBasicConstraints(ca: boolean, pathLength?: number): Uint8Array {
  if (pathLength !== undefined && (!Number.isSafeInteger(pathLength) || pathLength < 0)) {
    throw new GmError('GM_INVALID_ARGUMENT', 'pathLength must be a non-negative integer');
  }
  return derSequence(
    ...(ca ? [Uint8Array.of(0x01, 0x01, 0xff)] : []),
    ...(pathLength !== undefined ? [asn1ToBytes(new asn1js.Integer({ value: pathLength }))] : []),
  );
}

export function encodeKeyUsage(usages: readonly KeyUsageName[]): Uint8Array {
  const bits = usages.map((u) => {
    const bit = KEY_USAGE_BITS.indexOf(u);
    if (bit < 0) throw new GmError('GM_INVALID_ARGUMENT', `unknown key usage ${String(u)}`);
    return bit;
  });
  if (bits.length === 0) throw new GmError('GM_INVALID_ARGUMENT', 'keyUsage needs at least one usage');
  const highest = Math.max(...bits);
  const bytes = new Uint8Array((highest >> 3) + 1);
  for (const bit of bits) bytes[bit >> 3] = (bytes[bit >> 3] as number) | (0x80 >> (bit & 7));
  // DER: no trailing zero bits, so the unused-bit count follows the highest set bit.
  const unused = 7 - (highest & 7);
  return tlv(0x03, Uint8Array.of(unused), bytes);
}

export function ekuOid(purpose: ExtendedKeyUsageInput): string {
  const named = (EXTENDED_KEY_USAGES as Record<string, string>)[purpose];
  if (named) return named;
  if (/^\d+(\.\d+)+$/.test(purpose)) return purpose;
  throw new GmError('GM_INVALID_ARGUMENT', `unknown extended key usage ${purpose}`);
}

export function encodeExtendedKeyUsage(purposes: readonly ExtendedKeyUsageInput[]): Uint8Array {
  if (purposes.length === 0)
    throw new GmError('GM_INVALID_ARGUMENT', 'extendedKeyUsage needs at least one purpose');
  return derSequence(...purposes.map((p) => asn1ToBytes(new asn1js.ObjectIdentifier({ value: ekuOid(p) }))));
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING contents. */
export function keyIdentifierOf(publicKeyBits: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha1').update(publicKeyBits).digest());
}

export const encodeSubjectKeyIdentifier = (keyId: Uint8Array): Uint8Array => derOctetString(keyId);

export const encodeAuthorityKeyIdentifier = (keyId: Uint8Array): Uint8Array => derSequence(tlv(0x80, keyId));

function ia5(text: string, what: string): Uint8Array {
  if (!/^[\x20-\x7e]+$/.test(text))
    throw new GmError('GM_INVALID_ARGUMENT', `${what} must be printable ASCII`);
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

export function encodeCrlDistributionPoints(uris: readonly string[]): Uint8Array {
  return derSequence(...uris.map((uri) => derSequence(tlv(0xa0, tlv(0xa0, tlv(0x86, ia5(uri, 'CRL URI')))))));
}

export interface SubjectAltNameInput {
  readonly dns?: readonly string[];
  readonly email?: readonly string[];
  readonly uri?: readonly string[];
}

export function encodeSubjectAltName(san: SubjectAltNameInput): Uint8Array {
  const names = [
    ...(san.email ?? []).map((e) => tlv(0x81, ia5(e, 'email'))),
    ...(san.dns ?? []).map((d) => tlv(0x82, ia5(d, 'DNS name'))),
    ...(san.uri ?? []).map((u) => tlv(0x86, ia5(u, 'URI'))),
  ];
  if (names.length === 0) throw new GmError('GM_INVALID_ARGUMENT', 'subjectAltName needs at least one name');
  return derSequence(...names);
}
