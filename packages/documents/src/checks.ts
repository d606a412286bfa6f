/**
 * The verification check model shared by every document verifier (PDF, OFD) and by
 * core/verification: a list of named checks, each with a status and a stable reason code, and a
 * verdict computed from them — never a bare boolean.
 */
export type CheckStatus = 'VALID' | 'INVALID' | 'ERROR' | 'SKIPPED';

export interface Check {
  /** What was checked, e.g. INTEGRITY, SIGNATURE, CERTIFICATE_CHAIN, TIMESTAMP, SEAL. */
  readonly name: string;
  readonly status: CheckStatus;
  /** Stable reason code, e.g. PDF_BYTE_RANGE_MISMATCH; documented in docs/VERIFICATION.md. */
  readonly code: string;
  readonly message: string;
  readonly details?: Record<string, unknown>;
}

export type Verdict = 'VALID' | 'INVALID' | 'INDETERMINATE';

/** A check; `details` only when given. */
export const check = (
  name: string,
  status: CheckStatus,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): Check => (details ? { name, status, code, message, details } : { name, status, code, message });

/** INVALID if any check is INVALID, INDETERMINATE if any is ERROR, otherwise VALID. */
export function verdictOf(checks: readonly Check[]): Verdict {
  if (checks.some((c) => c.status === 'INVALID')) return 'INVALID';
  if (checks.some((c) => c.status === 'ERROR')) return 'INDETERMINATE';
  return 'VALID';
}

/** Typed error of @zhengyin/documents (malformed input, unsupported features, limits). */
export class DocumentError extends Error {
  override readonly name = 'DocumentError';
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
