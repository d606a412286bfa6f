import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mod } from '@noble/curves/abstract/modular.js';
import { GmError } from '../errors.js';
import { createSm3, sm3 } from '../hash/sm3.js';
import { bigIntToBytes, bytesToBigInt, concatBytes } from './bytes.js';
import type { Sm2CurveParams } from './curve.js';
import { SM2P256V1 } from './curve.js';
import {
  TAG_OCTET_STRING,
  TAG_SEQUENCE,
  encodeTlv,
  encodeUnsignedInteger,
  expectTag,
  readChildren,
  readUnsignedInteger,
  readWhole,
} from './der.js';
import { curveOps } from './point.js';

/**
 * SM2 public-key encryption (GB/T 32918.4) in pure TypeScript, KDF and C3 with SM3.
 * Layouts: C1‖C3‖C2 (current standard, default) or C1‖C2‖C3 (the 2010 draft, older peers), with
 * C1 = 04‖x1‖y1; or `encoding: 'der'`, the GM/T 0009 SEQUENCE {x INTEGER, y INTEGER,
 * hash OCTET STRING, ciphertext OCTET STRING} that OpenSSL writes.
 */

export interface Sm2EncryptOptions {
  readonly mode?: 'C1C3C2' | 'C1C2C3';
  readonly encoding?: 'raw' | 'der';
  /** Fixed ephemeral scalar (big-endian), for known-answer tests only. */
  readonly k?: Uint8Array;
  readonly curve?: Sm2CurveParams;
}

export type Sm2DecryptOptions = Omit<Sm2EncryptOptions, 'k'>;

/** Upper bound on plaintext size; the KDF is linear in it. */
export const SM2_ENCRYPT_MAX_BYTES = 1 << 24;

const HASH_LEN = 32;

/** KDF(Z, klen) of GB/T 32918.4 §5.4.3: SM3(Z ‖ ct) for ct = 1, 2, … (32-bit big-endian). */
export function sm2Kdf(z: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const counter = new Uint8Array(4);
  for (let offset = 0, ct = 1; offset < length; offset += HASH_LEN, ct++) {
    new DataView(counter.buffer).setUint32(0, ct);
    const block = sm3(z, counter);
    out.set(block.subarray(0, Math.min(HASH_LEN, length - offset)), offset);
  }
  return out;
}

export function sm2Encrypt(
  publicKey: Uint8Array,
  plaintext: Uint8Array,
  opts: Sm2EncryptOptions = {},
): Uint8Array {
  const curve = opts.curve ?? SM2P256V1;
  const ops = curveOps(curve);
  if (plaintext.length > SM2_ENCRYPT_MAX_BYTES) {
    throw new GmError('GM_SM2_INPUT_TOO_LARGE', 'plaintext too large for SM2 encryption', {
      max: SM2_ENCRYPT_MAX_BYTES,
    });
  }
  const P = ops.decodePoint(publicKey);
  const len = ops.byteLength;
  for (;;) {
    const k = opts.k ? bytesToBigInt(opts.k) : mod(bytesToBigInt(randomBytes(len + 8)), curve.n - 1n) + 1n;
    if (k < 1n || k >= curve.n) throw new GmError('GM_SM2_BAD_NONCE', 'k must be in [1, n-1]');
    const c1 = ops.encodePoint(ops.Point.BASE.multiply(k));
    const shared = P.multiply(k).toAffine();
    const x2 = bigIntToBytes(shared.x, len);
    const y2 = bigIntToBytes(shared.y, len);
    const t = sm2Kdf(concatBytes(x2, y2), plaintext.length);
    if (plaintext.length > 0 && t.every((b) => b === 0)) {
      if (opts.k) throw new GmError('GM_SM2_BAD_NONCE', 'the fixed k gives an all-zero key stream');
      continue;
    }
    const c2 = plaintext.map((b, i) => b ^ (t[i] as number));
    const c3 = createSm3().update(x2).update(plaintext).update(y2).digest();
    return encodeCiphertext(c1, c2, c3, opts, len);
  }
}

export function sm2Decrypt(
  privateKey: Uint8Array,
  ciphertext: Uint8Array,
  opts: Sm2DecryptOptions = {},
): Uint8Array {
  const curve = opts.curve ?? SM2P256V1;
  const ops = curveOps(curve);
  const d = ops.privateScalar(privateKey);
  const len = ops.byteLength;
  const { c1, c2, c3 } = decodeCiphertext(ciphertext, opts, len);
  let C1;
  try {
    C1 = ops.decodePoint(c1);
  } catch {
    throw new GmError('GM_SM2_CIPHERTEXT_FORMAT', 'C1 is not a point on the curve');
  }
  const shared = C1.multiply(d).toAffine();
  const x2 = bigIntToBytes(shared.x, len);
  const y2 = bigIntToBytes(shared.y, len);
  const t = sm2Kdf(concatBytes(x2, y2), c2.length);
  if (c2.length > 0 && t.every((b) => b === 0))
    throw new GmError('GM_SM2_DECRYPT_FAILED', 'SM2 decryption failed');
  const plaintext = c2.map((b, i) => b ^ (t[i] as number));
  const u = createSm3().update(x2).update(plaintext).update(y2).digest();
  if (!timingSafeEqual(u, c3)) throw new GmError('GM_SM2_DECRYPT_FAILED', 'SM2 decryption failed');
  return plaintext;
}

function encodeCiphertext(
  c1: Uint8Array,
  c2: Uint8Array,
  c3: Uint8Array,
  opts: Sm2EncryptOptions,
  len: number,
) {
  if (opts.encoding === 'der') {
    return encodeTlv(
      TAG_SEQUENCE,
      encodeUnsignedInteger(bytesToBigInt(c1.subarray(1, 1 + len))),
      encodeUnsignedInteger(bytesToBigInt(c1.subarray(1 + len))),
      encodeTlv(TAG_OCTET_STRING, c3),
      encodeTlv(TAG_OCTET_STRING, c2),
    );
  }
  return opts.mode === 'C1C2C3' ? concatBytes(c1, c2, c3) : concatBytes(c1, c3, c2);
}

function decodeCiphertext(ciphertext: Uint8Array, opts: Sm2DecryptOptions, len: number) {
  const c1Len = 1 + 2 * len;
  if (ciphertext.length > SM2_ENCRYPT_MAX_BYTES + c1Len + HASH_LEN + 16) {
    throw new GmError('GM_SM2_INPUT_TOO_LARGE', 'ciphertext too large', { max: SM2_ENCRYPT_MAX_BYTES });
  }
  if (opts.encoding === 'der') {
    try {
      const [x, y, hash, body, ...rest] = readChildren(readWhole(ciphertext, TAG_SEQUENCE).contents, 5);
      if (!x || !y || !hash || !body || rest.length) throw new GmError('GM_DER_INVALID', 'need 4 elements');
      const c3 = expectTag(hash, TAG_OCTET_STRING).contents;
      if (c3.length !== HASH_LEN) throw new GmError('GM_DER_INVALID', 'hash must be 32 bytes');
      const c1 = concatBytes(
        Uint8Array.of(4),
        bigIntToBytes(readUnsignedInteger(x, len), len),
        bigIntToBytes(readUnsignedInteger(y, len), len),
      );
      return { c1, c2: expectTag(body, TAG_OCTET_STRING).contents, c3 };
    } catch (error) {
      if (error instanceof GmError) {
        throw new GmError('GM_SM2_CIPHERTEXT_FORMAT', `malformed SM2 ciphertext: ${error.message}`, {
          cause: error.code,
        });
      }
      throw error;
    }
  }
  if (ciphertext.length < c1Len + HASH_LEN || ciphertext[0] !== 4) {
    throw new GmError('GM_SM2_CIPHERTEXT_FORMAT', 'SM2 ciphertext too short or C1 not uncompressed', {
      length: ciphertext.length,
    });
  }
  const c1 = ciphertext.subarray(0, c1Len);
  return opts.mode === 'C1C2C3'
    ? {
        c1,
        c2: ciphertext.subarray(c1Len, ciphertext.length - HASH_LEN),
        c3: ciphertext.subarray(ciphertext.length - HASH_LEN),
      }
    : { c1, c3: ciphertext.subarray(c1Len, c1Len + HASH_LEN), c2: ciphertext.subarray(c1Len + HASH_LEN) };
}
