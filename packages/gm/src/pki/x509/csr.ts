import * as asn1js from 'asn1js';
import { GmError } from '../../errors.js';
import { signatureAlgorithmByOid, signatureAlgorithmForKey } from '../../algorithms/registry.js';
import type { SignFunction } from '../../algorithms/registry.js';
import { decodeAsn1, fromSchemaOrThrow } from '../asn1/decode.js';
import type { DecodeLimits } from '../asn1/decode.js';
import { asn1ToBytes, derBitString, derSequence, originalBytes, tlv } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';
import { decodePem, looksLikePem, pemText } from '../pem.js';
import { algorithmFromAsn1, encodeSignatureAlgorithm } from './algorithm-identifier.js';
import type { AlgorithmInfo } from './algorithm-identifier.js';
import { nameDer } from './create-certificate.js';
import {
  encodeBasicConstraints,
  encodeExtendedKeyUsage,
  encodeExtension,
  encodeKeyUsage,
  encodeSubjectAltName,
  extensionsFromAsn1,
} from './extensions.js';
import type {
  CertificateExtensions,
  ExtendedKeyUsageInput,
  KeyUsageName,
  SubjectAltNameInput,
} from './extensions.js';
import { nameFromAsn1 } from './name.js';
import type { DistinguishedName, NameInput } from './name.js';
import { parsePublicKeyInfo, publicKeyInfoFromAsn1 } from './public-key.js';
import type { PublicKeyInfo } from './public-key.js';

const EXTENSION_REQUEST = '1.2.840.113549.1.9.14';
const CODE = 'GM_CSR_MALFORMED';

export interface ParsedCsr {
  readonly der: Uint8Array;
  /** The original CertificationRequestInfo bytes (what the signature covers). */
  readonly tbs: Uint8Array;
  readonly subject: DistinguishedName;
  readonly publicKey: PublicKeyInfo;
  readonly signatureAlgorithm: AlgorithmInfo;
  readonly signature: Uint8Array;
  /** Extensions requested through the PKCS#9 extensionRequest attribute. */
  readonly requestedExtensions: CertificateExtensions;
  /** OIDs of all attributes. */
  readonly attributeOids: readonly string[];
}

export interface CreateCsrInput {
  readonly subject: NameInput;
  /** DER SubjectPublicKeyInfo of the key being certified. */
  readonly publicKey: Uint8Array;
  /** Signs with that same key (proof of possession). */
  readonly sign: SignFunction;
  readonly requestedExtensions?: {
    readonly basicConstraints?: { readonly ca: boolean; readonly pathLength?: number };
    readonly keyUsage?: readonly KeyUsageName[];
    readonly extendedKeyUsage?: readonly ExtendedKeyUsageInput[];
    readonly subjectAltName?: SubjectAltNameInput;
  };
}

export const CSR_LIMITS: DecodeLimits = { maxBytes: 128 * 1024, maxDepth: 24, maxElements: 10_000 };

/** PKCS#10 request signed with the subject's key (SM2: Z over the default ID). */
export async function createCsr(input: CreateCsrInput): Promise<ParsedCsr> {
  const key = parsePublicKeyInfo(input.publicKey);
  const algorithm = signatureAlgorithmForKey(key.spki);
  const algId = encodeSignatureAlgorithm(algorithm);
  const req = input.requestedExtensions;
  const exts: Uint8Array[] = [];
  if (req?.basicConstraints) {
    exts.push(
      encodeExtension(
        OID.basicConstraints,
        true,
        encodeBasicConstraints(req.basicConstraints.ca, req.basicConstraints.pathLength),
      ),
    );
  }
  if (req?.keyUsage) exts.push(encodeExtension(OID.keyUsage, true, encodeKeyUsage(req.keyUsage)));
  if (req?.extendedKeyUsage)
    exts.push(encodeExtension(OID.extKeyUsage, false, encodeExtendedKeyUsage(req.extendedKeyUsage)));
  if (req?.subjectAltName)
    exts.push(encodeExtension(OID.subjectAltName, false, encodeSubjectAltName(req.subjectAltName)));
  const attributes = exts.length
    ? [
        derSequence(
          asn1ToBytes(new asn1js.ObjectIdentifier({ value: EXTENSION_REQUEST })),
          tlv(0x31, derSequence(...exts)),
        ),
      ]
    : [];
  const info = derSequence(
    asn1ToBytes(new asn1js.Integer({ value: 0 })),
    nameDer(input.subject),
    key.spki,
    tlv(0xa0, ...attributes),
  );
  const signature = await input.sign(info);
  if (!algorithm.verify(key.spki, info, signature)) {
    throw new GmError(
      'GM_SIGNER_KEY_MISMATCH',
      'the CSR signature does not verify with the subject public key',
    );
  }
  return parseCsr(derSequence(info, algId, derBitString(signature)));
}

/** Parses a PKCS#10 request from DER or PEM ("CERTIFICATE REQUEST"). */
export function parseCsr(input: Uint8Array | string, limits: Partial<DecodeLimits> = {}): ParsedCsr {
  const der = looksLikePem(input)
    ? decodePem(pemText(input), ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']).der
    : (input as Uint8Array);
  const root = decodeAsn1(der, 'CSR', { ...CSR_LIMITS, ...limits });
  return fromSchemaOrThrow(CODE, 'CSR', () => csrFromAsn1(root, der));
}

function csrFromAsn1(root: asn1js.AsnType, der: Uint8Array): ParsedCsr {
  const malformed = (message: string): never => {
    throw new GmError(CODE, `CSR: ${message}`);
  };
  if (!(root instanceof asn1js.Sequence) || root.valueBlock.value.length !== 3)
    return malformed('not a SEQUENCE of 3');
  const [infoNode, algNode, sigNode] = root.valueBlock.value as [
    asn1js.AsnType,
    asn1js.AsnType,
    asn1js.AsnType,
  ];
  if (!(infoNode instanceof asn1js.Sequence)) return malformed('CertificationRequestInfo is not a SEQUENCE');
  if (
    !(sigNode instanceof asn1js.BitString) ||
    sigNode.idBlock.isConstructed ||
    sigNode.valueBlock.unusedBits
  ) {
    return malformed('bad signature BIT STRING');
  }
  const [version, subjectNode, spkiNode, attrsNode, ...rest] = infoNode.valueBlock.value;
  if (!(version instanceof asn1js.Integer) || version.valueBlock.valueDec !== 0)
    return malformed('bad version');
  if (!subjectNode || !spkiNode || rest.length) return malformed('bad CertificationRequestInfo');
  let requestedExtensions: CertificateExtensions = { list: [] };
  const attributeOids: string[] = [];
  if (attrsNode) {
    if (
      attrsNode.idBlock.tagClass !== 3 ||
      attrsNode.idBlock.tagNumber !== 0 ||
      !(attrsNode instanceof asn1js.Constructed)
    ) {
      return malformed('bad attributes');
    }
    for (const attr of attrsNode.valueBlock.value) {
      if (!(attr instanceof asn1js.Sequence)) return malformed('bad attribute');
      const [type, values] = attr.valueBlock.value;
      if (!(type instanceof asn1js.ObjectIdentifier) || !(values instanceof asn1js.Set))
        return malformed('bad attribute');
      const oid = type.valueBlock.toString();
      attributeOids.push(oid);
      if (oid === EXTENSION_REQUEST) requestedExtensions = extensionsFromAsn1(values.valueBlock.value[0]);
    }
  }
  return {
    der,
    tbs: originalBytes(infoNode),
    subject: nameFromAsn1(subjectNode),
    publicKey: publicKeyInfoFromAsn1(spkiNode, originalBytes(spkiNode)),
    signatureAlgorithm: algorithmFromAsn1(algNode, 'CSR', CODE),
    signature: new Uint8Array(sigNode.valueBlock.valueHexView),
    requestedExtensions,
    attributeOids,
  };
}

/** Proof of possession: the request verifies with its own public key. */
export function verifyCsr(csr: ParsedCsr): boolean {
  const algorithm = signatureAlgorithmByOid(csr.signatureAlgorithm.oid);
  if (!algorithm || algorithm.keyAlgorithm !== csr.publicKey.algorithm) return false;
  return algorithm.verify(csr.publicKey.spki, csr.tbs, csr.signature);
}
