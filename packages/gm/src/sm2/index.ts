import { sm3Hex } from '../hash/sm3.js';
import { createSm2Facade } from './facade.js';
import { LruCache } from './key-cache.js';
import { sm2Native } from './native.js';
import { sm2Pure } from './pure.js';
import type { Sm2SelfTestResult } from './facade.js';
import type { Sm2SignOptions, Sm2VerifyOptions } from './types.js';
import { SM2_DEFAULT_ID } from './types.js';

/**
 * The SM2 interface of the code base. Signing and verification use the native OpenSSL path when
 * its known-answer self-test passed (run lazily on first use), otherwise the pure path.
 */
const facade = createSm2Facade(sm2Native, sm2Pure);

/** SM2 signature over `message` (Z_A over `opts.id`, default 1234567812345678); DER unless `encoding: 'raw'`. */
export function sm2Sign(privateKey: Uint8Array, message: Uint8Array, opts?: Sm2SignOptions): Uint8Array {
  return facade.sign(privateKey, message, opts);
}

/**
 * Answers already computed, by SM3 of everything the answer depends on. A verifier meets the same
 * certificates and seals (same key, same signed bytes, same signature) in every document it checks;
 * the answer for the same bytes never changes, so it is looked up instead of computed again.
 */
const verified = new LruCache<boolean>('sm2-verified', 4096);
const lengthPrefix = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);

/** True when `signature` is a valid SM2 signature; false for a wrong or malformed signature. */
export function sm2Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  opts?: Sm2VerifyOptions,
): boolean {
  const id = opts?.id ?? SM2_DEFAULT_ID;
  const key = sm3Hex(
    opts?.encoding ?? 'der',
    lengthPrefix(id.length),
    id,
    lengthPrefix(publicKey.length),
    publicKey,
    lengthPrefix(message.length),
    message,
    signature,
  );
  const known = verified.get(key);
  if (known !== undefined) return known;
  return verified.set(key, facade.verify(publicKey, message, signature, opts));
}

/** Runs (once) and reports the start-up known-answer test; servers call it to log the result. */
export function sm2SelfTest(): Sm2SelfTestResult {
  return facade.selfTest();
}

/**
 * Verifies against a caller-supplied e (no Z_A added), pure path. Only for formats that sign a
 * digest directly, such as the tolerant GM/T 0031 v1 check.
 */
export function sm2VerifyDigest(
  publicKey: Uint8Array,
  e: Uint8Array,
  signature: Uint8Array,
  opts?: Pick<Sm2VerifyOptions, 'encoding'>,
): boolean {
  return sm2Pure.verifyDigest(publicKey, e, signature, opts);
}

/** Name of the implementation in use ('native' or 'pure'). */
export const sm2Implementation = (): string => facade.active().name;

export { sm2GenerateKeyPair } from './keygen.js';
export { sm2Native } from './native.js';
export { sm2Pure, createSm2Pure } from './pure.js';
export { createSm2Facade } from './facade.js';
export type { Sm2Facade, Sm2SelfTestResult } from './facade.js';
export type { Sm2PureSigner, Sm2PureSignOptions } from './pure.js';
export type { Sm2Signer } from './signer.js';
export type { Sm2KeyPair, Sm2SignOptions, Sm2VerifyOptions } from './types.js';
export { SM2_DEFAULT_ID } from './types.js';
export { sm2Z, SM2_MAX_ID_BYTES } from './z.js';
export {
  SM2P256V1,
  OID_EC_PUBLIC_KEY,
  OID_SM2_CURVE,
  OID_SM2_ENCRYPT,
  OID_SM2_SIGN,
  OID_SM3,
  OID_SM3_WITH_SM2,
} from './curve.js';
export type { Sm2CurveParams } from './curve.js';
export {
  SM2_SPKI_PREFIX,
  sm2ImportPrivateKey,
  sm2ImportPublicKey,
  sm2KeyPairFromPrivateKey,
  sm2PrivateKeyFromPkcs8,
  sm2PrivateKeyFromSec1,
  sm2PrivateKeyToPem,
  sm2PrivateKeyToPkcs8,
  sm2PublicKeyFromSpki,
  sm2PublicKeyToPem,
  sm2PublicKeyToSpki,
} from './encoding.js';
export {
  sm2SignatureDecode,
  sm2SignatureDerToRaw,
  sm2SignatureEncode,
  sm2SignatureFromDer,
  sm2SignatureFromRaw,
  sm2SignatureRawToDer,
  sm2SignatureToDer,
  sm2SignatureToRaw,
} from './signature.js';
export type { Sm2SignatureValues } from './signature.js';
export { sm2ClearKeyCaches, sm2KeyCacheStats } from './key-cache.js';
export type { Sm2KeyCacheStats } from './key-cache.js';
export { sm2Encrypt, sm2Decrypt, sm2Kdf, SM2_ENCRYPT_MAX_BYTES } from './encrypt.js';
export type { Sm2EncryptOptions, Sm2DecryptOptions } from './encrypt.js';
