import { writeXlsx } from '../tabular/xlsx-write.js';
import type { ReportDocument } from './types.js';

/** The columns of the XLSX report: one number per row, so the sheet filters and pivots cleanly. */
export const REPORT_XLSX_COLUMNS = ['部分', '对象', '指标', '数值'] as const;

/**
 * The report as one worksheet in long form: for each section, row and column after the first, the
 * row [section heading, the row's first cell, column name, cell]. Every cell is an inline string
 * (never a formula).
 */
export function writeReportXlsx(document: ReportDocument): Uint8Array {
  const rows: string[][] = [
    ['报告', document.title, '范围', document.subtitle],
    ['报告', document.title, '生成时间', document.generatedAt],
  ];
  for (const section of document.sections) {
    for (const row of section.rows) {
      section.columns.slice(1).forEach((column, i) => {
        rows.push([section.heading, row[0] ?? '', column, row[i + 1] ?? '']);
      });
    }
  }
  return writeXlsx(REPORT_XLSX_COLUMNS, rows);
}
