import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { readTable } from './read-table.js';
import { rawZip, workbook, workbookEntries } from './testing/zip-fixtures.js';
import { writeXlsx } from './xlsx-write.js';

/** readTable either returns a table or rejects with a DocumentError: never any other error. */
async function onlyDocumentErrors(bytes: Uint8Array): Promise<void> {
  try {
    const table = await readTable(bytes, { maxRows: 200, maxColumns: 50, maxCellChars: 1000 });
    expect(Array.isArray(table.headers)).toBe(true);
  } catch (err) {
    if (!(err instanceof DocumentError)) throw err;
    expect(err.code).toBe('IMPORT_FILE_INVALID');
  }
}

const XLSX = writeXlsx(
  ['证照编号', '持证人', '日期'],
  [
    ['ZZ-1', '张三', '2024-01-01'],
    ['ZZ-2', '李四', '=1+1'],
  ],
);
const HAND_BUILT = workbook({
  sheetData:
    '<row r="1"><c t="s"><v>0</v></c><c t="inlineStr"><is><t>b</t></is></c></row><row r="2"><c s="1"><v>45000</v></c><c><f>A1</f><v>1</v></c></row>',
  sharedStrings: '<si><r><t>a</t></r></si>',
  styles: '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>',
});
const CSV = new TextEncoder().encode('编号,名称\n"a\nb",2\n3,"x""y"\n');

/** Overwrites, inserts, deletes or truncates bytes of a valid file. */
const mutated = (base: Uint8Array) =>
  fc
    .array(
      fc.tuple(
        fc.constantFrom('set', 'insert', 'delete', 'truncate'),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
      ),
      { minLength: 1, maxLength: 8 },
    )
    .map((edits) => {
      let bytes = [...base];
      for (const [kind, at, value] of edits) {
        const i = at % Math.max(1, bytes.length);
        if (kind === 'set') bytes[i] = value;
        else if (kind === 'insert') bytes.splice(i, 0, value);
        else if (kind === 'delete') bytes.splice(i, 1);
        else bytes = bytes.slice(0, i);
      }
      return Uint8Array.from(bytes);
    });

const xmlish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<row r="1">',
        '<row r="2">',
        '<row>',
        '</row>',
        '<c r="A1">',
        '<c t="s">',
        '<c t="inlineStr">',
        '<c t="b">',
        '<c s="1">',
        '<c r="XFD2">',
        '</c>',
        '<v>',
        '</v>',
        '<f>',
        '</f>',
        '<is><t>',
        '</t></is>',
        '0',
        '1E+400',
        '45000',
        '&amp;',
        '&x;',
        '<!DOCTYPE x>',
        '_x000D_',
      ),
      fc.string({ maxLength: 5 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('readTable on random and damaged input', () => {
  it('random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), onlyDocumentErrors), {
      numRuns: 300,
    });
  });

  it('random bytes after a zip signature', async () => {
    const zipLike = fc
      .uint8Array({ maxLength: 2000 })
      .map((b) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...b]));
    await fc.assert(fc.asyncProperty(zipLike, onlyDocumentErrors), { numRuns: 200 });
  });

  it('mutated XLSX (written and hand-built) and CSV files', async () => {
    for (const base of [XLSX, HAND_BUILT, CSV]) {
      await fc.assert(fc.asyncProperty(mutated(base), onlyDocumentErrors), { numRuns: 200 });
    }
  });

  it('valid zips around arbitrary sheet, shared-string and style XML', async () => {
    const parts = fc.record({ sheet: xmlish, strings: xmlish, styles: xmlish });
    await fc.assert(
      fc.asyncProperty(parts, async ({ sheet, strings, styles }) => {
        await onlyDocumentErrors(workbook({ sheetData: sheet, sharedStrings: strings, styles }));
        const raw = workbookEntries({ sheetData: '' }).map((e) =>
          e.name === 'xl/worksheets/sheet1.xml' ? { ...e, data: sheet } : e,
        );
        await onlyDocumentErrors(rawZip(raw));
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary text as CSV', async () => {
    const text = fc.string({
      unit: fc.constantFrom('a', '中', ',', '\t', '"', '\n', '\r', ' ', '=', '\u0000'),
      maxLength: 200,
    });
    await fc.assert(
      fc.asyncProperty(text, (t) => onlyDocumentErrors(new TextEncoder().encode(t))),
      { numRuns: 300 },
    );
  });
});
