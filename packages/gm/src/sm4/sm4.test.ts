import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GmError } from '../errors.js';
import type { Sm4Mode } from './sm4.js';
import { createSm4BlockCipher, sm4Decrypt, sm4Encrypt } from './sm4.js';

const vectors = JSON.parse(
  readFileSync(new URL('../../../../../shared/fixtures/vectors/sm-vectors.json', import.meta.url), 'utf8'),
) as {
  sm4: Array<{
    name: string;
    key_hex: string;
    plaintext_hex: string;
    ciphertext_hex: string;
    iterations?: number;
  }>;
};

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GmError);
    return (error as GmError).code;
  }
  throw new Error('expected a GmError');
};

const [single, million] = vectors.sm4 as [(typeof vectors.sm4)[0], (typeof vectors.sm4)[0]];

describe('SM4 (GB/T 32907 Annex A)', () => {
  it('encrypts and decrypts the single-block example', () => {
    const key = bytes(single.key_hex);
    expect(hex(sm4Encrypt('ecb', key, bytes(single.plaintext_hex), { padding: 'none' }))).toBe(
      single.ciphertext_hex,
    );
    expect(hex(sm4Decrypt('ecb', key, bytes(single.ciphertext_hex), { padding: 'none' }))).toBe(
      single.plaintext_hex,
    );
    const cipher = createSm4BlockCipher(key);
    expect(hex(cipher.encryptBlock(bytes(single.plaintext_hex)))).toBe(single.ciphertext_hex);
    expect(hex(cipher.decryptBlock(bytes(single.ciphertext_hex)))).toBe(single.plaintext_hex);
  });

  it(`reaches the example after ${million.iterations} chained encryptions`, () => {
    const cipher = createSm4BlockCipher(bytes(million.key_hex));
    let block = bytes(million.plaintext_hex);
    for (let i = 0; i < (million.iterations as number); i++) block = cipher.encryptBlock(block);
    expect(hex(block)).toBe(million.ciphertext_hex);
  });
});

describe('SM4 modes', () => {
  const key = bytes('0123456789ABCDEFFEDCBA9876543210');
  const iv = bytes('000102030405060708090A0B0C0D0E0F');

  it.each([
    ['cbc', 'pkcs7'],
    ['ecb', 'pkcs7'],
    ['ctr', 'none'],
  ] as const)('%s matches `openssl enc -sm4-%s`', (mode, _padding) => {
    const data = new TextEncoder().encode('电子证照 SM4 test data of 37 bytes..');
    const args = ['enc', `-sm4-${mode}`, '-K', hex(key), ...(mode === 'ecb' ? [] : ['-iv', hex(iv)])];
    const expected = new Uint8Array(execFileSync('openssl', args, { input: data }));
    const opts = mode === 'ecb' ? {} : { iv };
    expect(hex(sm4Encrypt(mode, key, data, opts))).toBe(hex(expected));
    expect(hex(sm4Decrypt(mode, key, expected, opts))).toBe(hex(data));
  });

  it('round-trips random data in every mode and padding', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 100 }),
        fc.constantFrom<Sm4Mode>('ecb', 'cbc', 'ctr'),
        (data, mode) => {
          const opts = mode === 'ecb' ? {} : { iv };
          const ct = sm4Encrypt(mode, key, data, opts);
          if (mode !== 'ctr') expect(ct.length).toBe((Math.floor(data.length / 16) + 1) * 16);
          else expect(ct.length).toBe(data.length);
          expect(hex(sm4Decrypt(mode, key, ct, opts))).toBe(hex(data));
          const blocks = data.subarray(0, data.length - (data.length % 16));
          const raw = sm4Encrypt(mode, key, blocks, { ...opts, padding: 'none' });
          expect(raw.length).toBe(blocks.length);
          expect(hex(sm4Decrypt(mode, key, raw, { ...opts, padding: 'none' }))).toBe(hex(blocks));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reports bad keys, IVs, lengths and padding with typed errors', () => {
    expect(codeOf(() => sm4Encrypt('ecb', new Uint8Array(15), new Uint8Array(16)))).toBe('GM_SM4_KEY_LENGTH');
    expect(codeOf(() => sm4Encrypt('cbc', key, new Uint8Array(16)))).toBe('GM_SM4_IV_LENGTH');
    expect(codeOf(() => sm4Encrypt('ctr', key, new Uint8Array(16), { iv: new Uint8Array(8) }))).toBe(
      'GM_SM4_IV_LENGTH',
    );
    expect(codeOf(() => sm4Encrypt('ecb', key, new Uint8Array(16), { iv }))).toBe('GM_SM4_IV_LENGTH');
    expect(codeOf(() => sm4Encrypt('ecb', key, new Uint8Array(15), { padding: 'none' }))).toBe(
      'GM_SM4_DATA_LENGTH',
    );
    expect(codeOf(() => sm4Decrypt('cbc', key, new Uint8Array(17), { iv }))).toBe('GM_SM4_DATA_LENGTH');
    expect(codeOf(() => sm4Decrypt('cbc', key, new Uint8Array(0), { iv }))).toBe('GM_SM4_DATA_LENGTH');
    expect(codeOf(() => sm4Encrypt('gcm' as Sm4Mode, key, new Uint8Array(16)))).toBe('GM_SM4_MODE');
    expect(codeOf(() => createSm4BlockCipher(key).encryptBlock(new Uint8Array(15)))).toBe(
      'GM_SM4_DATA_LENGTH',
    );
    const ct = sm4Encrypt('cbc', key, new TextEncoder().encode('secret'), { iv });
    const wrongKey = key.map((b, i) => (i === 0 ? b ^ 1 : b));
    // A wrong key yields random plaintext; its last byte is a valid pad only by chance (≈ 1/256).
    const attempts = [
      wrongKey,
      key.map((b, i) => (i === 1 ? b ^ 1 : b)),
      key.map((b, i) => (i === 2 ? b ^ 1 : b)),
    ];
    const codes = attempts.map((k) => {
      try {
        sm4Decrypt('cbc', k, ct, { iv });
        return 'ok';
      } catch (error) {
        return (error as GmError).code;
      }
    });
    expect(codes.filter((c) => c === 'GM_SM4_BAD_PADDING').length).toBeGreaterThanOrEqual(2);
    const zeroPad = sm4Encrypt('ecb', key, new Uint8Array(16), { padding: 'none' });
    expect(codeOf(() => sm4Decrypt('ecb', key, zeroPad))).toBe('GM_SM4_BAD_PADDING');
  });
});
