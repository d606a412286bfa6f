/**
 * Licence and seal document formats (PDF and OFD): rendering, metadata, incremental signing and
 * verification. Depends on @zhengyin/gm only. Filled in by the seals, issuance and OFD work.
 */
export const DOCUMENT_FORMATS = ['pdf', 'ofd'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];
export * from './checks.js';
export type * from './pdf/types.js';
export * from './seal-image/index.js';
export { sealPdf } from './pdf/seal-pdf.js';
export {
  ANNOTATION_COLOR,
  annotatePdf,
  annotationStatement,
  annotationTime,
  parseAnnotationTime,
} from './pdf/annotate-pdf.js';
export type { AnnotatePdfRequest, AnnotatePdfResult } from './pdf/annotate-pdf.js';
export { verifyPdf, VERIFY_PDF_DEFAULT_MAX_BYTES } from './pdf/verify-pdf.js';
export { DEFAULT_MAX_PDF_BYTES, DEFAULT_PLACEHOLDER_BYTES } from './pdf/seal-pdf.js';
export * from './certificates/seal-revocation.js';
export * from './license-face/index.js';
export * from './tabular/index.js';
export * from './pdf-raster/index.js';
export * from './ofd/index.js';
export * from './reports/index.js';
