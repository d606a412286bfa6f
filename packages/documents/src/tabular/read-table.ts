import { readCsv } from './csv-read.js';
import { importError } from './errors.js';
import { TableBuilder } from './table-builder.js';
import { tableLimits, type ReadTableOptions, type Table } from './types.js';
import { readXlsx } from './xlsx-read.js';

const ZIP_MAGIC = [0x50, 0x4b];
/** OLE compound file: a legacy .xls, or an encrypted OOXML file (its EncryptedPackage stream). */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Common uploads by mistake whose first bytes could still decode as text: PDF, PNG, JPEG, GIF, gzip, 7z, RAR. */
const OTHER_FORMATS = ['%PDF-', '\x89PNG', '\xFF\xD8\xFF', 'GIF8', '\x1F\x8B', "7z\xBC\xAF'\x1C", 'Rar!'].map(
  (m) => [...m].map((c) => c.charCodeAt(0)),
);
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function contains(bytes: Uint8Array, needle: Buffer): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

function refuseCompoundFile(bytes: Uint8Array): never {
  if (contains(bytes, ENCRYPTED_PACKAGE)) {
    throw importError(
      'ENCRYPTED',
      'the workbook is password-protected; remove the password and upload again',
    );
  }
  throw importError('LEGACY_XLS', 'old .xls workbooks are not accepted; save as .xlsx or CSV');
}

/**
 * Reads a CSV or XLSX upload into a table of texts. Never evaluates formulas; refuses zip bombs,
 * XXE, traversal entries, macro-enabled, encrypted and oversized files with DocumentError
 * IMPORT_FILE_INVALID (`details.reason` says why, `details.line` where, when known).
 */
export async function readTable(bytes: Uint8Array, options: ReadTableOptions = {}): Promise<Table> {
  const limits = tableLimits(options);
  if (bytes.length > limits.maxBytes) {
    throw importError('FILE_TOO_LARGE', `the file is larger than ${limits.maxBytes} bytes`, {
      size: bytes.length,
      maxBytes: limits.maxBytes,
    });
  }
  if (startsWith(bytes, CFB_MAGIC)) refuseCompoundFile(bytes);
  if (OTHER_FORMATS.some((magic) => startsWith(bytes, magic))) {
    throw importError('NOT_A_SPREADSHEET', 'the file is neither an Excel workbook nor a CSV text file');
  }
  const isZip = startsWith(bytes, ZIP_MAGIC);
  const format = options.format ?? (isZip ? 'xlsx' : 'csv');
  const builder = new TableBuilder(limits);
  if (format === 'xlsx') {
    if (!isZip) throw importError('NOT_A_SPREADSHEET', 'the file is not an Excel (.xlsx) workbook');
    readXlsx(bytes, options.sheet, limits, builder);
  } else {
    readCsv(bytes, limits, builder);
  }
  return builder.finish();
}
