import { describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { parseBooleanText, parseDateText, parseNumberText } from './convert.js';
import { isFormulaLike } from './formula.js';
import { applyMapping, type ItemSpec } from './mapping.js';
import type { Table } from './types.js';

const ITEMS: ItemSpec[] = [
  { code: 'ZZMC', type: 'text' },
  { code: 'ZCZB', type: 'number' },
  { code: 'CLRQ', type: 'date' },
  { code: 'SFYX', type: 'boolean' },
  { code: 'LX', type: 'enum' },
  { code: 'ZP', type: 'image' },
];

const HEADERS = [
  '证照编号',
  '持证人',
  '身份证号',
  '名称',
  '注册资本',
  '成立日期',
  '有效',
  '类型',
  '有效期至',
  '备注',
];

function table(rows: string[][], extra: Partial<Table['rows'][number]>[] = []): Table {
  return { headers: HEADERS, rows: rows.map((cells, i) => ({ line: i + 2, cells, ...extra[i] })) };
}

const MAPPING = {
  columns: {
    $licenseNumber: '证照编号',
    $holderName: '持证人',
    $holderCode: '身份证号',
    ZZMC: '名称',
    ZCZB: '注册资本',
    CLRQ: '成立日期',
    SFYX: '有效',
    LX: '类型',
    $validTo: '有效期至',
  },
};

describe('applyMapping', () => {
  it('converts each type and the licence fields', () => {
    const result = applyMapping(
      table([
        [
          'ZZ-1',
          '张三',
          '110101199001011234',
          ' 甲公司 ',
          '1,234.50',
          '2024/3/5',
          '是',
          '有限公司',
          '长期',
          'x',
        ],
        ['ZZ-2', '李四', '110101199001011235', '乙', '-7', '2024年12月31日', 'FALSE', '个体', '20301231', ''],
        ['ZZ-3', '王五', '', '', '', '２０２４－０１－０２', '0', '', '2030-1-2', ''],
      ]),
      MAPPING,
      ITEMS,
    );
    expect(result.problems).toEqual([]);
    expect(result.unmappedHeaders).toEqual(['备注']);
    expect(result.rows).toEqual([
      {
        line: 2,
        data: { ZZMC: '甲公司', ZCZB: 1234.5, CLRQ: '2024-03-05', SFYX: true, LX: '有限公司' },
        holder: { name: '张三', code: '110101199001011234' },
        licenseNumber: 'ZZ-1',
        longTerm: true,
      },
      {
        line: 3,
        data: { ZZMC: '乙', ZCZB: -7, CLRQ: '2024-12-31', SFYX: false, LX: '个体' },
        holder: { name: '李四', code: '110101199001011235' },
        licenseNumber: 'ZZ-2',
        validTo: '2030-12-31',
        longTerm: false,
      },
      {
        line: 4,
        data: { CLRQ: '2024-01-02', SFYX: false },
        holder: { name: '王五' },
        licenseNumber: 'ZZ-3',
        validTo: '2030-01-02',
        longTerm: false,
      },
    ]);
  });

  it('reports every problem of a row and leaves the row out', () => {
    const result = applyMapping(
      table(
        [
          [
            '=HYPERLINK("http://x")',
            '张三',
            '1.10101199001011E+17',
            '@SUM(A1)',
            '十万',
            '2023-02-29',
            '也许',
            'a',
            '明年',
            '',
          ],
          ['ZZ-2', '李四', '110101199001011235', '乙', '5', '2024-01-01', '是', 'b', '', '=不映射的列不算'],
          ['ZZ-3', '王五', '110101199001011000', '丙', '3', '2024-01-01', '是', 'c', '', ''],
        ],
        [{}, {}, { cellProblems: [{ column: 2, problem: 'PRECISION', message: 'lost digits' }] }],
      ),
      MAPPING,
      ITEMS,
    );
    expect(result.rows.map((r) => r.line)).toEqual([3]);
    expect(result.problems.map((p) => [p.line, p.column, p.item, p.problem])).toEqual([
      [2, '证照编号', '$licenseNumber', 'FORMULA'],
      [2, '身份证号', '$holderCode', 'PRECISION'],
      [2, '名称', 'ZZMC', 'FORMULA'],
      [2, '注册资本', 'ZCZB', 'TYPE'],
      [2, '成立日期', 'CLRQ', 'DATE'],
      [2, '有效', 'SFYX', 'TYPE'],
      [2, '有效期至', '$validTo', 'DATE'],
      [4, '身份证号', '$holderCode', 'PRECISION'],
    ]);
  });

  it('turns an XLSX formula cell into a FORMULA problem whatever its text', () => {
    const result = applyMapping(
      table(
        [['ZZ-1', '张三', '1', '甲', '3', '2024-01-01', '是', 'a', '', '']],
        [{ cellProblems: [{ column: 4, problem: 'FORMULA', message: 'formula' }] }],
      ),
      MAPPING,
      ITEMS,
    );
    expect(result.rows).toEqual([]);
    expect(result.problems).toEqual([
      { line: 2, column: '注册资本', item: 'ZCZB', problem: 'FORMULA', message: 'formula' },
    ]);
  });

  it('refuses a mapping that does not fit, up front', () => {
    const attempt = (columns: Record<string, string>) => {
      try {
        applyMapping(table([]), { columns }, ITEMS);
        return null;
      } catch (err) {
        expect(err).toBeInstanceOf(DocumentError);
        expect((err as DocumentError).code).toBe('MAPPING_INVALID');
        return (err as DocumentError).details;
      }
    };
    expect(attempt({ ZZMC: '名称' })).toBeNull();
    expect(attempt({ ZZMC: '不存在的列', NOPE: '名称', ZP: '备注' })).toEqual({
      unknownKeys: ['NOPE'],
      missingHeaders: ['不存在的列'],
      ambiguousHeaders: [],
      unsupportedItems: ['ZP'],
    });
    const twice: Table = { headers: ['名称', '名称'], rows: [] };
    expect(() => applyMapping(twice, { columns: { ZZMC: '名称' } }, ITEMS)).toThrow(DocumentError);
  });
});

describe('conversions', () => {
  it('reads dates in the accepted forms and only real ones', () => {
    expect(parseDateText('2024-03-05')).toBe('2024-03-05');
    expect(parseDateText('2024/3/5')).toBe('2024-03-05');
    expect(parseDateText('2024年3月5日')).toBe('2024-03-05');
    expect(parseDateText('20240305')).toBe('2024-03-05');
    expect(parseDateText('2024-03-05 00:00:00')).toBe('2024-03-05');
    expect(parseDateText('2024-02-29')).toBe('2024-02-29');
    expect(parseDateText('2023-02-29')).toBeNull();
    expect(parseDateText('2024-13-01')).toBeNull();
    expect(parseDateText('05/03/2024')).toBeNull();
    expect(parseDateText('2024-3')).toBeNull();
  });

  it('reads numbers and booleans', () => {
    expect(parseNumberText('1,234,567.25')).toBe(1234567.25);
    expect(parseNumberText('１２３')).toBe(123);
    expect(parseNumberText('1e3')).toBe(1000);
    expect(parseNumberText('12,34')).toBeNull();
    expect(parseNumberText('1e999')).toBeNull();
    expect(parseNumberText('')).toBeNull();
    expect(['是', 'TRUE', 'true', '1'].map(parseBooleanText)).toEqual([true, true, true, true]);
    expect(['否', 'False', '0'].map(parseBooleanText)).toEqual([false, false, false]);
    expect(parseBooleanText('对')).toBeNull();
  });

  it('tells formula-like cells from plain numbers and dates', () => {
    for (const cell of ['=1+1', '@SUM(A1)', '+86 138', '-2+3', '\t=1', '\r1', '='])
      expect(isFormulaLike(cell), cell).toBe(true);
    for (const cell of ['-5', '+3.5', '-1e3', '1=1', 'a@b', '', '2024-01-01', ' =1'])
      expect(isFormulaLike(cell), cell).toBe(false);
  });
});
