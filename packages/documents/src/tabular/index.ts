/** Reading CSV / XLSX uploads safely, mapping their columns to licence data, and rejection reports. */
export { readTable } from './read-table.js';
export { DEFAULT_TABLE_LIMITS, DEFAULT_ZIP_LIMITS } from './types.js';
export type { CellProblem, ReadTableOptions, Table, TableRow, ZipLimits } from './types.js';
export type { ImportFileReason } from './errors.js';
export { isFormulaLike } from './formula.js';
export { applyMapping, LICENSE_FIELDS } from './mapping.js';
export type {
  ColumnMapping,
  ItemSpec,
  ItemType,
  ItemValue,
  LicenseField,
  MappedRow,
  MappingResult,
  RowProblem,
  RowProblemKind,
} from './mapping.js';
export { parseBooleanText, parseDateText, parseNumberText } from './convert.js';
export { rejectedRows, rejectionReportCsv, rejectionReportXlsx } from './report.js';
export type { RejectedRow } from './report.js';
export { writeXlsx } from './xlsx-write.js';
