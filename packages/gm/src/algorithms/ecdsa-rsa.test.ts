import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GmError } from '../errors.js';
import { sm2PrivateKeyToPem, sm2PublicKeyToPem } from '../sm2/encoding.js';
import { sm2GenerateKeyPair } from '../sm2/keygen.js';
import { ecdsaP256GenerateKeyPair, ecdsaP256Sign, ecdsaP256Verify } from './ecdsa.js';
import { rsaGenerateKeyPair, rsaSign, rsaVerify } from './rsa.js';

const dir = mkdtempSync(join(tmpdir(), 'gm-alg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pem = (label: string, der: Uint8Array) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;
const message = new TextEncoder().encode('电子印章 international path');

function opensslVerify(pubPem: string, sig: Uint8Array, extra: string[] = []): boolean {
  writeFileSync(join(dir, 'pub.pem'), pubPem);
  writeFileSync(join(dir, 'msg'), message);
  writeFileSync(join(dir, 'sig'), sig);
  const args = ['dgst', '-sha256', '-verify', 'pub.pem', ...extra, '-signature', 'sig', 'msg'];
  return spawnSync('openssl', args, { cwd: dir }).status === 0;
}

describe('ECDSA P-256 / SHA-256', () => {
  const key = ecdsaP256GenerateKeyPair();

  it('signs in DER and raw form; OpenSSL verifies; tampering is rejected', () => {
    const sig = ecdsaP256Sign(key.privateKey, message);
    expect(ecdsaP256Verify(key.publicKey, message, sig)).toBe(true);
    expect(opensslVerify(pem('PUBLIC KEY', key.publicKey), sig)).toBe(true);
    expect(ecdsaP256Verify(key.publicKey, message.subarray(1), sig)).toBe(false);
    expect(
      ecdsaP256Verify(
        key.publicKey,
        message,
        sig.map((b, i) => (i === 10 ? b ^ 1 : b)),
      ),
    ).toBe(false);
    const raw = ecdsaP256Sign(pem('PRIVATE KEY', key.privateKey), message, { encoding: 'raw' });
    expect(raw.length).toBe(64);
    expect(ecdsaP256Verify(pem('PUBLIC KEY', key.publicKey), message, raw, { encoding: 'raw' })).toBe(true);
    expect(ecdsaP256Verify(key.publicKey, message, new Uint8Array([0x30, 0]))).toBe(false);
  });

  it('verifies an OpenSSL-made signature with an OpenSSL SEC1 key', () => {
    execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ec.pem'], {
      cwd: dir,
    });
    writeFileSync(join(dir, 'msg'), message);
    execFileSync('openssl', ['dgst', '-sha256', '-sign', 'ec.pem', '-out', 'ec.sig', 'msg'], { cwd: dir });
    const pub = execFileSync('openssl', ['ec', '-in', 'ec.pem', '-pubout'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString();
    const sig = new Uint8Array(readFileSync(join(dir, 'ec.sig')));
    expect(ecdsaP256Verify(pub, message, sig)).toBe(true);
    expect(ecdsaP256Verify(key.publicKey, message, sig)).toBe(false);
    expect(
      ecdsaP256Verify(pub, message, ecdsaP256Sign(readFileSync(join(dir, 'ec.pem'), 'utf8'), message)),
    ).toBe(true);
  });

  it('refuses SM2, RSA and unreadable keys with typed errors', () => {
    const sm2 = sm2GenerateKeyPair();
    expect(() => ecdsaP256Sign(sm2PrivateKeyToPem(sm2.privateKey), message)).toThrow(
      expect.objectContaining({ code: 'GM_KEY_ALGORITHM_MISMATCH' }),
    );
    expect(() => ecdsaP256Verify(sm2PublicKeyToPem(sm2.publicKey), message, new Uint8Array(64))).toThrow(
      GmError,
    );
    expect(() => ecdsaP256Sign(new Uint8Array([1, 2, 3]), message)).toThrow(
      expect.objectContaining({ code: 'GM_KEY_MALFORMED' }),
    );
    expect(() => ecdsaP256Sign('x'.repeat(20_000), message)).toThrow(GmError);
  });
});

describe('RSA-2048 / SHA-256', () => {
  const key = rsaGenerateKeyPair();

  it('PKCS#1 v1.5 and PSS signatures verify here and in OpenSSL; tampering is rejected', () => {
    const sig = rsaSign(key.privateKey, message);
    expect(sig.length).toBe(256);
    expect(rsaVerify(key.publicKey, message, sig)).toBe(true);
    expect(opensslVerify(pem('PUBLIC KEY', key.publicKey), sig)).toBe(true);
    expect(
      rsaVerify(
        key.publicKey,
        message,
        sig.map((b, i) => (i === 0 ? b ^ 1 : b)),
      ),
    ).toBe(false);
    const pss = rsaSign(key.privateKey, message, { padding: 'pss' });
    expect(rsaVerify(key.publicKey, message, pss, { padding: 'pss' })).toBe(true);
    expect(rsaVerify(key.publicKey, message, pss)).toBe(false);
    expect(
      opensslVerify(pem('PUBLIC KEY', key.publicKey), pss, [
        '-sigopt',
        'rsa_padding_mode:pss',
        '-sigopt',
        'rsa_pss_saltlen:digest',
      ]),
    ).toBe(true);
  });

  it('refuses keys shorter than 2048 bits and EC keys', () => {
    const small = rsaGenerateKeyPair(1024);
    expect(() => rsaSign(small.privateKey, message)).toThrow(
      expect.objectContaining({ code: 'GM_KEY_ALGORITHM_MISMATCH' }),
    );
    expect(() => rsaVerify(ecdsaP256GenerateKeyPair().publicKey, message, new Uint8Array(256))).toThrow(
      GmError,
    );
  });
});
