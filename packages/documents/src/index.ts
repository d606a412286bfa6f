/**
 * Licence and seal document formats (PDF and OFD): rendering, metadata, incremental signing and
 * verification. Depends on @zhengyin/gm only. Filled in by the seals, issuance and OFD work.
 */
export const DOCUMENT_FORMATS = ['pdf', 'ofd'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];
