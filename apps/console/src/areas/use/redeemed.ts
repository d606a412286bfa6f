import { downloadBase64 } from '../../api';
import type { RedeemResult } from './types';

type RedeemedFile = Exclude<RedeemResult, { kind: 'data' }>;

/** Saves the original or 加注件 a redemption handed over (PDF or OFD) as a browser download. */
export function saveRedeemedFile(result: RedeemedFile): void {
  const base64 = result.format === 'pdf' ? result.pdfBase64 : result.ofdBase64;
  if (!base64) throw new Error(`the answer carries no ${result.format} file`);
  downloadBase64(base64, result.fileName, result.contentType);
}
