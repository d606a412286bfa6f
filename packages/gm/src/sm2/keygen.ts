import { randomBytes } from 'node:crypto';
import { mod } from '@noble/curves/abstract/modular.js';
import { bigIntToBytes, bytesToBigInt } from './bytes.js';
import type { Sm2CurveParams } from './curve.js';
import { SM2P256V1 } from './curve.js';
import { curveOps } from './point.js';
import type { Sm2KeyPair } from './types.js';

/** A fresh key pair: d uniform in [1, n − 2] (GB/T 32918.1 §6.1), P = dG. */
export function sm2GenerateKeyPair(curve: Sm2CurveParams = SM2P256V1): Sm2KeyPair {
  const ops = curveOps(curve);
  const d = mod(bytesToBigInt(randomBytes(ops.byteLength + 8)), curve.n - 2n) + 1n;
  return {
    privateKey: bigIntToBytes(d, ops.byteLength),
    publicKey: ops.encodePoint(ops.Point.BASE.multiply(d)),
  };
}
