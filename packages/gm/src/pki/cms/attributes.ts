import * as asn1js from 'asn1js';
import { GmError } from '../../errors.js';
import { digest, digestByOid, digestOid } from '../../algorithms/registry.js';
import type { DigestName } from '../../algorithms/registry.js';
import {
  asn1ToBytes,
  bytesEqual,
  derOctetString,
  derSequence,
  originalBytes,
  tlv,
  toHex,
} from '../asn1/der.js';
import { decodeTime, encodeX509Time } from '../asn1/time.js';
import { normaliseSerialHex } from '../x509/certificate.js';
import type { ParsedCertificate } from '../x509/certificate.js';
import { encodeAlgorithmIdentifier } from '../x509/algorithm-identifier.js';
import { encodeSerial } from '../x509/create-certificate.js';
import { nameFromAsn1, namesMatch } from '../x509/name.js';

/** One CMS attribute with the DER of each value. */
export interface CmsAttribute {
  readonly oid: string;
  readonly values: readonly Uint8Array[];
}

const oidBytes = (oid: string): Uint8Array => asn1ToBytes(new asn1js.ObjectIdentifier({ value: oid }));

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

export function encodeAttribute(oid: string, ...values: readonly Uint8Array[]): Uint8Array {
  return derSequence(oidBytes(oid), tlv(0x31, ...[...values].sort(compareBytes)));
}

/** DER SET OF Attribute with the given outer tag (0x31 to sign, 0xa0 / 0xa1 inside SignerInfo). */
export function encodeAttributeSet(tag: number, attributes: readonly Uint8Array[]): Uint8Array {
  return tlv(tag, ...[...attributes].sort(compareBytes));
}

export function parseAttributes(node: asn1js.AsnType, code: string): CmsAttribute[] {
  if (!(node instanceof asn1js.Constructed)) throw new GmError(code, 'attributes are not constructed');
  return node.valueBlock.value.map((attr) => {
    if (!(attr instanceof asn1js.Sequence)) throw new GmError(code, 'Attribute is not a SEQUENCE');
    const [type, values] = attr.valueBlock.value;
    if (!(type instanceof asn1js.ObjectIdentifier) || !(values instanceof asn1js.Set)) {
      throw new GmError(code, 'bad Attribute');
    }
    return { oid: type.valueBlock.toString(), values: values.valueBlock.value.map((v) => originalBytes(v)) };
  });
}

// ---- signingCertificateV2 (RFC 5035) ----

export interface EssCertId {
  readonly hash: DigestName | string;
  readonly certHash: Uint8Array;
  readonly issuerSerial?: { readonly issuer: Uint8Array; readonly serialHex: string };
}

/** SigningCertificateV2 value naming `cert` by its `hash` digest and issuer / serial. */
export function encodeSigningCertificateV2(cert: ParsedCertificate, hash: DigestName): Uint8Array {
  const issuerSerial = derSequence(derSequence(tlv(0xa4, cert.issuer.der)), encodeSerial(cert.serialHex));
  const essCertId = derSequence(
    // hashAlgorithm DEFAULT sha256: DER omits the default.
    ...(hash === 'sha256' ? [] : [encodeAlgorithmIdentifier(digestOid(hash))]),
    derOctetString(digest(hash, cert.der)),
    issuerSerial,
  );
  return derSequence(derSequence(essCertId));
}

function readEssCertIds(value: Uint8Array, v2: boolean, code: string): EssCertId[] {
  const parsed = asn1js.fromBER(value, { maxDepth: 12, parseEmbedded: false });
  const root = parsed.result;
  if (parsed.offset !== value.length || !(root instanceof asn1js.Sequence))
    throw new GmError(code, 'bad SigningCertificate');
  const certs = root.valueBlock.value[0];
  if (!(certs instanceof asn1js.Sequence)) throw new GmError(code, 'bad SigningCertificate certs');
  return certs.valueBlock.value.map((item) => {
    if (!(item instanceof asn1js.Sequence)) throw new GmError(code, 'bad ESSCertID');
    const parts = [...item.valueBlock.value];
    let hash: string = v2 ? 'sha256' : 'sha1';
    if (v2 && parts[0] instanceof asn1js.Sequence) {
      const alg = (parts.shift() as asn1js.Sequence).valueBlock.value[0];
      if (!(alg instanceof asn1js.ObjectIdentifier))
        throw new GmError(code, 'bad ESSCertIDv2 hash algorithm');
      hash = digestByOid(alg.valueBlock.toString()) ?? alg.valueBlock.toString();
    }
    const certHash = parts.shift();
    if (!(certHash instanceof asn1js.OctetString)) throw new GmError(code, 'bad ESSCertID hash');
    const serialPart = parts.shift();
    let issuerSerial: EssCertId['issuerSerial'];
    if (serialPart instanceof asn1js.Sequence) {
      const [names, serial] = serialPart.valueBlock.value;
      const dirName =
        names instanceof asn1js.Sequence
          ? names.valueBlock.value.find((n) => n.idBlock.tagClass === 3 && n.idBlock.tagNumber === 4)
          : undefined;
      if (
        dirName instanceof asn1js.Constructed &&
        serial instanceof asn1js.Integer &&
        dirName.valueBlock.value[0]
      ) {
        issuerSerial = {
          issuer: originalBytes(dirName.valueBlock.value[0]),
          serialHex: normaliseSerialHex(toHex(new Uint8Array(serial.valueBlock.valueHexView))),
        };
      }
    }
    return {
      hash,
      certHash: new Uint8Array(certHash.valueBlock.valueHexView),
      ...(issuerSerial ? { issuerSerial } : {}),
    };
  });
}

export const parseSigningCertificateV2 = (value: Uint8Array, code: string): EssCertId[] =>
  readEssCertIds(value, true, code);
export const parseSigningCertificateV1 = (value: Uint8Array, code: string): EssCertId[] =>
  readEssCertIds(value, false, code);

/** Whether the first ESSCertID names `cert` (hash, and issuer / serial when given). */
export function essCertIdMatches(id: EssCertId, cert: ParsedCertificate): boolean | 'UNSUPPORTED_HASH' {
  const known = (['sm3', 'sha1', 'sha256', 'sha384', 'sha512'] as const).find((h) => h === id.hash);
  if (!known) return 'UNSUPPORTED_HASH';
  if (!bytesEqual(digest(known, cert.der), id.certHash)) return false;
  if (id.issuerSerial) {
    if (id.issuerSerial.serialHex !== cert.serialHex) return false;
    try {
      const issuer = nameFromAsn1(asn1js.fromBER(id.issuerSerial.issuer, { parseEmbedded: false }).result);
      if (!namesMatch(issuer, cert.issuer)) return false;
    } catch {
      return false;
    }
  }
  return true;
}

// ---- simple attribute values ----

export const encodeContentTypeValue = (oid: string): Uint8Array => oidBytes(oid);
export const encodeMessageDigestValue = (value: Uint8Array): Uint8Array => derOctetString(value);
export const encodeSigningTimeValue = (date: Date): Uint8Array => encodeX509Time(date);

export function readOidValue(value: Uint8Array): string | undefined {
  const node = asn1js.fromBER(value, { maxDepth: 2 }).result;
  return node instanceof asn1js.ObjectIdentifier ? node.valueBlock.toString() : undefined;
}

export function readOctetValue(value: Uint8Array): Uint8Array | undefined {
  const node = asn1js.fromBER(value, { maxDepth: 2, parseEmbedded: false }).result;
  return node instanceof asn1js.OctetString && !node.idBlock.isConstructed
    ? new Uint8Array(node.valueBlock.valueHexView)
    : undefined;
}

export function readTimeValue(value: Uint8Array): Date | undefined {
  try {
    return decodeTime(asn1js.fromBER(value, { maxDepth: 2 }).result, 'signingTime');
  } catch {
    return undefined;
  }
}
