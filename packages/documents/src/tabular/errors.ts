import { DocumentError } from '../checks.js';

/** Why an uploaded spreadsheet was refused (`details.reason` of IMPORT_FILE_INVALID). */
export type ImportFileReason =
  | 'NOT_A_SPREADSHEET'
  | 'LEGACY_XLS'
  | 'ENCRYPTED'
  | 'MACROS'
  | 'ZIP_BOMB'
  | 'PATH_TRAVERSAL'
  | 'MALFORMED_ZIP'
  | 'UNSUPPORTED_ZIP'
  | 'XXE'
  | 'MALFORMED_XLSX'
  | 'SHEET_NOT_FOUND'
  | 'MALFORMED_CSV'
  | 'FILE_TOO_LARGE'
  | 'TOO_MANY_ROWS'
  | 'TOO_MANY_COLUMNS'
  | 'CELL_TOO_LONG'
  | 'NO_HEADER';

export function importError(
  reason: ImportFileReason,
  message: string,
  details: Record<string, unknown> = {},
): DocumentError {
  return new DocumentError('IMPORT_FILE_INVALID', message, { reason, ...details });
}
