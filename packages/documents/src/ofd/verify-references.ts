/**
 * The REFERENCES check of one OFD signature: every Reference/CheckValue against the digest of the
 * part it names (GB/T 33190 §18; STANDARDS.md §13.2). CheckMethod: missing, the SM3 OID or the
 * string "SM3" mean base64(SM3(part bytes)). The non-standard `1.2.156.10197.1.401.2` (one vendor) is
 * tried both as plain SM3 and as SM3(Z_A ‖ bytes) with Z_A from the signer's key and the default
 * ID; which rule matched is reported per reference. Any other method: ERROR.
 */
import { sm2Z, sm3 } from '@zhengyin/gm';
import type { Check } from '../checks.js';
import { DocumentError } from '../checks.js';
import type { OfdPackage } from './package.js';
import type { OfdSignatureEntry } from './types.js';

export const SM3_OID = '1.2.156.10197.1.401';
export const SM3_WITH_Z_OID = '1.2.156.10197.1.401.2';

/** How a reference's digest was compared, and the outcome. */
export interface ReferenceOutcome {
  readonly part: string;
  readonly result: 'match' | 'mismatch' | 'missing';
  /** The rule that matched (non-standard files only say which). */
  readonly rule?: 'SM3' | 'SM3(Z_A‖data)';
}

/** Digests by part, shared by every signature of one verification (hostile files repeat parts). */
export type DigestCache = Map<string, Uint8Array | null>;

const MAX_LISTED = 20;

function partDigest(pkg: OfdPackage, part: string, cache: DigestCache): Uint8Array | null {
  if (cache.has(part)) return cache.get(part) ?? null;
  let digest: Uint8Array | null = null;
  if (pkg.has(part)) {
    try {
      digest = sm3(pkg.read(part));
    } catch (e) {
      if (!(e instanceof DocumentError) || e.code !== 'OFD_PART_MISSING') throw e;
    }
  }
  cache.set(part, digest);
  return digest;
}

function decodeBase64(text: string): Uint8Array | null {
  const clean = text.replace(/\s+/g, '');
  if (clean === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return null;
  return new Uint8Array(Buffer.from(clean, 'base64'));
}

const equal = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

type Method = 'sm3' | 'sm3-or-z' | 'unsupported';

function methodOf(checkMethod: string | undefined): Method {
  const m = (checkMethod ?? '').trim();
  if (m === '' || m === SM3_OID || m.toUpperCase() === 'SM3') return 'sm3';
  if (m === SM3_WITH_Z_OID) return 'sm3-or-z';
  return 'unsupported';
}

export interface ReferencesResult {
  readonly check: Check;
  readonly outcomes: readonly ReferenceOutcome[];
}

/**
 * Compares every reference of `entry`. `signerPublicKey` (65-byte SM2 point) is needed only for
 * the `.401.2` variant.
 */
export function referencesCheck(
  pkg: OfdPackage,
  entry: OfdSignatureEntry,
  signerPublicKey: Uint8Array | undefined,
  cache: DigestCache,
): ReferencesResult {
  const name = 'REFERENCES';
  const method = methodOf(entry.checkMethod);
  const base = { checkMethod: entry.checkMethod ?? null, references: entry.references.length };
  if (method === 'unsupported') {
    return {
      check: {
        name,
        status: 'ERROR',
        code: 'OFD_CHECK_METHOD_UNSUPPORTED',
        message: `CheckMethod ${entry.checkMethod ?? ''} is not supported: the references cannot be checked`,
        details: base,
      },
      outcomes: [],
    };
  }
  if (entry.references.length === 0) {
    return {
      check: {
        name,
        status: 'INVALID',
        code: 'OFD_NO_REFERENCES',
        message: 'the signature protects no file (no Reference)',
        details: base,
      },
      outcomes: [],
    };
  }
  const z = method === 'sm3-or-z' && signerPublicKey ? sm2Z(signerPublicKey) : undefined;
  const outcomes: ReferenceOutcome[] = entry.references.map((ref) => {
    const digest = partDigest(pkg, ref.part, cache);
    if (!digest) return { part: ref.part, result: 'missing' };
    const expected = decodeBase64(ref.checkValue);
    if (expected && equal(expected, digest)) return { part: ref.part, result: 'match', rule: 'SM3' };
    if (z && expected && equal(expected, sm3(z, pkg.read(ref.part)))) {
      return { part: ref.part, result: 'match', rule: 'SM3(Z_A‖data)' };
    }
    return { part: ref.part, result: 'mismatch' };
  });
  const missing = outcomes.filter((o) => o.result === 'missing').map((o) => o.part);
  const mismatched = outcomes.filter((o) => o.result === 'mismatch').map((o) => o.part);
  const matched = outcomes.length - missing.length - mismatched.length;
  const withZ = outcomes.filter((o) => o.rule === 'SM3(Z_A‖data)').map((o) => o.part);
  const details: Record<string, unknown> = {
    ...base,
    matched,
    ...(mismatched.length ? { mismatched: mismatched.slice(0, MAX_LISTED) } : {}),
    ...(missing.length ? { missing: missing.slice(0, MAX_LISTED) } : {}),
    ...(withZ.length ? { matchedWithZ: withZ.slice(0, MAX_LISTED) } : {}),
  };
  if (missing.length > 0) {
    return {
      check: {
        name,
        status: 'INVALID',
        code: 'OFD_REFERENCE_MISSING',
        message: `${missing.length} referenced file(s) missing from the package: ${missing.slice(0, 3).join(', ')}`,
        details,
      },
      outcomes,
    };
  }
  if (mismatched.length > 0) {
    return {
      check: {
        name,
        status: 'INVALID',
        code: 'OFD_REFERENCE_MISMATCH',
        message: `${mismatched.length} of ${outcomes.length} file(s) changed after signing: ${mismatched.slice(0, 3).join(', ')}`,
        details,
      },
      outcomes,
    };
  }
  return {
    check: {
      name,
      status: 'VALID',
      code: 'OFD_REFERENCES_MATCH',
      message:
        withZ.length > 0
          ? `all ${matched} file digests match (${withZ.length} only as SM3(Z_A‖data), non-standard)`
          : `all ${matched} file digests match`,
      details,
    },
    outcomes,
  };
}
