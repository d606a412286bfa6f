import * as asn1js from 'asn1js';
import { createHash } from 'node:crypto';
import { GmError } from '../../errors.js';
import { decodeAsn1, fromSchemaOrThrow } from '../asn1/decode.js';
import type { DecodeLimits } from '../asn1/decode.js';
import { originalBytes, toHex } from '../asn1/der.js';
import { decodeTime } from '../asn1/time.js';
import { decodePem, looksLikePem, pemText } from '../pem.js';
import { algorithmFromAsn1 } from './algorithm-identifier.js';
import type { AlgorithmInfo } from './algorithm-identifier.js';
import { extensionsFromAsn1 } from './extensions.js';
import type { CertificateExtensions } from './extensions.js';
import { nameFromAsn1, namesMatch } from './name.js';
import type { DistinguishedName } from './name.js';
import { publicKeyInfoFromAsn1 } from './public-key.js';
import type { PublicKeyInfo } from './public-key.js';

export interface ParsedCertificate {
  /** The certificate DER exactly as received. */
  readonly der: Uint8Array;
  /** The original TBSCertificate bytes (what the signature covers). */
  readonly tbs: Uint8Array;
  readonly version: 1 | 2 | 3;
  /** Lower-case hex of the serial number, without leading zero bytes. */
  readonly serialHex: string;
  readonly signatureAlgorithm: AlgorithmInfo;
  /** The algorithm repeated inside TBSCertificate; must equal signatureAlgorithm. */
  readonly tbsSignatureAlgorithm: AlgorithmInfo;
  readonly signature: Uint8Array;
  readonly issuer: DistinguishedName;
  readonly subject: DistinguishedName;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly publicKey: PublicKeyInfo;
  readonly extensions: CertificateExtensions;
  /** Subject and issuer names match. */
  readonly selfIssued: boolean;
  /** SHA-256 of the DER, lower-case hex. */
  readonly fingerprintSha256: string;
}

export const CERTIFICATE_LIMITS: DecodeLimits = { maxBytes: 256 * 1024, maxDepth: 24, maxElements: 20_000 };

const CODE = 'GM_X509_MALFORMED';

const malformed = (message: string): never => {
  throw new GmError(CODE, `certificate: ${message}`);
};

/** Normalises a serial number given as hex (any case, optional colons) to `serialHex` form. */
export function normaliseSerialHex(hex: string): string {
  const clean = hex.replace(/[\s:]/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(clean)) throw new GmError('GM_INVALID_ARGUMENT', 'serial number is not hex');
  const even = clean.length % 2 ? '0' + clean : clean;
  return even.replace(/^(00)+(?=..)/, '');
}

/** Parses one certificate from DER bytes or PEM text (the first CERTIFICATE block). */
export function parseCertificate(
  input: Uint8Array | string,
  limits: Partial<DecodeLimits> = {},
): ParsedCertificate {
  const der = looksLikePem(input)
    ? decodePem(pemText(input), ['CERTIFICATE', 'X509 CERTIFICATE']).der
    : (input as Uint8Array);
  const root = decodeAsn1(der, 'certificate', { ...CERTIFICATE_LIMITS, ...limits });
  return fromSchemaOrThrow(CODE, 'certificate', () => certificateFromAsn1(root, der));
}

export function certificateFromAsn1(root: asn1js.AsnType, der: Uint8Array): ParsedCertificate {
  if (!(root instanceof asn1js.Sequence) || root.valueBlock.value.length !== 3) {
    return malformed('not a SEQUENCE of 3');
  }
  const [tbsNode, algNode, sigNode] = root.valueBlock.value as [
    asn1js.AsnType,
    asn1js.AsnType,
    asn1js.AsnType,
  ];
  if (!(tbsNode instanceof asn1js.Sequence)) return malformed('TBSCertificate is not a SEQUENCE');
  if (!(sigNode instanceof asn1js.BitString) || sigNode.idBlock.isConstructed) {
    return malformed('signature is not a primitive BIT STRING');
  }
  if (sigNode.valueBlock.unusedBits !== 0) return malformed('signature BIT STRING has unused bits');
  const fields = [...tbsNode.valueBlock.value];
  let version: 1 | 2 | 3 = 1;
  const first = fields[0];
  if (first && first.idBlock.tagClass === 3 && first.idBlock.tagNumber === 0) {
    const inner = (first as asn1js.Constructed).valueBlock?.value?.[0];
    if (!(inner instanceof asn1js.Integer)) return malformed('bad version');
    const v = inner.valueBlock.valueDec;
    if (v !== 0 && v !== 1 && v !== 2) return malformed('unsupported version');
    version = (v + 1) as 1 | 2 | 3;
    fields.shift();
  }
  const [serialNode, tbsAlgNode, issuerNode, validityNode, subjectNode, spkiNode, ...optional] = fields;
  if (!(serialNode instanceof asn1js.Integer)) return malformed('serialNumber is not an INTEGER');
  if (!(validityNode instanceof asn1js.Sequence) || validityNode.valueBlock.value.length !== 2) {
    return malformed('bad validity');
  }
  if (!issuerNode || !subjectNode || !spkiNode) return malformed('TBSCertificate is incomplete');
  let extensionsNode: asn1js.AsnType | undefined;
  let lastTag = 0;
  for (const item of optional) {
    const tag = item.idBlock.tagNumber;
    if (item.idBlock.tagClass !== 3 || tag < 1 || tag > 3 || tag <= lastTag) {
      return malformed('unexpected element in TBSCertificate');
    }
    lastTag = tag;
    if (tag === 3) {
      if (version !== 3) return malformed('extensions require version 3');
      const wrapped = (item as asn1js.Constructed).valueBlock.value;
      if (!Array.isArray(wrapped) || wrapped.length !== 1) return malformed('bad extensions wrapper');
      extensionsNode = wrapped[0];
    }
  }
  const serialBytes = new Uint8Array(serialNode.valueBlock.valueHexView);
  if (serialBytes.length === 0) return malformed('empty serial number');
  const issuer = nameFromAsn1(issuerNode);
  const subject = nameFromAsn1(subjectNode);
  const [nb, na] = validityNode.valueBlock.value;
  return {
    der,
    tbs: originalBytes(tbsNode),
    version,
    serialHex: normaliseSerialHex(toHex(serialBytes)),
    signatureAlgorithm: algorithmFromAsn1(algNode, 'certificate', CODE),
    tbsSignatureAlgorithm: algorithmFromAsn1(tbsAlgNode, 'certificate', CODE),
    signature: new Uint8Array(sigNode.valueBlock.valueHexView),
    issuer,
    subject,
    notBefore: decodeTime(nb, 'notBefore'),
    notAfter: decodeTime(na, 'notAfter'),
    publicKey: publicKeyInfoFromAsn1(spkiNode, originalBytes(spkiNode)),
    extensions: extensionsFromAsn1(extensionsNode),
    selfIssued: namesMatch(issuer, subject),
    fingerprintSha256: createHash('sha256').update(der).digest('hex'),
  };
}
