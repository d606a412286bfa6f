import { AppError, type ImportFiles, type ImportRow } from '@zhengyin/core';
import {
  DocumentError,
  applyMapping,
  readTable,
  rejectionReportCsv,
  rejectionReportXlsx,
  type ItemSpec,
} from '@zhengyin/documents';

const ITEM_TYPES = new Set(['text', 'number', 'date', 'enum', 'boolean', 'image', 'table']);

/** CSV / XLSX through the documents package's safe reader; its errors keep their codes. */
export const documentImportFiles: ImportFiles = {
  async parse(bytes, mapping, items) {
    try {
      const table = await readTable(bytes);
      const specs = items.filter((i): i is ItemSpec => ITEM_TYPES.has(i.type));
      const mapped = applyMapping(table, { columns: mapping }, specs);
      const rows: ImportRow[] = mapped.rows.map((r) => ({
        line: r.line,
        item: {
          holder: {
            name: r.holder.name ?? '',
            code: r.holder.code ?? '',
            ...(r.holder.codeType ? { codeType: r.holder.codeType } : {}),
          },
          ...(r.licenseNumber ? { licenseNumber: r.licenseNumber } : {}),
          ...(r.issueDate ? { issueDate: r.issueDate } : {}),
          ...(r.validFrom ? { validFrom: r.validFrom } : {}),
          ...(r.longTerm ? { validTo: '长期' } : r.validTo ? { validTo: r.validTo } : {}),
          data: r.data,
        },
      }));
      const byLine = new Map(table.rows.map((r) => [r.line, r.cells]));
      return {
        headers: table.headers,
        rows,
        problems: mapped.problems,
        cells: (line) => Object.fromEntries(table.headers.map((h, i) => [h, byLine.get(line)?.[i] ?? ''])),
      };
    } catch (e) {
      if (e instanceof DocumentError) throw new AppError(e.code, e.message, e.details);
      throw e;
    }
  },
  report: (rejected, headers, format) =>
    format === 'xlsx' ? rejectionReportXlsx(rejected, headers) : rejectionReportCsv(rejected, headers),
};
