import { validateCitizenId, validateUscc } from '@zhengyin/gm';
import { validateLicenseData, type FieldProblem } from '../catalog/data-items.js';
import { HOLDER_CODE_TYPES, type HolderCodeType, type LicenseTypeVersion } from '../catalog/types.js';
import { LONG_TERM } from './metadata.js';
import type { LicenseHolder } from './types.js';

/** One licence to issue, as a department's system sends it. Dates are ISO `YYYY-MM-DD`. */
export interface IssueItem {
  readonly holder: { readonly name: string; readonly code: string; readonly codeType?: string };
  /** 证照编号; default: the serial. */
  readonly licenseNumber?: string;
  /** Default: today. */
  readonly issueDate?: string;
  /** Default: the issue date (types with a validity period). */
  readonly validFrom?: string;
  /** Default: from the type's validity rule; `长期` for long-term types. */
  readonly validTo?: string;
  readonly data: Record<string, unknown>;
}

export interface PreparedItem {
  readonly holder: LicenseHolder;
  readonly licenseNumber: string | null;
  readonly issueDate: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly longTerm: boolean;
  readonly data: Record<string, unknown>;
}

export type ItemProblem =
  FieldProblem | { readonly item: string; readonly problem: string; readonly message: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
  const m = ISO.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

export const isoDate = (at: Date): string => at.toISOString().slice(0, 10);

/** The last day of a period starting on `from`: from + years/months/days − 1 day. */
export function periodEnd(from: string, p: { years: number; months: number; days: number }): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + p.years, m - 1 + p.months, d + p.days - 1));
  return isoDate(end);
}

function checkHolderCode(codeType: HolderCodeType, code: string): string | null {
  if (codeType === '001') {
    const r = validateUscc(code);
    return r.valid ? null : `统一社会信用代码 invalid: ${r.message}`;
  }
  if (codeType === '111') {
    const r = validateCitizenId(code);
    return r.valid ? null : `公民身份号码 invalid: ${r.message}`;
  }
  return /^[0-9A-Za-z()（）-]{1,64}$/u.test(code) ? null : 'holder code: 1–64 letters or digits';
}

/**
 * Checks one item against the published type: schema, holder code by its type, dates and the
 * validity rule. Returns every problem (per field), or the normalised item.
 */
export function prepareItem(
  type: LicenseTypeVersion,
  item: IssueItem,
  today: string,
): { ok: true; item: PreparedItem } | { ok: false; problems: ItemProblem[] } {
  const problems: ItemProblem[] = [...validateLicenseData(type.dataItems, item.data ?? {})];
  const fail = (field: string, problem: string, message: string) =>
    problems.push({ item: field, problem, message });

  const name = typeof item.holder?.name === 'string' ? item.holder.name.trim() : '';
  if (!name || [...name].length > 200) fail('holder.name', 'REQUIRED', 'holder name: 1–200 characters');
  const defaultType: HolderCodeType = type.holderCategory === 'natural_person' ? '111' : '001';
  const codeType = (item.holder?.codeType ?? type.holderCodeTypes[0] ?? defaultType) as HolderCodeType;
  const code = typeof item.holder?.code === 'string' ? item.holder.code.trim().toUpperCase() : '';
  if (!Object.hasOwn(HOLDER_CODE_TYPES, codeType))
    fail('holder.codeType', 'ENUM', 'unknown holder code type');
  else if (type.holderCodeTypes.length > 0 && !type.holderCodeTypes.includes(codeType))
    fail('holder.codeType', 'ENUM', `the type accepts ${type.holderCodeTypes.join(', ')}`);
  else {
    const bad = checkHolderCode(codeType, code);
    if (bad) fail('holder.code', 'CODE', bad);
  }
  if (item.licenseNumber !== undefined && !/^[\p{L}\p{N}()（）〔〕[\]\-_/]{1,128}$/u.test(item.licenseNumber))
    fail('licenseNumber', 'PATTERN', 'licence number: 1–128 letters, digits or brackets');

  const issueDate = item.issueDate ?? today;
  if (!isIsoDate(issueDate)) fail('issueDate', 'DATE', 'expected a real date as YYYY-MM-DD');
  else if (issueDate > today) fail('issueDate', 'DATE', 'the issue date is in the future');

  let validFrom: string | null = null;
  let validTo: string | null = null;
  let longTerm = false;
  const rule = type.validity;
  if (rule.kind === 'none') {
    if (item.validFrom || item.validTo) fail('validTo', 'DATE', 'the type has no validity period');
  } else {
    validFrom = item.validFrom ?? issueDate;
    if (!isIsoDate(validFrom)) fail('validFrom', 'DATE', 'expected a real date as YYYY-MM-DD');
    if (rule.kind === 'long_term') {
      if (item.validTo !== undefined && item.validTo !== LONG_TERM)
        fail('validTo', 'DATE', `the type is long-term (${LONG_TERM})`);
      longTerm = true;
    } else if (item.validTo === LONG_TERM) {
      fail('validTo', 'DATE', 'the type has a fixed validity period');
    } else if (isIsoDate(validFrom)) {
      validTo = item.validTo ?? periodEnd(validFrom, rule);
      if (!isIsoDate(validTo)) fail('validTo', 'DATE', 'expected a real date as YYYY-MM-DD');
      else if (validTo < validFrom) fail('validTo', 'DATE_ORDER', 'validTo is before validFrom');
      else if (validTo < today) fail('validTo', 'EXPIRED', 'the validity period has already ended');
    }
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    item: {
      holder: { name, code, codeType },
      licenseNumber: item.licenseNumber ?? null,
      issueDate,
      validFrom,
      validTo,
      longTerm,
      data: item.data,
    },
  };
}
