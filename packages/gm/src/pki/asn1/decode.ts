import * as asn1js from 'asn1js';
import { GmError } from '../../errors.js';
import { checkBerStructure, DEFAULT_DECODE_LIMITS } from './ber-check.js';
import type { DecodeLimits } from './ber-check.js';

export type { DecodeLimits } from './ber-check.js';

/**
 * Parses untrusted BER/DER: structural pre-check (size, depth, truncation, trailing bytes),
 * then asn1js with the same limits. Throws GmError, never an untyped error.
 */
export function decodeAsn1(
  bytes: Uint8Array,
  what: string,
  limits: Partial<DecodeLimits> = {},
): asn1js.AsnType {
  const effective: DecodeLimits = { ...DEFAULT_DECODE_LIMITS, ...limits };
  if (!(bytes instanceof Uint8Array))
    throw new GmError('GM_ASN1_MALFORMED', `${what}: input is not bytes`, { what });
  checkBerStructure(bytes, what, effective);
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    parsed = asn1js.fromBER(bytes, {
      maxDepth: effective.maxDepth + 1,
      maxNodes: effective.maxElements + 1,
      maxContentLength: effective.maxBytes,
      parseEmbedded: false,
    });
  } catch (cause) {
    throw new GmError('GM_ASN1_MALFORMED', `${what}: BER decoding failed`, { what, cause: String(cause) });
  }
  if (parsed.offset === -1 || parsed.result.error) {
    throw new GmError('GM_ASN1_MALFORMED', `${what}: ${parsed.result.error || 'BER decoding failed'}`, {
      what,
    });
  }
  if (parsed.offset !== bytes.length) {
    throw new GmError('GM_ASN1_TRAILING_DATA', `${what}: bytes after the top-level element`, { what });
  }
  return parsed.result;
}

/**
 * Runs a schema-level conversion (usually a pkijs constructor) and turns any failure into a
 * GmError with the given code.
 */
export function fromSchemaOrThrow<T>(code: string, what: string, build: () => T): T {
  try {
    return build();
  } catch (cause) {
    if (cause instanceof GmError) throw cause;
    throw new GmError(code, `${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { what });
  }
}
