import { GmError } from '../errors.js';
import {
  childrenOf,
  expectSequence,
  isContext,
  isSequence,
  isUniversal,
  parseDer,
  primitiveContent,
  rawOf,
  readBits,
  readInteger,
  readOctets,
  readOid,
  readString,
  TAG,
  type DerNode,
} from './der-reader.js';
import {
  derBits,
  derContextConstructed,
  derContextPrimitive,
  derIa5,
  derInteger,
  derOctets,
  derOid,
  derSequence,
} from './der-writer.js';
import { decodeExtData, decodeExtDatas, decodeSealNode, encodeExtDatas, encodeSeal } from './seal-codec.js';
import { encodeTime, readTime } from './time-codec.js';
import type {
  SesDecodeLimits,
  SesExtData,
  SesSeal,
  SesSealFields,
  SesSignature,
  SesSignatureFields,
  SesTagging,
  SesTbsSign,
  SesTbsSignFields,
  SesVersion,
} from './types.js';

const malformed = (path: string, message: string): GmError =>
  new GmError('GM_SES_MALFORMED', `${path}: ${message}`, { path });

/** v4 extDatas: `[0] EXPLICIT SEQUENCE OF`, `[0] IMPLICIT SEQUENCE OF`, or untagged (all seen). */
function decodeTaggedExtDatas(node: DerNode, path: string): { extDatas: SesExtData[]; tagging: SesTagging } {
  if (isSequence(node)) return { extDatas: decodeExtDatas(node, path), tagging: 'untagged' };
  if (!isContext(node, 0) || !node.idBlock.isConstructed)
    throw malformed(path, 'expected [0] ExtensionDatas');
  const inner = childrenOf(node);
  const only = inner[0];
  if (inner.length === 1 && isSequence(only) && childrenOf(only).every(isSequence)) {
    return { extDatas: decodeExtDatas(only, path), tagging: 'explicit' };
  }
  return { extDatas: inner.map((e, n) => decodeExtData(e, `${path}[${n}]`)), tagging: 'implicit' };
}

/** v4 timeStamp: `[0] EXPLICIT BIT STRING`, `[0] IMPLICIT BIT STRING` or an untagged BIT STRING. */
function decodeTimeStamp(node: DerNode, path: string): { timeStamp: Uint8Array; tagging: SesTagging } {
  if (isUniversal(node, TAG.BIT_STRING)) return { timeStamp: readBits(node, path), tagging: 'untagged' };
  if (isContext(node, 0) && node.idBlock.isConstructed) {
    const inner = childrenOf(node);
    if (inner.length !== 1) throw malformed(path, 'expected one BIT STRING inside [0]');
    return { timeStamp: readBits(inner[0], path), tagging: 'explicit' };
  }
  if (isContext(node, 0)) {
    const content = primitiveContent(node);
    if (content.length === 0 || content[0] !== 0) throw malformed(path, 'bad [0] IMPLICIT BIT STRING');
    return { timeStamp: content.subarray(1), tagging: 'implicit' };
  }
  throw malformed(path, 'expected [0] timeStamp');
}

function decodeTbsV4(node: DerNode | undefined, path: string): SesTbsSign {
  const items = expectSequence(node, path, 5, 6);
  const ext = items[5] === undefined ? undefined : decodeTaggedExtDatas(items[5], `${path}.extDatas`);
  return {
    version: readInteger(items[0], `${path}.version`),
    seal: decodeSealNode(items[1], `${path}.eseal`),
    timeInfo: readTime(items[2], `${path}.timeInfo`),
    dataHash: readBits(items[3], `${path}.dataHash`),
    propertyInfo: readString(items[4], `${path}.propertyInfo`),
    ...(ext && { extDatas: ext.extDatas, extDatasTagging: ext.tagging }),
    der: rawOf(node),
  };
}

function decodeTbsV1(node: DerNode | undefined, path: string): SesTbsSign {
  const items = expectSequence(node, path, 7, 7);
  return {
    version: readInteger(items[0], `${path}.version`),
    seal: decodeSealNode(items[1], `${path}.eseal`),
    timeInfo: readTime(items[2], `${path}.timeInfo`),
    dataHash: readBits(items[3], `${path}.dataHash`),
    propertyInfo: readString(items[4], `${path}.propertyInfo`),
    certificate: readOctets(items[5], `${path}.cert`),
    signatureAlgorithm: readOid(items[6], `${path}.signatureAlgorithm`),
    der: rawOf(node),
  };
}

/** Decodes an SES_Signature element (already parsed): 2 elements = v1, 4–5 elements = v4. */
export function decodeSignatureNode(node: DerNode, path: string): SesSignature {
  if (!isSequence(node)) throw malformed(path, 'expected SEQUENCE');
  const items = childrenOf(node);
  if (items.length === 2) {
    if (!isSequence(items[0])) throw malformed(`${path}.toSign`, 'expected SEQUENCE');
    const tbs = decodeTbsV1(items[0], `${path}.toSign`);
    return {
      version: 1,
      tbs,
      signerCertificate: tbs.certificate!,
      signatureAlgorithm: tbs.signatureAlgorithm!,
      signature: readBits(items[1], `${path}.signature`),
      der: rawOf(node),
    };
  }
  if (items.length === 4 || items.length === 5) {
    if (!isSequence(items[0])) throw malformed(`${path}.toSign`, 'expected SEQUENCE');
    const ts = items[4] === undefined ? undefined : decodeTimeStamp(items[4], `${path}.timeStamp`);
    return {
      version: 4,
      tbs: decodeTbsV4(items[0], `${path}.toSign`),
      signerCertificate: readOctets(items[1], `${path}.cert`),
      signatureAlgorithm: readOid(items[2], `${path}.signatureAlgID`),
      signature: readBits(items[3], `${path}.signature`),
      ...(ts && { timeStamp: ts.timeStamp, timeStampTagging: ts.tagging }),
      der: rawOf(node),
    };
  }
  throw malformed(path, `SES_Signature has ${items.length} elements; expected 2 (v1) or 4–5 (v4)`);
}

/** Decodes DER SES_Signature bytes (SignedValue.dat), v4 (GB/T 38540) or v1 (GM/T 0031). */
export function decodeSesSignature(bytes: Uint8Array, limits?: SesDecodeLimits): SesSignature {
  return decodeSignatureNode(parseDer(bytes, limits), 'SES_Signature');
}

const hasDer = (seal: SesSealFields | SesSeal): seal is SesSeal =>
  (seal as Partial<SesSeal>).der instanceof Uint8Array;

function encodeTagged(
  tagging: SesTagging | undefined,
  untagged: Uint8Array,
  implicit: () => Uint8Array,
): Uint8Array {
  switch (tagging ?? 'explicit') {
    case 'explicit':
      return derContextConstructed(0, untagged);
    case 'implicit':
      return implicit();
    case 'untagged':
      return untagged;
  }
}

/** DER(TBS_Sign) in the layout of `version` (the SES structure family, not tbs.version). */
export function encodeTbsSign(tbs: SesTbsSignFields, version: SesVersion): Uint8Array {
  const seal = hasDer(tbs.seal) ? tbs.seal.der : encodeSeal(tbs.seal);
  const common = [
    derInteger(tbs.version),
    seal,
    encodeTime(tbs.timeInfo),
    derBits(tbs.dataHash),
    derIa5(tbs.propertyInfo, 'propertyInfo'),
  ];
  if (version === 1) {
    if (!tbs.certificate || !tbs.signatureAlgorithm) {
      throw new GmError('GM_SES_INVALID_FIELD', 'a v1 TBS_Sign needs certificate and signatureAlgorithm');
    }
    return derSequence(...common, derOctets(tbs.certificate), derOid(tbs.signatureAlgorithm));
  }
  if (tbs.extDatas === undefined) return derSequence(...common);
  const list = encodeExtDatas(tbs.extDatas);
  const ext = encodeTagged(tbs.extDatasTagging, list, () =>
    derContextConstructed(0, list.subarray(headerLength(list))),
  );
  return derSequence(...common, ext);
}

/** DER(SES_Signature) from fields, in the layout of `sig.version`. */
export function encodeSesSignature(sig: SesSignatureFields): Uint8Array {
  if (sig.version !== 1 && sig.version !== 4) {
    throw new GmError(
      'GM_SES_UNSUPPORTED_VERSION',
      `unsupported SES_Signature version ${String(sig.version)}`,
    );
  }
  const tbs = encodeTbsSign(sig.tbs, sig.version);
  if (sig.version === 1) return derSequence(tbs, derBits(sig.signature));
  const parts = [
    tbs,
    derOctets(sig.signerCertificate),
    derOid(sig.signatureAlgorithm),
    derBits(sig.signature),
  ];
  if (sig.timeStamp !== undefined) {
    const bits = derBits(sig.timeStamp);
    parts.push(
      encodeTagged(sig.timeStampTagging, bits, () =>
        derContextPrimitive(0, bits.subarray(headerLength(bits))),
      ),
    );
  }
  return derSequence(...parts);
}

/** Length of a DER header (identifier + length octets) at the start of `der`. */
function headerLength(der: Uint8Array): number {
  const first = der[1] ?? 0;
  return first < 0x80 ? 2 : 2 + (first & 0x7f);
}
