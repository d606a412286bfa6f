export type { ReportDocument, ReportSection } from './types.js';
export { REPORT_XLSX_COLUMNS, writeReportXlsx } from './report-xlsx.js';
export { writeReportPdf, type ReportPdfOptions } from './report-pdf.js';
