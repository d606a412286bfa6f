import { importError } from './errors.js';
import type { CellProblem, Table, TableLimits, TableRow } from './types.js';

/**
 * Collects rows as a reader finds them and enforces the row, column and cell limits as it goes, so
 * an oversized file is refused without first being turned into a table. The first non-empty row
 * is the header; empty rows are dropped.
 */
export class TableBuilder {
  private headers: string[] | null = null;
  private readonly rows: TableRow[] = [];

  constructor(private readonly limits: TableLimits) {}

  /** `cells` may be sparse (XLSX rows skip empty cells). */
  addRow(line: number, cells: readonly (string | undefined)[], problems: readonly CellProblem[] = []): void {
    let width = cells.length;
    while (width > 0 && (cells[width - 1] ?? '').trim() === '') width--;
    if (width === 0) return;
    if (width > this.limits.maxColumns) {
      throw importError('TOO_MANY_COLUMNS', `row ${line} has more than ${this.limits.maxColumns} columns`, {
        line,
        maxColumns: this.limits.maxColumns,
      });
    }
    const texts: string[] = [];
    for (let i = 0; i < width; i++) {
      const text = cells[i] ?? '';
      if (text.length > this.limits.maxCellChars) {
        throw importError(
          'CELL_TOO_LONG',
          `a cell in row ${line} has more than ${this.limits.maxCellChars} characters`,
          {
            line,
            column: i,
            maxCellChars: this.limits.maxCellChars,
          },
        );
      }
      texts.push(text);
    }
    if (this.headers === null) {
      this.headers = texts.map((h) => h.trim());
      return;
    }
    if (this.rows.length >= this.limits.maxRows) {
      throw importError('TOO_MANY_ROWS', `more than ${this.limits.maxRows} data rows`, {
        line,
        maxRows: this.limits.maxRows,
      });
    }
    while (texts.length < this.headers.length) texts.push('');
    const row: TableRow = { line, cells: texts };
    const kept = problems.filter((p) => p.column < width);
    if (kept.length > 0) row.cellProblems = kept;
    this.rows.push(row);
  }

  finish(): Table {
    if (this.headers === null) throw importError('NO_HEADER', 'the file has no non-empty row');
    return { headers: this.headers, rows: this.rows };
  }
}
