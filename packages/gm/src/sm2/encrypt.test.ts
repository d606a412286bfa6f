import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { sm2 as smCrypto } from 'sm-crypto-v2';
import { afterAll, describe, expect, it } from 'vitest';
import { GmError } from '../errors.js';
import { sm3 } from '../hash/sm3.js';
import { concatBytes, hexToBytes, toHex } from './bytes.js';
import { sm2PrivateKeyToPem, sm2PublicKeyToPem } from './encoding.js';
import { sm2Decrypt, sm2Encrypt, sm2Kdf } from './encrypt.js';
import { sm2GenerateKeyPair } from './keygen.js';

const dir = mkdtempSync(join(tmpdir(), 'gm-enc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GmError);
    return (error as GmError).code;
  }
  throw new Error('expected a GmError');
};

const key = sm2GenerateKeyPair();
const enc = (s: string) => new TextEncoder().encode(s);

describe('KDF', () => {
  it('is SM3(Z ‖ counter) blocks, counter from 1, truncated', () => {
    const z = enc('shared secret');
    const expected = concatBytes(sm3(z, Uint8Array.of(0, 0, 0, 1)), sm3(z, Uint8Array.of(0, 0, 0, 2)));
    expect(toHex(sm2Kdf(z, 40))).toBe(toHex(expected.subarray(0, 40)));
    expect(sm2Kdf(z, 0).length).toBe(0);
  });
});

describe('SM2 encryption', () => {
  it('round-trips in every layout, including empty and long messages', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 500 }),
        fc.constantFrom('C1C3C2' as const, 'C1C2C3' as const),
        fc.constantFrom('raw' as const, 'der' as const),
        (message, mode, encoding) => {
          const ct = sm2Encrypt(key.publicKey, message, { mode, encoding });
          if (encoding === 'raw') expect(ct.length).toBe(65 + 32 + message.length);
          expect(toHex(sm2Decrypt(key.privateKey, ct, { mode, encoding }))).toBe(toHex(message));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('places C3 per layout: C1C3C2 and C1C2C3 differ only in order', () => {
    const k = hexToBytes('59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21');
    const message = enc('encryption standard');
    const a = sm2Encrypt(key.publicKey, message, { k });
    const b = sm2Encrypt(key.publicKey, message, { k, mode: 'C1C2C3' });
    const c1 = a.subarray(0, 65);
    const c3 = a.subarray(65, 97);
    const c2 = a.subarray(97);
    expect(toHex(b)).toBe(toHex(concatBytes(c1, c2, c3)));
    expect(toHex(c2)).not.toBe(toHex(message));
  });

  it('rejects any flipped bit of the ciphertext with GM_SM2_DECRYPT_FAILED or a format error', () => {
    const message = enc('证照数据 with some length');
    const ct = sm2Encrypt(key.publicKey, message);
    fc.assert(
      fc.property(fc.nat(ct.length - 1), fc.nat(7), (at, bit) => {
        const bad = ct.map((b, i) => (i === at ? b ^ (1 << bit) : b));
        expect(codeOf(() => sm2Decrypt(key.privateKey, bad))).toMatch(
          /^GM_SM2_(DECRYPT_FAILED|CIPHERTEXT_FORMAT)$/,
        );
      }),
      { numRuns: 100 },
    );
    expect(codeOf(() => sm2Decrypt(sm2GenerateKeyPair().privateKey, ct))).toBe('GM_SM2_DECRYPT_FAILED');
    expect(codeOf(() => sm2Decrypt(key.privateKey, ct, { mode: 'C1C2C3' }))).toBe('GM_SM2_DECRYPT_FAILED');
  });

  it('rejects truncated, garbage and oversized ciphertexts with typed errors', () => {
    const ct = sm2Encrypt(key.publicKey, enc('abc'), { encoding: 'der' });
    for (let i = 0; i < ct.length; i++) {
      expect(codeOf(() => sm2Decrypt(key.privateKey, ct.subarray(0, i), { encoding: 'der' }))).toMatch(
        /^GM_SM2_/,
      );
    }
    expect(codeOf(() => sm2Decrypt(key.privateKey, new Uint8Array(96)))).toBe('GM_SM2_CIPHERTEXT_FORMAT');
    expect(codeOf(() => sm2Decrypt(key.privateKey, new Uint8Array(200).fill(4)))).toBe(
      'GM_SM2_CIPHERTEXT_FORMAT',
    );
    expect(codeOf(() => sm2Encrypt(key.publicKey, new Uint8Array((1 << 24) + 1)))).toBe(
      'GM_SM2_INPUT_TOO_LARGE',
    );
    expect(codeOf(() => sm2Encrypt(new Uint8Array(65), enc('x')))).toBe('GM_SM2_INVALID_PUBLIC_KEY');
  });
});

describe('interoperability', () => {
  it('OpenSSL decrypts our DER ciphertext and we decrypt OpenSSL’s', () => {
    writeFileSync(join(dir, 'key.pem'), sm2PrivateKeyToPem(key.privateKey));
    writeFileSync(join(dir, 'pub.pem'), sm2PublicKeyToPem(key.publicKey));
    const message = enc('SM2 加密 interop');
    writeFileSync(join(dir, 'ours.der'), sm2Encrypt(key.publicKey, message, { encoding: 'der' }));
    const out = execFileSync('openssl', ['pkeyutl', '-decrypt', '-inkey', 'key.pem', '-in', 'ours.der'], {
      cwd: dir,
    });
    expect(toHex(new Uint8Array(out))).toBe(toHex(message));
    writeFileSync(join(dir, 'm.bin'), message);
    execFileSync(
      'openssl',
      ['pkeyutl', '-encrypt', '-pubin', '-inkey', 'pub.pem', '-in', 'm.bin', '-out', 'theirs.der'],
      {
        cwd: dir,
      },
    );
    const theirs = new Uint8Array(readFileSync(join(dir, 'theirs.der')));
    expect(toHex(sm2Decrypt(key.privateKey, theirs, { encoding: 'der' }))).toBe(toHex(message));
  });

  it('sm-crypto-v2 (C1C3C2 = mode 1, C1C2C3 = mode 0, hex without the 04 prefix) agrees both ways', () => {
    const pubHex = toHex(key.publicKey);
    const privHex = toHex(key.privateKey);
    const message = enc('hello 国密');
    for (const [mode, cipherMode] of [
      ['C1C3C2', 1],
      ['C1C2C3', 0],
    ] as const) {
      const ours = sm2Encrypt(key.publicKey, message, { mode });
      const decrypted = smCrypto.doDecrypt(toHex(ours.subarray(1)), privHex, cipherMode, { output: 'array' });
      expect(toHex(decrypted)).toBe(toHex(message));
      const theirs = hexToBytes('04' + smCrypto.doEncrypt(message, pubHex, cipherMode));
      expect(toHex(sm2Decrypt(key.privateKey, theirs, { mode }))).toBe(toHex(message));
    }
  });
});
