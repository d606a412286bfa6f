/**
 * Realistic, distinct 营业执照 items for the issuance benchmark: company names, valid USCCs (GB 32100
 * with the embedded GB 11714 organisation code), legal representatives, dates and capital.
 * Deterministic, so every run (ours and the baseline, PGlite and PostgreSQL) issues the same data.
 */
import type { IssueItem } from '@zhengyin/core';
import { orgCodeCheckCharacter, usccCheckCharacter, validateUscc } from '@zhengyin/gm';

const AREAS = ['610102', '610103', '610104', '610111', '610112', '610113', '610114', '610116'];
const CITIES = ['西安', '长安', '碑林', '雁塔', '未央', '灞桥', '莲湖', '新城'];
const WORDS = [
  '华信',
  '秦川',
  '丝路',
  '启明',
  '汇通',
  '鼎盛',
  '博远',
  '瑞丰',
  '泰和',
  '智联',
  '德润',
  '恒昌',
];
const TRADES = ['科技', '信息技术', '商贸', '餐饮管理', '建筑工程', '文化传媒', '物流', '医药', '电子'];
const FORMS = ['有限公司', '有限责任公司', '股份有限公司'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛'];

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

/** USCC of an enterprise (authority 9, category 1) registered in `area`, organisation body from `n`. */
export function benchUscc(area: string, n: number): string {
  const body = String(10_000_000 + ((n * 7_919) % 89_999_999)).padStart(8, '0');
  const first17 = `91${area}${body}${orgCodeCheckCharacter(body)}`;
  const code = `${first17}${usccCheckCharacter(first17)}`;
  if (!validateUscc(code).valid) throw new Error(`generated an invalid USCC ${code}`);
  return code;
}

/** Item `n` of the run (n ≥ 0): a distinct holder name and code. */
export function benchItem(n: number): IssueItem {
  // Mixed radix over the word lists: the first 2,592 names are distinct without a number.
  const [city, word, trade, form] = [
    n % 8,
    Math.floor(n / 8) % 12,
    Math.floor(n / 96) % 9,
    Math.floor(n / 864),
  ];
  const branch = form >= FORMS.length ? `第${Math.floor(form / FORMS.length) + 1}分公司` : '';
  const name = `${pick(CITIES, city)}${pick(WORDS, word)}${pick(TRADES, trade)}${pick(FORMS, form)}${branch}`;
  const month = 1 + (n % 12);
  const day = 1 + (n % 28);
  return {
    holder: { name, code: benchUscc(pick(AREAS, n), n) },
    data: {
      FDDBR: `${pick(SURNAMES, n * 5)}${pick(GIVEN, n * 3 + 1)}`,
      CLRQ: `${2000 + (n % 25)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      ZCZB: 50 + ((n * 37) % 5000),
    },
  };
}

/** `count` items starting at `from`. */
export function benchItems(from: number, count: number): IssueItem[] {
  return Array.from({ length: count }, (_, i) => benchItem(from + i));
}
