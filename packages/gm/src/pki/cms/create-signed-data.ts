import * as asn1js from 'asn1js';
import { GmError } from '../../errors.js';
import { digest, signatureAlgorithmForKey } from '../../algorithms/registry.js';
import type { SignFunction } from '../../algorithms/registry.js';
import { asn1ToBytes, bytesEqual, derOctetString, derSequence, tlv } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';
import type { ParsedCertificate } from '../x509/certificate.js';
import { encodeSerial } from '../x509/create-certificate.js';
import {
  encodeAttribute,
  encodeAttributeSet,
  encodeContentTypeValue,
  encodeMessageDigestValue,
  encodeSigningCertificateV2,
  encodeSigningTimeValue,
} from './attributes.js';
import { cmsDigestAlgorithmId, cmsSignatureAlgorithmId } from './cms-algorithms.js';
import type { CmsProfile } from './signed-data.js';

export interface CreateSignedDataInput {
  /** The data signed. Detached (not included) unless `encapsulate` is true. */
  readonly content: Uint8Array;
  readonly signerCertificate: ParsedCertificate;
  /**
   * Signs the DER of the signed attributes with the key of `signerCertificate` (keys may stay in
   * a vault). SM2: Z over the default ID, as sm2Sign does.
   */
  readonly sign: SignFunction;
  /** Further certificates to include (chain); the signer certificate is always included. */
  readonly certificates?: readonly ParsedCertificate[];
  /** signingTime attribute (always explicit). */
  readonly signingTime: Date;
  /** 'rfc5652' (default): RFC 5652 OIDs; 'gmt0010': GM/T 0010 content-type OIDs and sm2-1. */
  readonly profile?: CmsProfile;
  readonly encapsulate?: boolean;
  /** eContentType; default id-data of the profile. TSAs pass id-ct-TSTInfo. */
  readonly eContentType?: string;
  /** Leave out the certificates field (RFC 3161 responses to requests without certReq). */
  readonly omitCertificates?: boolean;
  /** Adds signingCertificateV2 (default true). */
  readonly signingCertificateV2?: boolean;
  /**
   * Obtains an RFC 3161 token over the signature value (e.g. from a TSA); it is stored as the
   * unsigned attribute id-aa-timeStampToken.
   */
  readonly timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
}

const oidBytes = (oid: string): Uint8Array => asn1ToBytes(new asn1js.ObjectIdentifier({ value: oid }));
const integer = (n: number): Uint8Array => asn1ToBytes(new asn1js.Integer({ value: n }));

/** Builds a DER CMS ContentInfo with SignedData and one SignerInfo (issuerAndSerialNumber). */
export async function createSignedData(input: CreateSignedDataInput): Promise<Uint8Array> {
  const profile = input.profile ?? 'rfc5652';
  const cert = input.signerCertificate;
  const algorithm = signatureAlgorithmForKey(cert.publicKey.spki);
  const eContentType = input.eContentType ?? (profile === 'gmt0010' ? OID.gmData : OID.data);
  const digestAlgId = cmsDigestAlgorithmId(algorithm.digest);
  const attributes = [
    encodeAttribute(OID.contentTypeAttr, encodeContentTypeValue(eContentType)),
    encodeAttribute(OID.signingTimeAttr, encodeSigningTimeValue(input.signingTime)),
    encodeAttribute(OID.messageDigestAttr, encodeMessageDigestValue(digest(algorithm.digest, input.content))),
  ];
  if (input.signingCertificateV2 !== false) {
    const hash = algorithm.digest === 'sm3' ? 'sm3' : 'sha256';
    attributes.push(encodeAttribute(OID.signingCertificateV2Attr, encodeSigningCertificateV2(cert, hash)));
  }
  const signedAttrs = encodeAttributeSet(0x31, attributes);
  const signature = await input.sign(signedAttrs);
  if (!algorithm.verify(cert.publicKey.spki, signedAttrs, signature)) {
    throw new GmError(
      'GM_SIGNER_KEY_MISMATCH',
      'the signature does not verify with the signer certificate key',
    );
  }
  const unsigned: Uint8Array[] = [];
  if (input.timestamp) {
    const token = await input.timestamp(signature);
    unsigned.push(encodeAttribute(OID.timeStampTokenAttr, token));
  }
  const signerInfo = derSequence(
    integer(1),
    derSequence(cert.issuer.der, encodeSerial(cert.serialHex)),
    digestAlgId,
    encodeAttributeSet(0xa0, attributes),
    cmsSignatureAlgorithmId(algorithm, profile),
    derOctetString(signature),
    ...(unsigned.length ? [encodeAttributeSet(0xa1, unsigned)] : []),
  );
  const certs = [cert, ...(input.certificates ?? []).filter((c) => !bytesEqual(c.der, cert.der))];
  const isData = eContentType === OID.data || eContentType === OID.gmData;
  const signedData = derSequence(
    integer(isData ? 1 : 3),
    tlv(0x31, digestAlgId),
    derSequence(
      oidBytes(eContentType),
      ...(input.encapsulate ? [tlv(0xa0, derOctetString(input.content))] : []),
    ),
    ...(input.omitCertificates ? [] : [tlv(0xa0, ...certs.map((c) => c.der))]),
    tlv(0x31, signerInfo),
  );
  return derSequence(
    oidBytes(profile === 'gmt0010' ? OID.gmSignedData : OID.signedData),
    tlv(0xa0, signedData),
  );
}
