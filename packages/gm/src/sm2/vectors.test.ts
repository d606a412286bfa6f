import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sm3 } from '../hash/sm3.js';
import { hexToBytes, toHex } from './bytes.js';
import type { Sm2CurveParams } from './curve.js';
import { SM2P256V1 } from './curve.js';
import { sm2PublicKeyToSpki, sm2KeyPairFromPrivateKey } from './encoding.js';
import { sm2Native } from './native.js';
import { curveOps } from './point.js';
import { createSm2Pure, sm2Pure } from './pure.js';
import { sm2SignatureToDer } from './signature.js';
import { sm2Z } from './z.js';
import { sm2Sign, sm2Verify } from './index.js';

interface SignVector {
  curve: Record<'p' | 'a' | 'b' | 'gx' | 'gy' | 'n', string>;
  private_key_hex: string;
  public_key: { uncompressed_hex: string; spki_der_hex?: string };
  user_id_hex: string;
  message_hex: string;
  k_hex: string;
  za_hex: string;
  e_hex: string;
  r_hex: string;
  s_hex: string;
  signature_der_hex?: string;
  derived: { signature_der_hex?: string };
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../../../shared/fixtures/vectors/sm-vectors.json', import.meta.url), 'utf8'),
) as { sm2: { gbt32918_2_annex_a_test_curve: SignVector; sm2p256v1_default_id_example: SignVector } };

const annexA = vectors.sm2.gbt32918_2_annex_a_test_curve;
const recommended = vectors.sm2.sm2p256v1_default_id_example;

const big = (hex: string) => BigInt('0x' + hex);
const testCurve: Sm2CurveParams = {
  name: 'gbt32918-2-annex-a-fp256',
  p: big(annexA.curve.p),
  a: big(annexA.curve.a),
  b: big(annexA.curve.b),
  n: big(annexA.curve.n),
  gx: big(annexA.curve.gx),
  gy: big(annexA.curve.gy),
};

describe('SM2 recommended-curve parameters', () => {
  it('match the vector file and STANDARDS §14.2', () => {
    const c = recommended.curve;
    expect([SM2P256V1.p, SM2P256V1.a, SM2P256V1.b, SM2P256V1.n, SM2P256V1.gx, SM2P256V1.gy]).toEqual(
      [c.p, c.a, c.b, c.n, c.gx, c.gy].map(big),
    );
    expect(SM2P256V1.a).toBe(SM2P256V1.p - 3n);
  });
});

describe.each([
  ['GB/T 32918.2 Annex A (test curve, ID ALICE123@YAHOO.COM)', annexA, testCurve],
  ['sm2p256v1 default-ID example', recommended, SM2P256V1],
] as const)('%s', (_name, v, curve) => {
  const d = hexToBytes(v.private_key_hex);
  const publicKey = hexToBytes(v.public_key.uncompressed_hex);
  const id = hexToBytes(v.user_id_hex);
  const message = hexToBytes(v.message_hex);
  const der = hexToBytes(v.signature_der_hex ?? (v.derived.signature_der_hex as string));
  const pure = createSm2Pure(curve);

  it('derives the public key from d', () => {
    expect(
      toHex(curveOps(curve).encodePoint(curveOps(curve).Point.BASE.multiply(big(v.private_key_hex)))),
    ).toBe(v.public_key.uncompressed_hex.toLowerCase());
  });

  it('computes Z_A and e = SM3(Z_A ‖ M)', () => {
    const z = sm2Z(publicKey, id, curve);
    expect(toHex(z)).toBe(v.za_hex.toLowerCase());
    expect(toHex(sm3(z, message))).toBe(v.e_hex.toLowerCase());
  });

  it('signs with the fixed k to exactly (r, s), DER and raw', () => {
    expect(toHex(pure.sign(d, message, { id, k: hexToBytes(v.k_hex) }))).toBe(toHex(der));
    expect(toHex(pure.sign(d, message, { id, k: hexToBytes(v.k_hex), encoding: 'raw' }))).toBe(
      (v.r_hex + v.s_hex).toLowerCase(),
    );
    expect(toHex(sm2SignatureToDer({ r: big(v.r_hex), s: big(v.s_hex) }, curve))).toBe(toHex(der));
  });

  it('verifies the published signature and rejects it under another ID or message', () => {
    expect(pure.verify(publicKey, message, der, { id })).toBe(true);
    expect(pure.verify(publicKey, message, der, { id: new TextEncoder().encode('1234567812345679') })).toBe(
      false,
    );
    expect(pure.verify(publicKey, new TextEncoder().encode('message digesT'), der, { id })).toBe(false);
    expect(pure.verifyDigest(publicKey, hexToBytes(v.e_hex), der)).toBe(true);
    expect(pure.verifyDigest(publicKey, sm3(message), der)).toBe(false);
  });
});

describe('vector negative cases from the file', () => {
  it('Annex A signature fails with user ID 1234567812345678', () => {
    const pure = createSm2Pure(testCurve);
    const der = hexToBytes(annexA.derived.signature_der_hex as string);
    expect(
      pure.verify(hexToBytes(annexA.public_key.uncompressed_hex), hexToBytes(annexA.message_hex), der),
    ).toBe(false);
  });

  it('sm2p256v1 signature fails with an empty user ID, on every path', () => {
    const pub = hexToBytes(recommended.public_key.uncompressed_hex);
    const msg = hexToBytes(recommended.message_hex);
    const der = hexToBytes(recommended.signature_der_hex as string);
    const empty = { id: new Uint8Array(0) };
    for (const verify of [sm2Pure.verify, sm2Native.verify, sm2Verify]) {
      expect(verify(pub, msg, der)).toBe(true);
      expect(verify(pub, msg, der, empty)).toBe(false);
    }
  });

  it('the SPKI of the sm2p256v1 example matches the file', () => {
    expect(toHex(sm2PublicKeyToSpki(hexToBytes(recommended.public_key.uncompressed_hex)))).toBe(
      (recommended.public_key.spki_der_hex as string).toLowerCase(),
    );
    expect(toHex(sm2KeyPairFromPrivateKey(hexToBytes(recommended.private_key_hex)).publicKey)).toBe(
      recommended.public_key.uncompressed_hex.toLowerCase(),
    );
  });

  it('native signatures over the example verify with the pure code and vice versa', () => {
    const d = hexToBytes(recommended.private_key_hex);
    const pub = hexToBytes(recommended.public_key.uncompressed_hex);
    const msg = hexToBytes(recommended.message_hex);
    expect(sm2Pure.verify(pub, msg, sm2Native.sign(d, msg))).toBe(true);
    expect(sm2Native.verify(pub, msg, sm2Pure.sign(d, msg))).toBe(true);
    expect(sm2Verify(pub, msg, sm2Sign(d, msg, { encoding: 'raw' }), { encoding: 'raw' })).toBe(true);
  });
});
