import type { Bilingual } from '../report/check-texts';

/** "12.5 MB", "800 KB" (binary units, as the server counts bytes). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** What the server reads the same way: a PDF has "%PDF-" within its first 1,024 bytes, an OFD is a zip ("PK"). */
function looksVerifiable(head: Uint8Array): boolean {
  if (head.length >= 2 && head[0] === 0x50 && head[1] === 0x4b) return true;
  return new TextDecoder('latin1').decode(head).includes('%PDF-');
}

/**
 * Why a chosen file cannot be verified, before anything is sent (the server checks again): empty,
 * larger than the limit, or neither PDF nor OFD by its first bytes (the file name does not matter).
 */
export async function uploadProblem(file: Blob, maxBytes: number | undefined): Promise<Bilingual | null> {
  if (file.size === 0) return ['文件是空的。', 'The file is empty.'];
  if (maxBytes !== undefined && file.size > maxBytes)
    return [
      `文件为 ${formatBytes(file.size)}，超过了 ${formatBytes(maxBytes)} 的上限。`,
      `The file is ${formatBytes(file.size)}, more than the ${formatBytes(maxBytes)} limit.`,
    ];
  const head = new Uint8Array(await file.slice(0, 1024).arrayBuffer());
  if (!looksVerifiable(head))
    return [
      '只能核验 PDF 或 OFD 格式的证照文件，所选文件两者都不是。',
      'Only PDF or OFD licence files can be verified; the chosen file is neither.',
    ];
  return null;
}
