import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSoftwareKey } from '../../algorithms/registry.js';
import { KEY_KINDS, certPem, flipBit, makeChain, openssl, tempDir } from '../test-kit.test.js';
import type { KeyKind, TempDir, TestChain } from '../test-kit.test.js';
import { importPkcs12 } from './import-pkcs12.js';

let dir: TempDir;
const chains = new Map<KeyKind, TestChain>();

beforeAll(async () => {
  dir = tempDir();
  for (const kind of KEY_KINDS) chains.set(kind, await makeChain(kind));
});
afterAll(() => dir.remove());

const PASSWORD = 'p12-口令-2026';

function exportP12(kind: KeyKind, name: string, extra: readonly string[], password = PASSWORD): Uint8Array {
  const chain = chains.get(kind) as TestChain;
  const key = dir.write(`${kind}-${name}.key`, chain.leafKey.pem);
  const cert = dir.write(`${kind}-${name}.pem`, certPem(chain.leaf));
  const cas = dir.write(`${kind}-${name}-ca.pem`, certPem(chain.inter) + certPem(chain.root));
  const out = dir.path(`${kind}-${name}.p12`);
  const result = openssl([
    'pkcs12',
    '-export',
    '-inkey',
    key,
    '-in',
    cert,
    '-certfile',
    cas,
    '-name',
    '张三的签名证书',
    '-passout',
    `pass:${password}`,
    '-out',
    out,
    ...extra,
  ]);
  if (result.status !== 0) throw new Error(result.stderr);
  return new Uint8Array(readFileSync(out));
}

const VARIANTS = [
  {
    name: 'default (AES-256-CBC, PBKDF2, SHA-256 MAC)',
    args: [],
    schemes: ['PBES2/PBKDF2-sha256/AES-256-CBC'],
    mac: 'sha256',
  },
  {
    name: '-legacy (RC2-40 certificates, 3DES key, SHA-1 MAC)',
    args: ['-legacy'],
    schemes: ['PBE-SHA1-RC2-40', 'PBE-SHA1-3DES'],
    mac: 'sha1',
  },
  {
    name: '-keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-RC2-40',
    args: [
      '-provider',
      'legacy',
      '-provider',
      'default',
      '-keypbe',
      'PBE-SHA1-3DES',
      '-certpbe',
      'PBE-SHA1-RC2-40',
    ],
    schemes: ['PBE-SHA1-RC2-40', 'PBE-SHA1-3DES'],
    mac: 'sha256',
  },
  {
    name: '-keypbe AES-128-CBC -certpbe NONE -macalg sha512',
    args: ['-keypbe', 'AES-128-CBC', '-certpbe', 'NONE', '-macalg', 'sha512'],
    schemes: ['PBES2/PBKDF2-sha256/AES-128-CBC'],
    mac: 'sha512',
  },
] as const;

describe.each(KEY_KINDS)('%s PKCS#12 from openssl pkcs12 -export', (kind) => {
  it.each(VARIANTS)('$name', ({ name, args, schemes, mac }) => {
    const chain = chains.get(kind) as TestChain;
    const p12 = exportP12(kind, name.replace(/\W+/g, '_'), args);
    const contents = importPkcs12(p12, PASSWORD);
    expect(contents.integrity).toBe('MAC');
    expect(contents.macHash).toBe(mac);
    expect([...contents.schemes].sort()).toEqual([...schemes].sort());
    expect(contents.keys).toHaveLength(1);
    const key = contents.keys[0];
    expect(key?.algorithm).toBe(kind);
    expect(key?.friendlyName).toBe('张三的签名证书');
    expect(key?.certificate?.der).toEqual(chain.leaf.der);
    expect(createSoftwareKey(key?.pkcs8 as Uint8Array).publicKey).toEqual(chain.leaf.publicKey.spki);
    expect(contents.certificates.map((c) => c.certificate.subject.text)).toEqual(
      expect.arrayContaining([chain.leaf.subject.text, chain.inter.subject.text, chain.root.subject.text]),
    );
    expect(contents.certificates.find((c) => c.localKeyIdHex)?.localKeyIdHex).toBe(key?.localKeyIdHex);
  });
});

describe('PKCS#12 failures', () => {
  it('reports a wrong password for modern and legacy files', () => {
    for (const args of [[], ['-legacy']]) {
      const p12 = exportP12('EC-P256', `wrong-${args.length}`, args);
      expect(() => importPkcs12(p12, 'not the password')).toThrow(
        expect.objectContaining({ code: 'GM_PKCS12_BAD_PASSWORD' }),
      );
    }
  });

  it('reports a wrong password through decryption when there is no MAC', () => {
    const p12 = exportP12('EC-P256', 'nomac', ['-nomac']);
    expect(importPkcs12(p12, PASSWORD).integrity).toBe('NONE');
    expect(() => importPkcs12(p12, 'wrong')).toThrow(
      expect.objectContaining({ code: 'GM_PKCS12_BAD_PASSWORD' }),
    );
  });

  it('detects tampering through the MAC', () => {
    const p12 = exportP12('RSA', 'tamper', []);
    const tampered = flipBit(p12, Math.floor(p12.length / 2));
    expect(() => importPkcs12(tampered, PASSWORD)).toThrow(
      expect.objectContaining({
        code: expect.stringMatching(/^GM_(PKCS12_BAD_PASSWORD|PKCS12_MALFORMED|ASN1_\w+|X509_\w+)$/),
      }),
    );
  });

  it('accepts an empty password', () => {
    const p12 = exportP12('SM2', 'empty', [], '');
    expect(importPkcs12(p12, '').keys).toHaveLength(1);
  });

  it('refuses absurd iteration counts before doing the work', () => {
    const p12 = exportP12('EC-P256', 'iter', ['-iter', '5000']);
    expect(() => importPkcs12(p12, PASSWORD, { maxIterations: 4000 })).toThrow(
      expect.objectContaining({ code: 'GM_PKCS12_UNSUPPORTED' }),
    );
    expect(importPkcs12(p12, PASSWORD).keys).toHaveLength(1);
  });
});
