import { describe, expect, it } from 'vitest';
import { applyMapping } from './mapping.js';
import { readTable } from './read-table.js';
import { rejectedRows, rejectionReportCsv, rejectionReportXlsx } from './report.js';
import type { Table } from './types.js';

describe('rejection report', () => {
  const headers = ['证照编号', '持证人'];
  const rows = [
    { line: 2, cells: { 证照编号: '=1+1', 持证人: '张三' }, reasons: ['公式'] },
    { line: 7, cells: { 证照编号: '@SUM(A1)', 持证人: '李"四"' }, reasons: ['原因一', '原因二'] },
    { line: 9, cells: { 证照编号: '-5', 持证人: '+86 138' }, reasons: ['-1+1'] },
  ];

  it('is UTF-8 with BOM, escapes formula-like cells and keeps Chinese', () => {
    const bytes = rejectionReportCsv(rows, headers);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe(
      [
        '"行号","证照编号","持证人","原因"',
        `"2","'=1+1","张三","公式"`,
        `"7","'@SUM(A1)","李""四""","原因一；原因二"`,
        `"9","-5","'+86 138","'-1+1"`,
        '',
      ].join('\r\n'),
    );
  });

  it('reads back as the same table, apostrophes included', async () => {
    const table = await readTable(rejectionReportCsv(rows, headers));
    expect(table.headers).toEqual(['行号', '证照编号', '持证人', '原因']);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['2', "'=1+1", '张三', '公式'],
      ['7', "'@SUM(A1)", '李"四"', '原因一；原因二'],
      ['9', '-5', "'+86 138", "'-1+1"],
    ]);
  });

  it('has an XLSX form with the cells as they were (inline strings are never formulas)', async () => {
    const table = await readTable(rejectionReportXlsx(rows, headers));
    expect(table.rows[0]?.cells).toEqual(['2', '=1+1', '张三', '公式']);
    expect(table.rows[0]?.cellProblems).toBeUndefined();
  });

  it('gathers the problems of a mapping run by row, with Chinese reasons', () => {
    const source: Table = {
      headers: ['编号', '日期'],
      rows: [
        { line: 2, cells: ['=1', 'x'] },
        { line: 3, cells: ['ok', '2024-01-01'] },
      ],
    };
    const { problems } = applyMapping(
      source,
      { columns: { $licenseNumber: '编号', $issueDate: '日期' } },
      [],
    );
    const extra = { line: 3, message: 'holder code is not a valid citizen ID' };
    const report = rejectedRows(source, [...problems, extra]);
    expect(report).toEqual([
      {
        line: 2,
        cells: { 编号: '=1', 日期: 'x' },
        reasons: [expect.stringMatching(/^「编号」含公式/), expect.stringMatching(/^「日期」日期无法识别/)],
      },
      {
        line: 3,
        cells: { 编号: 'ok', 日期: '2024-01-01' },
        reasons: ['holder code is not a valid citizen ID'],
      },
    ]);
  });
});
