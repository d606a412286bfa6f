export const GM_PACKAGE = '@zhengyin/gm';
export { GmError } from './errors.js';
export { sm3, sm3Hex, createSm3, SM3_DIGEST_LENGTH } from './hash/sm3.js';
export type { Sm3Hasher } from './hash/sm3.js';
export { hmacCompute, hmacSm3, hmacSha256, hmacVerify } from './hash/hmac.js';
export type { HmacAlgorithm } from './hash/hmac.js';
export * from './sm2/index.js';
export { sm4Encrypt, sm4Decrypt, createSm4BlockCipher, SM4_BLOCK_SIZE, SM4_KEY_SIZE } from './sm4/sm4.js';
export type { Sm4Mode, Sm4Options, Sm4BlockCipher } from './sm4/sm4.js';
export * from './codes/index.js';
export { ecdsaP256GenerateKeyPair, ecdsaP256Sign, ecdsaP256Verify } from './algorithms/ecdsa.js';
export type { EcdsaOptions } from './algorithms/ecdsa.js';
export { rsaGenerateKeyPair, rsaSign, rsaVerify, RSA_MIN_BITS } from './algorithms/rsa.js';
export type { RsaOptions } from './algorithms/rsa.js';
export type { DerKeyPair, KeyInput } from './algorithms/node-keys.js';
export * from './ses/index.js';
export {
  SIGNATURE_ALGORITHMS,
  createSoftwareKey,
  signatureAlgorithmByName,
  signatureAlgorithmByOid,
  signatureAlgorithmForKey,
} from './algorithms/registry.js';
export type {
  DigestName,
  SignFunction,
  SignatureAlgorithm,
  SignatureAlgorithmName,
  SoftwareKey,
} from './algorithms/registry.js';
export * from './pki/index.js';
