import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { readTable } from './read-table.js';
import { workbook, workbookEntries, rawZip, CONTENT_TYPES } from './testing/zip-fixtures.js';
import { plainNumber, serialToIsoDate, isDateFormat } from './xlsx-values.js';
import { writeXlsx } from './xlsx-write.js';

const HAS_PYTHON = spawnSync('python3', ['--version']).status === 0;

async function refusal(bytes: Uint8Array, options: Parameters<typeof readTable>[1] = {}) {
  const err = await readTable(bytes, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DocumentError);
  return err as DocumentError;
}

const STYLES = `<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="49"/></cellXfs>`;

const SHARED = [
  '<si><t>证照编号</t></si>',
  '<si><t>持证人</t></si>',
  '<si><t>发证日期</t></si>',
  '<si><t>身份证号</t></si>',
  '<si><t>金额</t></si>',
  '<si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space="preserve">三 </t></r><rPh sb="0" eb="1"><t>ZHANG</t></rPh></si>',
  '<si><t>line1_x000D_\nline2 and _x005F_x0041_</t></si>',
].join('');

const SHEET = [
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="inlineStr"><is><t>备注</t></is></c></row>',
  // 18-digit ID stored as a number the way a generator writes it; a date cell; a formula
  '<row r="2"><c r="A2" t="str"><v>ZZ-001</v></c><c r="B2" t="s"><v>5</v></c><c r="C2" s="1"><v>45000</v></c><c r="D2"><v>110101199001011234</v></c><c r="E2"><f>SUM(1,2)</f><v>3</v></c></row>',
  // the same ID as Excel stores it (15 significant digits), a zh-CN date format, rich inline text
  '<row r="4"><c r="A4" t="inlineStr"><is><r><t>ZZ-</t></r><r><t>002</t></r></is></c><c r="B4" t="s"><v>6</v></c><c r="C4" s="2"><v>61.75</v></c><c r="D4"><v>1.10101199001011E+17</v></c><c r="E4" s="3"><v>0.30000000000000004</v></c><c r="F4" t="b"><v>1</v></c></row>',
  // an empty row (only styled cells), then cells without references and an error value
  '<row r="5"><c r="A5" s="1"/><c r="B5" t="inlineStr"><is><t> </t></is></c><c r="C5" t="s"/><c r="D5" t="b"/></row>',
  '<row r="7"><c t="inlineStr"><is><t>ZZ-003</t></is></c><c t="e"><v>#N/A</v></c><c s="1"><v>60</v></c><c><v>-1234.5000</v></c><c><v>1E-3</v></c></row>',
].join('');

describe('readTable on a hand-built XLSX', () => {
  it('reads shared strings, rich text, dates, long numbers and formulas as a user sees them', async () => {
    const table = await readTable(workbook({ sheetData: SHEET, sharedStrings: SHARED, styles: STYLES }));
    expect(table.headers).toEqual(['证照编号', '持证人', '发证日期', '身份证号', '金额', '备注']);
    expect(table.rows.map((r) => r.line)).toEqual([2, 4, 7]);
    const [r2, r4, r7] = table.rows;
    expect(r2?.cells).toEqual(['ZZ-001', '张三 ', '2023-03-15', '110101199001011234', '=SUM(1,2)', '']);
    expect(r2?.cellProblems).toEqual([
      expect.objectContaining({ column: 3, problem: 'PRECISION' }),
      expect.objectContaining({ column: 4, problem: 'FORMULA' }),
    ]);
    expect(r4?.cells).toEqual([
      'ZZ-002',
      'line1\r\nline2 and _x0041_',
      '1900-03-01',
      '110101199001011000',
      '0.3',
      'TRUE',
    ]);
    expect(r4?.cellProblems).toEqual([expect.objectContaining({ column: 3, problem: 'PRECISION' })]);
    expect(r7?.cells).toEqual(['ZZ-003', '#N/A', '1900-02-29', '-1234.5', '0.001', '']);
    expect(r7?.cellProblems).toBeUndefined();
  });

  it('uses the 1904 date system when the workbook says so', async () => {
    const sheetData =
      '<row r="1"><c t="inlineStr"><is><t>日期</t></is></c></row><row r="2"><c s="1"><v>43538</v></c></row>';
    const table = await readTable(workbook({ sheetData, styles: STYLES, date1904: true }));
    expect(table.rows[0]?.cells).toEqual(['2023-03-15']);
  });

  it('reads the sheet named in the options, and refuses an unknown name', async () => {
    const bytes = workbook({
      sheetData: '<row r="1"><c t="inlineStr"><is><t>first</t></is></c></row>',
      moreSheets: {
        存量: '<row r="3"><c t="inlineStr"><is><t>second</t></is></c></row><row r="4"><c><v>7</v></c></row>',
      },
    });
    expect((await readTable(bytes)).headers).toEqual(['first']);
    expect(await readTable(bytes, { sheet: '存量' })).toEqual({
      headers: ['second'],
      rows: [{ line: 4, cells: ['7'] }],
    });
    const err = await refusal(bytes, { sheet: 'nope' });
    expect(err.details).toMatchObject({ reason: 'SHEET_NOT_FOUND', sheets: ['Sheet1', '存量'] });
  });

  it('refuses a shared-string index that does not exist', async () => {
    const err = await refusal(
      workbook({ sheetData: '<row r="1"><c t="s"><v>3</v></c></row>', sharedStrings: '<si><t>a</t></si>' }),
    );
    expect(err.details).toMatchObject({ reason: 'MALFORMED_XLSX', line: 1 });
  });

  it('refuses a cell reference outside its row and rows out of order', async () => {
    const a = await refusal(workbook({ sheetData: '<row r="2"><c r="A3"><v>1</v></c></row>' }));
    expect(a.details?.reason).toBe('MALFORMED_XLSX');
    const b = await refusal(
      workbook({ sheetData: '<row r="2"><c><v>1</v></c></row><row r="2"><c><v>1</v></c></row>' }),
    );
    expect(b.details?.reason).toBe('MALFORMED_XLSX');
  });
});

describe('XLSX values', () => {
  it('writes stored numbers as plain decimals and flags lost digits', () => {
    expect(plainNumber('1.10101199001011E+17')).toEqual({ text: '110101199001011000', precisionLost: true });
    expect(plainNumber('123456789012345')).toEqual({ text: '123456789012345', precisionLost: false });
    expect(plainNumber('1234567890123456')).toEqual({ text: '1234567890123456', precisionLost: true });
    expect(plainNumber('1.5E-7')).toEqual({ text: '0.00000015', precisionLost: false });
    expect(plainNumber('-0')).toEqual({ text: '0', precisionLost: false });
    expect(plainNumber('0.1000000000000000055511')).toEqual({ text: '0.1', precisionLost: false });
    expect(plainNumber('abc')).toBeNull();
    expect(plainNumber('.')).toBeNull();
  });

  it('converts date serials in both date systems', () => {
    expect(serialToIsoDate(1, false)).toBe('1900-01-01');
    expect(serialToIsoDate(59, false)).toBe('1900-02-28');
    expect(serialToIsoDate(61, false)).toBe('1900-03-01');
    expect(serialToIsoDate(45000.999, false)).toBe('2023-03-15');
    expect(serialToIsoDate(0, true)).toBe('1904-01-01');
    expect(serialToIsoDate(2_958_465, false)).toBe('9999-12-31');
    expect(serialToIsoDate(2_958_466, false)).toBeNull();
    expect(serialToIsoDate(-1, false)).toBeNull();
  });

  it('tells date formats from number and time formats', () => {
    expect(isDateFormat(14, undefined)).toBe(true);
    expect(isDateFormat(31, undefined)).toBe(true);
    expect(isDateFormat(20, undefined)).toBe(false);
    expect(isDateFormat(0, undefined)).toBe(false);
    expect(isDateFormat(176, 'yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat(177, '[$-F800]dddd, mmmm dd, yyyy')).toBe(true);
    expect(isDateFormat(178, 'h:mm:ss')).toBe(false);
    expect(isDateFormat(179, '[h]:mm')).toBe(false);
    expect(isDateFormat(180, '0.00_);[Red](0.00)')).toBe(false);
    expect(isDateFormat(181, '"Day "0')).toBe(false);
    expect(isDateFormat(182, 'General')).toBe(false);
  });
});

describe('writeXlsx', () => {
  const headers = ['证照编号', '持证人', '备注'];
  const rows = [
    ['ZZ-001', '张三', '=1+1'],
    ['ZZ-002', '李四 <&> "引号"', 'two\nlines\r\nand CR, _x0041_ stays, \u0001 control'],
    ['', '王五', ''],
  ];

  it('reads back with readTable', async () => {
    const table = await readTable(writeXlsx(headers, rows));
    expect(table.headers).toEqual(headers);
    expect(table.rows).toEqual([
      { line: 2, cells: rows[0] },
      { line: 3, cells: rows[1] },
      { line: 4, cells: rows[2] },
    ]);
  });

  // python3 ships with Debian and this machine image; the check is skipped where it is missing.
  it.skipIf(!HAS_PYTHON)(
    'is a ZIP and XML that an independent reader (python3 zipfile + ElementTree) accepts',
    () => {
      const script = `
import sys, io, json, zipfile, xml.etree.ElementTree as ET
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
assert z.testzip() is None
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
for name in z.namelist():
    if name.endswith('.xml') or name.endswith('.rels'):
        ET.fromstring(z.read(name))
sheet = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
rows = []
for row in sheet.iterfind('.//m:row', ns):
    rows.append({c.get('r'): ''.join(t.text or '' for t in c.iterfind('.//m:t', ns)) for c in row.iterfind('m:c', ns)})
print(json.dumps({'names': sorted(z.namelist()), 'rows': rows}, ensure_ascii=False))
`;
      const out = JSON.parse(
        execFileSync('python3', ['-c', script], { input: writeXlsx(headers, rows) }).toString('utf8'),
      ) as { names: string[]; rows: Record<string, string>[] };
      expect(out.names).toContain('[Content_Types].xml');
      expect(out.rows[0]).toEqual({ A1: '证照编号', B1: '持证人', C1: '备注' });
      expect(out.rows[1]).toEqual({ A2: 'ZZ-001', B2: '张三', C2: '=1+1' });
      expect(out.rows[2]?.B3).toBe('李四 <&> "引号"');
      expect(out.rows[3]).toEqual({ B4: '王五' });
    },
  );
});

describe('XLSX packages that are not plain workbooks', () => {
  it('refuses macro-enabled workbooks', async () => {
    const macroTypes = CONTENT_TYPES.replace(
      'spreadsheetml.sheet.main+xml',
      'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject',
    ).replace('openxmlformats-officedocument.spreadsheetml.sheet.main', 'ms-excel.sheet.macroEnabled.main');
    const a = await refusal(workbook({ sheetData: '', contentTypes: macroTypes }));
    expect(a.details?.reason).toBe('MACROS');
    const b = await refusal(
      rawZip([...workbookEntries({ sheetData: '' }), { name: 'xl/vbaProject.bin', data: 'x' }]),
    );
    expect(b.details?.reason).toBe('MACROS');
  });

  it('refuses a zip that is not an Office workbook', async () => {
    const a = await refusal(rawZip([{ name: 'readme.txt', data: 'hello' }]));
    expect(a.details?.reason).toBe('NOT_A_SPREADSHEET');
    const noWorkbook = workbookEntries({ sheetData: '' }).filter((e) => e.name !== 'xl/workbook.xml');
    const b = await refusal(rawZip(noWorkbook));
    expect(b.details?.reason).toBe('NOT_A_SPREADSHEET');
  });

  it('refuses an empty sheet', async () => {
    const err = await refusal(workbook({ sheetData: '<row r="1"><c r="A1" s="1"/></row>' }));
    expect(err.details?.reason).toBe('NO_HEADER');
  });
});
