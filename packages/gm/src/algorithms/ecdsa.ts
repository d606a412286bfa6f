import type { KeyObject } from 'node:crypto';
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import type { DerKeyPair, KeyInput } from './node-keys.js';
import { exportPair, loadPrivateKey, loadPublicKey, requireKey } from './node-keys.js';

/** ECDSA on P-256 with SHA-256 over node:crypto, for international verifiers. */

export interface EcdsaOptions {
  /** DER SEQUENCE{r,s} (default, X.509 / CMS) or raw r‖s (IEEE P1363, JOSE). */
  readonly encoding?: 'der' | 'raw';
}

const isP256 = (key: KeyObject) => key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
const P256 = 'an ECDSA P-256 key';

export function ecdsaP256GenerateKeyPair(): DerKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return exportPair(privateKey, publicKey);
}

export function ecdsaP256Sign(privateKey: KeyInput, data: Uint8Array, opts: EcdsaOptions = {}): Uint8Array {
  const key = requireKey(loadPrivateKey(privateKey), 'ec', isP256, P256);
  const dsaEncoding = opts.encoding === 'raw' ? 'ieee-p1363' : 'der';
  return new Uint8Array(sign('sha256', data, { key, dsaEncoding }));
}

/** False for a wrong or malformed signature; GmError for an unusable key. */
export function ecdsaP256Verify(
  publicKey: KeyInput,
  data: Uint8Array,
  signature: Uint8Array,
  opts: EcdsaOptions = {},
): boolean {
  const key = requireKey(loadPublicKey(publicKey), 'ec', isP256, P256);
  const dsaEncoding = opts.encoding === 'raw' ? 'ieee-p1363' : 'der';
  try {
    return verify('sha256', data, { key, dsaEncoding }, signature);
  } catch {
    return false;
  }
}
