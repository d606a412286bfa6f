export type * from './types.js';
export { checkGlyphCoverage } from './fonts.js';
export { renderFace, type RenderFaceOptions } from './render.js';
