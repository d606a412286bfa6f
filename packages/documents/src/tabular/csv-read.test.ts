import { describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { readTable } from './read-table.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** 中文 in GBK/GB18030, as Chinese Excel saves "CSV (逗号分隔)". */
const GBK_ZHONGWEN = [0xd6, 0xd0, 0xce, 0xc4];

async function refusal(bytes: Uint8Array, options: Parameters<typeof readTable>[1] = {}) {
  const err = await readTable(bytes, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DocumentError);
  return (err as DocumentError).details ?? {};
}

describe('readTable on CSV', () => {
  it('reads UTF-8 with and without BOM the same', async () => {
    const text = '证照编号,持证人\r\nZZ-001,张三\r\n';
    const expected = { headers: ['证照编号', '持证人'], rows: [{ line: 2, cells: ['ZZ-001', '张三'] }] };
    expect(await readTable(utf8(text))).toEqual(expected);
    expect(await readTable(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]))).toEqual(expected);
  });

  it('reads GB18030 / GBK when the bytes are not UTF-8', async () => {
    const bytes = Uint8Array.from([...utf8('name,v\n'), ...GBK_ZHONGWEN, ...utf8(',1\n')]);
    expect(await readTable(bytes)).toEqual({
      headers: ['name', 'v'],
      rows: [{ line: 2, cells: ['中文', '1'] }],
    });
    // a four-byte GB18030 sequence (U+20000 𠀀, outside GBK)
    const four = Uint8Array.from([...utf8('h\n'), 0x95, 0x32, 0x82, 0x36, 0x0a]);
    expect((await readTable(four)).rows[0]?.cells).toEqual(['𠀀']);
  });

  it('reads UTF-16LE with BOM (Excel "Unicode text", tab-separated)', async () => {
    const bytes = Uint8Array.from([0xff, 0xfe, ...Buffer.from('编号\t名称\r\n1\t甲\r\n', 'utf16le')]);
    expect(await readTable(bytes)).toEqual({
      headers: ['编号', '名称'],
      rows: [{ line: 2, cells: ['1', '甲'] }],
    });
  });

  it('keeps quoted commas, quotes and line breaks; numbers rows as records', async () => {
    const text = 'a,b,c\n"x, y","say ""hi""","line1\nline2"\n\n,, \n3,4\n';
    const table = await readTable(utf8(text));
    expect(table.rows).toEqual([
      { line: 2, cells: ['x, y', 'say "hi"', 'line1\nline2'] },
      { line: 5, cells: ['3', '4', ''] },
    ]);
  });

  it('detects tab separation, pads short rows and keeps extra cells', async () => {
    const table = await readTable(utf8('编号\t名称\t备注\n1\t甲, 乙\n2\t丙\t\t多余\n'));
    expect(table.headers).toEqual(['编号', '名称', '备注']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['1', '甲, 乙', ''] },
      { line: 3, cells: ['2', '丙', '', '多余'] },
    ]);
  });

  it('takes the first non-empty row as the header and trims it', async () => {
    const table = await readTable(utf8('\n,,\n 编号 ,名称\n1,甲\r2,乙\r\n'));
    expect(table.headers).toEqual(['编号', '名称']);
    expect(table.rows.map((r) => r.line)).toEqual([4, 5]);
  });

  it('refuses malformed quoting with the line', async () => {
    expect(await refusal(utf8('a,b\n1,2\n"open,3\n'))).toMatchObject({ reason: 'MALFORMED_CSV', line: 3 });
    expect(await refusal(utf8('a,b\n1,"x"y\n'))).toMatchObject({ reason: 'MALFORMED_CSV', line: 2 });
  });

  it('enforces the row, column and cell limits', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => `${i}`).join('\n');
    expect((await readTable(utf8(`h\n${rows}`), { maxRows: 6 })).rows).toHaveLength(6);
    expect(await refusal(utf8(`h\n${rows}\n6`), { maxRows: 6 })).toMatchObject({
      reason: 'TOO_MANY_ROWS',
      line: 8,
    });
    expect(await refusal(utf8('a,b,c,d\n'), { maxColumns: 3 })).toMatchObject({
      reason: 'TOO_MANY_COLUMNS',
      line: 1,
    });
    expect(await refusal(utf8(`a\n${'x'.repeat(11)}\n`), { maxCellChars: 10 })).toMatchObject({
      reason: 'CELL_TOO_LONG',
      line: 2,
    });
    expect(await refusal(utf8(`a\n"${'x'.repeat(5000)}`), { maxCellChars: 10, maxColumns: 3 })).toMatchObject(
      {
        reason: 'CELL_TOO_LONG',
      },
    );
    expect(await refusal(utf8('a\n1\n'), { maxBytes: 3 })).toMatchObject({ reason: 'FILE_TOO_LARGE' });
  });

  it('refuses binary content and empty files', async () => {
    expect(await refusal(Uint8Array.from([0x61, 0x2c, 0x00, 0x01, 0x0a]))).toMatchObject({
      reason: 'NOT_A_SPREADSHEET',
    });
    expect(await refusal(utf8(''))).toMatchObject({ reason: 'NO_HEADER' });
    expect(await refusal(utf8('\n \n,,\n'))).toMatchObject({ reason: 'NO_HEADER' });
  });
});
