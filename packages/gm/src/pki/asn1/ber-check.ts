import { GmError } from '../../errors.js';

/**
 * Limits applied to untrusted BER/DER before any parser sees it. asn1js recurses per nesting
 * level, so depth and size are checked here first, iteratively, with precise error codes.
 */
export interface DecodeLimits {
  /** Largest accepted input in bytes. */
  readonly maxBytes: number;
  /** Deepest accepted nesting of constructed elements (the outermost element is depth 1). */
  readonly maxDepth: number;
  /** Most TLV elements accepted (constructed and primitive, outside primitive contents). */
  readonly maxElements: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = { maxBytes: 1 << 20, maxDepth: 48, maxElements: 200_000 };

interface Frame {
  readonly end: number; // exclusive; -1 for indefinite length
}

const fail = (code: string, message: string, what: string, offset: number): never => {
  throw new GmError(code, `${what}: ${message}`, { what, offset });
};

/**
 * Walks the TLV structure of `bytes` without building objects: exactly one top-level element,
 * definite lengths inside bounds, indefinite lengths only on constructed elements and closed by
 * end-of-contents, nesting within `maxDepth`. Throws GM_ASN1_* errors.
 */
export function checkBerStructure(bytes: Uint8Array, what: string, limits: DecodeLimits): void {
  if (bytes.length === 0) fail('GM_ASN1_EMPTY', 'empty input', what, 0);
  if (bytes.length > limits.maxBytes) {
    throw new GmError(
      'GM_ASN1_TOO_LARGE',
      `${what}: input of ${bytes.length} bytes exceeds ${limits.maxBytes}`,
      {
        what,
        size: bytes.length,
        maxBytes: limits.maxBytes,
      },
    );
  }
  const stack: Frame[] = [];
  let pos = 0;
  let elements = 0;
  let topLevelDone = false;
  while (pos < bytes.length) {
    const parent = stack[stack.length - 1];
    if (parent && parent.end === pos) {
      stack.pop();
      continue;
    }
    if (!parent && topLevelDone)
      fail('GM_ASN1_TRAILING_DATA', 'bytes after the top-level element', what, pos);
    const start = pos;
    // End-of-contents closes the innermost indefinite-length element.
    if (bytes[pos] === 0 && bytes[pos + 1] === 0 && parent && parent.end === -1) {
      stack.pop();
      pos += 2;
      if (stack.length === 0) topLevelDone = true;
      continue;
    }
    const tag = bytes[pos] as number;
    pos += 1;
    if ((tag & 0x1f) === 0x1f) {
      let count = 0;
      for (;;) {
        if (pos >= bytes.length) fail('GM_ASN1_TRUNCATED', 'tag truncated', what, start);
        const b = bytes[pos] as number;
        pos += 1;
        count += 1;
        if (count > 4) fail('GM_ASN1_MALFORMED', 'tag number too large', what, start);
        if ((b & 0x80) === 0) break;
      }
    }
    if (pos >= bytes.length) fail('GM_ASN1_TRUNCATED', 'length truncated', what, start);
    const first = bytes[pos] as number;
    pos += 1;
    const constructed = (tag & 0x20) !== 0;
    let end: number;
    if (first === 0x80) {
      if (!constructed) fail('GM_ASN1_MALFORMED', 'indefinite length on a primitive element', what, start);
      end = -1;
    } else if (first < 0x80) {
      end = pos + first;
    } else {
      const count = first & 0x7f;
      if (count > 4) fail('GM_ASN1_MALFORMED', 'length field too long', what, start);
      if (pos + count > bytes.length) fail('GM_ASN1_TRUNCATED', 'length truncated', what, start);
      let length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + (bytes[pos + i] as number);
      pos += count;
      end = pos + length;
    }
    const limit = enclosingEnd(stack, bytes.length);
    if (end > limit) fail('GM_ASN1_TRUNCATED', 'element extends past its container', what, start);
    elements += 1;
    if (elements > limits.maxElements) fail('GM_ASN1_TOO_MANY_ELEMENTS', 'too many elements', what, start);
    if (constructed) {
      if (stack.length + 1 > limits.maxDepth) {
        throw new GmError('GM_ASN1_TOO_DEEP', `${what}: nesting deeper than ${limits.maxDepth}`, {
          what,
          offset: start,
          maxDepth: limits.maxDepth,
        });
      }
      stack.push({ end });
      if (end === pos) {
        stack.pop();
        if (stack.length === 0) topLevelDone = true;
      }
    } else {
      pos = end;
      if (stack.length === 0) topLevelDone = true;
    }
    // Close every definite frame that ends here so the top-level flag is set in time.
    while (stack.length > 0 && (stack[stack.length - 1] as Frame).end === pos) {
      stack.pop();
      if (stack.length === 0) topLevelDone = true;
    }
  }
  if (stack.length > 0) fail('GM_ASN1_TRUNCATED', 'input ends inside an element', what, pos);
}

function enclosingEnd(stack: readonly Frame[], total: number): number {
  for (let i = stack.length - 1; i >= 0; i--) {
    const end = (stack[i] as Frame).end;
    if (end !== -1) return end;
  }
  return total;
}
