import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { GmError } from '../errors.js';
import { bigIntToBytes, hexToBytes, toHex } from './bytes.js';
import { OID_EC_PUBLIC_KEY, OID_SM2_CURVE, SM2P256V1 } from './curve.js';
import { encodeBitString, encodeOid, encodeTlv } from './der.js';
import {
  SM2_SPKI_PREFIX,
  sm2ImportPrivateKey,
  sm2ImportPublicKey,
  sm2PrivateKeyFromPkcs8,
  sm2PrivateKeyFromSec1,
  sm2PrivateKeyToPem,
  sm2PrivateKeyToPkcs8,
  sm2PublicKeyFromSpki,
  sm2PublicKeyToPem,
  sm2PublicKeyToSpki,
} from './encoding.js';
import { sm2GenerateKeyPair } from './keygen.js';
import { pemDecode, pemEncode } from './pem.js';

const dir = mkdtempSync(join(tmpdir(), 'gm-enc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, encoding: 'utf8' });

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GmError);
    return (error as GmError).code;
  }
  throw new Error('expected a GmError');
};

const D = hexToBytes('3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8');
const PUB = hexToBytes(
  '0409F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13',
);

describe('SPKI', () => {
  it('is the §14.2 prefix followed by the point, and parses back', () => {
    const spki = sm2PublicKeyToSpki(PUB);
    expect(toHex(spki.subarray(0, SM2_SPKI_PREFIX.length))).toBe(
      '3059301306072a8648ce3d020106082a811ccf5501822d034200',
    );
    expect(toHex(sm2PublicKeyFromSpki(spki))).toBe(toHex(PUB));
  });

  it('accepts a compressed point and returns the uncompressed form', () => {
    const compressed = new Uint8Array([2 + ((PUB[64] as number) & 1), ...PUB.subarray(1, 33)]);
    expect(toHex(sm2ImportPublicKey(compressed))).toBe(toHex(PUB));
  });

  it('rejects a point off the curve, the wrong curve and trailing bytes', () => {
    const off = new Uint8Array(PUB);
    off[64] = (off[64] as number) ^ 1;
    expect(codeOf(() => sm2PublicKeyToSpki(off))).toBe('GM_SM2_INVALID_PUBLIC_KEY');
    expect(codeOf(() => sm2PublicKeyFromSpki(new Uint8Array([...SM2_SPKI_PREFIX, ...off])))).toBe(
      'GM_SM2_INVALID_PUBLIC_KEY',
    );
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
      type: 'spki',
      format: 'der',
    });
    expect(codeOf(() => sm2PublicKeyFromSpki(new Uint8Array(p256)))).toBe('GM_SM2_UNSUPPORTED_KEY');
    expect(codeOf(() => sm2PublicKeyFromSpki(new Uint8Array([...sm2PublicKeyToSpki(PUB), 0])))).toBe(
      'GM_SM2_KEY_FORMAT',
    );
  });
});

describe('PKCS#8 and SEC1', () => {
  it('round-trips our PKCS#8 and rejects d outside [1, n-2]', () => {
    expect(sm2PrivateKeyFromPkcs8(sm2PrivateKeyToPkcs8(D))).toEqual({ privateKey: D, publicKey: PUB });
    expect(codeOf(() => sm2PrivateKeyToPkcs8(new Uint8Array(32)))).toBe('GM_SM2_INVALID_PRIVATE_KEY');
    expect(codeOf(() => sm2PrivateKeyToPkcs8(bigIntToBytes(SM2P256V1.n - 1n, 32)))).toBe(
      'GM_SM2_INVALID_PRIVATE_KEY',
    );
    expect(codeOf(() => sm2PrivateKeyToPkcs8(D, sm2GenerateKeyPair().publicKey))).toBe('GM_SM2_KEY_MISMATCH');
  });

  it('is read by OpenSSL as an SM2 key with the same public point', () => {
    writeFileSync(join(dir, 'ours.pem'), sm2PrivateKeyToPem(D));
    writeFileSync(join(dir, 'ours-pub.pem'), sm2PublicKeyToPem(PUB));
    const text = openssl('pkey', '-in', 'ours.pem', '-text', '-noout');
    expect(text).toMatch(/ASN1 OID: SM2/);
    const pubText = openssl('pkey', '-pubin', '-in', 'ours-pub.pem', '-text', '-noout');
    const hexOf = (t: string) => (/pub:\s*([0-9a-f:\s]+)/.exec(t)?.[1] ?? '').replace(/[\s:]/g, '');
    expect(hexOf(text)).toBe(toHex(PUB));
    expect(hexOf(pubText)).toBe(toHex(PUB));
  });

  it('reads keys made by `openssl genpkey -algorithm SM2` (PKCS#8, SEC1 "SM2 PRIVATE KEY", SPKI)', () => {
    openssl('genpkey', '-algorithm', 'SM2', '-out', 'k.pem');
    openssl('pkey', '-in', 'k.pem', '-pubout', '-out', 'k-pub.pem');
    openssl('ec', '-in', 'k.pem', '-out', 'k-sec1.pem');
    openssl('pkey', '-in', 'k.pem', '-outform', 'DER', '-out', 'k.der');
    const pkcs8 = sm2ImportPrivateKey(readFileSync(join(dir, 'k.pem'), 'utf8'));
    const sec1Pem = readFileSync(join(dir, 'k-sec1.pem'), 'utf8');
    expect(sec1Pem).toMatch(/BEGIN SM2 PRIVATE KEY/);
    expect(sm2ImportPrivateKey(sec1Pem)).toEqual(pkcs8);
    expect(sm2ImportPrivateKey(sec1Pem.replace(/SM2 PRIVATE/g, 'EC PRIVATE'))).toEqual(pkcs8);
    expect(sm2ImportPrivateKey(new Uint8Array(readFileSync(join(dir, 'k.der'))))).toEqual(pkcs8);
    expect(sm2ImportPublicKey(readFileSync(join(dir, 'k-pub.pem'), 'utf8'))).toEqual(pkcs8.publicKey);
    expect(sm2ImportPrivateKey(sm2PrivateKeyToPem(pkcs8.privateKey))).toEqual(pkcs8);
  });

  const seq = (...parts: Uint8Array[]) => encodeTlv(0x30, ...parts);
  const int = (v: number) => Uint8Array.of(2, 1, v);
  const octets = (b: Uint8Array) => encodeTlv(0x04, b);
  const ecPrivateKey = (params: boolean, pub?: Uint8Array) =>
    seq(
      int(1),
      octets(D),
      ...(params ? [encodeTlv(0xa0, encodeOid(OID_SM2_CURVE))] : []),
      ...(pub ? [encodeTlv(0xa1, encodeBitString(pub))] : []),
    );
  const pkcs8Of = (alg: Uint8Array, inner: Uint8Array) => seq(int(0), alg, octets(inner));

  it('accepts the curve named only inside ECPrivateKey, and the bare SM2 algorithm OID', () => {
    const noParams = pkcs8Of(seq(encodeOid(OID_EC_PUBLIC_KEY)), ecPrivateKey(true, PUB));
    expect(sm2PrivateKeyFromPkcs8(noParams)).toEqual({ privateKey: D, publicKey: PUB });
    expect(sm2PrivateKeyFromSec1(ecPrivateKey(true))).toEqual({ privateKey: D, publicKey: PUB });
    const bareSpki = seq(seq(encodeOid(OID_SM2_CURVE), Uint8Array.of(5, 0)), encodeBitString(PUB));
    expect(sm2PublicKeyFromSpki(bareSpki)).toEqual(PUB);
    const bareAlg = pkcs8Of(seq(encodeOid(OID_SM2_CURVE)), ecPrivateKey(false));
    expect(sm2PrivateKeyFromPkcs8(bareAlg).publicKey).toEqual(PUB);
  });

  it('refuses non-SM2 keys, keys without a curve, and mismatched embedded public keys', () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(codeOf(() => sm2ImportPrivateKey(p256.export({ type: 'pkcs8', format: 'pem' }) as string))).toBe(
      'GM_SM2_UNSUPPORTED_KEY',
    );
    expect(codeOf(() => sm2ImportPrivateKey(p256.export({ type: 'sec1', format: 'pem' }) as string))).toBe(
      'GM_SM2_UNSUPPORTED_KEY',
    );
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      type: 'pkcs8',
      format: 'der',
    });
    expect(codeOf(() => sm2PrivateKeyFromPkcs8(new Uint8Array(rsa)))).toBe('GM_SM2_UNSUPPORTED_KEY');
    expect(codeOf(() => sm2PrivateKeyFromSec1(ecPrivateKey(false)))).toBe('GM_SM2_KEY_FORMAT');
    expect(
      codeOf(() => sm2PrivateKeyFromPkcs8(pkcs8Of(seq(encodeOid(OID_EC_PUBLIC_KEY)), ecPrivateKey(false)))),
    ).toBe('GM_SM2_KEY_FORMAT');
    const other = sm2GenerateKeyPair().publicKey;
    const alg = seq(encodeOid(OID_EC_PUBLIC_KEY), encodeOid(OID_SM2_CURVE));
    expect(codeOf(() => sm2PrivateKeyFromPkcs8(pkcs8Of(alg, ecPrivateKey(false, other))))).toBe(
      'GM_SM2_KEY_MISMATCH',
    );
    expect(codeOf(() => sm2PrivateKeyFromPkcs8(seq(int(2), alg, octets(ecPrivateKey(false)))))).toBe(
      'GM_SM2_KEY_FORMAT',
    );
  });
});

describe('hostile input', () => {
  const pkcs8 = sm2PrivateKeyToPkcs8(D);
  const spki = sm2PublicKeyToSpki(PUB);

  it('every truncation of PKCS#8 and SPKI gives a typed error', () => {
    for (let i = 0; i < pkcs8.length; i++)
      expect(codeOf(() => sm2PrivateKeyFromPkcs8(pkcs8.subarray(0, i)))).toMatch(/^GM_/);
    for (let i = 0; i < spki.length; i++)
      expect(codeOf(() => sm2PublicKeyFromSpki(spki.subarray(0, i)))).toMatch(/^GM_/);
  });

  it('random bytes and random corruptions give only GmError', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.nat(pkcs8.length - 1),
        fc.integer({ min: 1, max: 255 }),
        (junk, at, x) => {
          for (const input of [junk, pkcs8.map((b, i) => (i === at ? b ^ x : b))]) {
            try {
              sm2ImportPrivateKey(input);
            } catch (error) {
              expect(error).toBeInstanceOf(GmError);
            }
            try {
              sm2ImportPublicKey(input);
            } catch (error) {
              expect(error).toBeInstanceOf(GmError);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('oversized and deeply nested input is refused at once', () => {
    expect(codeOf(() => sm2PrivateKeyFromPkcs8(new Uint8Array(5000)))).toBe('GM_SM2_KEY_FORMAT');
    const nested = Uint8Array.from({ length: 4000 }, (_, i) => (i % 2 === 0 ? 0x30 : 0x80 + 2));
    expect(codeOf(() => sm2PrivateKeyFromPkcs8(nested))).toBe('GM_SM2_KEY_FORMAT');
    let deep: Uint8Array = new Uint8Array([0x05, 0x00]);
    for (let i = 0; i < 60; i++)
      deep = new Uint8Array([0x30, deep.length, ...deep]).subarray(0, 2 + deep.length);
    expect(codeOf(() => sm2PublicKeyFromSpki(deep))).toMatch(/^GM_SM2_KEY_FORMAT$/);
  });
});

describe('PEM', () => {
  it('round-trips and wraps at 64 characters', () => {
    const pem = pemEncode('PUBLIC KEY', sm2PublicKeyToSpki(PUB));
    expect(pem.split('\n').every((line) => line.length <= 64)).toBe(true);
    expect(pemDecode(pem)).toEqual({ label: 'PUBLIC KEY', der: sm2PublicKeyToSpki(PUB) });
  });

  it('refuses encrypted keys, missing END lines, bad base64 and unexpected labels', () => {
    writeFileSync(join(dir, 'plain.pem'), sm2PrivateKeyToPem(D));
    const encrypted = openssl(
      'pkcs8',
      '-topk8',
      '-in',
      'plain.pem',
      '-v2',
      'aes-256-cbc',
      '-passout',
      'pass:secret',
    );
    expect(codeOf(() => sm2ImportPrivateKey(encrypted))).toBe('GM_PEM_ENCRYPTED');
    const legacy =
      '-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END EC PRIVATE KEY-----\n';
    expect(codeOf(() => sm2ImportPrivateKey(legacy))).toBe('GM_PEM_ENCRYPTED');
    expect(codeOf(() => pemDecode('-----BEGIN PUBLIC KEY-----\nAAAA\n'))).toBe('GM_PEM_FORMAT');
    expect(codeOf(() => pemDecode('-----BEGIN PUBLIC KEY-----\nA*AA\n-----END PUBLIC KEY-----'))).toBe(
      'GM_PEM_FORMAT',
    );
    expect(codeOf(() => pemDecode('hello'))).toBe('GM_PEM_FORMAT');
    expect(codeOf(() => sm2ImportPublicKey(sm2PrivateKeyToPem(D)))).toBe('GM_PEM_LABEL');
    expect(codeOf(() => pemDecode('x'.repeat(2 << 20)))).toBe('GM_PEM_TOO_LARGE');
  });

  it('scans pathological text in linear time', () => {
    const text = '-----BEGIN A-----\n'.repeat(50_000);
    const started = performance.now();
    expect(codeOf(() => pemDecode(text))).toBe('GM_PEM_FORMAT');
    expect(performance.now() - started).toBeLessThan(500);
  });
});
