import { GmError } from '../errors.js';
import { bigIntToBytes, concatBytes } from './bytes.js';
import { OID_EC_PUBLIC_KEY, OID_SM2_CURVE, SM2P256V1 } from './curve.js';
import type { DerElement } from './der.js';
import {
  TAG_NULL,
  TAG_OCTET_STRING,
  TAG_OID,
  TAG_SEQUENCE,
  encodeBitString,
  encodeOid,
  encodeTlv,
  expectTag,
  readBitStringBytes,
  readChildren,
  readOid,
  readSmallInteger,
  readWhole,
} from './der.js';
import { pemDecode, pemEncode } from './pem.js';
import { curveOps } from './point.js';
import type { Sm2KeyPair } from './types.js';

/**
 * SM2 key encodings: SPKI and PKCS#8 (DER / PEM) with id-ecPublicKey + the SM2 curve OID, and
 * SEC1 "EC PRIVATE KEY" (OpenSSL writes it as "SM2 PRIVATE KEY"). Decoders return validated
 * raw keys (32-byte d, 65-byte 04‖X‖Y) and throw GM_SM2_KEY_FORMAT / GM_SM2_UNSUPPORTED_KEY /
 * GM_SM2_INVALID_PUBLIC_KEY / GM_SM2_INVALID_PRIVATE_KEY.
 */

const MAX_KEY_DER = 4096;
const ops = () => curveOps(SM2P256V1);

const ALGORITHM_ID = encodeTlv(TAG_SEQUENCE, encodeOid(OID_EC_PUBLIC_KEY), encodeOid(OID_SM2_CURVE));

/** DER prefix of every SM2 SPKI (STANDARDS §14.2); the 65-byte point follows. */
export const SM2_SPKI_PREFIX: Uint8Array = new Uint8Array(
  Buffer.from('3059301306072A8648CE3D020106082A811CCF5501822D034200', 'hex'),
);

export function sm2PublicKeyToSpki(publicKey: Uint8Array): Uint8Array {
  const point = ops().encodePoint(ops().decodePoint(publicKey));
  return concatBytes(SM2_SPKI_PREFIX, point);
}

export function sm2PublicKeyFromSpki(der: Uint8Array): Uint8Array {
  return decoding('SPKI', der, () => {
    const [alg, key, ...rest] = readChildren(readWhole(der, TAG_SEQUENCE).contents, 3);
    if (!alg || !key || rest.length) throw formatError('SPKI must have 2 elements');
    if (!checkAlgorithm(alg)) throw formatError('SPKI id-ecPublicKey without curve');
    return ops().encodePoint(ops().decodePoint(readBitStringBytes(key)));
  });
}

export function sm2PrivateKeyToPkcs8(privateKey: Uint8Array, publicKey?: Uint8Array): Uint8Array {
  const pair = sm2KeyPairFromPrivateKey(privateKey);
  if (publicKey && !sameBytes(pair.publicKey, ops().encodePoint(ops().decodePoint(publicKey)))) {
    throw new GmError('GM_SM2_KEY_MISMATCH', 'public key does not belong to the private key');
  }
  const ecPrivateKey = encodeTlv(
    TAG_SEQUENCE,
    Uint8Array.of(0x02, 0x01, 0x01),
    encodeTlv(TAG_OCTET_STRING, pair.privateKey),
    encodeTlv(0xa1, encodeBitString(pair.publicKey)),
  );
  return encodeTlv(
    TAG_SEQUENCE,
    Uint8Array.of(0x02, 0x01, 0x00),
    ALGORITHM_ID,
    encodeTlv(TAG_OCTET_STRING, ecPrivateKey),
  );
}

/** PKCS#8 PrivateKeyInfo (v1) or OneAsymmetricKey (v2) holding an SM2 key. */
export function sm2PrivateKeyFromPkcs8(der: Uint8Array): Sm2KeyPair {
  return decoding('PKCS#8', der, () => {
    const [version, alg, key, ...rest] = readChildren(readWhole(der, TAG_SEQUENCE).contents, 5);
    if (!version || !alg || !key) throw formatError('PKCS#8 needs version, algorithm and key');
    if (readSmallInteger(version) > 1) throw formatError('unsupported PKCS#8 version');
    if (rest.some((el) => el.tag !== 0xa0 && el.tag !== 0x81 && el.tag !== 0xa1)) {
      throw formatError('unexpected PKCS#8 element');
    }
    const curveNamed = checkAlgorithm(alg);
    return parseEcPrivateKey(expectTag(key, TAG_OCTET_STRING).contents, !curveNamed);
  });
}

/** SEC1 ECPrivateKey (RFC 5915); the curve parameters must name SM2. */
export function sm2PrivateKeyFromSec1(der: Uint8Array): Sm2KeyPair {
  return decoding('SEC1', der, () => parseEcPrivateKey(der, true));
}

export function sm2PrivateKeyToPem(privateKey: Uint8Array): string {
  return pemEncode('PRIVATE KEY', sm2PrivateKeyToPkcs8(privateKey));
}

export function sm2PublicKeyToPem(publicKey: Uint8Array): string {
  return pemEncode('PUBLIC KEY', sm2PublicKeyToSpki(publicKey));
}

/**
 * Reads an SM2 private key from PEM ("PRIVATE KEY", "EC PRIVATE KEY", "SM2 PRIVATE KEY"), DER
 * (PKCS#8 or SEC1) or the raw 32-byte scalar. Encrypted keys are refused (GM_PEM_ENCRYPTED).
 */
export function sm2ImportPrivateKey(input: string | Uint8Array): Sm2KeyPair {
  if (typeof input === 'string') {
    const { label, der } = pemDecode(input, [
      'PRIVATE KEY',
      'EC PRIVATE KEY',
      'SM2 PRIVATE KEY',
      'ENCRYPTED PRIVATE KEY',
    ]);
    if (label === 'ENCRYPTED PRIVATE KEY')
      throw new GmError('GM_PEM_ENCRYPTED', 'encrypted PKCS#8 is not supported');
    return label === 'PRIVATE KEY' ? sm2PrivateKeyFromPkcs8(der) : sm2PrivateKeyFromSec1(der);
  }
  if (input.length === 32 && input[0] !== 0x30) return sm2KeyPairFromPrivateKey(input);
  try {
    return sm2PrivateKeyFromPkcs8(input);
  } catch (pkcs8Error) {
    try {
      return sm2PrivateKeyFromSec1(input);
    } catch {
      throw pkcs8Error;
    }
  }
}

/** Reads an SM2 public key from PEM / DER SPKI or a raw (un)compressed point; returns 04‖X‖Y. */
export function sm2ImportPublicKey(input: string | Uint8Array): Uint8Array {
  if (typeof input === 'string') return sm2PublicKeyFromSpki(pemDecode(input, ['PUBLIC KEY']).der);
  if (input[0] === 0x30) return sm2PublicKeyFromSpki(input);
  return ops().encodePoint(ops().decodePoint(input));
}

/** Completes a key pair from the private scalar (validating 1 ≤ d ≤ n − 2). */
export function sm2KeyPairFromPrivateKey(privateKey: Uint8Array): Sm2KeyPair {
  const d = ops().privateScalar(privateKey);
  return {
    privateKey: new Uint8Array(privateKey),
    publicKey: ops().encodePoint(ops().Point.BASE.multiply(d)),
  };
}

function parseEcPrivateKey(der: Uint8Array, requireCurve: boolean): Sm2KeyPair {
  const [version, key, ...rest] = readChildren(readWhole(der, TAG_SEQUENCE).contents, 4);
  if (!version || !key || readSmallInteger(version) !== 1)
    throw formatError('ECPrivateKey version must be 1');
  let params: DerElement | undefined;
  let publicKey: DerElement | undefined;
  for (const el of rest) {
    if (el.tag === 0xa0 && !params && !publicKey) params = el;
    else if (el.tag === 0xa1 && !publicKey) publicKey = el;
    else throw formatError('unexpected ECPrivateKey element');
  }
  if (params) {
    const oid = readOid(readWhole(params.contents, TAG_OID));
    if (oid !== OID_SM2_CURVE) throw unsupported(oid);
  } else if (requireCurve) {
    throw formatError('SEC1 key without curve parameters');
  }
  const scalar = expectTag(key, TAG_OCTET_STRING).contents;
  if (scalar.length === 0 || scalar.length > 32) throw formatError('private key must be 1..32 bytes');
  const pair = sm2KeyPairFromPrivateKey(
    bigIntToBytes(BigInt('0x' + Buffer.from(scalar).toString('hex')), 32),
  );
  if (publicKey) {
    const embedded = ops().encodePoint(
      ops().decodePoint(readBitStringBytes(readWhole(publicKey.contents, 0x03))),
    );
    if (!sameBytes(embedded, pair.publicKey)) {
      throw new GmError('GM_SM2_KEY_MISMATCH', 'embedded public key does not match the private key');
    }
  }
  return pair;
}

/**
 * Accepts {id-ecPublicKey, sm2} and, as some older encoders write, {sm2, NULL | absent}. Returns
 * false for {id-ecPublicKey} without parameters, which some encoders write in PKCS#8 when the
 * curve is named inside the ECPrivateKey.
 */
function checkAlgorithm(alg: DerElement): boolean {
  const [oidEl, paramsEl, ...rest] = readChildren(expectTag(alg, TAG_SEQUENCE).contents, 3);
  if (!oidEl || rest.length) throw formatError('bad AlgorithmIdentifier');
  const oid = readOid(oidEl);
  if (oid === OID_EC_PUBLIC_KEY) {
    if (!paramsEl) return false;
    const curve = paramsEl.tag === TAG_OID ? readOid(paramsEl) : 'explicit curve parameters';
    if (curve !== OID_SM2_CURVE) throw unsupported(curve);
    return true;
  }
  if (oid === OID_SM2_CURVE && (!paramsEl || (paramsEl.tag === TAG_NULL && paramsEl.contents.length === 0)))
    return true;
  throw unsupported(oid);
}

function decoding<T>(what: string, der: Uint8Array, body: () => T): T {
  if (der.length > MAX_KEY_DER)
    throw new GmError('GM_SM2_KEY_FORMAT', `${what} key too large`, { max: MAX_KEY_DER });
  try {
    return body();
  } catch (error) {
    if (error instanceof GmError && error.code.startsWith('GM_DER_')) {
      throw new GmError('GM_SM2_KEY_FORMAT', `malformed ${what} SM2 key: ${error.message}`, {
        cause: error.code,
      });
    }
    throw error;
  }
}

const formatError = (message: string) => new GmError('GM_SM2_KEY_FORMAT', message);
const unsupported = (oid: string) =>
  new GmError('GM_SM2_UNSUPPORTED_KEY', `not an SM2 key (${oid})`, { algorithm: oid });

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
