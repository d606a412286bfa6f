import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OID } from '../pki/asn1/oids.js';
import { KEY_KINDS, newKey } from '../pki/test-kit.test.js';
import { sm2PrivateKeyToPkcs8 } from '../sm2/encoding.js';
import {
  SIGNATURE_ALGORITHMS,
  createSoftwareKey,
  digest,
  digestByOid,
  signatureAlgorithmByName,
  signatureAlgorithmByOid,
  signatureAlgorithmForKey,
} from './registry.js';

interface Sm2Vector {
  private_key_hex: string;
  public_key: { spki_der_hex: string };
  message_hex: string;
  signature_der_hex: string;
}

const vectors = JSON.parse(
  readFileSync(new URL('../../../../../shared/fixtures/vectors/sm-vectors.json', import.meta.url), 'utf8'),
) as { sm2: { sm2p256v1_default_id_example: Sm2Vector } };
const h = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

describe('signature algorithm registry', () => {
  it('lists one entry per algorithm with the standard OIDs', () => {
    expect(SIGNATURE_ALGORITHMS.map((a) => [a.name, a.oid, a.nullParameters, a.digest])).toEqual([
      ['SM2-SM3', '1.2.156.10197.1.501', true, 'sm3'],
      ['ECDSA-SHA256', '1.2.840.10045.4.3.2', false, 'sha256'],
      ['RSA-SHA256', '1.2.840.113549.1.1.11', true, 'sha256'],
    ]);
    expect(signatureAlgorithmByOid(OID.sm2Sign)?.name).toBe('SM2-SM3');
    expect(signatureAlgorithmByOid('1.2.3')).toBeUndefined();
    expect(() => signatureAlgorithmByName('MD5' as never)).toThrow(
      expect.objectContaining({ code: 'GM_ALGORITHM_UNSUPPORTED' }),
    );
    expect(digestByOid(OID.sm3)).toBe('sm3');
    expect(Buffer.from(digest('sm3', new TextEncoder().encode('abc'))).toString('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('verifies the sm2p256v1 default-ID known answer and rejects it altered', () => {
    const v = vectors.sm2.sm2p256v1_default_id_example;
    const sm2 = signatureAlgorithmByName('SM2-SM3');
    const spki = h(v.public_key.spki_der_hex);
    expect(sm2.verify(spki, h(v.message_hex), h(v.signature_der_hex))).toBe(true);
    expect(sm2.verify(spki, new TextEncoder().encode('message digesT'), h(v.signature_der_hex))).toBe(false);
    expect(signatureAlgorithmForKey(spki).name).toBe('SM2-SM3');
  });

  it('signs with the vector key (raw scalar and PKCS#8) so that the vector public key verifies', async () => {
    const v = vectors.sm2.sm2p256v1_default_id_example;
    const sm2 = signatureAlgorithmByName('SM2-SM3');
    const message = new TextEncoder().encode('电子印章');
    for (const key of [h(v.private_key_hex), sm2PrivateKeyToPkcs8(h(v.private_key_hex))]) {
      const sig = await sm2.sign(key, message);
      expect(sm2.verify(h(v.public_key.spki_der_hex), message, sig)).toBe(true);
    }
    expect(createSoftwareKey(sm2PrivateKeyToPkcs8(h(v.private_key_hex))).publicKey).toEqual(
      h(v.public_key.spki_der_hex),
    );
  });

  it.each(KEY_KINDS)('%s software keys sign, verify, and refuse tampering and foreign keys', async (kind) => {
    const key = newKey(kind);
    const soft = createSoftwareKey(key.pkcs8);
    expect(soft.algorithm.keyAlgorithm).toBe(kind);
    expect(soft.publicKey).toEqual(key.spki);
    const data = new TextEncoder().encode('签名数据');
    const sig = await soft.sign(data);
    expect(soft.algorithm.verify(soft.publicKey, data, sig)).toBe(true);
    expect(soft.algorithm.verify(soft.publicKey, data.subarray(1), sig)).toBe(false);
    const flipped = new Uint8Array(sig);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 1;
    expect(soft.algorithm.verify(soft.publicKey, data, flipped)).toBe(false);
    for (const other of SIGNATURE_ALGORITHMS.filter((a) => a !== soft.algorithm)) {
      expect(other.verify(soft.publicKey, data, sig)).toBe(false);
    }
    expect(soft.algorithm.verify(Uint8Array.of(1, 2, 3), data, sig)).toBe(false);
  });

  it('refuses to sign ECDSA with an RSA key and SM2 keys never reach node:crypto', async () => {
    const rsa = newKey('RSA');
    await expect(
      signatureAlgorithmByName('ECDSA-SHA256').sign(rsa.pkcs8, new Uint8Array(1)),
    ).rejects.toMatchObject({
      code: 'GM_KEY_ALGORITHM_MISMATCH',
    });
    const sm2 = newKey('SM2');
    await expect(
      signatureAlgorithmByName('ECDSA-SHA256').sign(sm2.pkcs8, new Uint8Array(1)),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^GM_KEY_/),
    });
  });
});
