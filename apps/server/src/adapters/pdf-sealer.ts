import type { PdfSealer } from '@zhengyin/core';
import { sealPdf } from '@zhengyin/documents';

/** The incremental PDF sealing engine of @zhengyin/documents. */
export const documentPdfSealer: PdfSealer = { seal: (request) => sealPdf(request) };
