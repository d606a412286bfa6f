import dayjs from 'dayjs';

export const dateTime = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');

export function fileSize(bytes: number | null): string {
  if (bytes === null) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** A data value as text: booleans in words, tables and other structures as JSON. */
export function valueText(value: unknown, yesNo: readonly [string, string]): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? yesNo[0] : yesNo[1];
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
