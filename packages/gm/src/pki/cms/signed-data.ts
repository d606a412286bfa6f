import * as asn1js from 'asn1js';
import { GmError } from '../../errors.js';
import { decodeAsn1, fromSchemaOrThrow } from '../asn1/decode.js';
import type { DecodeLimits } from '../asn1/decode.js';
import { originalBytes, toHex } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';
import { decodePem, looksLikePem, pemText } from '../pem.js';
import { octetStringBytes } from '../pkcs12/pbe.js';
import { algorithmFromAsn1 } from '../x509/algorithm-identifier.js';
import type { AlgorithmInfo } from '../x509/algorithm-identifier.js';
import { certificateFromAsn1, normaliseSerialHex } from '../x509/certificate.js';
import type { ParsedCertificate } from '../x509/certificate.js';
import { nameFromAsn1 } from '../x509/name.js';
import type { DistinguishedName } from '../x509/name.js';
import {
  parseAttributes,
  parseSigningCertificateV1,
  parseSigningCertificateV2,
  readOctetValue,
  readOidValue,
  readTimeValue,
} from './attributes.js';
import type { CmsAttribute, EssCertId } from './attributes.js';

export type CmsProfile = 'rfc5652' | 'gmt0010';

export type SignerIdentifier =
  | { readonly type: 'issuerAndSerialNumber'; readonly issuer: DistinguishedName; readonly serialHex: string }
  | { readonly type: 'subjectKeyIdentifier'; readonly keyIdentifier: Uint8Array };

export interface ParsedSignerInfo {
  readonly version: number;
  readonly sid: SignerIdentifier;
  readonly digestAlgorithm: AlgorithmInfo;
  readonly signatureAlgorithm: AlgorithmInfo;
  /** Signed attributes re-tagged as SET (0x31) from the original bytes: what the signature covers. */
  readonly signedAttributesDer?: Uint8Array;
  readonly signedAttributes: readonly CmsAttribute[];
  readonly unsignedAttributes: readonly CmsAttribute[];
  readonly signature: Uint8Array;
  readonly contentType?: string;
  readonly messageDigest?: Uint8Array;
  readonly signingTime?: Date;
  readonly signingCertificate?: { readonly version: 1 | 2; readonly certs: readonly EssCertId[] };
  /** DER ContentInfo of each RFC 3161 token in the unsigned attributes. */
  readonly timestampTokens: readonly Uint8Array[];
}

export interface ParsedSignedData {
  readonly der: Uint8Array;
  /** Outer ContentInfo type: RFC 5652 signedData or GM/T 0010 signedData. */
  readonly contentType: string;
  readonly profile: CmsProfile;
  readonly version: number;
  readonly digestAlgorithms: readonly string[];
  readonly eContentType: string;
  /** Encapsulated content, absent for detached signatures. */
  readonly eContent?: Uint8Array;
  readonly certificates: readonly ParsedCertificate[];
  readonly signerInfos: readonly ParsedSignerInfo[];
}

export const CMS_LIMITS: DecodeLimits = { maxBytes: 16 * 1024 * 1024, maxDepth: 32, maxElements: 200_000 };

const CODE = 'GM_CMS_MALFORMED';
const malformed = (message: string): never => {
  throw new GmError(CODE, `CMS: ${message}`);
};

const isContext = (node: asn1js.AsnType | undefined, n: number): boolean =>
  !!node && node.idBlock.tagClass === 3 && node.idBlock.tagNumber === n;

/** Parses a CMS ContentInfo holding SignedData (DER / BER, or PEM "CMS" / "PKCS7"). */
export function parseSignedData(
  input: Uint8Array | string,
  limits: Partial<DecodeLimits> = {},
): ParsedSignedData {
  const der = looksLikePem(input) ? decodePem(pemText(input), ['CMS', 'PKCS7']).der : (input as Uint8Array);
  const root = decodeAsn1(der, 'CMS', { ...CMS_LIMITS, ...limits });
  return fromSchemaOrThrow(CODE, 'CMS', () => signedDataFromAsn1(root, der));
}

export function signedDataFromAsn1(root: asn1js.AsnType, der: Uint8Array): ParsedSignedData {
  if (!(root instanceof asn1js.Sequence)) return malformed('ContentInfo is not a SEQUENCE');
  const [typeNode, wrapper] = root.valueBlock.value;
  if (!(typeNode instanceof asn1js.ObjectIdentifier)) return malformed('ContentInfo has no content type');
  const contentType = typeNode.valueBlock.toString();
  if (contentType !== OID.signedData && contentType !== OID.gmSignedData) {
    throw new GmError(
      'GM_CMS_UNSUPPORTED_CONTENT_TYPE',
      `CMS: content type ${contentType} is not signedData`,
      {
        contentType,
      },
    );
  }
  if (!isContext(wrapper, 0) || !(wrapper instanceof asn1js.Constructed))
    return malformed('missing [0] content');
  const sd = wrapper.valueBlock.value[0];
  if (!(sd instanceof asn1js.Sequence)) return malformed('SignedData is not a SEQUENCE');
  const fields = [...sd.valueBlock.value];
  const [versionNode, digestAlgs, encap] = fields.splice(0, 3);
  if (!(versionNode instanceof asn1js.Integer)) return malformed('bad SignedData version');
  if (!(digestAlgs instanceof asn1js.Set)) return malformed('digestAlgorithms is not a SET');
  if (!(encap instanceof asn1js.Sequence)) return malformed('bad EncapsulatedContentInfo');
  const [eTypeNode, eWrapper] = encap.valueBlock.value;
  if (!(eTypeNode instanceof asn1js.ObjectIdentifier)) return malformed('bad eContentType');
  let eContent: Uint8Array | undefined;
  if (eWrapper) {
    if (!isContext(eWrapper, 0) || !(eWrapper instanceof asn1js.Constructed))
      return malformed('bad eContent');
    const octets = eWrapper.valueBlock.value[0];
    if (!(octets instanceof asn1js.OctetString)) return malformed('eContent is not an OCTET STRING');
    eContent = octetStringBytes(octets);
  }
  const certificates: ParsedCertificate[] = [];
  if (isContext(fields[0], 0)) {
    const set = fields.shift() as asn1js.Constructed;
    for (const item of set.valueBlock.value ?? []) {
      // Only X.509 certificates (plain SEQUENCE); other CertificateChoices are skipped.
      if (item instanceof asn1js.Sequence) certificates.push(certificateFromAsn1(item, originalBytes(item)));
    }
  }
  if (isContext(fields[0], 1)) fields.shift(); // revocation info: not used here
  const signerSet = fields.shift();
  if (!(signerSet instanceof asn1js.Set) || fields.length) return malformed('bad signerInfos');
  return {
    der,
    contentType,
    profile: contentType === OID.gmSignedData ? 'gmt0010' : 'rfc5652',
    version: versionNode.valueBlock.valueDec,
    digestAlgorithms: digestAlgs.valueBlock.value.map((a) => algorithmFromAsn1(a, 'CMS', CODE).oid),
    eContentType: eTypeNode.valueBlock.toString(),
    ...(eContent ? { eContent } : {}),
    certificates,
    signerInfos: signerSet.valueBlock.value.map(signerInfoFromAsn1),
  };
}

function signerInfoFromAsn1(node: asn1js.AsnType): ParsedSignerInfo {
  if (!(node instanceof asn1js.Sequence)) return malformed('SignerInfo is not a SEQUENCE');
  const fields = [...node.valueBlock.value];
  const [versionNode, sidNode, digestNode] = fields.splice(0, 3);
  if (!(versionNode instanceof asn1js.Integer) || !sidNode) return malformed('bad SignerInfo');
  let sid: SignerIdentifier;
  if (sidNode instanceof asn1js.Sequence) {
    const [issuer, serial] = sidNode.valueBlock.value;
    if (!issuer || !(serial instanceof asn1js.Integer)) return malformed('bad IssuerAndSerialNumber');
    sid = {
      type: 'issuerAndSerialNumber',
      issuer: nameFromAsn1(issuer),
      serialHex: normaliseSerialHex(toHex(new Uint8Array(serial.valueBlock.valueHexView))),
    };
  } else if (isContext(sidNode, 0) && !sidNode.idBlock.isConstructed) {
    sid = {
      type: 'subjectKeyIdentifier',
      keyIdentifier: originalBytes(sidNode).subarray(
        sidNode.idBlock.blockLength + sidNode.lenBlock.blockLength,
      ),
    };
  } else {
    return malformed('bad SignerIdentifier');
  }
  let signedAttributesDer: Uint8Array | undefined;
  let signedAttributes: CmsAttribute[] = [];
  if (isContext(fields[0], 0)) {
    const attrs = fields.shift() as asn1js.Constructed;
    // The signature covers the attributes with the SET tag instead of [0] IMPLICIT.
    signedAttributesDer = new Uint8Array(originalBytes(attrs));
    signedAttributesDer[0] = 0x31;
    signedAttributes = parseAttributes(attrs, CODE);
  }
  const sigAlg = fields.shift();
  const sigNode = fields.shift();
  if (!(sigNode instanceof asn1js.OctetString)) return malformed('signature is not an OCTET STRING');
  let unsignedAttributes: CmsAttribute[] = [];
  if (isContext(fields[0], 1))
    unsignedAttributes = parseAttributes(fields.shift() as asn1js.Constructed, CODE);
  if (fields.length) return malformed('trailing SignerInfo elements');

  const single = (oid: string): Uint8Array | undefined => {
    const found = signedAttributes.filter((a) => a.oid === oid);
    if (found.length > 1 || (found[0] && found[0].values.length !== 1)) {
      return malformed(`attribute ${oid} must appear once with one value`);
    }
    return found[0]?.values[0];
  };
  const ct = single(OID.contentTypeAttr);
  const md = single(OID.messageDigestAttr);
  const st = single(OID.signingTimeAttr);
  const sc2 = single(OID.signingCertificateV2Attr);
  const sc1 = single(OID.signingCertificateAttr);
  const contentType = ct ? readOidValue(ct) : undefined;
  const messageDigest = md ? readOctetValue(md) : undefined;
  const signingTime = st ? readTimeValue(st) : undefined;
  const signingCertificate = sc2
    ? { version: 2 as const, certs: parseSigningCertificateV2(sc2, CODE) }
    : sc1
      ? { version: 1 as const, certs: parseSigningCertificateV1(sc1, CODE) }
      : undefined;
  return {
    version: versionNode.valueBlock.valueDec,
    sid,
    digestAlgorithm: algorithmFromAsn1(digestNode, 'SignerInfo', CODE),
    signatureAlgorithm: algorithmFromAsn1(sigAlg, 'SignerInfo', CODE),
    ...(signedAttributesDer ? { signedAttributesDer } : {}),
    signedAttributes,
    unsignedAttributes,
    signature: octetStringBytes(sigNode),
    ...(contentType ? { contentType } : {}),
    ...(messageDigest ? { messageDigest } : {}),
    ...(signingTime ? { signingTime } : {}),
    ...(signingCertificate ? { signingCertificate } : {}),
    timestampTokens: unsignedAttributes
      .filter((a) => a.oid === OID.timeStampTokenAttr)
      .flatMap((a) => a.values),
  };
}
