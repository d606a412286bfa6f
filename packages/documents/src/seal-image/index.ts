/** Seal images: generated round / oval / square seals (SVG and PNG) and uploaded-image checks. */
export { SealFont, bundledSealFontPath, loadSealFont } from './font.js';
export type { GlyphOutline } from './font.js';
export { SEAL_RED } from './spec.js';
export type { OvalSealSpec, RoundSealSpec, SealImageSpec, SquareSealSpec } from './spec.js';
export { generateSealSvg, renderSealPng } from './generate.js';
export type { RenderSealPngOptions, RenderedSealPng } from './generate.js';
export { inspectSvg, validateSealUpload } from './upload.js';
export type { SealUploadInfo, SealUploadLimits, SvgInfo } from './upload.js';
