import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureAlgorithmByOid } from '../../algorithms/registry.js';
import { GmError } from '../../errors.js';
import { OID } from '../asn1/oids.js';
import { encodePem } from '../pem.js';
import {
  AT,
  AT_EPOCH,
  KEY_KINDS,
  SM2_DISTID,
  certPem,
  flipBit,
  makeChain,
  newKey,
  nextSerial,
  openssl,
  opensslChain,
  tempDir,
} from '../test-kit.test.js';
import type { KeyKind, OpensslChain, TempDir, TestChain } from '../test-kit.test.js';
import { parseCertificate } from './certificate.js';
import { createCertificate, encodeSerial } from './create-certificate.js';
import { keyIdentifierOf } from './extensions.js';
import { nameValue } from './name.js';
import { validateCertificatePath } from './validate-path.js';

const SIGNATURE_OIDS: Record<KeyKind, string> = {
  SM2: OID.sm2WithSm3,
  'EC-P256': OID.ecdsaWithSha256,
  RSA: OID.sha256WithRsa,
};

let dir: TempDir;
const chains = new Map<KeyKind, TestChain>();
const foreign = new Map<KeyKind, OpensslChain>();

beforeAll(async () => {
  dir = tempDir();
  for (const kind of KEY_KINDS) {
    chains.set(kind, await makeChain(kind));
    foreign.set(kind, opensslChain(kind, dir));
  }
});

afterAll(() => dir.remove());

const chainOf = (kind: KeyKind) => chains.get(kind) as TestChain;

describe.each(KEY_KINDS)('%s certificates made by us', (kind) => {
  it('parse into typed fields', () => {
    const { root, inter, leaf } = chainOf(kind);
    expect(leaf.version).toBe(3);
    expect(leaf.signatureAlgorithm.oid).toBe(SIGNATURE_OIDS[kind]);
    expect(leaf.signatureAlgorithm.parameters).toEqual(kind === 'EC-P256' ? undefined : Uint8Array.of(5, 0));
    expect(leaf.tbsSignatureAlgorithm).toEqual(leaf.signatureAlgorithm);
    expect(leaf.publicKey.algorithm).toBe(kind);
    expect(leaf.subject.text).toBe('C=CN, O=某某市市场监督管理局, CN=张三');
    expect(leaf.issuer.text).toBe('C=CN, ST=广东省, L=广州市, O=证印测试, OU=电子证照中心, CN=证印中级CA');
    expect(leaf.subject.rdns[0]?.[0]?.stringType).toBe('PrintableString');
    expect(leaf.subject.rdns[2]?.[0]?.stringType).toBe('UTF8String');
    expect(leaf.notBefore.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(leaf.notAfter.toISOString()).toBe('2035-01-01T00:00:00.000Z');
    expect(leaf.extensions.basicConstraints).toEqual({ ca: false, critical: true });
    expect(leaf.extensions.keyUsage).toEqual({
      usages: ['digitalSignature', 'nonRepudiation'],
      critical: true,
    });
    expect(leaf.extensions.extendedKeyUsage).toEqual({
      purposes: [OID.ekuEmailProtection, OID.ekuClientAuth],
      critical: false,
    });
    expect(leaf.extensions.subjectKeyIdentifier).toEqual(keyIdentifierOf(leaf.publicKey.publicKey));
    expect(leaf.extensions.authorityKeyIdentifier?.keyIdentifier).toEqual(
      inter.extensions.subjectKeyIdentifier,
    );
    expect(inter.extensions.basicConstraints).toEqual({ ca: true, pathLength: 0, critical: true });
    expect(inter.extensions.keyUsage?.usages).toEqual(['keyCertSign', 'cRLSign']);
    expect(inter.extensions.crlDistributionPoints).toEqual(['http://crl.example.cn/inter.crl']);
    expect(root.selfIssued).toBe(true);
    expect(leaf.selfIssued).toBe(false);
    expect(parseCertificate(certPem(leaf))).toEqual(leaf);
    expect(parseCertificate(new TextEncoder().encode('junk before\n' + certPem(leaf)))).toEqual(leaf);
  });

  it('show the Chinese names through openssl x509 -nameopt utf8', () => {
    const out = openssl(['x509', '-noout', '-text', '-nameopt', 'utf8'], certPem(chainOf(kind).leaf));
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('Subject: C=CN, O=某某市市场监督管理局, CN=张三');
    expect(out.stdout).toContain(
      'Issuer: C=CN, ST=广东省, L=广州市, O=证印测试, OU=电子证照中心, CN=证印中级CA',
    );
    expect(out.stdout).toContain('Digital Signature, Non Repudiation');
    const inter = openssl(['x509', '-noout', '-text', '-nameopt', 'utf8'], certPem(chainOf(kind).inter));
    expect(inter.stdout).toContain(
      'Subject: C=CN, ST=广东省, L=广州市, O=证印测试, OU=电子证照中心, CN=证印中级CA',
    );
    expect(inter.stdout).toContain('URI:http://crl.example.cn/inter.crl');
    expect(inter.stdout).toMatch(/Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
  });

  it('validate with our path validation', () => {
    const { root, inter, leaf } = chainOf(kind);
    const result = validateCertificatePath({
      certificate: leaf,
      intermediates: [inter],
      trustAnchors: [root],
      time: AT,
    });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.path.map((c) => nameValue(c.subject, 'CN'))).toEqual([
      '张三',
      '证印中级CA',
      '证印根证书 ROOT',
    ]);
  });

  it('refuse a signer whose key is not the issuer key', async () => {
    const { inter, interKey } = chainOf(kind);
    let other = newKey(kind);
    while (Buffer.from(other.spki).equals(interKey.spki)) other = newKey(kind);
    await expect(
      createCertificate({
        subject: [{ type: 'CN', value: 'x' }],
        publicKey: newKey(kind).spki,
        serialNumber: nextSerial(),
        notBefore: AT,
        notAfter: AT,
        issuer: inter,
        sign: other.sign,
      }),
    ).rejects.toMatchObject({ code: 'GM_SIGNER_KEY_MISMATCH' });
  });
});

describe('openssl verify accepts our chains', () => {
  it.each(['EC-P256', 'RSA'] as const)(
    '%s chain passes plain openssl verify, tampered leaf fails',
    (kind) => {
      const { root, inter, leaf } = chainOf(kind);
      const rootFile = dir.write(`ours-${kind}-root.pem`, certPem(root));
      const interFile = dir.write(`ours-${kind}-inter.pem`, certPem(inter));
      const leafFile = dir.write(`ours-${kind}-leaf.pem`, certPem(leaf));
      const ok = openssl([
        'verify',
        '-attime',
        AT_EPOCH,
        '-CAfile',
        rootFile,
        '-untrusted',
        interFile,
        leafFile,
      ]);
      expect(ok.stdout.trim()).toBe(`${leafFile}: OK`);
      const bad = dir.write(`ours-${kind}-bad.pem`, encodePem('CERTIFICATE', flipBit(leaf.der, -5)));
      const rejected = openssl([
        'verify',
        '-attime',
        AT_EPOCH,
        '-CAfile',
        rootFile,
        '-untrusted',
        interFile,
        bad,
      ]);
      expect(rejected.status).not.toBe(0);
      expect(rejected.stdout + rejected.stderr).toContain('certificate signature failure');
    },
  );

  // OpenSSL 3.0 applies `-vfyopt distid` only to the certificate named on the command line; the
  // intermediate's signature is checked with an empty ID and fails, even for a chain made by
  // openssl itself (checked below). So each SM2 link is verified as the target certificate.
  it('SM2 chain passes openssl verify -vfyopt distid link by link, tampered links fail', () => {
    const { root, inter, leaf } = chainOf('SM2');
    const rootFile = dir.write('ours-sm2-root.pem', certPem(root));
    const interFile = dir.write('ours-sm2-inter.pem', certPem(inter));
    const leafFile = dir.write('ours-sm2-leaf.pem', certPem(leaf));
    const verify = (...args: string[]) =>
      openssl(['verify', '-attime', AT_EPOCH, '-vfyopt', SM2_DISTID, ...args]);
    expect(verify('-CAfile', rootFile, interFile).stdout.trim()).toBe(`${interFile}: OK`);
    expect(verify('-partial_chain', '-CAfile', interFile, leafFile).stdout.trim()).toBe(`${leafFile}: OK`);
    // The self-signature of the root, checked with pkeyutl over the exact TBS bytes.
    const rootPub = dir.write('ours-sm2-root.pub', encodePem('PUBLIC KEY', root.publicKey.spki));
    const pkeyutl = (tbs: Uint8Array, sig: Uint8Array) =>
      openssl([
        'pkeyutl',
        '-verify',
        '-rawin',
        '-digest',
        'sm3',
        '-pkeyopt',
        SM2_DISTID,
        '-pubin',
        '-inkey',
        rootPub,
        '-in',
        dir.write('tbs.bin', tbs),
        '-sigfile',
        dir.write('sig.bin', sig),
      ]);
    expect(pkeyutl(root.tbs, root.signature).stdout).toContain('Signature Verified Successfully');
    expect(pkeyutl(flipBit(root.tbs, 20), root.signature).status).not.toBe(0);
    // Without the distinguishing ID OpenSSL uses an empty ID: our standard signatures do not verify.
    expect(openssl(['verify', '-attime', AT_EPOCH, '-CAfile', rootFile, interFile]).status).not.toBe(0);
    const badLeaf = dir.write('ours-sm2-bad-leaf.pem', encodePem('CERTIFICATE', flipBit(leaf.der, -5)));
    const badInter = dir.write('ours-sm2-bad-inter.pem', encodePem('CERTIFICATE', flipBit(inter.der, -5)));
    expect(verify('-partial_chain', '-CAfile', interFile, badLeaf).status).not.toBe(0);
    expect(verify('-CAfile', rootFile, badInter).status).not.toBe(0);
  });

  it('documents the OpenSSL 3.0 limitation: its own 3-level SM2 chain fails the one-command form', () => {
    const { files } = foreign.get('SM2') as OpensslChain;
    const oneShot = openssl([
      'verify',
      '-vfyopt',
      SM2_DISTID,
      '-CAfile',
      files.rootCert,
      '-untrusted',
      files.interCert,
      files.leafCert,
    ]);
    expect(oneShot.stdout + oneShot.stderr).toContain('error 7 at 1 depth');
    expect(
      openssl(['verify', '-vfyopt', SM2_DISTID, '-CAfile', files.rootCert, files.interCert]).status,
    ).toBe(0);
  });
});

describe.each(KEY_KINDS)('%s certificates made by openssl', (kind) => {
  it('parse and validate with ours', () => {
    const { root, inter, leaf } = foreign.get(kind) as OpensslChain;
    expect(leaf.subject.text).toBe('C=CN, O=某某区行政审批局, CN=王五');
    expect(inter.subject.text).toBe('C=CN, ST=浙江省, O=开源测试, CN=OpenSSL 中级 CA');
    expect(leaf.serialHex).toBe('0a03');
    expect(leaf.signatureAlgorithm.oid).toBe(SIGNATURE_OIDS[kind]);
    expect(leaf.extensions.extendedKeyUsage?.purposes).toEqual([OID.ekuEmailProtection, OID.ekuClientAuth]);
    const time = new Date(leaf.notBefore.getTime() + 86_400_000);
    const result = validateCertificatePath({
      certificate: leaf,
      intermediates: [inter],
      trustAnchors: [root],
      time,
      purpose: { keyUsage: ['digitalSignature'], extendedKeyUsage: ['emailProtection'] },
    });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('a tampered openssl certificate fails our validation', () => {
    const { root, inter, leaf } = foreign.get(kind) as OpensslChain;
    const tampered = parseCertificate(flipBit(leaf.der, -3));
    const time = new Date(leaf.notBefore.getTime() + 86_400_000);
    const result = validateCertificatePath({
      certificate: tampered,
      intermediates: [inter],
      trustAnchors: [root],
      time,
    });
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ code: 'SIGNATURE_INVALID', certIndex: 0 }),
    );
  });
});

describe('self-signed SM2 from openssl req -x509 -newkey sm2', () => {
  it('verifies with the default ID and fails when openssl used its empty default', () => {
    const make = (name: string, sigopt: string[]) => {
      const out = dir.path(`${name}.pem`);
      const result = openssl([
        'req',
        '-x509',
        '-newkey',
        'sm2',
        '-nodes',
        '-keyout',
        dir.path(`${name}.key`),
        '-out',
        out,
        '-sm3',
        ...sigopt,
        '-utf8',
        '-subj',
        '/C=CN/O=国家测试/CN=自签名',
        '-days',
        '30',
      ]);
      expect(result.status).toBe(0);
      return parseCertificate(readFileSync(out, 'utf8'));
    };
    const cert = make('sm2-self', ['-sigopt', SM2_DISTID]);
    expect(cert.subject.text).toBe('C=CN, O=国家测试, CN=自签名');
    expect(cert.signatureAlgorithm.oid).toBe(OID.sm2WithSm3);
    const sm2 = signatureAlgorithmByOid(cert.signatureAlgorithm.oid);
    expect(sm2?.verify(cert.publicKey.spki, cert.tbs, cert.signature)).toBe(true);
    const time = new Date(cert.notBefore.getTime() + 1000);
    expect(validateCertificatePath({ certificate: cert, trustAnchors: [cert], time }).ok).toBe(true);
    const emptyId = make('sm2-self-empty-id', []);
    expect(sm2?.verify(emptyId.publicKey.spki, emptyId.tbs, emptyId.signature)).toBe(false);
  });
});

describe('serial numbers', () => {
  it('adds a zero byte for a high bit and normalises the hex form', async () => {
    expect(Buffer.from(encodeSerial('80')).toString('hex')).toBe('02020080');
    expect(Buffer.from(encodeSerial('00:00:7F')).toString('hex')).toBe('02017f');
    const key = newKey('EC-P256');
    const cert = await createCertificate({
      subject: [{ type: 'CN', value: 'serial' }],
      publicKey: key.spki,
      serialNumber: 'FF00FF',
      notBefore: AT,
      notAfter: AT,
      sign: key.sign,
    });
    expect(cert.serialHex).toBe('ff00ff');
    expect(openssl(['x509', '-noout', '-serial'], certPem(cert)).stdout.trim()).toBe('serial=FF00FF');
  });

  it('rejects zero, negative-looking garbage and over-long serials', () => {
    expect(() => encodeSerial('00')).toThrow(expect.objectContaining({ code: 'GM_INVALID_ARGUMENT' }));
    expect(() => encodeSerial('xyz')).toThrow(GmError);
    expect(() => encodeSerial('01'.repeat(21))).toThrow(
      expect.objectContaining({ code: 'GM_INVALID_ARGUMENT' }),
    );
    expect(Buffer.from(encodeSerial('ff'.repeat(20))).length).toBe(23);
  });
});
