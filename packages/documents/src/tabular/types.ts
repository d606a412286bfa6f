/** A cell flagged while reading: its text is kept for the rejection report but must never be imported. */
export interface CellProblem {
  /** 0-based column index. */
  readonly column: number;
  /** FORMULA: an XLSX formula cell; PRECISION: a number with more digits than a spreadsheet keeps. */
  readonly problem: 'FORMULA' | 'PRECISION';
  readonly message: string;
}

export interface TableRow {
  /** 1-based row number as the user sees it in Excel (for CSV: the record number). */
  line: number;
  /** Cell texts, at least as many as there are headers. */
  cells: string[];
  cellProblems?: CellProblem[];
}

export interface Table {
  /** The first non-empty row, trimmed. */
  headers: string[];
  /** Data rows; empty rows are left out. */
  rows: TableRow[];
}

export interface ZipLimits {
  readonly maxEntries: number;
  /** Uncompressed bytes of one entry. */
  readonly maxEntryBytes: number;
  /** Uncompressed bytes of all entries together. */
  readonly maxTotalBytes: number;
  /** Largest uncompressed / compressed ratio of an entry bigger than ratioGraceBytes. */
  readonly maxRatio: number;
  readonly ratioGraceBytes: number;
}

export interface ReadTableOptions {
  /** Detected from the first bytes when not given. */
  readonly format?: 'csv' | 'xlsx';
  /** XLSX sheet name; the first worksheet when not given. */
  readonly sheet?: string;
  /** Data rows, not counting the header (default 50,000). */
  readonly maxRows?: number;
  /** Default 256. */
  readonly maxColumns?: number;
  /** Characters in one cell (default 32,767, Excel's own limit). */
  readonly maxCellChars?: number;
  /** Size of the uploaded file (default 20 MiB). */
  readonly maxBytes?: number;
  readonly zip?: Partial<ZipLimits>;
}

export interface TableLimits {
  readonly maxRows: number;
  readonly maxColumns: number;
  readonly maxCellChars: number;
  readonly maxBytes: number;
  readonly zip: ZipLimits;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxEntryBytes: 128 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxRatio: 200,
  ratioGraceBytes: 1024 * 1024,
};

export const DEFAULT_TABLE_LIMITS: TableLimits = {
  maxRows: 50_000,
  maxColumns: 256,
  maxCellChars: 32_767,
  maxBytes: 20 * 1024 * 1024,
  zip: DEFAULT_ZIP_LIMITS,
};

export function tableLimits(options: ReadTableOptions): TableLimits {
  const d = DEFAULT_TABLE_LIMITS;
  return {
    maxRows: options.maxRows ?? d.maxRows,
    maxColumns: options.maxColumns ?? d.maxColumns,
    maxCellChars: options.maxCellChars ?? d.maxCellChars,
    maxBytes: options.maxBytes ?? d.maxBytes,
    zip: { ...d.zip, ...options.zip },
  };
}
