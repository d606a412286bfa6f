import * as asn1js from 'asn1js';
import { GmError } from '../errors.js';
import type { SesDecodeLimits } from './types.js';

/** One element of a parsed DER tree (asn1js, embedded OCTET/BIT STRING content left unparsed). */
export type DerNode = asn1js.BaseBlock;

export const SES_DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 16;
const DEFAULT_MAX_NODES = 4096;

export const TAG = {
  BOOLEAN: 1,
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  OID: 6,
  UTF8_STRING: 12,
  SEQUENCE: 16,
  PRINTABLE_STRING: 19,
  T61_STRING: 20,
  IA5_STRING: 22,
  UTC_TIME: 23,
  GENERALIZED_TIME: 24,
  VISIBLE_STRING: 26,
  BMP_STRING: 30,
} as const;

const UNIVERSAL = 1;
const CONTEXT = 3;
const STRING_TAGS = new Set<number>([
  TAG.UTF8_STRING,
  TAG.PRINTABLE_STRING,
  TAG.T61_STRING,
  TAG.IA5_STRING,
  TAG.VISIBLE_STRING,
  TAG.BMP_STRING,
]);

const malformed = (path: string, message: string): GmError =>
  new GmError('GM_SES_MALFORMED', `${path}: ${message}`, { path });

function collectErrors(node: DerNode, out: string[]): void {
  for (const e of [node.error, node.idBlock.error, node.lenBlock.error, node.valueBlock.error]) {
    if (e) out.push(e);
  }
  for (const child of childrenOf(node)) collectErrors(child, out);
}

/**
 * Parses one complete DER element with limits. Truncated, garbage, indefinite-length, trailing,
 * too deep, too large or too complex input throws a typed GmError.
 */
export function parseDer(bytes: Uint8Array, limits: SesDecodeLimits = {}): DerNode {
  if (!(bytes instanceof Uint8Array)) throw new GmError('GM_SES_MALFORMED', 'input is not a Uint8Array');
  const maxBytes = limits.maxBytes ?? SES_DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    throw new GmError('GM_SES_TOO_LARGE', `input of ${bytes.length} bytes exceeds ${maxBytes}`, {
      length: bytes.length,
      maxBytes,
    });
  }
  if (bytes.length === 0) throw new GmError('GM_SES_MALFORMED', 'empty input');
  if (bytes[0] !== 0x30) throw new GmError('GM_SES_MALFORMED', 'input does not start with a SEQUENCE');
  let result: asn1js.FromBerResult;
  try {
    result = asn1js.fromBER(bytes, {
      maxDepth: limits.maxDepth ?? DEFAULT_MAX_DEPTH,
      maxNodes: limits.maxNodes ?? DEFAULT_MAX_NODES,
      maxContentLength: maxBytes,
      parseEmbedded: false,
    });
  } catch (e) {
    // asn1js throws plain Errors on some malformed primitives (e.g. an unparsable time).
    throw new GmError('GM_SES_MALFORMED', `not decodable: ${(e as Error).message}`);
  }
  const errors: string[] = [];
  collectErrors(result.result, errors);
  if (result.offset === -1 || errors.length > 0) {
    const text = [...new Set(errors)].join('; ') || 'not decodable';
    if (text.includes('depth')) throw new GmError('GM_SES_TOO_DEEP', `ASN.1 nesting too deep: ${text}`);
    if (text.includes('node count'))
      throw new GmError('GM_SES_TOO_COMPLEX', `too many ASN.1 elements: ${text}`);
    if (text.includes('content length')) throw new GmError('GM_SES_TOO_LARGE', `element too large: ${text}`);
    throw new GmError('GM_SES_MALFORMED', `not decodable: ${text}`);
  }
  const trailing = bytes.length - result.offset;
  if (trailing !== 0) {
    throw new GmError('GM_SES_MALFORMED', `${trailing} trailing bytes after the structure`, { trailing });
  }
  checkLengths(result.result);
  return result.result;
}

/** asn1js lets a last child run past its parent's declared length; DER does not. */
function checkLengths(node: DerNode): void {
  if (node.lenBlock.isIndefiniteForm) throw new GmError('GM_SES_NOT_DER', 'indefinite length is not DER');
  const header = node.idBlock.blockLength + node.lenBlock.blockLength;
  const declared = node.lenBlock.length;
  const children = childrenOf(node);
  const content = node.idBlock.isConstructed
    ? children.reduce((n, c) => n + c.valueBeforeDecodeView.length, 0)
    : node.valueBeforeDecodeView.length - header;
  if (content !== declared || node.valueBeforeDecodeView.length !== header + declared) {
    throw new GmError('GM_SES_MALFORMED', 'element length does not match its content');
  }
  for (const child of children) checkLengths(child);
}

export function childrenOf(node: DerNode | undefined): DerNode[] {
  if (node === undefined) return [];
  const value = (node.valueBlock as { value?: unknown }).value;
  return node.idBlock.isConstructed && Array.isArray(value) ? (value as DerNode[]) : [];
}

/** Original encoding of the element (header and content), as on file. */
export function rawOf(node: DerNode | undefined): Uint8Array {
  if (node === undefined) throw new GmError('GM_SES_MALFORMED', 'missing element');
  return node.valueBeforeDecodeView;
}

const contentOf = (node: DerNode): Uint8Array =>
  node.valueBeforeDecodeView.subarray(node.idBlock.blockLength + node.lenBlock.blockLength);

export const isUniversal = (node: DerNode | undefined, tag: number): boolean =>
  node !== undefined && node.idBlock.tagClass === UNIVERSAL && node.idBlock.tagNumber === tag;

export const isContext = (node: DerNode | undefined, tag: number): boolean =>
  node !== undefined && node.idBlock.tagClass === CONTEXT && node.idBlock.tagNumber === tag;

export const isSequence = (node: DerNode | undefined): boolean =>
  node !== undefined && isUniversal(node, TAG.SEQUENCE) && node.idBlock.isConstructed;

export const isString = (node: DerNode | undefined): boolean =>
  node !== undefined &&
  node.idBlock.tagClass === UNIVERSAL &&
  !node.idBlock.isConstructed &&
  STRING_TAGS.has(node.idBlock.tagNumber);

function primitive(node: DerNode | undefined, tag: number, path: string, what: string): Uint8Array {
  if (node === undefined || !isUniversal(node, tag) || node.idBlock.isConstructed) {
    throw malformed(path, `expected ${what}`);
  }
  return contentOf(node);
}

export function expectSequence(node: DerNode | undefined, path: string, min: number, max: number): DerNode[] {
  if (node === undefined || !isSequence(node)) throw malformed(path, 'expected SEQUENCE');
  const items = childrenOf(node);
  if (items.length < min || items.length > max) {
    throw malformed(path, `expected ${min === max ? min : `${min}–${max}`} elements, found ${items.length}`);
  }
  return items;
}

export function readInteger(node: DerNode | undefined, path: string): number {
  const content = primitive(node, TAG.INTEGER, path, 'INTEGER');
  if (content.length === 0) throw malformed(path, 'empty INTEGER');
  if (content.length > 6) throw malformed(path, 'INTEGER out of range');
  let value = 0;
  for (const byte of content) value = value * 256 + byte;
  // Two's complement: the top bit of the first byte is the sign.
  return content[0]! >= 0x80 ? value - 2 ** (8 * content.length) : value;
}

export function readString(node: DerNode | undefined, path: string): string {
  if (node === undefined || !isString(node)) throw malformed(path, 'expected a character string');
  const content = contentOf(node);
  if (node.idBlock.tagNumber === TAG.BMP_STRING) {
    if (content.length % 2 !== 0) throw malformed(path, 'odd BMPString length');
    let out = '';
    for (let i = 0; i < content.length; i += 2)
      out += String.fromCharCode((content[i]! << 8) | content[i + 1]!);
    return out;
  }
  return new TextDecoder('utf-8').decode(content);
}

export const readOctets = (node: DerNode | undefined, path: string): Uint8Array =>
  primitive(node, TAG.OCTET_STRING, path, 'OCTET STRING');

/** BIT STRING content without the unused-bits octet; SES bit strings are whole bytes. */
export function readBits(node: DerNode | undefined, path: string): Uint8Array {
  const content = primitive(node, TAG.BIT_STRING, path, 'BIT STRING');
  if (content.length === 0) throw malformed(path, 'empty BIT STRING');
  if (content[0] !== 0) throw malformed(path, `BIT STRING with ${content[0]} unused bits`);
  return content.subarray(1);
}

export function readOid(node: DerNode | undefined, path: string): string {
  const content = primitive(node, TAG.OID, path, 'OBJECT IDENTIFIER');
  if (content.length === 0 || (content[content.length - 1]! & 0x80) !== 0) throw malformed(path, 'bad OID');
  const arcs: bigint[] = [];
  let arc = 0n;
  let first = true;
  for (const byte of content) {
    if (first && byte === 0x80) throw malformed(path, 'non-minimal OID arc');
    arc = (arc << 7n) | BigInt(byte & 0x7f);
    first = false;
    if ((byte & 0x80) === 0) {
      arcs.push(arc);
      arc = 0n;
      first = true;
    }
  }
  const head = arcs[0]!;
  const top = head < 40n ? 0n : head < 80n ? 1n : 2n;
  return [top, head - top * 40n, ...arcs.slice(1)].join('.');
}

export function readBoolean(node: DerNode | undefined, path: string): boolean {
  const content = primitive(node, TAG.BOOLEAN, path, 'BOOLEAN');
  if (content.length !== 1) throw malformed(path, 'BOOLEAN must be one byte');
  return content[0] !== 0;
}

export const primitiveContent = contentOf;
