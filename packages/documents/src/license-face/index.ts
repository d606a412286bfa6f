export type * from './types.js';
export { checkGlyphCoverage } from './fonts.js';
export { renderFace, type RenderFaceOptions } from './render.js';
export { readLicenseMetadata } from './metadata-read.js';
export { ECERT_NAMESPACE, ECERT_PREFIX, MAX_XMP_BYTES, isXmpKey } from './xmp.js';
export { MAX_ATTACHMENT_BYTES } from './pdf-metadata.js';
export { MAX_BACKGROUND_BYTES, faceTemplateToJson, parseFaceTemplate } from './template-codec.js';
export { createFontSubsetter, harfbuzzSubsetWasmPath, type FontSubsetter } from './subset.js';
