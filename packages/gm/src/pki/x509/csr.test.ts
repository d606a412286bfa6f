import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OID } from '../asn1/oids.js';
import { encodePem } from '../pem.js';
import { AT, KEY_KINDS, SM2_DISTID, flipBit, makeChain, newKey, openssl, tempDir } from '../test-kit.test.js';
import type { TempDir } from '../test-kit.test.js';
import { createCertificate } from './create-certificate.js';
import { createCsr, parseCsr, verifyCsr } from './csr.js';
import { validateCertificatePath } from './validate-path.js';

let dir: TempDir;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => dir.remove());

const SUBJECT = [
  { type: 'C', value: 'CN' },
  { type: 'ST', value: '四川省' },
  { type: 'O', value: '成都市某某科技有限公司' },
  { type: 'serialNumber', value: '91510100MA61234567' },
  { type: 'CN', value: '电子印章' },
];

describe.each(KEY_KINDS)('%s certificate requests', (kind) => {
  it('create, parse, verify and reject tampering', async () => {
    const key = newKey(kind);
    const csr = await createCsr({
      subject: SUBJECT,
      publicKey: key.spki,
      sign: key.sign,
      requestedExtensions: {
        keyUsage: ['digitalSignature', 'nonRepudiation'],
        extendedKeyUsage: ['emailProtection'],
        subjectAltName: { email: ['seal@example.cn'], dns: ['seal.example.cn'] },
      },
    });
    expect(csr.subject.text).toBe(
      'C=CN, ST=四川省, O=成都市某某科技有限公司, serialNumber=91510100MA61234567, CN=电子印章',
    );
    expect(csr.publicKey.spki).toEqual(key.spki);
    expect(csr.requestedExtensions.keyUsage?.usages).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(csr.requestedExtensions.extendedKeyUsage?.purposes).toEqual([OID.ekuEmailProtection]);
    expect(csr.requestedExtensions.subjectAltName).toEqual({
      dns: ['seal.example.cn'],
      email: ['seal@example.cn'],
      uri: [],
      ip: [],
    });
    expect(verifyCsr(csr)).toBe(true);
    expect(verifyCsr(parseCsr(flipBit(csr.der, -2)))).toBe(false);
    expect(parseCsr(encodePem('CERTIFICATE REQUEST', csr.der))).toEqual(csr);

    const vfy = kind === 'SM2' ? ['-vfyopt', SM2_DISTID] : [];
    const out = openssl(
      ['req', '-verify', '-noout', '-text', '-nameopt', 'utf8', ...vfy],
      encodePem('CERTIFICATE REQUEST', csr.der),
    );
    expect(out.stderr + out.stdout).toContain('Certificate request self-signature verify OK');
    expect(out.stdout).toContain('O=成都市某某科技有限公司');
    expect(out.stdout).toContain('email:seal@example.cn');
    const bad = openssl(
      ['req', '-verify', '-noout', ...vfy],
      encodePem('CERTIFICATE REQUEST', flipBit(csr.der, -2)),
    );
    // openssl 3.0 req -verify exits 0 either way; the message tells.
    expect(bad.stderr + bad.stdout).toContain('self-signature verify failure');
  });

  it('an openssl-made request (Chinese subject) parses and verifies', () => {
    const keyFile = dir.path(`${kind}.key`);
    const gen =
      kind === 'SM2'
        ? ['-algorithm', 'SM2']
        : kind === 'RSA'
          ? ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']
          : ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];
    expect(openssl(['genpkey', ...gen, '-out', keyFile]).status).toBe(0);
    const sig = kind === 'SM2' ? ['-sm3', '-sigopt', SM2_DISTID] : ['-sha256'];
    const req = openssl([
      'req',
      '-new',
      '-utf8',
      '-key',
      keyFile,
      ...sig,
      '-subj',
      '/C=CN/O=测试单位/CN=赵六',
      '-addext',
      'subjectAltName=DNS:zhao.example.cn',
    ]);
    expect(req.status).toBe(0);
    const csr = parseCsr(req.stdout);
    expect(csr.subject.text).toBe('C=CN, O=测试单位, CN=赵六');
    expect(csr.publicKey.algorithm).toBe(kind);
    expect(csr.requestedExtensions.subjectAltName?.dns).toEqual(['zhao.example.cn']);
    expect(verifyCsr(csr)).toBe(true);
  });

  it('a certificate issued from a request keeps its subject bytes and validates', async () => {
    const chain = await makeChain(kind);
    const key = newKey(kind);
    const csr = await createCsr({ subject: SUBJECT, publicKey: key.spki, sign: key.sign });
    const cert = await createCertificate({
      subject: csr.subject,
      publicKey: csr.publicKey.spki,
      serialNumber: '5eed',
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2027-01-01T00:00:00Z'),
      issuer: chain.inter,
      sign: chain.interKey.sign,
      extensions: { basicConstraints: { ca: false }, keyUsage: ['digitalSignature'] },
    });
    expect(cert.subject.der).toEqual(csr.subject.der);
    expect(
      validateCertificatePath({
        certificate: cert,
        intermediates: [chain.inter],
        trustAnchors: [chain.root],
        time: AT,
      }).ok,
    ).toBe(true);
  });
});

describe('CSR errors', () => {
  it('refuses to sign with a key other than the subject key', async () => {
    const a = newKey('EC-P256');
    const b = newKey('EC-P256');
    await expect(createCsr({ subject: SUBJECT, publicKey: a.spki, sign: b.sign })).rejects.toMatchObject({
      code: 'GM_SIGNER_KEY_MISMATCH',
    });
  });
});
