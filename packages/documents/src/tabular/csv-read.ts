/**
 * CSV and tab-separated text (RFC 4180 quoting, fields may hold line breaks) in UTF-8 with or
 * without BOM, UTF-16 with BOM (Excel's "Unicode text"), or GB18030/GBK (Chinese Excel's "CSV").
 */
import { CsvError, parse } from 'csv-parse/sync';
import { DocumentError } from '../checks.js';
import { importError } from './errors.js';
import type { TableBuilder } from './table-builder.js';
import type { TableLimits } from './types.js';

/** Control characters never found in a text table (tab, LF and CR are fine). */
// eslint-disable-next-line no-control-regex
const BINARY = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;

function decodeStrict(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Decodes the file; TextDecoder drops a byte order mark. */
export function decodeCsvText(bytes: Uint8Array): string {
  let text: string | null;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = decodeStrict(bytes, 'utf-16le');
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = decodeStrict(bytes, 'utf-16be');
  else text = decodeStrict(bytes, 'utf-8') ?? decodeStrict(bytes, 'gb18030');
  if (text === null || BINARY.test(text)) {
    throw importError('NOT_A_SPREADSHEET', 'the file is neither an Excel workbook nor a CSV text file');
  }
  return text;
}

/** Tab if the first non-empty line has more tabs than commas outside quotes, otherwise comma. */
export function detectDelimiter(text: string): ',' | '\t' {
  let commas = 0;
  let tabs = 0;
  let quoted = false;
  let seen = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seen) break;
    } else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === '\t') tabs++;
    if (ch !== '\n' && ch !== '\r') seen = true;
  }
  return tabs > commas ? '\t' : ',';
}

export function readCsv(bytes: Uint8Array, limits: TableLimits, builder: TableBuilder): void {
  const text = decodeCsvText(bytes);
  let record = 0;
  try {
    parse(text, {
      delimiter: detectDelimiter(text),
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: false,
      // A guard against one giant record; the real limits are checked per row below.
      max_record_size: limits.maxColumns * (limits.maxCellChars + 1),
      on_record: (cells: string[]) => {
        record++;
        builder.addRow(record, cells);
        return null;
      },
    });
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    if (err instanceof CsvError) {
      const line = typeof err.lines === 'number' ? err.lines : undefined;
      if (err.code === 'CSV_MAX_RECORD_SIZE') {
        throw importError('CELL_TOO_LONG', `a row near line ${line} is too long`, { line });
      }
      throw importError('MALFORMED_CSV', `malformed CSV near line ${line}: ${err.message}`, {
        line,
        csvCode: err.code,
      });
    }
    throw err;
  }
}
