import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePem } from '../pem.js';
import { KEY_KINDS, certPem, flipBit, makeChain, openssl, opensslChain, tempDir } from '../test-kit.test.js';
import type { KeyKind, TempDir, TestChain } from '../test-kit.test.js';
import { checkRevocation, createCrl, parseCrl, verifyCrl } from './crl.js';

const THIS_UPDATE = new Date('2026-05-01T00:00:00Z');
const NEXT_UPDATE = new Date('2026-06-01T00:00:00Z');
const REVOKED_AT = new Date('2026-04-15T08:00:00Z');

let dir: TempDir;
const chains = new Map<KeyKind, TestChain>();

beforeAll(async () => {
  dir = tempDir();
  for (const kind of KEY_KINDS) chains.set(kind, await makeChain(kind));
});
afterAll(() => dir.remove());

describe.each(KEY_KINDS)('%s CRLs', (kind) => {
  const chain = () => chains.get(kind) as TestChain;
  const make = () =>
    createCrl({
      issuer: chain().inter,
      sign: chain().interKey.sign,
      thisUpdate: THIS_UPDATE,
      nextUpdate: NEXT_UPDATE,
      crlNumber: 7,
      revoked: [
        { serialNumber: chain().leaf.serialHex, revocationDate: REVOKED_AT, reason: 'keyCompromise' },
        { serialNumber: '8001', revocationDate: REVOKED_AT },
      ],
    });

  it('issue, parse and verify', async () => {
    const crl = await make();
    expect(crl.version).toBe(2);
    expect(crl.issuer.der).toEqual(chain().inter.subject.der);
    expect(crl.thisUpdate).toEqual(THIS_UPDATE);
    expect(crl.nextUpdate).toEqual(NEXT_UPDATE);
    expect(crl.crlNumberHex).toBe('07');
    expect(crl.authorityKeyIdentifier).toEqual(chain().inter.extensions.subjectKeyIdentifier);
    expect(crl.revoked).toEqual([
      { serialHex: chain().leaf.serialHex, revocationDate: REVOKED_AT, reason: 'keyCompromise' },
      { serialHex: '8001', revocationDate: REVOKED_AT },
    ]);
    expect(parseCrl(encodePem('X509 CRL', crl.der))).toEqual(crl);
    expect(verifyCrl(crl, chain().inter, new Date('2026-05-10T00:00:00Z'))).toEqual({
      ok: true,
      checks: [
        { name: 'ISSUER_NAME', status: 'VALID' },
        { name: 'SIGNATURE', status: 'VALID' },
        { name: 'ISSUER_KEY_USAGE', status: 'VALID' },
        { name: 'CURRENT', status: 'VALID' },
      ],
    });
  });

  it('answers revocation questions at a given time', async () => {
    const crl = await make();
    const serial = chain().leaf.serialHex;
    expect(checkRevocation(crl, serial, new Date('2026-04-15T07:59:59Z'))).toEqual({ status: 'GOOD' });
    expect(checkRevocation(crl, serial, REVOKED_AT)).toEqual({
      status: 'REVOKED',
      revocationDate: REVOKED_AT,
      reason: 'keyCompromise',
    });
    expect(checkRevocation(crl, '80:01', new Date('2026-05-02T00:00:00Z'))).toMatchObject({
      status: 'REVOKED',
    });
    expect(checkRevocation(crl, '8002', new Date('2026-05-02T00:00:00Z'))).toEqual({ status: 'GOOD' });
    expect(checkRevocation(crl, '8002', new Date('2026-07-01T00:00:00Z'))).toEqual({
      status: 'UNKNOWN',
      code: 'CRL_EXPIRED',
    });
  });

  it('rejects tampering, the wrong issuer and stale use', async () => {
    const crl = await make();
    const tampered = parseCrl(flipBit(crl.der, -4));
    expect(verifyCrl(tampered, chain().inter).checks).toContainEqual({
      name: 'SIGNATURE',
      status: 'INVALID',
      code: 'CRL_SIGNATURE_INVALID',
    });
    const wrong = verifyCrl(crl, chain().root);
    expect(wrong.ok).toBe(false);
    expect(wrong.checks.filter((c) => c.status === 'INVALID').map((c) => c.code)).toEqual([
      'CRL_ISSUER_MISMATCH',
      'CRL_SIGNATURE_INVALID',
    ]);
    expect(verifyCrl(crl, chain().leaf).checks).toContainEqual({
      name: 'ISSUER_KEY_USAGE',
      status: 'INVALID',
      code: 'CRL_ISSUER_NOT_CRL_SIGNER',
    });
    expect(verifyCrl(crl, chain().inter, new Date('2026-07-01T00:00:00Z')).checks).toContainEqual({
      name: 'CURRENT',
      status: 'INVALID',
      code: 'CRL_EXPIRED',
    });
  });
});

describe('large CRLs', () => {
  it('issues and reads 20,000 entries (no argument spreading, no full ASN.1 tree)', async () => {
    const chain = chains.get('EC-P256') as TestChain;
    const revoked = Array.from({ length: 20_000 }, (_, i) => ({
      serialNumber: (0x100000 + i).toString(16),
      revocationDate: REVOKED_AT,
      ...(i % 2 ? { reason: 'affiliationChanged' as const } : {}),
    }));
    const crl = await createCrl({
      issuer: chain.inter,
      sign: chain.interKey.sign,
      thisUpdate: THIS_UPDATE,
      revoked,
    });
    expect(crl.revoked).toHaveLength(20_000);
    expect(crl.revoked[19_999]).toEqual({
      serialHex: '104e1f',
      revocationDate: REVOKED_AT,
      reason: 'affiliationChanged',
    });
    expect(verifyCrl(crl, chain.inter).ok).toBe(true);
    expect(checkRevocation(crl, '104e1f', THIS_UPDATE).status).toBe('REVOKED');
    expect(checkRevocation(crl, '0fffff', THIS_UPDATE).status).toBe('GOOD');
    const ca = dir.write('big-inter.pem', certPem(chain.inter));
    const out = openssl(['crl', '-CAfile', ca, '-noout', '-nextupdate'], encodePem('X509 CRL', crl.der));
    expect(out.stderr).toContain('verify OK');
  });
});

describe('CRLs and openssl', () => {
  it.each(['EC-P256', 'RSA'] as const)(
    'openssl crl verifies our %s CRL and lists the serials',
    async (kind) => {
      const chain = chains.get(kind) as TestChain;
      const crl = await createCrl({
        issuer: chain.inter,
        sign: chain.interKey.sign,
        thisUpdate: THIS_UPDATE,
        nextUpdate: NEXT_UPDATE,
        crlNumber: 1n,
        revoked: [{ serialNumber: 'abcd', revocationDate: REVOKED_AT, reason: 'superseded' }],
      });
      const ca = dir.write(`${kind}-inter.pem`, certPem(chain.inter));
      const out = openssl(['crl', '-CAfile', ca, '-noout', '-text'], encodePem('X509 CRL', crl.der));
      expect(out.stderr).toContain('verify OK');
      expect(out.stdout).toContain('Serial Number: ABCD');
      expect(out.stdout).toContain('Superseded');
      const bad = openssl(['crl', '-CAfile', ca, '-noout'], encodePem('X509 CRL', flipBit(crl.der, -3)));
      expect(bad.stderr).toContain('verify failure');
    },
  );

  it.each(KEY_KINDS)('parses and verifies a %s CRL made by openssl ca -gencrl', (kind) => {
    const foreign = opensslChain(kind, dir);
    const conf = dir.write(
      `${kind}-ca.cnf`,
      [
        '[ca]',
        'default_ca = test',
        '[test]',
        `database = ${dir.write(`${kind}-index.txt`, '')}`,
        `crlnumber = ${dir.write(`${kind}-crlnumber`, '1000\n')}`,
        `certificate = ${foreign.files.interCert}`,
        `private_key = ${foreign.files.interKey}`,
        `default_md = ${kind === 'SM2' ? 'sm3' : 'sha256'}`,
        'default_crl_days = 30',
        'policy = policy_any',
        '[policy_any]',
        'commonName = supplied',
        '',
      ].join('\n'),
    );
    const leafFile = foreign.files.leafCert;
    const sigopt = kind === 'SM2' ? ['-sigopt', 'distid:1234567812345678'] : [];
    expect(
      openssl(['ca', '-config', conf, '-revoke', leafFile, '-crl_reason', 'cessationOfOperation']).status,
    ).toBe(0);
    const gen = openssl(['ca', '-config', conf, '-gencrl', ...sigopt]);
    expect(gen.status).toBe(0);
    const crl = parseCrl(gen.stdout);
    expect(crl.crlNumberHex).toBe('1000');
    expect(crl.revoked).toEqual([
      expect.objectContaining({ serialHex: foreign.leaf.serialHex, reason: 'cessationOfOperation' }),
    ]);
    const result = verifyCrl(crl, foreign.inter, new Date(crl.thisUpdate.getTime() + 1000));
    expect(result.checks).toEqual(expect.arrayContaining([{ name: 'SIGNATURE', status: 'VALID' }]));
    expect(result.ok).toBe(true);
    expect(
      checkRevocation(crl, foreign.leaf.serialHex, new Date(crl.thisUpdate.getTime() + 1000)).status,
    ).toBe('REVOKED');
  });
});
