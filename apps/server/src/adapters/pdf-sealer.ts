import type { PdfSealer } from '@zhengyin/core';
import { renderPdfPage, sealPdf } from '@zhengyin/documents';

/** The incremental PDF sealing engine of @zhengyin/documents, and its page preview for placing seals. */
export const documentPdfSealer: PdfSealer = {
  seal: (request) => sealPdf(request),
  preview: (pdf, options) => renderPdfPage(pdf, options),
};
