export { decodeSeal, encodeSeal, encodeSealInfo } from './seal-codec.js';
export { decodeSesSignature, encodeSesSignature, encodeTbsSign } from './signature-codec.js';
export { createSeal, createSesSignature } from './create.js';
export type { CreateSealParams, CreateSesSignatureParams, SesSignFunction } from './create.js';
export { verifySeal, verifySesSignature } from './verify.js';
export type { VerifySealOptions, VerifySesSignatureOptions } from './verify.js';
export { sesVerdict } from './checks.js';
export { describeSes } from './describe.js';
export type { SesJsonObject, SesJsonValue, SesDescription } from './describe.js';
export { readSesCertInfo } from './cert-info.js';
export type { SesCertInfo } from './cert-info.js';
export { SES_DEFAULT_MAX_BYTES } from './der-reader.js';
export type {
  SesCertDigest,
  SesCertList,
  SesCheck,
  SesCheckStatus,
  SesDecodeLimits,
  SesExtData,
  SesHeader,
  SesPictureInfo,
  SesPropertyInfo,
  SesSeal,
  SesSealFields,
  SesSealInfo,
  SesSealInfoFields,
  SesSignature,
  SesSignatureFields,
  SesTagging,
  SesTbsSign,
  SesTbsSignFields,
  SesTime,
  SesTimeForm,
  SesVersion,
} from './types.js';
