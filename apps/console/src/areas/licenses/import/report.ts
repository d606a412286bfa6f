import { api, downloadBase64 } from '../../../api';

/** Red text that keeps a 4.5:1 contrast on white (antd's error red does not). */
export const DANGER_TEXT = '#a8071a';

/** Downloads the formula-safe rejection report of an import. */
export async function downloadRejectionReport(id: string, format: 'csv' | 'xlsx') {
  const r = await api.licenseImportReport({ params: { id }, query: { format } });
  downloadBase64(r.base64, r.fileName, r.contentType);
}

/** Seconds as 1 分 5 秒 / 1 min 5 s. */
export function duration(seconds: number, lang: 'zh-CN' | 'en'): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (lang === 'en') return m ? `${m} min ${rest} s` : `${rest} s`;
  return m ? `${m} 分 ${rest} 秒` : `${rest} 秒`;
}
