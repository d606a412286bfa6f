import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { readTable } from './read-table.js';
import { localRecord, rawZip, workbook, workbookEntries, type RawEntry } from './testing/zip-fixtures.js';
import { writeXlsx } from './xlsx-write.js';

async function reasonOf(bytes: Uint8Array, options: Parameters<typeof readTable>[1] = {}) {
  const err = await readTable(bytes, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DocumentError);
  expect((err as DocumentError).code).toBe('IMPORT_FILE_INVALID');
  return (err as DocumentError).details?.reason;
}

const HUNDRED_MB = 100 * 1024 * 1024;

/** A workbook whose sheet entry is replaced. */
function withSheet(sheet: Partial<RawEntry>): Uint8Array {
  return rawZip(
    workbookEntries({ sheetData: '' }).map((e) =>
      e.name === 'xl/worksheets/sheet1.xml' ? { ...e, ...sheet, name: e.name } : e,
    ),
  );
}

describe('zip bombs', () => {
  it('refuses 100 MB of deflated zeros from the directory, before inflating anything', async () => {
    const zeros = deflateRawSync(Buffer.alloc(HUNDRED_MB));
    expect(zeros.length).toBeLessThan(200_000);
    expect(await reasonOf(withSheet({ data: '', compressed: zeros, declaredSize: HUNDRED_MB }))).toBe(
      'ZIP_BOMB',
    );
    // The same directory over compressed bytes that do not even inflate: still ZIP_BOMB, not
    // MALFORMED_ZIP, so the refusal came before any inflating.
    const garbage = randomBytes(zeros.length);
    expect(await reasonOf(withSheet({ data: '', compressed: garbage, declaredSize: HUNDRED_MB }))).toBe(
      'ZIP_BOMB',
    );
  });

  it('stops inflating an entry that lies about its size at the declared size', async () => {
    const zeros = deflateRawSync(Buffer.alloc(HUNDRED_MB));
    // Declares 1000 bytes: below every limit, so only the capped inflate can catch it.
    expect(await reasonOf(withSheet({ data: '', compressed: zeros, declaredSize: 1000 }))).toBe('ZIP_BOMB');
  });

  it('refuses entries over the size limits and too many entries', async () => {
    const big = { data: '', compressed: randomBytes(2_000_000), declaredSize: 3_000_000 };
    expect(await reasonOf(withSheet(big), { zip: { maxEntryBytes: 2_000_000 } })).toBe('ZIP_BOMB');
    expect(await reasonOf(withSheet(big), { zip: { maxTotalBytes: 2_500_000 } })).toBe('ZIP_BOMB');
    const many = Array.from({ length: 30 }, (_, i) => ({ name: `x/${i}.txt`, data: 'x' }));
    expect(
      await reasonOf(rawZip([...workbookEntries({ sheetData: '' }), ...many]), { zip: { maxEntries: 20 } }),
    ).toBe('ZIP_BOMB');
  });

  it('refuses overlapping entries (one compressed kernel shared by several entries)', async () => {
    const base = workbookEntries({ sheetData: '<row r="1"><c t="inlineStr"><is><t>h</t></is></c></row>' });
    const inner: RawEntry = { name: 'b.xml', data: '<a/>' };
    const outer: RawEntry = { name: 'a.xml', method: 0, data: localRecord(inner) };
    // b.xml's central entry points inside a.xml's data, where a complete local record of b.xml sits.
    const localsEnd = base.reduce((n, e) => n + localRecord(e).length, 0);
    const overlapping = rawZip([...base, outer], [{ entry: inner, offset: localsEnd + 30 + 'a.xml'.length }]);
    const apart = rawZip([...base, outer, inner]);
    expect((await readTable(apart)).headers).toEqual(['h']);
    expect(await reasonOf(overlapping)).toBe('ZIP_BOMB');
  });
});

describe('hostile and broken packages', () => {
  it('refuses XML with a DOCTYPE or entities (XXE, billion laughs)', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>`;
    expect(await reasonOf(withSheet({ data: xxe }))).toBe('XXE');
    const lol = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><sst>&lol2;</sst>`;
    const entries = workbookEntries({ sheetData: '', sharedStrings: '' }).map((e) =>
      e.name === 'xl/sharedStrings.xml' ? { ...e, data: lol } : e,
    );
    expect(await reasonOf(rawZip(entries))).toBe('XXE');
  });

  it('refuses undefined entities and broken XML as MALFORMED_XLSX', async () => {
    expect(
      await reasonOf(withSheet({ data: '<worksheet><sheetData><row>&x;</row></sheetData></worksheet>' })),
    ).toBe('MALFORMED_XLSX');
    expect(await reasonOf(withSheet({ data: '<worksheet><sheetData>' }))).toBe('MALFORMED_XLSX');
  });

  it('refuses path traversal entries', async () => {
    for (const name of [
      '../../etc/evil.xml',
      '/etc/evil.xml',
      'xl\\..\\evil.xml',
      'C:/evil.xml',
      'xl/../../evil',
    ]) {
      const entries = [...workbookEntries({ sheetData: '' }), { name, data: 'x' }];
      expect(await reasonOf(rawZip(entries)), name).toBe('PATH_TRAVERSAL');
    }
  });

  it('refuses encrypted entries and encrypted (OLE) workbooks, and legacy .xls', async () => {
    const entries = workbookEntries({ sheetData: '' }).map((e, i) => (i === 0 ? { ...e, flags: 0x0801 } : e));
    expect(await reasonOf(rawZip(entries))).toBe('ENCRYPTED');
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(500),
      Buffer.from('EncryptedPackage', 'utf16le'),
      Buffer.alloc(100),
    ]);
    expect(await reasonOf(ole)).toBe('ENCRYPTED');
    expect(await reasonOf(ole, { format: 'xlsx' })).toBe('ENCRYPTED');
    expect(await reasonOf(Buffer.concat([ole.subarray(0, 8), Buffer.alloc(1000)]))).toBe('LEGACY_XLS');
  });

  it('refuses truncated and damaged zips', async () => {
    const good = writeXlsx(['a'], [['1']]);
    expect(await readTable(good)).toEqual({ headers: ['a'], rows: [{ line: 2, cells: ['1'] }] });
    for (const cut of [good.length - 1, good.length - 30, Math.floor(good.length / 2), 4]) {
      expect(await reasonOf(good.subarray(0, cut)), `cut at ${cut}`).toBe('MALFORMED_ZIP');
    }
    // one flipped byte in a compressed entry: caught by inflate or the CRC
    const damaged = Uint8Array.from(good);
    damaged[60] = (damaged[60] as number) ^ 0xff;
    expect(await reasonOf(damaged)).toBe('MALFORMED_ZIP');
  });

  it('refuses unsupported compression methods and duplicate names', async () => {
    const entries = workbookEntries({ sheetData: '' }).map((e) =>
      e.name === 'xl/workbook.xml' ? { ...e, method: 12, compressed: new Uint8Array(4) } : e,
    );
    expect(await reasonOf(rawZip(entries))).toBe('UNSUPPORTED_ZIP');
    const dup = workbookEntries({ sheetData: '' });
    expect(await reasonOf(rawZip([...dup, { name: 'XL/Workbook.xml', data: '<x/>' }]))).toBe('MALFORMED_ZIP');
  });

  it('says NOT_A_SPREADSHEET for random bytes and other files', async () => {
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251);
    expect(await reasonOf(random)).toBe('NOT_A_SPREADSHEET');
    expect(await reasonOf(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'))).toBe(
      'NOT_A_SPREADSHEET',
    );
    expect(await reasonOf(Buffer.from('a,b\n1,2\n'), { format: 'xlsx' })).toBe('NOT_A_SPREADSHEET');
  });

  it('refuses a file over the size limit before reading it', async () => {
    expect(await reasonOf(workbook({ sheetData: '' }), { maxBytes: 100 })).toBe('FILE_TOO_LARGE');
  });

  it('enforces row, column and cell limits on XLSX', async () => {
    const rows = Array.from({ length: 11 }, (_, i) => [`row ${i}`]);
    expect((await readTable(writeXlsx(['h'], rows.slice(0, 10)), { maxRows: 10 })).rows).toHaveLength(10);
    expect(await reasonOf(writeXlsx(['h'], rows), { maxRows: 10 })).toBe('TOO_MANY_ROWS');
    const far = '<row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c><c r="ZZ1"><v>1</v></c></row>';
    expect(await reasonOf(workbook({ sheetData: far }))).toBe('TOO_MANY_COLUMNS');
    expect(await reasonOf(writeXlsx(['h'], [['x'.repeat(101)]]), { maxCellChars: 100 })).toBe(
      'CELL_TOO_LONG',
    );
    const shared = workbook({
      sheetData: '<row r="1"><c t="s"><v>0</v></c></row>',
      sharedStrings: `<si><t>${'y'.repeat(500)}</t></si>`,
    });
    expect(await reasonOf(shared, { maxCellChars: 100 })).toBe('CELL_TOO_LONG');
  });
});
