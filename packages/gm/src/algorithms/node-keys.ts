import type { KeyObject } from 'node:crypto';
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { GmError } from '../errors.js';

/**
 * Key loading for the node:crypto algorithms (ECDSA P-256, RSA). Keys are PKCS#8 / SPKI DER
 * bytes or PEM text. SM2 keys are refused here: they must go through packages/gm/src/sm2.
 */

export interface DerKeyPair {
  /** PKCS#8 DER */
  readonly privateKey: Uint8Array;
  /** SubjectPublicKeyInfo DER */
  readonly publicKey: Uint8Array;
}

export type KeyInput = Uint8Array | string;

const MAX_KEY_BYTES = 16 * 1024;

// Parsing a key costs far more than an ECDSA signature, so parsed keys are kept (bounded).
const keyCache = new Map<string, KeyObject>();
const KEY_CACHE_SIZE = 64;

function cached(kind: 'private' | 'public', input: KeyInput, load: () => KeyObject): KeyObject {
  if (input.length > MAX_KEY_BYTES)
    throw new GmError('GM_KEY_MALFORMED', 'key too large', { max: MAX_KEY_BYTES });
  const id = `${kind}:${createHash('sha256').update(input).digest('base64')}`;
  let key = keyCache.get(id);
  if (!key) {
    key = load();
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value as string);
    keyCache.set(id, key);
  }
  return key;
}

export function loadPrivateKey(input: KeyInput): KeyObject {
  return cached('private', input, () => {
    try {
      return typeof input === 'string'
        ? createPrivateKey({ key: input, format: 'pem' })
        : createPrivateKey({ key: Buffer.from(input), format: 'der', type: 'pkcs8' });
    } catch (cause) {
      throw new GmError('GM_KEY_MALFORMED', 'private key is not a readable PKCS#8 / PEM key', {
        cause: String(cause),
      });
    }
  });
}

export function loadPublicKey(input: KeyInput): KeyObject {
  return cached('public', input, () => {
    try {
      return typeof input === 'string'
        ? createPublicKey({ key: input, format: 'pem' })
        : createPublicKey({ key: Buffer.from(input), format: 'der', type: 'spki' });
    } catch (cause) {
      throw new GmError('GM_KEY_MALFORMED', 'public key is not a readable SPKI / PEM key', {
        cause: String(cause),
      });
    }
  });
}

/** SM2 keys parsed by OpenSSL have no asymmetricKeyType in Node, so they fail this check too. */
export function requireKey(
  key: KeyObject,
  type: 'ec' | 'rsa',
  check: (key: KeyObject) => boolean,
  what: string,
): KeyObject {
  if (key.asymmetricKeyType !== type || !check(key)) {
    throw new GmError('GM_KEY_ALGORITHM_MISMATCH', `key is not ${what}`, {
      keyType: key.asymmetricKeyType,
      curve: key.asymmetricKeyDetails?.namedCurve,
    });
  }
  return key;
}

export function exportPair(privateKey: KeyObject, publicKey: KeyObject): DerKeyPair {
  return {
    privateKey: new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' })),
    publicKey: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
  };
}
