import dayjs from 'dayjs';

/** 6101…123X: a holder code shown on screen keeps its first and last four characters. */
export function maskCode(code: string): string {
  if (code.length <= 8) return `${code.slice(0, 2)}${'*'.repeat(Math.max(code.length - 2, 0))}`;
  return `${code.slice(0, 4)}${'*'.repeat(code.length - 8)}${code.slice(-4)}`;
}

export const formatDateTime = (iso: string | null | undefined) =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';

/** A licence's validity in words: from – to, or long-term. */
export function validityText(
  t: (zh: string, en: string, vars?: Record<string, string | number>) => string,
  l: { validFrom: string | null; validTo: string | null; longTerm: boolean; issueDate: string },
): string {
  const from = l.validFrom ?? l.issueDate;
  if (l.longTerm) return t('{from} 起长期有效', 'From {from}, long-term', { from });
  if (!l.validTo) return t('{from} 起', 'From {from}', { from });
  return t('{from} 至 {to}', '{from} to {to}', { from, to: l.validTo });
}
