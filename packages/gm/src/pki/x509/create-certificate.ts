import * as asn1js from 'asn1js';
import { GmError } from '../../errors.js';
import { signatureAlgorithmForKey } from '../../algorithms/registry.js';
import type { SignFunction } from '../../algorithms/registry.js';
import { asn1ToBytes, derBitString, derSequence, fromHex, tlv } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';
import { encodeX509Time } from '../asn1/time.js';
import { encodeSignatureAlgorithm } from './algorithm-identifier.js';
import { normaliseSerialHex, parseCertificate } from './certificate.js';
import type { ParsedCertificate } from './certificate.js';
import {
  encodeAuthorityKeyIdentifier,
  encodeBasicConstraints,
  encodeCrlDistributionPoints,
  encodeExtendedKeyUsage,
  encodeExtension,
  encodeKeyUsage,
  encodeSubjectAltName,
  encodeSubjectKeyIdentifier,
  keyIdentifierOf,
} from './extensions.js';
import type { ExtendedKeyUsageInput, KeyUsageName, RawExtension, SubjectAltNameInput } from './extensions.js';
import { encodeName } from './name.js';
import type { DistinguishedName, NameInput } from './name.js';
import { parsePublicKeyInfo } from './public-key.js';

export interface ExtensionsInput {
  readonly basicConstraints?: {
    readonly ca: boolean;
    readonly pathLength?: number;
    readonly critical?: boolean;
  };
  /** Written critical. */
  readonly keyUsage?: readonly KeyUsageName[];
  readonly extendedKeyUsage?: {
    readonly purposes: readonly ExtendedKeyUsageInput[];
    readonly critical?: boolean;
  };
  /** Default true: SHA-1 key identifier of the subject key (RFC 5280 method 1). */
  readonly subjectKeyIdentifier?: boolean;
  /** Default true: the issuer's key identifier (self-signed: the subject's). */
  readonly authorityKeyIdentifier?: boolean;
  readonly crlDistributionPoints?: readonly string[];
  readonly subjectAltName?: SubjectAltNameInput;
  /** Further extensions, written as given after the ones above. */
  readonly extra?: readonly RawExtension[];
}

export interface CreateCertificateInput {
  /** Ordered RDNs, or a name taken from a CSR / another certificate (kept byte for byte). */
  readonly subject: NameInput | DistinguishedName;
  /** DER SubjectPublicKeyInfo of the certified key. */
  readonly publicKey: Uint8Array;
  /** Positive serial number in hex (at most 20 bytes). */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Issuing CA certificate; omit for a self-signed certificate. */
  readonly issuer?: ParsedCertificate;
  /** Signs with the issuer's key (or the subject's own key when self-signed). */
  readonly sign: SignFunction;
  readonly extensions?: ExtensionsInput;
}

export const isDistinguishedName = (name: NameInput | DistinguishedName): name is DistinguishedName =>
  !Array.isArray(name) && (name as DistinguishedName).der instanceof Uint8Array;

export const nameDer = (name: NameInput | DistinguishedName): Uint8Array =>
  isDistinguishedName(name) ? name.der : encodeName(name as NameInput);

/** DER INTEGER of a positive serial given in hex. */
export function encodeSerial(serialHex: string): Uint8Array {
  const hex = normaliseSerialHex(serialHex);
  let bytes = fromHex(hex);
  if (bytes.every((b) => b === 0)) throw new GmError('GM_INVALID_ARGUMENT', 'serial number must be positive');
  if ((bytes[0] as number) & 0x80) bytes = Uint8Array.from([0, ...bytes]);
  if (bytes.length > 21 || (bytes.length === 21 && bytes[0] !== 0)) {
    throw new GmError('GM_INVALID_ARGUMENT', 'serial number longer than 20 bytes');
  }
  return tlv(0x02, bytes);
}

function buildExtensions(
  input: ExtensionsInput,
  subjectKeyBits: Uint8Array,
  issuer: ParsedCertificate | undefined,
): Uint8Array[] {
  const out: Uint8Array[] = [];
  if (input.basicConstraints) {
    const { ca, pathLength, critical = true } = input.basicConstraints;
    out.push(encodeExtension(OID.basicConstraints, critical, encodeBasicConstraints(ca, pathLength)));
  }
  if (input.keyUsage) out.push(encodeExtension(OID.keyUsage, true, encodeKeyUsage(input.keyUsage)));
  if (input.extendedKeyUsage) {
    const { purposes, critical = false } = input.extendedKeyUsage;
    out.push(encodeExtension(OID.extKeyUsage, critical, encodeExtendedKeyUsage(purposes)));
  }
  if (input.subjectKeyIdentifier !== false) {
    out.push(
      encodeExtension(
        OID.subjectKeyIdentifier,
        false,
        encodeSubjectKeyIdentifier(keyIdentifierOf(subjectKeyBits)),
      ),
    );
  }
  if (input.authorityKeyIdentifier !== false) {
    const keyId = issuer
      ? (issuer.extensions.subjectKeyIdentifier ?? keyIdentifierOf(issuer.publicKey.publicKey))
      : keyIdentifierOf(subjectKeyBits);
    out.push(encodeExtension(OID.authorityKeyIdentifier, false, encodeAuthorityKeyIdentifier(keyId)));
  }
  if (input.crlDistributionPoints?.length) {
    out.push(
      encodeExtension(
        OID.crlDistributionPoints,
        false,
        encodeCrlDistributionPoints(input.crlDistributionPoints),
      ),
    );
  }
  if (input.subjectAltName) {
    out.push(encodeExtension(OID.subjectAltName, false, encodeSubjectAltName(input.subjectAltName)));
  }
  for (const ext of input.extra ?? []) out.push(encodeExtension(ext.oid, ext.critical, ext.value));
  return out;
}

/**
 * Issues an X.509 v3 certificate. The signature algorithm follows the issuer's key (SM2 →
 * SM2-with-SM3 over DER(tbs) with the issuer's Z and the default ID; P-256 → ECDSA-SHA256;
 * RSA → sha256WithRSAEncryption). The signature is checked against the issuer key before returning.
 */
export async function createCertificate(input: CreateCertificateInput): Promise<ParsedCertificate> {
  const { issuer } = input;
  if (
    !(input.notBefore instanceof Date) ||
    !(input.notAfter instanceof Date) ||
    input.notAfter < input.notBefore
  ) {
    throw new GmError('GM_INVALID_ARGUMENT', 'notAfter must not be before notBefore');
  }
  const subjectKey = parsePublicKeyInfo(input.publicKey);
  const issuerSpki = issuer ? issuer.publicKey.spki : input.publicKey;
  const algorithm = signatureAlgorithmForKey(issuerSpki);
  const algId = encodeSignatureAlgorithm(algorithm);
  const subject = nameDer(input.subject);
  const issuerName = issuer ? issuer.subject.der : subject;
  const extensions = buildExtensions(input.extensions ?? {}, subjectKey.publicKey, issuer);
  const tbs = derSequence(
    tlv(0xa0, asn1ToBytes(new asn1js.Integer({ value: 2 }))),
    encodeSerial(input.serialNumber),
    algId,
    issuerName,
    derSequence(encodeX509Time(input.notBefore), encodeX509Time(input.notAfter)),
    subject,
    subjectKey.spki,
    ...(extensions.length ? [tlv(0xa3, derSequence(...extensions))] : []),
  );
  const signature = await input.sign(tbs);
  if (!algorithm.verify(issuerSpki, tbs, signature)) {
    throw new GmError('GM_SIGNER_KEY_MISMATCH', 'the signature does not verify with the issuer public key', {
      algorithm: algorithm.name,
    });
  }
  return parseCertificate(derSequence(tbs, algId, derBitString(signature)));
}
