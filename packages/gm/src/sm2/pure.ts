import { randomBytes } from 'node:crypto';
import { invert, mod } from '@noble/curves/abstract/modular.js';
import { GmError } from '../errors.js';
import { sm3 } from '../hash/sm3.js';
import { bytesToBigInt } from './bytes.js';
import type { Sm2CurveParams } from './curve.js';
import { SM2P256V1 } from './curve.js';
import { createFixedWindow } from './fixed-window.js';
import type { FixedWindowTable } from './fixed-window.js';
import { LruCache, cacheKey } from './key-cache.js';
import type { Sm2Point } from './point.js';
import { curveOps } from './point.js';
import { sm2SignatureDecode, sm2SignatureEncode } from './signature.js';
import type { Sm2Signer } from './signer.js';
import type { Sm2SignOptions, Sm2VerifyOptions } from './types.js';
import { sm2Z } from './z.js';

/**
 * Pure TypeScript SM2 signatures (GB/T 32918.2 §6–7) on noble-curves' generic Weierstrass
 * arithmetic, parametrised by curve so that the Annex A test-curve example can be reproduced.
 * SM3 comes from node:crypto. Keys verified repeatedly get a fixed-window table
 * (./fixed-window.ts), which roughly doubles verification speed.
 */

export interface Sm2PureSignOptions extends Sm2SignOptions {
  /** Fixed nonce k (big-endian). For known-answer tests only: reusing k reveals the private key. */
  readonly k?: Uint8Array;
}

export interface Sm2PureSigner extends Sm2Signer {
  readonly curve: Sm2CurveParams;
  sign(privateKey: Uint8Array, message: Uint8Array, opts?: Sm2PureSignOptions): Uint8Array;
  /** Signs a ready e (normally SM3(Z_A ‖ M)); for protocols that hand over the digest. */
  signDigest(privateKey: Uint8Array, e: Uint8Array, opts?: Sm2PureSignOptions): Uint8Array;
  /** Verifies against a ready e (no Z_A is added); e.g. the tolerant GM/T 0031 v1 check. */
  verifyDigest(
    publicKey: Uint8Array,
    e: Uint8Array,
    signature: Uint8Array,
    opts?: Pick<Sm2VerifyOptions, 'encoding'>,
  ): boolean;
  /** Builds the multiplication table for a public key now (otherwise built on its third use). */
  precompute(publicKey: Uint8Array): void;
}

/** A key gets its fixed-window table (≈ 4,200 affine points, some 50–100 ms) on this use. */
const TABLE_AFTER_USES = 3;
/** Tables per curve are kept for this many public keys (about 0.6 MB each). */
const TABLED_KEYS = 64;

interface PublicEntry {
  readonly point: Sm2Point;
  readonly encoded: Uint8Array;
  readonly defaultZ: Uint8Array;
  uses: number;
  table?: FixedWindowTable;
}

interface PrivateEntry {
  readonly d: bigint;
  /** (1 + d)^−1 mod n */
  readonly inv1d: bigint;
  readonly publicKey: Uint8Array;
  readonly defaultZ: Uint8Array;
}

const signers = new Map<Sm2CurveParams, Sm2PureSigner>();

export function createSm2Pure(curve: Sm2CurveParams): Sm2PureSigner {
  const existing = signers.get(curve);
  if (existing) return existing;
  const ops = curveOps(curve);
  const { n } = curve;
  const G = ops.Point.BASE;
  const publicCache = new LruCache<PublicEntry>(`sm2-pure-public-${curve.name}`, TABLED_KEYS);
  const fixedWindow = createFixedWindow(curve);
  const privateCache = new LruCache<PrivateEntry>(`sm2-pure-private-${curve.name}`, 64);

  const publicEntry = (publicKey: Uint8Array): PublicEntry => {
    const id = publicCache.keyFor(publicKey, cacheKey);
    const cached = publicCache.get(id);
    if (cached) return cached;
    const point = ops.decodePoint(publicKey);
    const encoded = ops.encodePoint(point);
    const entry: PublicEntry = { point, encoded, defaultZ: sm2Z(encoded, undefined, curve), uses: 0 };
    return publicCache.set(id, entry);
  };

  let gTable: FixedWindowTable | undefined;
  const buildTable = (entry: PublicEntry): FixedWindowTable => {
    entry.table ??= fixedWindow.buildTable(entry.point);
    return entry.table;
  };

  const privateEntry = (privateKey: Uint8Array): PrivateEntry => {
    const id = privateCache.keyFor(privateKey, (bytes) => cacheKey(sm3(bytes)));
    const cached = privateCache.get(id);
    if (cached) return cached;
    const d = ops.privateScalar(privateKey);
    const publicKey = ops.encodePoint(G.multiply(d));
    const entry: PrivateEntry = {
      d,
      inv1d: invert(d + 1n, n),
      publicKey,
      defaultZ: sm2Z(publicKey, undefined, curve),
    };
    return privateCache.set(id, entry);
  };

  const digestFor = (publicKey: Uint8Array, defaultZ: Uint8Array, message: Uint8Array, id?: Uint8Array) =>
    sm3(id === undefined ? defaultZ : sm2Z(publicKey, id, curve), message);

  const nonce = (fixed: Uint8Array | undefined): bigint => {
    if (fixed) {
      const k = bytesToBigInt(fixed);
      if (k < 1n || k >= n) throw new GmError('GM_SM2_BAD_NONCE', 'k must be in [1, n-1]');
      return k;
    }
    // 64 extra bits make the modular bias negligible.
    return mod(bytesToBigInt(randomBytes(ops.byteLength + 8)), n - 1n) + 1n;
  };

  const signE = (entry: PrivateEntry, eBytes: Uint8Array, opts: Sm2PureSignOptions): Uint8Array => {
    const e = bytesToBigInt(eBytes);
    for (;;) {
      const k = nonce(opts.k);
      const x1 = G.multiply(k).toAffine().x;
      const r = mod(e + x1, n);
      const s = r === 0n || r + k === n ? 0n : mod(entry.inv1d * (k - r * entry.d), n);
      if (s !== 0n) return sm2SignatureEncode({ r, s }, opts.encoding ?? 'der', curve);
      if (opts.k) throw new GmError('GM_SM2_BAD_NONCE', 'the fixed k gives r = 0, r + k = n or s = 0');
    }
  };

  const verifyE = (
    entry: PublicEntry,
    eBytes: Uint8Array,
    signature: Uint8Array,
    encoding?: 'der' | 'raw',
  ) => {
    let r: bigint;
    let s: bigint;
    try {
      ({ r, s } = sm2SignatureDecode(signature, encoding ?? 'der', curve));
    } catch {
      return false;
    }
    const t = mod(r + s, n);
    if (t === 0n) return false;
    const e = bytesToBigInt(eBytes);
    entry.uses++;
    if (entry.table || entry.uses >= TABLE_AFTER_USES) {
      gTable ??= fixedWindow.buildTable(G);
      return fixedWindow.mulAddMatchesX(gTable, s, buildTable(entry), t, mod(r - e, n));
    }
    const sum = G.mulAddUnsafe(s, entry.point, t);
    if (sum.is0()) return false;
    return mod(e + sum.toAffine().x, n) === r;
  };

  const signer: Sm2PureSigner = {
    name: 'pure',
    curve,
    sign(privateKey, message, opts = {}) {
      const entry = privateEntry(privateKey);
      return signE(entry, digestFor(entry.publicKey, entry.defaultZ, message, opts.id), opts);
    },
    signDigest(privateKey, e, opts = {}) {
      return signE(privateEntry(privateKey), e, opts);
    },
    verify(publicKey, message, signature, opts = {}) {
      const entry = publicEntry(publicKey);
      return verifyE(
        entry,
        digestFor(entry.encoded, entry.defaultZ, message, opts.id),
        signature,
        opts.encoding,
      );
    },
    verifyDigest(publicKey, e, signature, opts = {}) {
      return verifyE(publicEntry(publicKey), e, signature, opts.encoding);
    },
    precompute(publicKey) {
      buildTable(publicEntry(publicKey));
    },
  };
  signers.set(curve, signer);
  return signer;
}

export const sm2Pure: Sm2PureSigner = createSm2Pure(SM2P256V1);
