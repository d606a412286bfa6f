import { orgCodeCheckCharacter } from './org-code.js';
import type { CodeCheckResult } from './result.js';
import { invalid } from './result.js';

/** 统一社会信用代码 (GB 32100-2015) with the embedded GB 11714 organisation code. */

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export const USCC_REGISTRATION_AUTHORITIES: Readonly<Record<string, string>> = {
  '1': '机构编制',
  '2': '外交',
  '3': '司法行政',
  '4': '文化',
  '5': '民政',
  '6': '旅游',
  '7': '宗教',
  '8': '工会',
  '9': '市场监管',
  A: '军委编制',
  N: '农业',
  Y: '其他',
};

const CATEGORIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '1': { '1': '机关', '2': '事业单位', '3': '群众团体', '9': '其他' },
  '5': { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' },
  '9': { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' },
};

export type UsccReason = 'FORMAT' | 'REGISTRATION_AUTHORITY' | 'CHECK_CHARACTER' | 'ORG_CODE_CHECK';

export interface UsccDetails {
  readonly code: string;
  readonly registrationAuthority: string;
  readonly registrationAuthorityName: string;
  readonly category: string;
  /** Known for authorities 1, 5 and 9 only. */
  readonly categoryName?: string;
  /** GB/T 2260 code of the registering administration (100000 for central bodies). */
  readonly areaCode: string;
  /** Embedded GB 11714 organisation code (positions 9–17). */
  readonly orgCode: string;
}

export type UsccResult = CodeCheckResult<UsccDetails, UsccReason>;

export interface UsccOptions {
  /** Also require the embedded organisation-code check (default true). */
  readonly checkOrgCode?: boolean;
}

/** Check character over the first 17 characters. */
export function usccCheckCharacter(first17: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(first17))
    throw new RangeError('USCC body must be 17 characters of the USCC alphabet');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i] as string) * (WEIGHTS[i] as number);
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] as string;
}

export function validateUscc(input: string, opts: UsccOptions = {}): UsccResult {
  const code = input.trim().toUpperCase();
  if (!FORMAT.test(code)) {
    return invalid(
      'FORMAT',
      'USCC must be 18 characters: 2 of the USCC alphabet, 6 digits, 10 of the alphabet',
    );
  }
  const authority = code[0] as string;
  const authorityName = USCC_REGISTRATION_AUTHORITIES[authority];
  if (!authorityName) return invalid('REGISTRATION_AUTHORITY', `unknown registration authority ${authority}`);
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) return invalid('CHECK_CHARACTER', 'USCC check character mismatch', expected);
  const orgCode = code.slice(8, 17);
  if (opts.checkOrgCode !== false) {
    const orgBody = orgCode.slice(0, 8);
    const orgCheck = /^[0-9A-Z]{8}$/.test(orgBody) ? orgCodeCheckCharacter(orgBody) : undefined;
    if (orgCode[8] !== orgCheck) {
      return invalid(
        'ORG_CODE_CHECK',
        'embedded organisation code (positions 9-17) fails its GB 11714 check',
        orgCheck,
      );
    }
  }
  const category = code[1] as string;
  const categoryName = CATEGORIES[authority]?.[category];
  return {
    valid: true,
    code,
    registrationAuthority: authority,
    registrationAuthorityName: authorityName,
    category,
    ...(categoryName ? { categoryName } : {}),
    areaCode: code.slice(2, 8),
    orgCode,
  };
}
