import { readFileSync } from 'node:fs';
import type { PdfAnnotator } from '@zhengyin/core';
import { annotatePdf, bundledSealFontPath, loadSealFont } from '@zhengyin/documents';
import type { SealFont } from '@zhengyin/documents';

/**
 * annotatePdf with the 加注件 statement font: the bundled Noto Sans SC (OFL), read and parsed on
 * the first copy and kept for the process.
 */
export function documentPdfAnnotator(): PdfAnnotator {
  let fonts: SealFont[] | null = null;
  return {
    annotate(request) {
      fonts ??= [loadSealFont(new Uint8Array(readFileSync(bundledSealFontPath('regular'))))];
      return annotatePdf({ ...request, fonts });
    },
  };
}
