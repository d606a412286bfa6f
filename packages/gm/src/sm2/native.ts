import type { KeyObject } from 'node:crypto';
import { createPrivateKey, createPublicKey, createSign, createVerify } from 'node:crypto';
import { GmError } from '../errors.js';
import { sm3 } from '../hash/sm3.js';
import { SM2P256V1 } from './curve.js';
import { TAG_OCTET_STRING, TAG_SEQUENCE, encodeTlv } from './der.js';
import { SM2_SPKI_PREFIX } from './encoding.js';
import { LruCache, cacheKey } from './key-cache.js';
import { curveOps } from './point.js';
import { sm2SignatureDecode, sm2SignatureDerToRaw, sm2SignatureToDer } from './signature.js';
import type { Sm2Signer } from './signer.js';
import type { Sm2SignOptions, Sm2VerifyOptions } from './types.js';
import { SM2_DEFAULT_ID } from './types.js';
import { sm2Z } from './z.js';

/**
 * THE ONLY place where node:crypto signs or verifies with SM2 keys (STANDARDS §14.5, TECH-NOTES).
 *
 * Keys are always built from PKCS#8 / SPKI DER so that OpenSSL types them as SM2 keys; on such
 * a key `createSign('sm3')` computes e = SM3(input) without adding Z, so we feed Z_A ‖ M and get
 * a standard GB/T 32918 signature. This relies on undocumented behaviour: `sm2SelfTest` in
 * ./index.ts checks it against the known-answer vector before it is used.
 */

interface NativePrivate {
  readonly key: KeyObject;
  readonly publicKey: Uint8Array;
  readonly defaultZ: Uint8Array;
}

interface NativePublic {
  readonly key: KeyObject;
  readonly point: Uint8Array;
  readonly defaultZ: Uint8Array;
}

const privateCache = new LruCache<NativePrivate>('sm2-native-private', 64);
const publicCache = new LruCache<NativePublic>('sm2-native-public', 1024);

// PKCS#8 {0, {id-ecPublicKey, sm2}, ECPrivateKey{1, d}}; OpenSSL derives the public point itself.
const PKCS8_HEAD = new Uint8Array(Buffer.from('020100301306072a8648ce3d020106082a811ccf5501822d', 'hex'));

function nativePrivate(privateKey: Uint8Array): NativePrivate {
  const id = privateCache.keyFor(privateKey, (d) => cacheKey(sm3(d)));
  const cached = privateCache.get(id);
  if (cached) return cached;
  curveOps(SM2P256V1).privateScalar(privateKey);
  const ecPrivateKey = encodeTlv(
    TAG_SEQUENCE,
    Uint8Array.of(2, 1, 1),
    encodeTlv(TAG_OCTET_STRING, privateKey),
  );
  const pkcs8 = encodeTlv(TAG_SEQUENCE, PKCS8_HEAD, encodeTlv(TAG_OCTET_STRING, ecPrivateKey));
  const key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const publicKey = new Uint8Array(spki.subarray(spki.length - 65));
  return privateCache.set(id, { key, publicKey, defaultZ: sm2Z(publicKey) });
}

function nativePublic(publicKey: Uint8Array): NativePublic {
  const id = publicCache.keyFor(publicKey, cacheKey);
  const cached = publicCache.get(id);
  if (cached) return cached;
  // Validates the point (and normalises a compressed one) before OpenSSL sees it.
  const point = curveOps(SM2P256V1).encodePoint(curveOps(SM2P256V1).decodePoint(publicKey));
  const spki = Buffer.concat([SM2_SPKI_PREFIX, point]);
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  return publicCache.set(id, { key, point, defaultZ: sm2Z(point) });
}

const zFor = (publicKey: Uint8Array, defaultZ: Uint8Array, id: Uint8Array | undefined): Uint8Array =>
  id === undefined || sameId(id) ? defaultZ : sm2Z(publicKey, id);

function sameId(id: Uint8Array): boolean {
  return id.length === SM2_DEFAULT_ID.length && id.every((v, i) => v === SM2_DEFAULT_ID[i]);
}

export const sm2Native: Sm2Signer = {
  name: 'native',
  sign(privateKey: Uint8Array, message: Uint8Array, opts: Sm2SignOptions = {}): Uint8Array {
    const entry = nativePrivate(privateKey);
    const z = zFor(entry.publicKey, entry.defaultZ, opts.id);
    let der: Buffer;
    try {
      der = createSign('sm3').update(z).update(message).sign(entry.key);
    } catch (error) {
      throw new GmError('GM_SM2_NATIVE_FAILED', 'native SM2 signing failed', { cause: String(error) });
    }
    // OpenSSL writes canonical DER; only the raw form needs converting.
    return opts.encoding === 'raw' ? sm2SignatureDerToRaw(new Uint8Array(der)) : new Uint8Array(der);
  },
  verify(
    publicKey: Uint8Array,
    message: Uint8Array,
    signature: Uint8Array,
    opts: Sm2VerifyOptions = {},
  ): boolean {
    const entry = nativePublic(publicKey);
    let der: Uint8Array;
    try {
      // The strict parse admits only canonical DER, so OpenSSL never sees anything else.
      const values = sm2SignatureDecode(signature, opts.encoding ?? 'der');
      der = opts.encoding === 'raw' ? sm2SignatureToDer(values) : signature;
    } catch {
      return false;
    }
    const z = zFor(entry.point, entry.defaultZ, opts.id);
    try {
      return createVerify('sm3').update(z).update(message).verify(entry.key, der);
    } catch {
      return false;
    }
  },
};
