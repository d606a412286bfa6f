/**
 * Shared helpers for the PKI tests (keys, chains, temp files, the openssl CLI). It is a *.test.ts
 * file because it does I/O; its own tests run only when this file is the test entry.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSoftwareKey } from '../algorithms/registry.js';
import type { SignFunction } from '../algorithms/registry.js';
import { sm2GenerateKeyPair } from '../sm2/index.js';
import { sm2PrivateKeyToPkcs8 } from '../sm2/encoding.js';
import { decodePemBlocks, encodePem } from './pem.js';
import { createCertificate } from './x509/create-certificate.js';
import type { ExtensionsInput } from './x509/create-certificate.js';
import { parseCertificate } from './x509/certificate.js';
import type { ParsedCertificate } from './x509/certificate.js';
import type { NameInput } from './x509/name.js';

export type KeyKind = 'SM2' | 'EC-P256' | 'RSA';
export const KEY_KINDS: readonly KeyKind[] = ['SM2', 'EC-P256', 'RSA'];

export interface TestKey {
  readonly kind: KeyKind;
  readonly pkcs8: Uint8Array;
  readonly spki: Uint8Array;
  readonly sign: SignFunction;
  readonly pem: string;
}

// RSA-2048 generation costs ~0.1–0.4 s per key, so RSA keys come from a fixed pool of 8 test keys
// used round-robin (tests that need distinct keys compare them).
const rsaPool: readonly Uint8Array[] = decodePemBlocks(
  readFileSync(new URL('./testdata/rsa-2048-test-keys.pem', import.meta.url), 'utf8'),
).map((block) => block.der);
let rsaNext = 0;

export function newKey(kind: KeyKind): TestKey {
  let pkcs8: Uint8Array;
  if (kind === 'SM2') {
    pkcs8 = sm2PrivateKeyToPkcs8(sm2GenerateKeyPair().privateKey);
  } else if (kind === 'EC-P256') {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    pkcs8 = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
  } else {
    pkcs8 = rsaPool[rsaNext++ % rsaPool.length] as Uint8Array;
  }
  const key = createSoftwareKey(pkcs8);
  return { kind, pkcs8, spki: key.publicKey, sign: key.sign, pem: encodePem('PRIVATE KEY', pkcs8) };
}

/** Fixed times: every certificate in the kit is valid from 2025-01-01 to 2035-01-01. */
export const NOT_BEFORE = new Date('2025-01-01T00:00:00Z');
export const NOT_AFTER = new Date('2035-01-01T00:00:00Z');
export const AT = new Date('2026-06-01T12:00:00Z');
export const AT_EPOCH = String(AT.getTime() / 1000);

export const ROOT_NAME: NameInput = [
  { type: 'C', value: 'CN' },
  { type: 'O', value: '证印测试根CA' },
  { type: 'CN', value: '证印根证书 ROOT' },
];
export const INTER_NAME: NameInput = [
  { type: 'C', value: 'CN' },
  { type: 'ST', value: '广东省' },
  { type: 'L', value: '广州市' },
  { type: 'O', value: '证印测试' },
  { type: 'OU', value: '电子证照中心' },
  { type: 'CN', value: '证印中级CA' },
];
export const LEAF_NAME: NameInput = [
  { type: 'C', value: 'CN' },
  { type: 'O', value: '某某市市场监督管理局' },
  { type: 'CN', value: '张三' },
];

export const CA_EXTENSIONS = (pathLength?: number): ExtensionsInput => ({
  basicConstraints: { ca: true, ...(pathLength !== undefined ? { pathLength } : {}) },
  keyUsage: ['keyCertSign', 'cRLSign'],
});

export const LEAF_EXTENSIONS: ExtensionsInput = {
  basicConstraints: { ca: false },
  keyUsage: ['digitalSignature', 'nonRepudiation'],
  extendedKeyUsage: { purposes: ['emailProtection', 'clientAuth'] },
};

export interface TestChain {
  readonly kind: KeyKind;
  readonly rootKey: TestKey;
  readonly interKey: TestKey;
  readonly leafKey: TestKey;
  readonly root: ParsedCertificate;
  readonly inter: ParsedCertificate;
  readonly leaf: ParsedCertificate;
}

let serialCounter = 0x1000;
export const nextSerial = (): string => (serialCounter++).toString(16);

export async function makeChain(
  kind: KeyKind,
  options: { leafExtensions?: ExtensionsInput; leafNotBefore?: Date; leafNotAfter?: Date } = {},
): Promise<TestChain> {
  const rootKey = newKey(kind);
  const interKey = newKey(kind);
  const leafKey = newKey(kind);
  const root = await createCertificate({
    subject: ROOT_NAME,
    publicKey: rootKey.spki,
    serialNumber: nextSerial(),
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    sign: rootKey.sign,
    extensions: CA_EXTENSIONS(),
  });
  const inter = await createCertificate({
    subject: INTER_NAME,
    publicKey: interKey.spki,
    serialNumber: nextSerial(),
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    issuer: root,
    sign: rootKey.sign,
    extensions: { ...CA_EXTENSIONS(0), crlDistributionPoints: ['http://crl.example.cn/inter.crl'] },
  });
  const leaf = await createCertificate({
    subject: LEAF_NAME,
    publicKey: leafKey.spki,
    serialNumber: nextSerial(),
    notBefore: options.leafNotBefore ?? NOT_BEFORE,
    notAfter: options.leafNotAfter ?? NOT_AFTER,
    issuer: inter,
    sign: interKey.sign,
    extensions: options.leafExtensions ?? LEAF_EXTENSIONS,
  });
  return { kind, rootKey, interKey, leafKey, root, inter, leaf };
}

export const TSA_EXTENSIONS: ExtensionsInput = {
  basicConstraints: { ca: false },
  keyUsage: ['digitalSignature', 'nonRepudiation'],
  extendedKeyUsage: { purposes: ['timeStamping'], critical: true },
};

/** A TSA certificate issued by the chain's intermediate. */
export async function makeTsa(chain: TestChain): Promise<{ cert: ParsedCertificate; key: TestKey }> {
  const key = newKey(chain.kind);
  const cert = await createCertificate({
    subject: [
      { type: 'C', value: 'CN' },
      { type: 'O', value: '证印测试' },
      { type: 'CN', value: '证印时间戳服务' },
    ],
    publicKey: key.spki,
    serialNumber: nextSerial(),
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    issuer: chain.inter,
    sign: chain.interKey.sign,
    extensions: TSA_EXTENSIONS,
  });
  return { cert, key };
}

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function openssl(args: readonly string[], input?: Uint8Array | string): RunResult {
  const result = spawnSync('openssl', args, { input, encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

export function opensslBytes(args: readonly string[], input?: Uint8Array): Uint8Array {
  const result = spawnSync('openssl', args, { input, timeout: 20_000 });
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${result.stderr?.toString()}`);
  return new Uint8Array(result.stdout);
}

export interface TempDir {
  readonly dir: string;
  write(name: string, data: Uint8Array | string): string;
  path(name: string): string;
  remove(): void;
}

export function tempDir(prefix = 'zhengyin-pki-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(name, data) {
      const file = join(dir, name);
      writeFileSync(file, data);
      return file;
    },
    path: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const certPem = (cert: ParsedCertificate): string => encodePem('CERTIFICATE', cert.der);

/** Flips one bit of a copy of `bytes` at `index` (negative counts from the end). */
export function flipBit(bytes: Uint8Array, index: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const i = index < 0 ? copy.length + index : index;
  copy[i] = (copy[i] as number) ^ 0x01;
  return copy;
}

export const SM2_DISTID = 'distid:1234567812345678';

export interface OpensslChain {
  readonly kind: KeyKind;
  readonly root: ParsedCertificate;
  readonly inter: ParsedCertificate;
  readonly leaf: ParsedCertificate;
  /** Paths of root.pem, root.key, inter.pem, inter.key, leaf.pem, leaf.key in the temp dir. */
  readonly files: Record<'rootCert' | 'rootKey' | 'interCert' | 'interKey' | 'leafCert' | 'leafKey', string>;
}

const GENPKEY: Record<Exclude<KeyKind, 'RSA'>, string[]> = {
  SM2: ['-algorithm', 'SM2'],
  'EC-P256': ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
};

export const OPENSSL_LEAF_EXT = [
  'basicConstraints=critical,CA:FALSE',
  'keyUsage=critical,digitalSignature,nonRepudiation',
  'extendedKeyUsage=emailProtection,clientAuth',
  'subjectKeyIdentifier=hash',
  'authorityKeyIdentifier=keyid',
].join('\n');

const OPENSSL_CA_EXT = [
  'basicConstraints=critical,CA:TRUE',
  'keyUsage=critical,keyCertSign,cRLSign',
  'subjectKeyIdentifier=hash',
  'authorityKeyIdentifier=keyid',
].join('\n');

function run(args: readonly string[]): void {
  const result = openssl(args);
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${result.stderr}`);
}

/** A root → intermediate → leaf chain made entirely by the openssl CLI (Chinese names, -utf8). */
export function opensslChain(kind: KeyKind, dir: TempDir, leafExt = OPENSSL_LEAF_EXT): OpensslChain {
  const p = (name: string) => dir.path(`${kind}-${name}`);
  const sm2 = kind === 'SM2';
  const sig = sm2 ? ['-sigopt', SM2_DISTID] : [];
  const vfy = sm2 ? ['-vfyopt', SM2_DISTID] : [];
  const digest = sm2 ? '-sm3' : '-sha256';
  for (const name of ['root', 'inter', 'leaf']) {
    // RSA keys come from the test pool (generation is slow); the certificates are still openssl's.
    if (kind === 'RSA') dir.write(`${kind}-${name}.key`, newKey('RSA').pem);
    else run(['genpkey', ...GENPKEY[kind], '-out', p(`${name}.key`)]);
  }
  const caExt = dir.write(`${kind}-ca.ext`, OPENSSL_CA_EXT);
  const leafExtFile = dir.write(`${kind}-leaf.ext`, leafExt);
  run([
    'req',
    '-x509',
    '-new',
    '-utf8',
    '-key',
    p('root.key'),
    digest,
    ...sig,
    '-days',
    '3650',
    '-set_serial',
    '0x0a01',
    '-subj',
    '/C=CN/O=开源测试根/CN=OpenSSL 根 CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-out',
    p('root.pem'),
  ]);
  const issue = (name: string, issuer: string, subj: string, ext: string, serial: string) => {
    run([
      'req',
      '-new',
      '-utf8',
      '-key',
      p(`${name}.key`),
      digest,
      ...sig,
      '-subj',
      subj,
      '-out',
      p(`${name}.csr`),
    ]);
    run([
      'x509',
      '-req',
      '-in',
      p(`${name}.csr`),
      '-CA',
      p(`${issuer}.pem`),
      '-CAkey',
      p(`${issuer}.key`),
      digest,
      ...sig,
      ...vfy,
      '-days',
      '1825',
      '-set_serial',
      serial,
      '-extfile',
      ext,
      '-out',
      p(`${name}.pem`),
    ]);
  };
  issue('inter', 'root', '/C=CN/ST=浙江省/O=开源测试/CN=OpenSSL 中级 CA', caExt, '0x0a02');
  issue('leaf', 'inter', '/C=CN/O=某某区行政审批局/CN=王五', leafExtFile, '0x0a03');
  const read = (name: string) => parseCertificate(readFileSync(p(`${name}.pem`), 'utf8'));
  return {
    kind,
    root: read('root'),
    inter: read('inter'),
    leaf: read('leaf'),
    files: {
      rootCert: p('root.pem'),
      rootKey: p('root.key'),
      interCert: p('inter.pem'),
      interKey: p('inter.key'),
      leafCert: p('leaf.pem'),
      leafKey: p('leaf.key'),
    },
  };
}

if (expect.getState().testPath?.endsWith('test-kit.test.ts')) {
  describe('test kit', () => {
    it('finds OpenSSL 3 with SM2 and the legacy provider', () => {
      expect(openssl(['version']).stdout).toMatch(/^OpenSSL 3\./);
      expect(openssl(['list', '-providers', '-provider', 'legacy']).stdout).toContain('legacy');
    });

    it.each(KEY_KINDS)('makes a %s chain whose links verify with the registry', async (kind) => {
      const chain = await makeChain(kind);
      expect(chain.leaf.issuer.der).toEqual(chain.inter.subject.der);
      expect(chain.inter.issuer.der).toEqual(chain.root.subject.der);
      expect(chain.root.selfIssued).toBe(true);
      expect(chain.leaf.publicKey.algorithm).toBe(kind);
    });
  });
}
