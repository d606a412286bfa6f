import { GmError } from '../errors.js';
import { sm3 } from '../hash/sm3.js';
import { bigIntToBytes, concatBytes } from './bytes.js';
import type { Sm2CurveParams } from './curve.js';
import { SM2P256V1, curveByteLength } from './curve.js';
import { SM2_DEFAULT_ID } from './types.js';

/** ENTL is 16 bits of bit length, so IDs are limited to 8191 bytes. */
export const SM2_MAX_ID_BYTES = 8191;

/**
 * Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) (GB/T 32918.2 §5.5). `publicKey` is the
 * 65-byte 04‖X‖Y form; it is not validated here (callers validate keys once, when decoding).
 */
export function sm2Z(
  publicKey: Uint8Array,
  id: Uint8Array = SM2_DEFAULT_ID,
  curve: Sm2CurveParams = SM2P256V1,
): Uint8Array {
  if (id.length > SM2_MAX_ID_BYTES) {
    throw new GmError('GM_SM2_ID_TOO_LONG', `SM2 user ID longer than ${SM2_MAX_ID_BYTES} bytes`, {
      length: id.length,
    });
  }
  const len = curveByteLength(curve);
  if (publicKey.length !== 1 + 2 * len || publicKey[0] !== 4) {
    throw new GmError('GM_SM2_INVALID_PUBLIC_KEY', 'public key must be uncompressed 04‖X‖Y', {
      length: publicKey.length,
    });
  }
  const bits = id.length * 8;
  return sm3(Uint8Array.of(bits >> 8, bits & 0xff), id, curveBytes(curve, len), publicKey.subarray(1));
}

const curveBytesCache = new WeakMap<Sm2CurveParams, Uint8Array>();

function curveBytes(curve: Sm2CurveParams, len: number): Uint8Array {
  let bytes = curveBytesCache.get(curve);
  if (!bytes) {
    bytes = concatBytes(...[curve.a, curve.b, curve.gx, curve.gy].map((v) => bigIntToBytes(v, len)));
    curveBytesCache.set(curve, bytes);
  }
  return bytes;
}
