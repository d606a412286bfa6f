/** OFD (GB/T 33190): safe reading, writing, SES sealing, verification and rendering. */
export type * from './types.js';
export { ofdError, type OfdErrorCode } from './errors.js';
export { OfdPackage, DEFAULT_OFD_LIMITS, ofdLimits, type OfdLimits } from './package.js';
export { resolveOfdPath, absoluteOfdPath } from './paths.js';
export { readOfdSignatures, signaturesPartOf } from './signatures.js';
// Helpers: add your exports below, one block each (reader, renderer, writer/sealer, verifier).
