import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { AppError } from '@zhengyin/core';
import { sm3 } from '@zhengyin/gm';

/**
 * Wrapping of vault private keys (PKCS#8) at rest. Two AES-256-GCM layers, each blob
 * `01 ‖ iv(12) ‖ ciphertext ‖ tag(16)`: with a PIN, the inner layer under scrypt(PIN, per-key salt);
 * always, the outer layer under the master key. The associated data binds both layers to the key
 * reference, the algorithm and the PIN parameters, so a blob cannot be moved to another row.
 * Master-key rotation re-wraps the outer layer only and never needs the PIN.
 */

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** As for login passwords: ≈ 32 MiB and tens of milliseconds per attempt. */
export const DEFAULT_PIN_SCRYPT: ScryptParams = { N: 1 << 15, r: 8, p: 1 };

export interface WrapContext {
  readonly keyRef: string;
  readonly alg: string;
}

export interface WrappedKey {
  readonly wrapped: Uint8Array;
  readonly masterKeyId: string;
  /** `scrypt$N$r$p$salt` (base64url salt), or null without a PIN. */
  readonly pinKdf: string | null;
}

/** The inner layer did not open: the PIN is wrong (the outer layer already proved the blob intact). */
export class WrongPinError extends Error {
  override readonly name = 'WrongPinError';
  constructor() {
    super('wrong PIN');
  }
}

const VERSION = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

export function checkMasterKey(masterKey: Uint8Array): Uint8Array {
  if (masterKey.length !== KEY_BYTES) throw new RangeError('master key must be 32 bytes');
  return masterKey;
}

/** Names a master key without revealing it: the first 8 bytes of SM3(master key), hex. */
export function masterKeyId(masterKey: Uint8Array): string {
  return Buffer.from(sm3(checkMasterKey(masterKey)).subarray(0, 8)).toString('hex');
}

function seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return new Uint8Array(Buffer.concat([Uint8Array.of(VERSION), iv, body, cipher.getAuthTag()]));
}

/** Null when the blob is malformed or does not authenticate under `key`. */
function open(key: Uint8Array, blob: Uint8Array, aad: Uint8Array): Uint8Array | null {
  if (blob.length < 1 + IV_BYTES + TAG_BYTES + 1 || blob[0] !== VERSION) return null;
  const iv = blob.subarray(1, 1 + IV_BYTES);
  const body = blob.subarray(1 + IV_BYTES, blob.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(blob.subarray(blob.length - TAG_BYTES));
    return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]));
  } catch {
    return null;
  }
}

const aad = (layer: 'master' | 'pin', ctx: WrapContext, pinKdf: string | null) =>
  new TextEncoder().encode(`zhengyin/vault-key/v1\n${layer}\n${ctx.keyRef}\n${ctx.alg}\n${pinKdf ?? '-'}`);

const KDF_FORMAT = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{22})$/;

function parseKdf(pinKdf: string): { params: ScryptParams; salt: Buffer } | null {
  const m = KDF_FORMAT.exec(pinKdf);
  if (!m) return null;
  const params = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  return validParams(params) ? { params, salt: Buffer.from(m[4]!, 'base64url') } : null;
}

function validParams({ N, r, p }: ScryptParams): boolean {
  const powerOfTwo = Number.isInteger(N) && N >= 2 && (N & (N - 1)) === 0;
  return powerOfTwo && N <= 1 << 20 && Number.isInteger(r) && r >= 1 && r <= 32 && p >= 1 && p <= 16;
}

function derivePinKey(pin: string, { params, salt }: { params: ScryptParams; salt: Buffer }) {
  const options = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(pin.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const unwrapFailed = (reason: 'master-key-mismatch' | 'corrupt', ctx: WrapContext, extra = {}) =>
  new AppError('KEYS_UNWRAP_FAILED', `key ${ctx.keyRef} cannot be unwrapped (${reason})`, {
    keyRef: ctx.keyRef,
    reason,
    ...extra,
  });

export async function wrapKey(
  pkcs8: Uint8Array,
  masterKey: Uint8Array,
  ctx: WrapContext,
  pin?: { readonly pin: string; readonly params?: ScryptParams },
): Promise<WrappedKey> {
  if (!pin) {
    return {
      wrapped: seal(masterKey, pkcs8, aad('master', ctx, null)),
      masterKeyId: masterKeyId(masterKey),
      pinKdf: null,
    };
  }
  const params = pin.params ?? DEFAULT_PIN_SCRYPT;
  if (!validParams(params)) throw new RangeError('invalid scrypt parameters');
  const salt = randomBytes(SALT_BYTES);
  const pinKdf = ['scrypt', params.N, params.r, params.p, salt.toString('base64url')].join('$');
  const pinKey = await derivePinKey(pin.pin, { params, salt });
  try {
    const inner = seal(pinKey, pkcs8, aad('pin', ctx, pinKdf));
    return {
      wrapped: seal(masterKey, inner, aad('master', ctx, pinKdf)),
      masterKeyId: masterKeyId(masterKey),
      pinKdf,
    };
  } finally {
    pinKey.fill(0);
  }
}

/**
 * What the master key alone opens: the PKCS#8 of a key without PIN, the PIN-encrypted layer
 * otherwise. KEYS_UNWRAP_FAILED when another master key wrapped it or the blob was altered.
 */
export function openMasterLayer(stored: WrappedKey, masterKey: Uint8Array, ctx: WrapContext): Uint8Array {
  const current = masterKeyId(masterKey);
  if (stored.masterKeyId !== current) {
    throw unwrapFailed('master-key-mismatch', ctx, { wrappedUnder: stored.masterKeyId, current });
  }
  const payload = open(masterKey, stored.wrapped, aad('master', ctx, stored.pinKdf));
  if (!payload) throw unwrapFailed('corrupt', ctx);
  return payload;
}

/** The PKCS#8; KEYS_PIN_REQUIRED without a PIN for a PIN-protected key, WrongPinError for a wrong one. */
export async function unwrapKey(
  stored: WrappedKey,
  masterKey: Uint8Array,
  ctx: WrapContext,
  pin?: string,
): Promise<Uint8Array> {
  const payload = openMasterLayer(stored, masterKey, ctx);
  if (stored.pinKdf === null) return payload;
  if (pin === undefined) throw new AppError('KEYS_PIN_REQUIRED', `key ${ctx.keyRef} needs its PIN`);
  const kdf = parseKdf(stored.pinKdf);
  if (!kdf) throw unwrapFailed('corrupt', ctx);
  const pinKey = await derivePinKey(pin, kdf);
  try {
    const pkcs8 = open(pinKey, payload, aad('pin', ctx, stored.pinKdf));
    if (!pkcs8) throw new WrongPinError();
    return pkcs8;
  } finally {
    pinKey.fill(0);
  }
}

/** The same key under a new master key; the PIN layer, if any, is carried over untouched. */
export function rewrapMasterLayer(
  stored: WrappedKey,
  oldKey: Uint8Array,
  newKey: Uint8Array,
  ctx: WrapContext,
): WrappedKey {
  const payload = openMasterLayer(stored, oldKey, ctx);
  try {
    return {
      wrapped: seal(checkMasterKey(newKey), payload, aad('master', ctx, stored.pinKdf)),
      masterKeyId: masterKeyId(newKey),
      pinKdf: stored.pinKdf,
    };
  } finally {
    payload.fill(0);
  }
}
