import { beforeAll, describe, expect, it } from 'vitest';
import {
  AT,
  CA_EXTENSIONS,
  INTER_NAME,
  KEY_KINDS,
  LEAF_EXTENSIONS,
  NOT_AFTER,
  NOT_BEFORE,
  flipBit,
  makeChain,
  newKey,
  nextSerial,
} from '../test-kit.test.js';
import type { KeyKind, TestChain } from '../test-kit.test.js';
import { parseCertificate } from './certificate.js';
import type { ParsedCertificate } from './certificate.js';
import { createCertificate } from './create-certificate.js';
import type { ExtensionsInput } from './create-certificate.js';
import { createCrl } from './crl.js';
import { validateCertificatePath } from './validate-path.js';
import type { ValidatePathInput } from './validate-path.js';

const chains = new Map<KeyKind, TestChain>();
const others = new Map<KeyKind, TestChain>();

beforeAll(async () => {
  for (const kind of KEY_KINDS) {
    chains.set(kind, await makeChain(kind));
    others.set(kind, await makeChain(kind));
  }
});

const codes = (input: ValidatePathInput) =>
  validateCertificatePath(input).problems.map((p) => `${p.code}@${p.certIndex}`);

describe.each(KEY_KINDS)('%s path validation', (kind) => {
  const chain = () => chains.get(kind) as TestChain;
  const base = (): ValidatePathInput => ({
    certificate: chain().leaf,
    intermediates: [chain().inter],
    trustAnchors: [chain().root],
    time: AT,
  });

  async function issue(
    issuer: ParsedCertificate,
    sign: TestChain['rootKey']['sign'],
    extensions: ExtensionsInput,
    subject = [{ type: 'CN', value: '下级' }],
    validity: { notBefore?: Date; notAfter?: Date } = {},
  ) {
    const key = newKey(kind);
    const cert = await createCertificate({
      subject,
      publicKey: key.spki,
      serialNumber: nextSerial(),
      notBefore: validity.notBefore ?? NOT_BEFORE,
      notAfter: validity.notAfter ?? NOT_AFTER,
      issuer,
      sign,
      extensions,
    });
    return { cert, key };
  }

  it('accepts the chain and reports every check', () => {
    const result = validateCertificatePath({
      ...base(),
      purpose: { keyUsage: ['digitalSignature'], extendedKeyUsage: ['emailProtection'] },
    });
    expect(result.ok).toBe(true);
    expect(result.path).toHaveLength(3);
    const names = result.checks.map((c) => `${c.name}@${c.certIndex}:${c.status}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'TRUST_ANCHOR@2:VALID',
        'SIGNATURE@0:VALID',
        'SIGNATURE@1:VALID',
        'SIGNATURE@2:SKIPPED',
        'VALIDITY@0:VALID',
        'VALIDITY@2:VALID',
        'BASIC_CONSTRAINTS@1:VALID',
        'PATH_LENGTH@1:VALID',
        'KEY_USAGE@0:VALID',
        'EXTENDED_KEY_USAGE@0:VALID',
      ]),
    );
  });

  it('finds intermediates in any order among unrelated certificates', () => {
    const other = others.get(kind) as TestChain;
    const result = validateCertificatePath({
      ...base(),
      intermediates: [other.leaf, chain().inter, other.root],
    });
    expect(result.ok).toBe(true);
  });

  it('reports expiry and not-yet-valid per certificate', () => {
    expect(codes({ ...base(), time: new Date('2036-01-01T00:00:00Z') })).toEqual([
      'CERT_EXPIRED@0',
      'CERT_EXPIRED@1',
      'CERT_EXPIRED@2',
    ]);
    expect(codes({ ...base(), time: new Date('2024-12-31T23:59:59Z') })).toEqual([
      'CERT_NOT_YET_VALID@0',
      'CERT_NOT_YET_VALID@1',
      'CERT_NOT_YET_VALID@2',
    ]);
    // Validity bounds are inclusive.
    expect(validateCertificatePath({ ...base(), time: NOT_AFTER }).ok).toBe(true);
  });

  it('reports an expired leaf under a valid CA with its index', async () => {
    const { cert } = await issue(chain().inter, chain().interKey.sign, LEAF_EXTENSIONS, undefined, {
      notAfter: new Date('2026-01-01T00:00:00Z'),
    });
    expect(codes({ ...base(), certificate: cert })).toEqual(['CERT_EXPIRED@0']);
  });

  it('rejects a leaf checked against a same-named but wrong issuer', () => {
    const other = others.get(kind) as TestChain;
    // Same names, different keys: the path is built by name and the signature fails.
    expect(codes({ ...base(), intermediates: [other.inter] })).toContain('SIGNATURE_INVALID@0');
    expect(codes({ ...base(), intermediates: [other.inter], trustAnchors: [other.root] })).toEqual([
      'SIGNATURE_INVALID@0',
    ]);
  });

  it('reports a missing issuer and an untrusted root', () => {
    expect(codes({ ...base(), intermediates: [] })).toEqual(['ISSUER_NOT_FOUND@0']);
    expect(codes({ ...base(), intermediates: [chain().inter, chain().root], trustAnchors: [] })).toEqual([
      'UNTRUSTED_ROOT@2',
    ]);
  });

  it('rejects a non-CA certificate used as an intermediate', async () => {
    const { cert } = await issue(chain().leaf, chain().leafKey.sign, LEAF_EXTENSIONS);
    expect(codes({ ...base(), certificate: cert, intermediates: [chain().leaf, chain().inter] })).toEqual([
      'NOT_CA@1',
      'KEY_USAGE_MISSING@1',
      'PATH_LENGTH_EXCEEDED@2',
    ]);
  });

  it('enforces pathLenConstraint', async () => {
    // inter has pathLength 0, so it may not issue another CA.
    const sub = await issue(chain().inter, chain().interKey.sign, CA_EXTENSIONS(), [
      { type: 'CN', value: '子CA' },
    ]);
    const { cert } = await issue(sub.cert, sub.key.sign, LEAF_EXTENSIONS);
    expect(codes({ ...base(), certificate: cert, intermediates: [sub.cert, chain().inter] })).toEqual([
      'PATH_LENGTH_EXCEEDED@2',
    ]);
  });

  it('requires keyCertSign on CAs and the requested usages on the leaf', async () => {
    const ca = await issue(
      chain().root,
      chain().rootKey.sign,
      { basicConstraints: { ca: true }, keyUsage: ['cRLSign'] },
      INTER_NAME,
    );
    const { cert } = await issue(ca.cert, ca.key.sign, LEAF_EXTENSIONS);
    expect(codes({ ...base(), certificate: cert, intermediates: [ca.cert] })).toEqual([
      'KEY_USAGE_MISSING@1',
    ]);
    expect(codes({ ...base(), purpose: { keyUsage: ['digitalSignature', 'keyEncipherment'] } })).toEqual([
      'KEY_USAGE_MISSING@0',
    ]);
  });

  it('checks extended key usage only when a purpose is requested', async () => {
    expect(codes({ ...base(), purpose: { extendedKeyUsage: ['timeStamping'] } })).toEqual([
      'EXTENDED_KEY_USAGE_MISSING@0',
    ]);
    const { cert } = await issue(chain().inter, chain().interKey.sign, { basicConstraints: { ca: false } });
    expect(codes({ ...base(), certificate: cert, purpose: { extendedKeyUsage: ['timeStamping'] } })).toEqual(
      [],
    );
    expect(
      codes({
        ...base(),
        certificate: cert,
        purpose: { extendedKeyUsage: ['timeStamping'], requireExtendedKeyUsage: true },
      }),
    ).toEqual(['EXTENDED_KEY_USAGE_MISSING@0']);
  });

  it('rejects a tampered signature and a tampered TBS', () => {
    const sigFlipped = parseCertificate(flipBit(chain().leaf.der, -2));
    expect(codes({ ...base(), certificate: sigFlipped })).toEqual(['SIGNATURE_INVALID@0']);
    // Flip a bit inside the intermediate's public key: its own signature and the leaf's both fail.
    const inter = chain().inter;
    const keyAt =
      Buffer.from(inter.der).indexOf(Buffer.from(inter.publicKey.spki)) + inter.publicKey.spki.length - 10;
    const interTampered = parseCertificate(flipBit(inter.der, keyAt));
    expect(codes({ ...base(), intermediates: [interTampered] })).toEqual([
      'SIGNATURE_INVALID@0',
      'SIGNATURE_INVALID@1',
    ]);
  });

  it('rejects unknown critical extensions', async () => {
    const { cert } = await issue(chain().inter, chain().interKey.sign, {
      ...LEAF_EXTENSIONS,
      extra: [{ oid: '1.2.3.4.5', critical: true, value: Uint8Array.of(5, 0) }],
    });
    expect(codes({ ...base(), certificate: cert })).toEqual(['UNKNOWN_CRITICAL_EXTENSION@0']);
  });

  it('consults CRLs: revoked from the revocation date on', async () => {
    const revokedAt = new Date('2026-03-01T00:00:00Z');
    const crl = await createCrl({
      issuer: chain().inter,
      sign: chain().interKey.sign,
      thisUpdate: new Date('2026-03-02T00:00:00Z'),
      nextUpdate: new Date('2026-09-01T00:00:00Z'),
      revoked: [{ serialNumber: chain().leaf.serialHex, revocationDate: revokedAt, reason: 'keyCompromise' }],
    });
    const rootCrl = await createCrl({
      issuer: chain().root,
      sign: chain().rootKey.sign,
      thisUpdate: new Date('2026-03-02T00:00:00Z'),
      nextUpdate: new Date('2026-09-01T00:00:00Z'),
      revoked: [],
    });
    const result = validateCertificatePath({ ...base(), crls: [crl, rootCrl] });
    expect(result.problems.map((p) => `${p.code}@${p.certIndex}`)).toEqual(['CERT_REVOKED@0']);
    expect(result.problems[0]?.message).toContain('keyCompromise');
    expect(codes({ ...base(), crls: [crl, rootCrl], time: new Date('2026-02-01T00:00:00Z') })).toEqual([]);
    // A CRL signed by someone else is ignored; requiring revocation info then fails.
    const other = others.get(kind) as TestChain;
    const forged = await createCrl({
      issuer: other.inter,
      sign: other.interKey.sign,
      thisUpdate: new Date('2026-03-02T00:00:00Z'),
      revoked: [{ serialNumber: chain().leaf.serialHex, revocationDate: revokedAt }],
    });
    expect(codes({ ...base(), crls: [forged] })).toEqual([]);
    expect(codes({ ...base(), crls: [forged], requireRevocationInfo: true })).toEqual([
      'REVOCATION_UNKNOWN@0',
      'REVOCATION_UNKNOWN@1',
    ]);
    // After nextUpdate the CRL no longer says GOOD.
    expect(
      codes({
        ...base(),
        crls: [rootCrl],
        time: new Date('2027-01-01T00:00:00Z'),
        requireRevocationInfo: true,
      }),
    ).toEqual(['REVOCATION_UNKNOWN@0', 'REVOCATION_UNKNOWN@1']);
  });
});
