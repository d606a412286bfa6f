import { GmError } from '../errors.js';
import { PROVINCES } from './area-code.js';
import type { CodeCheckResult } from './result.js';
import { invalid } from './result.js';

/** 公民身份号码 (GB 11643-1999): area(6) birth date(8) sequence(3) check(1). */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const EARLIEST_YEAR = 1800;

export type CitizenIdReason = 'FORMAT' | 'AREA_CODE' | 'BIRTH_DATE' | 'CHECK_CHARACTER';

export interface CitizenIdDetails {
  /** The 18-character number (upper-case X; converted when a 15-digit number was given). */
  readonly id: string;
  readonly areaCode: string;
  /** ISO date YYYY-MM-DD. */
  readonly birthDate: string;
  readonly sex: 'male' | 'female';
  readonly sequence: string;
  readonly convertedFrom15: boolean;
}

export type CitizenIdResult = CodeCheckResult<CitizenIdDetails, CitizenIdReason>;

export interface CitizenIdOptions {
  /** Reference day for the "not born in the future" check (default: now). */
  readonly today?: Date;
  /** Accept legacy 15-digit numbers and convert them (default false). */
  readonly allowLegacy15?: boolean;
}

export function citizenIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('citizen ID body must be 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK[sum % 11] as string;
}

function birthDateProblem(yyyymmdd: string, today?: Date): string | undefined {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return `birth date ${yyyymmdd} does not exist`;
  }
  if (y < EARLIEST_YEAR) return `birth year ${y} before ${EARLIEST_YEAR}`;
  if (today && date.getTime() > Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()))
    return `birth date ${yyyymmdd} is in the future`;
  return undefined;
}

/** Converts a legacy 15-digit number (YYMMDD, born 19YY) to 18 digits with its check character. */
export function convertCitizenId15To18(id15: string): string {
  const id = id15.trim();
  if (!/^\d{15}$/.test(id)) throw new GmError('GM_CODE_FORMAT', 'a legacy citizen ID has 15 digits');
  const first17 = `${id.slice(0, 6)}19${id.slice(6)}`;
  const problem = birthDateProblem(first17.slice(6, 14));
  if (problem) throw new GmError('GM_CODE_BIRTH_DATE', problem);
  return first17 + citizenIdCheckCharacter(first17);
}

export function validateCitizenId(input: string, opts: CitizenIdOptions = {}): CitizenIdResult {
  let id = input.trim().toUpperCase();
  let convertedFrom15 = false;
  if (opts.allowLegacy15 && /^\d{15}$/.test(id)) {
    id = `${id.slice(0, 6)}19${id.slice(6)}`;
    convertedFrom15 = true;
  } else if (!/^\d{17}[\dX]$/.test(id)) {
    return invalid('FORMAT', 'citizen ID must be 17 digits and a check character [0-9X]');
  }
  const areaCode = id.slice(0, 6);
  if (!PROVINCES[areaCode.slice(0, 2)])
    return invalid('AREA_CODE', `unknown province code ${areaCode.slice(0, 2)}`);
  const birth = id.slice(6, 14);
  const problem = birthDateProblem(birth, opts.today ?? new Date());
  if (problem) return invalid('BIRTH_DATE', problem);
  const expected = citizenIdCheckCharacter(id.slice(0, 17));
  if (convertedFrom15) id += expected;
  else if (id[17] !== expected)
    return invalid('CHECK_CHARACTER', 'citizen ID check character mismatch', expected);
  const sequence = id.slice(14, 17);
  return {
    valid: true,
    id,
    areaCode,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
    sex: Number(sequence[2]) % 2 === 1 ? 'male' : 'female',
    sequence,
    convertedFrom15,
  };
}
