/** OFD (GB/T 33190): safe reading, writing, SES sealing, verification and rendering. */
export type * from './types.js';
export { ofdError, type OfdErrorCode } from './errors.js';
export { OfdPackage, DEFAULT_OFD_LIMITS, ofdLimits, type OfdLimits } from './package.js';
export { resolveOfdPath, absoluteOfdPath } from './paths.js';
export { readOfdSignatures, signaturesPartOf } from './signatures.js';
// Helpers: add your exports below, one block each (reader, renderer, writer/sealer, verifier).
// Reader
export { openOfd, type OpenOfdOptions } from './read.js';
export { extractOfdText } from './text.js';
export { parseXml, type XmlElement, type XmlLimits, type ParseXmlOptions } from './xml.js';
// Writer, sealer, 加注件
export { renderFaceOfd, OFD_WRITER_VERSION, RESERVED_UNIT_IDS, LICENCE_TAG_NAMESPACE } from './write-face.js';
export {
  sealOfd,
  DEFAULT_MAX_OFD_SEAL_BYTES,
  type OfdSealPlacement,
  type SealOfdRequest,
  type SealOfdResult,
} from './seal-ofd.js';
export {
  annotateOfd,
  OFD_ANNOTATION_COLOR,
  type AnnotateOfdRequest,
  type AnnotateOfdResult,
} from './annotate-ofd.js';
// Multi-page text documents (demo contracts, multi-page sealing tests)
export {
  writeOfdDocument,
  MAX_OFD_DOCUMENT_PAGES,
  type OfdDocumentLine,
  type WriteOfdDocumentOptions,
} from './write-document.js';
// Renderer
export {
  renderOfdPage,
  OFD_RENDER_MIN_DPI,
  OFD_RENDER_MAX_DPI,
  OFD_RENDER_DEFAULT_DPI,
  OFD_RENDER_MAX_PIXELS,
  type RenderOfdOptions,
} from './render.js';
// Verifier
export { verifyOfd } from './verify-ofd.js';
export type { OfdSignatureReport, OfdVerification, VerifyOfdOptions } from './verify-types.js';
export { readSignedOfdMetadata, type SignedOfdMetadata } from './verify-metadata.js';
