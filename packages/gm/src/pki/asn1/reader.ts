import { GmError } from '../../errors.js';

/**
 * A minimal offset-based DER reader for long flat lists (CRL entries) where building an object
 * per element would cost too much. Only definite lengths; input already passed checkBerStructure.
 */
export interface Tlv {
  readonly tag: number;
  /** Offset of the contents. */
  readonly start: number;
  /** Offset just past the contents. */
  readonly end: number;
  /** Offset of the tag byte. */
  readonly offset: number;
}

export function readTlv(bytes: Uint8Array, offset: number, limit: number, code: string): Tlv {
  const fail = (message: string): never => {
    throw new GmError(code, message, { offset });
  };
  if (offset + 2 > limit) return fail('element truncated');
  const tag = bytes[offset] as number;
  if ((tag & 0x1f) === 0x1f) return fail('multi-byte tags are not expected here');
  const first = bytes[offset + 1] as number;
  let start = offset + 2;
  let length = first;
  if (first === 0x80) return fail('indefinite length where DER is required');
  if (first > 0x80) {
    const count = first & 0x7f;
    if (count > 4 || start + count > limit) return fail('bad length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[start + i] as number);
    start += count;
  }
  const end = start + length;
  if (end > limit) return fail('element truncated');
  return { tag, start, end, offset };
}

/** The direct children of a constructed element. */
export function readChildren(bytes: Uint8Array, parent: Tlv, code: string): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end;) {
    const child = readTlv(bytes, at, parent.end, code);
    out.push(child);
    at = child.end;
  }
  return out;
}

export const whole = (bytes: Uint8Array, tlv: Tlv): Uint8Array => bytes.subarray(tlv.offset, tlv.end);
export const contents = (bytes: Uint8Array, tlv: Tlv): Uint8Array => bytes.subarray(tlv.start, tlv.end);
