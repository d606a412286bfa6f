import type { CodeCheckResult } from './result.js';
import { invalid } from './result.js';

/** 组织机构代码 (GB 11714): 8 body characters [0-9A-Z] and a check character [0-9X]. */

export type OrgCodeReason = 'FORMAT' | 'CHECK_CHARACTER';
export type OrgCodeResult = CodeCheckResult<{ readonly code: string }, OrgCodeReason>;

const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

const value = (c: string): number => (c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55);

/** Check character for an 8-character body. */
export function orgCodeCheckCharacter(body: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body))
    throw new RangeError('organisation code body must be 8 characters [0-9A-Z]');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += value(body[i] as string) * (WEIGHTS[i] as number);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Accepts `XXXXXXXXC` or the printed form `XXXXXXXX-C`. */
export function validateOrgCode(input: string): OrgCodeResult {
  const code = input
    .trim()
    .toUpperCase()
    .replace(/^([0-9A-Z]{8})-/, '$1');
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(code))
    return invalid('FORMAT', 'organisation code must be 8 characters [0-9A-Z] and a check character [0-9X]');
  const expected = orgCodeCheckCharacter(code.slice(0, 8));
  if (code[8] !== expected)
    return invalid('CHECK_CHARACTER', 'organisation code check character mismatch', expected);
  return { valid: true, code };
}
