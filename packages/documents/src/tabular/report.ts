/** The rejection report a user downloads: the rows that were not imported, and why. */
import { isFormulaLike } from './formula.js';
import type { Table } from './types.js';
import { writeXlsx } from './xlsx-write.js';

export interface RejectedRow {
  readonly line: number;
  /** Original cells by header. */
  readonly cells: Readonly<Record<string, string>>;
  readonly reasons: readonly string[];
}

const PROBLEM_TEXT: Record<string, string> = {
  FORMULA: '含公式或以 = + - @ 开头，未导入',
  PRECISION: '长数字被表格软件存为数值，末几位已丢失，请将该列设为文本后重新填写',
  TYPE: '数据类型不符',
  DATE: '日期无法识别（可用 YYYY-MM-DD、YYYY/M/D、YYYY年M月D日、YYYYMMDD）',
};

/**
 * Groups problems by row into report rows, in file order. A problem with a known kind gets a
 * Chinese reason naming its column; any other keeps its message.
 */
export function rejectedRows(
  table: Table,
  problems: readonly {
    readonly line: number;
    readonly column?: string;
    readonly problem?: string;
    readonly message: string;
  }[],
): RejectedRow[] {
  const reasons = new Map<number, string[]>();
  for (const p of problems) {
    const text = (p.problem && PROBLEM_TEXT[p.problem]) || p.message;
    const reason = p.column ? `「${p.column}」${text}` : text;
    reasons.set(p.line, [...(reasons.get(p.line) ?? []), reason]);
  }
  return table.rows
    .filter((row) => reasons.has(row.line))
    .map((row) => ({
      line: row.line,
      cells: Object.fromEntries(table.headers.map((h, i) => [h, row.cells[i] ?? ''])),
      reasons: reasons.get(row.line) ?? [],
    }));
}

function reportTable(rows: readonly RejectedRow[], headers: readonly string[]): string[][] {
  return [
    ['行号', ...headers, '原因'],
    ...rows.map((r) => [String(r.line), ...headers.map((h) => r.cells[h] ?? ''), r.reasons.join('；')]),
  ];
}

/** OWASP CSV injection: a leading apostrophe keeps the spreadsheet from reading a formula. */
function csvField(text: string): string {
  const safe = isFormulaLike(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** UTF-8 CSV with a BOM (so Excel shows Chinese), columns 行号, the original columns, 原因. */
export function rejectionReportCsv(rows: readonly RejectedRow[], headers: readonly string[]): Uint8Array {
  const lines = reportTable(rows, headers).map((cells) => cells.map(csvField).join(','));
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

/** The same report as an XLSX workbook (inline strings are never formulas, so no escaping is needed). */
export function rejectionReportXlsx(rows: readonly RejectedRow[], headers: readonly string[]): Uint8Array {
  const [head = [], ...body] = reportTable(rows, headers);
  return writeXlsx(head, body);
}
