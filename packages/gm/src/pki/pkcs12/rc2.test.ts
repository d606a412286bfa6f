import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { pkcs12Kdf } from './kdf.js';
import { rc2CbcDecrypt, rc2CbcEncrypt, rc2DecryptBlock, rc2EncryptBlock, rc2ExpandKey } from './rc2.js';

const h = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// RFC 2268 §5: key, effective key bits, plaintext, ciphertext.
const RFC2268_VECTORS: readonly [string, number, string, string][] = [
  ['0000000000000000', 63, '0000000000000000', 'ebb773f993278eff'],
  ['ffffffffffffffff', 64, 'ffffffffffffffff', '278b27e42e2f0d49'],
  ['3000000000000000', 64, '1000000000000001', '30649edf9be7d2c2'],
  ['88', 64, '0000000000000000', '61a8a244adacccf0'],
  ['88bca90e90875a', 64, '0000000000000000', '6ccf4308974c267f'],
  ['88bca90e90875a7f0f79c384627bafb2', 64, '0000000000000000', '1a807d272bbe5db1'],
  ['88bca90e90875a7f0f79c384627bafb2', 128, '0000000000000000', '2269552ab0f85ca6'],
  [
    '88bca90e90875a7f0f79c384627bafb216f80a6f85920584c42fceb0be255daf1e',
    129,
    '0000000000000000',
    '5b78d3a43dfff1f1',
  ],
];

describe('RC2 (RFC 2268)', () => {
  it.each(RFC2268_VECTORS)('key %s / %i bits: known answer both ways', (key, bits, plain, cipher) => {
    const k = rc2ExpandKey(h(key), bits);
    expect(hex(rc2EncryptBlock(k, h(plain)))).toBe(cipher);
    expect(hex(rc2DecryptBlock(k, h(cipher)))).toBe(plain);
  });

  it('decrypts RC2-40-CBC made by OpenSSL (legacy provider)', () => {
    const key = '0102030405';
    const iv = '0011223344556677';
    const plain = new TextEncoder().encode('电子证照 PKCS#12 legacy RC2-40 test data');
    const result = spawnSync(
      'openssl',
      ['enc', '-rc2-40-cbc', '-K', key, '-iv', iv, '-provider', 'legacy', '-provider', 'default'],
      { input: plain },
    );
    expect(result.status).toBe(0);
    const cipher = new Uint8Array(result.stdout);
    expect(rc2CbcDecrypt(h(key), 40, h(iv), cipher)).toEqual(plain);
    expect(rc2CbcEncrypt(h(key), 40, h(iv), plain)).toEqual(cipher);
  });

  it('round-trips CBC for random keys and data (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 32 }),
        fc.integer({ min: 1, max: 256 }),
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.uint8Array({ maxLength: 100 }),
        (key, bits, iv, data) => {
          expect(rc2CbcDecrypt(key, bits, iv, rc2CbcEncrypt(key, bits, iv, data))).toEqual(data);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rejects bad padding, partial blocks and bad parameters with typed errors', () => {
    const iv = new Uint8Array(8);
    const ct = rc2CbcEncrypt(h('0102030405'), 40, iv, new Uint8Array(5));
    const wrongKey = () => rc2CbcDecrypt(h('0102030406'), 40, iv, ct);
    // A wrong key almost always breaks the padding; the rare valid padding is caught upstream by DER parsing.
    try {
      const out = wrongKey();
      expect(out).not.toEqual(new Uint8Array(5));
    } catch (error) {
      expect(error).toMatchObject({ code: 'GM_DECRYPT_FAILED' });
    }
    expect(() => rc2CbcDecrypt(h('01'), 40, iv, new Uint8Array(7))).toThrow(
      expect.objectContaining({ code: 'GM_DECRYPT_FAILED' }),
    );
    expect(() => rc2ExpandKey(new Uint8Array(0))).toThrow(
      expect.objectContaining({ code: 'GM_INVALID_ARGUMENT' }),
    );
    expect(() => rc2ExpandKey(h('01'), 0)).toThrow(expect.objectContaining({ code: 'GM_INVALID_ARGUMENT' }));
  });
});

describe('PKCS#12 key derivation (RFC 7292 B.2)', () => {
  const bmp = (s: string) =>
    new Uint8Array(Buffer.concat([Buffer.from(s, 'utf16le').swap16(), Buffer.alloc(2)]));

  // Known answers published with the Bouncy Castle PKCS#12 tests.
  it.each([
    ['smeg', '0a58cf64530d823f', 1, 1, 24, '8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3'],
    ['smeg', '0a58cf64530d823f', 2, 1, 8, '79993dfe048d3b76'],
    ['queeg', '05dec959acff72f7', 1, 1000, 24, 'ed2034e36328830ff09df1e1a07dd357185dac0d4f9eb3d4'],
    ['queeg', '05dec959acff72f7', 2, 1000, 8, '11dedad7758d4860'],
    ['smeg', '3d83c0e4546ac140', 3, 1, 20, '8d967d88f6caa9d714800ab3d48051d63f73a312'],
  ] as const)(
    'password %s, salt %s, id %i, %i iterations',
    (password, salt, id, iterations, length, expected) => {
      expect(hex(pkcs12Kdf('sha1', bmp(password), h(salt), id, iterations, length))).toBe(expected);
    },
  );
});
