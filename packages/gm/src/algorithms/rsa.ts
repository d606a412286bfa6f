import type { KeyObject } from 'node:crypto';
import { constants, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { DerKeyPair, KeyInput } from './node-keys.js';
import { exportPair, loadPrivateKey, loadPublicKey, requireKey } from './node-keys.js';

/** RSA with SHA-256 over node:crypto: PKCS#1 v1.5 (default) or PSS; keys of at least 2048 bits. */

export interface RsaOptions {
  readonly padding?: 'pkcs1' | 'pss';
}

export const RSA_MIN_BITS = 2048;

const bigEnough = (key: KeyObject) => (key.asymmetricKeyDetails?.modulusLength ?? 0) >= RSA_MIN_BITS;
const RSA = `an RSA key of at least ${RSA_MIN_BITS} bits`;

const paddingOf = (opts: RsaOptions) =>
  opts.padding === 'pss'
    ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
    : { padding: constants.RSA_PKCS1_PADDING };

export function rsaGenerateKeyPair(modulusLength = 2048): DerKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength, publicExponent: 0x10001 });
  return exportPair(privateKey, publicKey);
}

export function rsaSign(privateKey: KeyInput, data: Uint8Array, opts: RsaOptions = {}): Uint8Array {
  const key = requireKey(loadPrivateKey(privateKey), 'rsa', bigEnough, RSA);
  return new Uint8Array(sign('sha256', data, { key, ...paddingOf(opts) }));
}

/** False for a wrong or malformed signature; GmError for an unusable key. */
export function rsaVerify(
  publicKey: KeyInput,
  data: Uint8Array,
  signature: Uint8Array,
  opts: RsaOptions = {},
): boolean {
  const key = requireKey(loadPublicKey(publicKey), 'rsa', bigEnough, RSA);
  try {
    return verify('sha256', data, { key, ...paddingOf(opts) }, signature);
  } catch {
    return false;
  }
}
