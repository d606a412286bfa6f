import { GmError } from '../errors.js';

/**
 * A strict DER reader and writer for the few small structures the SM2 code needs (signatures,
 * keys, ciphertexts). Strict on purpose: definite minimal lengths, low tag numbers, minimal
 * INTEGERs. Callers walk structures level by level, so nesting depth is bounded by the code.
 */

export const TAG_INTEGER = 0x02;
export const TAG_BIT_STRING = 0x03;
export const TAG_OCTET_STRING = 0x04;
export const TAG_NULL = 0x05;
export const TAG_OID = 0x06;
export const TAG_SEQUENCE = 0x30;

export interface DerElement {
  readonly tag: number;
  readonly contents: Uint8Array;
  /** Offset just past this element in the buffer it was read from. */
  readonly end: number;
}

const fail = (code: string, message: string, details?: Record<string, unknown>): never => {
  throw new GmError(code, message, details);
};

/** Reads one TLV at `offset`; rejects truncation, indefinite and non-minimal lengths. */
export function readElement(buf: Uint8Array, offset = 0): DerElement {
  if (offset + 2 > buf.length) fail('GM_DER_TRUNCATED', 'DER element header truncated', { offset });
  const tag = buf[offset] as number;
  if ((tag & 0x1f) === 0x1f) fail('GM_DER_INVALID', 'multi-byte DER tags are not supported', { offset });
  const first = buf[offset + 1] as number;
  let length: number;
  let headerEnd = offset + 2;
  if (first < 0x80) {
    length = first;
  } else {
    const count = first & 0x7f;
    if (count === 0) fail('GM_DER_INVALID', 'indefinite length is not DER', { offset });
    if (count > 4) fail('GM_DER_INVALID', 'DER length too large', { offset });
    if (headerEnd + count > buf.length) fail('GM_DER_TRUNCATED', 'DER length truncated', { offset });
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (buf[headerEnd + i] as number);
    if (buf[headerEnd] === 0 || length < 0x80) fail('GM_DER_INVALID', 'non-minimal DER length', { offset });
    headerEnd += count;
  }
  const end = headerEnd + length;
  if (end > buf.length) fail('GM_DER_TRUNCATED', 'DER contents truncated', { offset, length });
  return { tag, contents: buf.subarray(headerEnd, end), end };
}

/** Reads exactly one element spanning the whole buffer, with the expected tag. */
export function readWhole(buf: Uint8Array, tag: number): DerElement {
  const el = readElement(buf, 0);
  if (el.end !== buf.length)
    fail('GM_DER_TRAILING_DATA', 'trailing bytes after DER element', { extra: buf.length - el.end });
  return expectTag(el, tag);
}

export function expectTag(el: DerElement, tag: number): DerElement {
  if (el.tag !== tag)
    fail('GM_DER_UNEXPECTED_TAG', `expected DER tag 0x${tag.toString(16)}`, { tag: el.tag });
  return el;
}

/** Splits constructed contents into direct children; at most `max` children. */
export function readChildren(contents: Uint8Array, max = 16): DerElement[] {
  const out: DerElement[] = [];
  let offset = 0;
  while (offset < contents.length) {
    if (out.length === max) fail('GM_DER_INVALID', 'too many DER elements', { max });
    const el = readElement(contents, offset);
    out.push(el);
    offset = el.end;
  }
  return out;
}

/** A non-negative minimal INTEGER as bigint, at most `maxBytes` magnitude bytes. */
export function readUnsignedInteger(el: DerElement, maxBytes: number): bigint {
  expectTag(el, TAG_INTEGER);
  const c = el.contents;
  if (c.length === 0) fail('GM_DER_INVALID', 'empty INTEGER');
  if ((c[0] as number) & 0x80) fail('GM_DER_NEGATIVE_INTEGER', 'negative INTEGER');
  if (c.length > 1 && c[0] === 0 && ((c[1] as number) & 0x80) === 0)
    fail('GM_DER_INVALID', 'non-minimal INTEGER');
  const magnitude = c[0] === 0 ? c.subarray(1) : c;
  if (magnitude.length > maxBytes) fail('GM_DER_INTEGER_TOO_LARGE', 'INTEGER too large', { maxBytes });
  return magnitude.length === 0 ? 0n : BigInt('0x' + Buffer.from(magnitude).toString('hex'));
}

export function readSmallInteger(el: DerElement): number {
  return Number(readUnsignedInteger(el, 4));
}

export function readOid(el: DerElement): string {
  expectTag(el, TAG_OID);
  const c = el.contents;
  if (c.length === 0 || c.length > 64) fail('GM_DER_INVALID', 'bad OBJECT IDENTIFIER length');
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < c.length; i++) {
    const byte = c[i] as number;
    if (value === 0 && byte === 0x80) fail('GM_DER_INVALID', 'non-minimal OID arc');
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 256) fail('GM_DER_INVALID', 'OID arc too large');
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    } else if (i === c.length - 1) {
      fail('GM_DER_TRUNCATED', 'truncated OID arc');
    }
  }
  const first = arcs[0] as number;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

/** BIT STRING contents without unused bits; returns the payload bytes. */
export function readBitStringBytes(el: DerElement): Uint8Array {
  expectTag(el, TAG_BIT_STRING);
  if (el.contents.length === 0 || el.contents[0] !== 0)
    fail('GM_DER_INVALID', 'BIT STRING must have 0 unused bits');
  return el.contents.subarray(1);
}

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let l = length; l > 0; l = Math.floor(l / 256)) bytes.unshift(l % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export function encodeTlv(tag: number, ...parts: readonly Uint8Array[]): Uint8Array {
  const size = parts.reduce((n, p) => n + p.length, 0);
  const header = encodeLength(size);
  const out = new Uint8Array(1 + header.length + size);
  out[0] = tag;
  out.set(header, 1);
  let offset = 1 + header.length;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function encodeUnsignedInteger(value: bigint): Uint8Array {
  if (value < 0n) throw new RangeError('negative');
  let hex = value.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  let bytes = Buffer.from(hex, 'hex');
  if ((bytes[0] as number) & 0x80) bytes = Buffer.concat([Buffer.of(0), bytes]);
  return encodeTlv(TAG_INTEGER, bytes);
}

export function encodeOid(oid: string): Uint8Array {
  const arcs = oid.split('.').map(Number);
  const body: number[] = [];
  const push = (arc: number) => {
    const chunk = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    body.push(...chunk);
  };
  push((arcs[0] as number) * 40 + (arcs[1] as number));
  for (const arc of arcs.slice(2)) push(arc);
  return encodeTlv(TAG_OID, Uint8Array.from(body));
}

export const encodeBitString = (bytes: Uint8Array): Uint8Array =>
  encodeTlv(TAG_BIT_STRING, Uint8Array.of(0), bytes);
