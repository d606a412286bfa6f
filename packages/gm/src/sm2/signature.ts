import { GmError } from '../errors.js';
import { bigIntToBytes, bytesToBigInt, concatBytes } from './bytes.js';
import type { Sm2CurveParams } from './curve.js';
import { SM2P256V1, curveByteLength } from './curve.js';
import {
  TAG_SEQUENCE,
  encodeTlv,
  encodeUnsignedInteger,
  readChildren,
  readUnsignedInteger,
  readWhole,
} from './der.js';

/** SM2 signature values; both in [1, n − 1]. */
export interface Sm2SignatureValues {
  readonly r: bigint;
  readonly s: bigint;
}

/**
 * Strict DER SEQUENCE{r INTEGER, s INTEGER}: no trailing bytes, minimal encodings, no negative or
 * oversized integers, 1 ≤ r, s < n. Throws GM_SM2_SIGNATURE_FORMAT or GM_SM2_SIGNATURE_RANGE.
 */
export function sm2SignatureFromDer(der: Uint8Array, curve: Sm2CurveParams = SM2P256V1): Sm2SignatureValues {
  const len = curveByteLength(curve);
  if (der.length > 2 * (len + 3) + 4) {
    throw new GmError('GM_SM2_SIGNATURE_FORMAT', 'DER signature too long', { length: der.length });
  }
  let r: bigint;
  let s: bigint;
  try {
    const children = readChildren(readWhole(der, TAG_SEQUENCE).contents, 3);
    if (children.length !== 2) throw new GmError('GM_DER_INVALID', 'signature SEQUENCE must have 2 INTEGERs');
    r = readUnsignedInteger(children[0] as (typeof children)[0], len);
    s = readUnsignedInteger(children[1] as (typeof children)[0], len);
  } catch (error) {
    if (error instanceof GmError) {
      throw new GmError('GM_SM2_SIGNATURE_FORMAT', `malformed DER signature: ${error.message}`, {
        cause: error.code,
      });
    }
    throw error;
  }
  return checkRange({ r, s }, curve);
}

export function sm2SignatureToDer(sig: Sm2SignatureValues, curve: Sm2CurveParams = SM2P256V1): Uint8Array {
  checkRange(sig, curve);
  return encodeTlv(TAG_SEQUENCE, encodeUnsignedInteger(sig.r), encodeUnsignedInteger(sig.s));
}

/** Raw r‖s, each a fixed-length big-endian field (64 bytes for 256-bit curves). */
export function sm2SignatureFromRaw(raw: Uint8Array, curve: Sm2CurveParams = SM2P256V1): Sm2SignatureValues {
  const len = curveByteLength(curve);
  if (raw.length !== 2 * len) {
    throw new GmError('GM_SM2_SIGNATURE_FORMAT', `raw signature must be ${2 * len} bytes`, {
      length: raw.length,
    });
  }
  return checkRange({ r: bytesToBigInt(raw.subarray(0, len)), s: bytesToBigInt(raw.subarray(len)) }, curve);
}

export function sm2SignatureToRaw(sig: Sm2SignatureValues, curve: Sm2CurveParams = SM2P256V1): Uint8Array {
  checkRange(sig, curve);
  const len = curveByteLength(curve);
  return concatBytes(bigIntToBytes(sig.r, len), bigIntToBytes(sig.s, len));
}

export const sm2SignatureDerToRaw = (der: Uint8Array, curve: Sm2CurveParams = SM2P256V1): Uint8Array =>
  sm2SignatureToRaw(sm2SignatureFromDer(der, curve), curve);

export const sm2SignatureRawToDer = (raw: Uint8Array, curve: Sm2CurveParams = SM2P256V1): Uint8Array =>
  sm2SignatureToDer(sm2SignatureFromRaw(raw, curve), curve);

/** Decodes either encoding as selected by `encoding` (default DER). */
export function sm2SignatureDecode(
  signature: Uint8Array,
  encoding: 'der' | 'raw' = 'der',
  curve: Sm2CurveParams = SM2P256V1,
): Sm2SignatureValues {
  return encoding === 'raw' ? sm2SignatureFromRaw(signature, curve) : sm2SignatureFromDer(signature, curve);
}

export function sm2SignatureEncode(
  sig: Sm2SignatureValues,
  encoding: 'der' | 'raw' = 'der',
  curve: Sm2CurveParams = SM2P256V1,
): Uint8Array {
  return encoding === 'raw' ? sm2SignatureToRaw(sig, curve) : sm2SignatureToDer(sig, curve);
}

function checkRange(sig: Sm2SignatureValues, curve: Sm2CurveParams): Sm2SignatureValues {
  if (sig.r < 1n || sig.r >= curve.n || sig.s < 1n || sig.s >= curve.n) {
    throw new GmError('GM_SM2_SIGNATURE_RANGE', 'signature r and s must be in [1, n-1]');
  }
  return sig;
}
