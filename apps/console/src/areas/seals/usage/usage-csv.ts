import type { SealUsage } from '../model';

type Translate = (zh: string, en: string) => string;

/** A cell that spreadsheets neither split nor run as a formula. */
function cell(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The usage register as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese text). */
export function usageCsv(rows: readonly SealUsage[], t: Translate): string {
  const header = [
    t('用印时间', 'Sealed at'),
    t('事由', 'Reason'),
    t('签章人', 'Signer'),
    t('批准人', 'Approver'),
    t('用印申请', 'Use request'),
    t('原文件 SHA-256', 'Document SHA-256'),
    t('签章后 SHA-256', 'Sealed SHA-256'),
  ];
  const lines = rows.map((u) =>
    [u.at, u.reason, u.signerId, u.approverId, u.useRequestId, u.documentSha256, u.sealedSha256]
      .map(cell)
      .join(','),
  );
  return `\uFEFF${[header.map(cell).join(','), ...lines].join('\r\n')}\r\n`;
}
