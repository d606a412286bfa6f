import { describe, expect, test } from 'vitest';
import type { AppError } from '../shared/app-error.js';
import { maskValue, validateLicenseData } from './data-items.js';
import { checkTypeCode } from './type-code.js';
import type { CatalogStatus, DataItem } from './types.js';
import { CATALOG_STATUSES } from './types.js';
import { CATALOG_ACTIONS, nextCatalogStatus } from './workflow.js';

const EDGES: Record<string, CatalogStatus> = {
  'draft edit': 'draft',
  'draft submit': 'submitted',
  'submitted approve': 'approved',
  'submitted reject': 'draft',
  'approved reject': 'draft',
  'approved publish': 'published',
  'published supersede': 'superseded',
};

describe('catalogue workflow', () => {
  for (const status of CATALOG_STATUSES) {
    for (const action of CATALOG_ACTIONS) {
      const key = `${status} ${action}`;
      test(key, () => {
        if (EDGES[key]) return expect(nextCatalogStatus(status, action)).toBe(EDGES[key]);
        let code: string | undefined;
        try {
          nextCatalogStatus(status, action);
        } catch (e) {
          code = (e as AppError).code;
        }
        expect(code).toBe('CATALOG_INVALID_TRANSITION');
      });
    }
  }
});

describe('licence type code (GB/T 36902)', () => {
  test('definer USCC + 3 digits', () => {
    expect(checkTypeCode('11100000000013338W011', '11100000000013338W')).toEqual([]);
    expect(checkTypeCode('11100000000013338W01', '11100000000013338W')).toContain(
      'type code must be 18 + 3 digits',
    );
    expect(checkTypeCode('11100000000013338W011', '91350200776049653A')).toContain(
      'type code must start with the definer code',
    );
    expect(checkTypeCode('91350203M0001QAY9B011', '91350203M0001QAY9B')).toContain(
      'definer code is not a valid 统一社会信用代码',
    );
  });
});

const ITEMS: DataItem[] = [
  {
    code: 'ZZBH',
    labelZh: '证照编号',
    labelEn: 'Number',
    type: 'text',
    required: true,
    maxLength: 12,
    pattern: '[A-Z0-9]+',
    masking: { kind: 'none' },
  },
  {
    code: 'CZZT',
    labelZh: '持证主体',
    labelEn: 'Holder',
    type: 'text',
    required: true,
    maxLength: 4,
    masking: { kind: 'partial', keepStart: 1, keepEnd: 0 },
  },
  {
    code: 'ZCZB',
    labelZh: '注册资本',
    labelEn: 'Capital',
    type: 'number',
    required: false,
    masking: { kind: 'hidden' },
  },
  {
    code: 'CLRQ',
    labelZh: '成立日期',
    labelEn: 'Founded',
    type: 'date',
    required: true,
    masking: { kind: 'none' },
  },
  {
    code: 'LX',
    labelZh: '类型',
    labelEn: 'Kind',
    type: 'enum',
    required: true,
    enumValues: ['有限责任公司', '个体工商户'],
    masking: { kind: 'none' },
  },
  {
    code: 'CY',
    labelZh: '成员',
    labelEn: 'Members',
    type: 'table',
    required: false,
    columns: ['XM', 'ZW'],
    masking: { kind: 'hidden' },
  },
];

describe('licence data against the data items', () => {
  test('valid data passes; a rare Ext-B character counts as one character', () => {
    expect(
      validateLicenseData(ITEMS, {
        ZZBH: 'A042012',
        CZZT: '𠮷野家',
        CLRQ: '2024-02-29',
        LX: '个体工商户',
        CY: [{ XM: '张三', ZW: '监事' }],
      }),
    ).toEqual([]);
  });
  test('every problem is reported, per field', () => {
    const problems = validateLicenseData(ITEMS, {
      ZZBH: 'a-1',
      CZZT: '张三李四王五',
      ZCZB: 'many',
      CLRQ: '2023-02-29',
      LX: '合伙企业',
      CY: [{ XM: '张三', 年龄: 3 }],
      EXTRA: 1,
    });
    expect(problems.map((p) => `${p.item}:${p.problem}`).sort()).toEqual(
      [
        'CLRQ:DATE',
        'CY:TYPE',
        'CZZT:MAX_LENGTH',
        'EXTRA:UNKNOWN_ITEM',
        'LX:ENUM',
        'ZCZB:TYPE',
        'ZZBH:PATTERN',
      ].sort(),
    );
    expect(
      validateLicenseData(ITEMS, {})
        .map((p) => p.item)
        .sort(),
    ).toEqual(['CLRQ', 'CZZT', 'LX', 'ZZBH']);
  });
  test('masking keeps whole characters', () => {
    expect(maskValue('𠮷野家', { kind: 'partial', keepStart: 1, keepEnd: 0 })).toBe('𠮷**');
    expect(maskValue('110105194912310021', { kind: 'partial', keepStart: 6, keepEnd: 4 })).toBe(
      '110105********0021',
    );
    expect(maskValue('secret', { kind: 'hidden' })).toBe('******');
    expect(maskValue('ab', { kind: 'partial', keepStart: 1, keepEnd: 1 })).toBe('**');
  });
});
