import type { SesCheck, SesCheckStatus } from './types.js';

type Details = SesCheck['details'];

export const check = (
  name: string,
  status: SesCheckStatus,
  code: string,
  message: string,
  details?: Details,
): SesCheck =>
  details === undefined ? { name, status, code, message } : { name, status, code, message, details };

/** The verdict is a pure function of the checks: any INVALID wins, then any ERROR, else VALID. */
export function sesVerdict(checks: readonly SesCheck[]): 'VALID' | 'INVALID' | 'ERROR' {
  if (checks.some((c) => c.status === 'INVALID')) return 'INVALID';
  if (checks.some((c) => c.status === 'ERROR')) return 'ERROR';
  return 'VALID';
}
