import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { GmError } from '../errors.js';
import { sm2ImportPrivateKey, sm2PrivateKeyToPem, sm2PublicKeyToPem } from './encoding.js';
import { sm2GenerateKeyPair } from './keygen.js';
import { sm2Native } from './native.js';
import { sm2Pure } from './pure.js';
import type { Sm2Signer } from './signer.js';
import { sm2Sign, sm2Verify } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'gm-sm2-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => join(dir, name);
const DISTID = 'distid:1234567812345678';

function opensslVerify(pubPem: string, message: Uint8Array, sig: Uint8Array, distid = DISTID): boolean {
  writeFileSync(file('v-pub.pem'), pubPem);
  writeFileSync(file('v-msg.bin'), message);
  writeFileSync(file('v-sig.der'), sig);
  const args = ['pkeyutl', '-verify', '-pubin', '-inkey', 'v-pub.pem', '-rawin', '-in', 'v-msg.bin'];
  args.push('-sigfile', 'v-sig.der', '-digest', 'sm3', '-pkeyopt', distid);
  const run = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  return run.status === 0 && /Signature Verified Successfully/.test(run.stdout);
}

function opensslSign(keyPem: string, message: Uint8Array): Uint8Array {
  writeFileSync(file('s-key.pem'), keyPem);
  writeFileSync(file('s-msg.bin'), message);
  execFileSync(
    'openssl',
    [
      'pkeyutl',
      '-sign',
      '-inkey',
      's-key.pem',
      '-rawin',
      '-in',
      's-msg.bin',
      '-out',
      's-sig.der',
      '-digest',
      'sm3',
      '-pkeyopt',
      DISTID,
    ],
    { cwd: dir },
  );
  return new Uint8Array(readFileSync(file('s-sig.der')));
}

const implementations: Array<[string, Sm2Signer]> = [
  ['native', sm2Native],
  ['pure', sm2Pure],
];
const enc = (s: string) => new TextEncoder().encode(s);

describe('interoperability with OpenSSL 3 (distid 1234567812345678)', () => {
  it.each(implementations)(
    'OpenSSL verifies %s signatures, and rejects them without distid or when tampered',
    (_name, impl) => {
      const key = sm2GenerateKeyPair();
      const pubPem = sm2PublicKeyToPem(key.publicKey);
      for (const message of [enc(''), enc('电子证照 licence'), new Uint8Array(10_000).fill(7)]) {
        const sig = impl.sign(key.privateKey, message);
        expect(opensslVerify(pubPem, message, sig)).toBe(true);
        expect(opensslVerify(pubPem, message, sig, 'distid:ALICE')).toBe(false);
        expect(opensslVerify(pubPem, new Uint8Array([...message, 0]), sig)).toBe(false);
      }
    },
  );

  it('our implementations verify signatures made by OpenSSL with its own genpkey key', () => {
    execFileSync('openssl', ['genpkey', '-algorithm', 'SM2', '-out', 'ossl.pem'], { cwd: dir });
    const keyPem = readFileSync(file('ossl.pem'), 'utf8');
    const { publicKey } = sm2ImportPrivateKey(keyPem);
    for (const message of [enc('message digest'), enc('x'.repeat(1000))]) {
      const sig = opensslSign(keyPem, message);
      for (const [, impl] of implementations) {
        expect(impl.verify(publicKey, message, sig)).toBe(true);
        expect(impl.verify(publicKey, message, sig, { id: new Uint8Array() })).toBe(false);
        expect(impl.verify(publicKey, enc('other'), sig)).toBe(false);
      }
      expect(sm2Verify(publicKey, message, sig)).toBe(true);
    }
  });

  it('OpenSSL verifies the facade’s signatures on our PKCS#8 PEM key', () => {
    const key = sm2GenerateKeyPair();
    writeFileSync(file('facade.pem'), sm2PrivateKeyToPem(key.privateKey));
    const message = enc('证印');
    expect(opensslVerify(sm2PublicKeyToPem(key.publicKey), message, sm2Sign(key.privateKey, message))).toBe(
      true,
    );
    const osslSig = opensslSign(readFileSync(file('facade.pem'), 'utf8'), message);
    expect(sm2Verify(key.publicKey, message, osslSig)).toBe(true);
  });
});

describe('native and pure agree', () => {
  const rejected = (verify: () => boolean) => {
    try {
      return verify() === false;
    } catch (error) {
      return error instanceof GmError && error.code === 'GM_SM2_INVALID_PUBLIC_KEY';
    }
  };

  it('each verifies the other’s signatures for random keys, messages and IDs, raw and DER', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.constantFrom('der' as const, 'raw' as const),
        (message, id, encoding) => {
          const key = sm2GenerateKeyPair();
          const opts = { id, encoding };
          const byNative = sm2Native.sign(key.privateKey, message, opts);
          const byPure = sm2Pure.sign(key.privateKey, message, opts);
          expect(sm2Pure.verify(key.publicKey, message, byNative, opts)).toBe(true);
          expect(sm2Native.verify(key.publicKey, message, byPure, opts)).toBe(true);
          const otherId = { encoding, id: new Uint8Array([...id, 1]) };
          expect(sm2Pure.verify(key.publicKey, message, byNative, otherId)).toBe(false);
          expect(sm2Native.verify(key.publicKey, message, byPure, otherId)).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it.each(implementations)(
    '%s rejects any flipped bit in message, signature or public key',
    (_name, impl) => {
      const signer = implementations.find(([n]) => n !== _name)?.[1] as Sm2Signer;
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 1, maxLength: 200 }),
          fc.nat(),
          fc.nat(7),
          fc.constantFrom('message', 'signature', 'publicKey'),
          (message, at, bit, target) => {
            const key = sm2GenerateKeyPair();
            const sig = signer.sign(key.privateKey, message, { encoding: 'raw' });
            const flip = (bytes: Uint8Array) =>
              bytes.map((b, i) => (i === at % bytes.length ? b ^ (1 << bit) : b));
            const m = target === 'message' ? flip(message) : message;
            const s = target === 'signature' ? flip(sig) : sig;
            const p = target === 'publicKey' ? flip(key.publicKey) : key.publicKey;
            expect(impl.verify(key.publicKey, message, sig, { encoding: 'raw' })).toBe(true);
            expect(rejected(() => impl.verify(p, m, s, { encoding: 'raw' }))).toBe(true);
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  it('both return false (not throw) for malformed signatures, and throw a typed error for bad keys', () => {
    const key = sm2GenerateKeyPair();
    for (const [, impl] of implementations) {
      expect(impl.verify(key.publicKey, enc('m'), new Uint8Array([0x30, 0x00]))).toBe(false);
      expect(impl.verify(key.publicKey, enc('m'), new Uint8Array(64), { encoding: 'raw' })).toBe(false);
      expect(() => impl.verify(new Uint8Array(65), enc('m'), new Uint8Array(64))).toThrow(GmError);
      expect(() => impl.sign(new Uint8Array(32), enc('m'))).toThrow(/range/);
      expect(() => impl.sign(key.privateKey, enc('m'), { id: new Uint8Array(8192) })).toThrow(GmError);
    }
  });
});
