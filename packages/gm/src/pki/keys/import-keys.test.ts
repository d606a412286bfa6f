import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSoftwareKey } from '../../algorithms/registry.js';
import { KEY_KINDS, certPem, makeChain, openssl, tempDir } from '../test-kit.test.js';
import type { KeyKind, TempDir, TestChain } from '../test-kit.test.js';
import { decryptPrivateKeyInfo, importPem, orderCertificateChain } from './import-keys.js';

let dir: TempDir;
const chains = new Map<KeyKind, TestChain>();

beforeAll(async () => {
  dir = tempDir();
  for (const kind of KEY_KINDS) chains.set(kind, await makeChain(kind));
});
afterAll(() => dir.remove());

function convert(args: readonly string[]): string {
  const result = openssl(args);
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
}

describe.each(KEY_KINDS)('%s PEM import', (kind) => {
  const chain = () => chains.get(kind) as TestChain;

  it('reads a shuffled chain with its key and orders it leaf first', () => {
    const { root, inter, leaf, leafKey } = chain();
    const bundle = importPem(
      `subject=whatever\n${certPem(root)}\n${leafKey.pem}${certPem(leaf)}garbage between blocks\n${certPem(inter)}`,
    );
    expect(bundle.certificates.map((c) => c.der)).toEqual([root.der, leaf.der, inter.der]);
    expect(orderCertificateChain(bundle.certificates).map((c) => c.der)).toEqual([
      leaf.der,
      inter.der,
      root.der,
    ]);
    expect(bundle.privateKeys).toHaveLength(1);
    expect(bundle.privateKeys[0]?.algorithm).toBe(kind);
    expect(bundle.privateKeys[0]?.publicKey).toEqual(leaf.publicKey.spki);
  });

  it('converts traditional SEC1 / PKCS#1 keys written by openssl', () => {
    const keyFile = dir.write(`${kind}.pem`, chain().leafKey.pem);
    const traditional =
      kind === 'RSA' ? convert(['rsa', '-in', keyFile, '-traditional']) : convert(['ec', '-in', keyFile]);
    expect(traditional).toMatch(kind === 'RSA' ? /BEGIN RSA PRIVATE KEY/ : /BEGIN (EC|SM2) PRIVATE KEY/);
    const [key] = importPem(traditional).privateKeys;
    expect(key?.algorithm).toBe(kind);
    expect(createSoftwareKey(key?.pkcs8 as Uint8Array).publicKey).toEqual(chain().leafKey.spki);
  });

  it.each([
    ['PBES2 AES-256-CBC', ['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA256']],
    ['PBES2 SM4-CBC', ['-v2', 'sm4-cbc']],
    ['PBE-SHA1-3DES', ['-v1', 'PBE-SHA1-3DES']],
    ['PBE-SHA1-RC2-40', ['-v1', 'PBE-SHA1-RC2-40', '-provider', 'legacy', '-provider', 'default']],
  ])('decrypts ENCRYPTED PRIVATE KEY with %s', (_name, args) => {
    const keyFile = dir.write(`${kind}-plain.pem`, chain().leafKey.pem);
    const encrypted = convert(['pkcs8', '-topk8', '-in', keyFile, '-passout', 'pass:密码123', ...args]);
    expect(encrypted).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    const [key] = importPem(encrypted, { password: '密码123' }).privateKeys;
    expect(key?.pkcs8).toEqual(chain().leafKey.pkcs8);
    expect(() => importPem(encrypted, { password: 'wrong' })).toThrow(
      expect.objectContaining({ code: 'GM_KEY_BAD_PASSWORD' }),
    );
    expect(() => importPem(encrypted)).toThrow(expect.objectContaining({ code: 'GM_KEY_PASSWORD_REQUIRED' }));
  });
});

describe('PEM import details', () => {
  it('reads CRLs, ignores unrelated blocks and refuses legacy encrypted PEM', () => {
    const params = convert(['ecparam', '-name', 'prime256v1']);
    const bundle = importPem(params + certPem((chains.get('EC-P256') as TestChain).root));
    expect(bundle.ignored).toEqual(['EC PARAMETERS']);
    expect(bundle.certificates).toHaveLength(1);
    const keyFile = dir.write('legacy-rsa.pem', (chains.get('RSA') as TestChain).leafKey.pem);
    const legacy = convert(['rsa', '-in', keyFile, '-traditional', '-aes128', '-passout', 'pass:x']);
    expect(legacy).toContain('Proc-Type: 4,ENCRYPTED');
    expect(() => importPem(legacy, { password: 'x' })).toThrow(
      expect.objectContaining({ code: 'GM_PEM_ENCRYPTED' }),
    );
  });

  it('decrypts a DER EncryptedPrivateKeyInfo directly', () => {
    const keyFile = dir.write('der-key.pem', (chains.get('SM2') as TestChain).leafKey.pem);
    const out = dir.path('enc.der');
    convert(['pkcs8', '-topk8', '-in', keyFile, '-passout', 'pass:pw', '-outform', 'DER', '-out', out]);
    expect(decryptPrivateKeyInfo(new Uint8Array(readFileSync(out)), 'pw')).toEqual(
      (chains.get('SM2') as TestChain).leafKey.pkcs8,
    );
  });
});
