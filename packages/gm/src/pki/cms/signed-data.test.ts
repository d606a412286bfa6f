import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OID } from '../asn1/oids.js';
import { encodePem } from '../pem.js';
import {
  AT,
  KEY_KINDS,
  LEAF_EXTENSIONS,
  NOT_AFTER,
  NOT_BEFORE,
  certPem,
  flipBit,
  makeChain,
  makeTsa,
  newKey,
  openssl,
  opensslChain,
  tempDir,
} from '../test-kit.test.js';
import type { KeyKind, OpensslChain, TempDir, TestChain } from '../test-kit.test.js';
import { createTimestampResponse } from '../tsp/response.js';
import { createTimestampRequest } from '../tsp/request.js';
import { createCertificate } from '../x509/create-certificate.js';
import { createSignedData } from './create-signed-data.js';
import { parseSignedData } from './signed-data.js';
import { verifySignedData } from './verify-signed-data.js';
import type { CmsVerification } from './verify-signed-data.js';

const DATA = new TextEncoder().encode('营业执照 电子证照 ' + 'x'.repeat(1000));
const SIGNED_AT = new Date('2026-05-20T10:00:00Z');

let dir: TempDir;
const chains = new Map<KeyKind, TestChain>();
const foreign = new Map<KeyKind, OpensslChain>();

beforeAll(async () => {
  dir = tempDir();
  for (const kind of KEY_KINDS) chains.set(kind, await makeChain(kind));
  for (const kind of ['EC-P256', 'RSA'] as const) foreign.set(kind, opensslChain(kind, dir));
});
afterAll(() => dir.remove());

const statuses = (v: CmsVerification) =>
  Object.fromEntries(v.checks.map((c) => [c.name, c.code ? `${c.status}:${c.code}` : c.status]));

async function sign(kind: KeyKind, extra: Partial<Parameters<typeof createSignedData>[0]> = {}) {
  const chain = chains.get(kind) as TestChain;
  return createSignedData({
    content: DATA,
    signerCertificate: chain.leaf,
    sign: chain.leafKey.sign,
    certificates: [chain.inter],
    signingTime: SIGNED_AT,
    ...extra,
  });
}

describe.each(KEY_KINDS)('%s CMS SignedData', (kind) => {
  const chain = () => chains.get(kind) as TestChain;
  const verify = (cms: Uint8Array, content: Uint8Array | null = DATA) =>
    verifySignedData(cms, { ...(content ? { content } : {}), trustAnchors: [chain().root] });

  it('round-trips detached with every check valid', async () => {
    const cms = await sign(kind);
    const parsed = parseSignedData(cms);
    expect(parsed.contentType).toBe(OID.signedData);
    expect(parsed.eContentType).toBe(OID.data);
    expect(parsed.eContent).toBeUndefined();
    expect(parsed.certificates.map((c) => c.der)).toEqual([chain().leaf.der, chain().inter.der]);
    const signer = parsed.signerInfos[0];
    expect(signer?.signingTime).toEqual(SIGNED_AT);
    expect(signer?.signingCertificate?.version).toBe(2);
    expect(signer?.digestAlgorithm.oid).toBe(kind === 'SM2' ? OID.sm3 : OID.sha256);
    const result = verify(cms);
    expect(statuses(result)).toEqual({
      CONTENT_TYPE: 'VALID',
      MESSAGE_DIGEST: 'VALID',
      SIGNER_CERTIFICATE: 'VALID',
      SIGNATURE: 'VALID',
      SIGNING_CERTIFICATE: 'VALID',
      SIGNING_TIME: 'VALID',
      TIMESTAMP: 'SKIPPED:NO_TIMESTAMP',
      CERTIFICATE_CHAIN: 'VALID',
    });
    expect(result.ok).toBe(true);
    expect(result.signer.subject).toBe('C=CN, O=某某市市场监督管理局, CN=张三');
    expect(result.profile).toBe('rfc5652');
  });

  it('rejects tampered content, signed attributes, signature and a missing content', async () => {
    const cms = await sign(kind);
    expect(statuses(verify(cms, flipBit(DATA, 10))).MESSAGE_DIGEST).toBe('INVALID:MESSAGE_DIGEST_MISMATCH');
    const signer = parseSignedData(cms).signerInfos[0];
    const attrs = signer?.signedAttributesDer as Uint8Array;
    // Change the signing time inside the signed attributes: 2026 → 2036 is still a valid time.
    const attrsAt = Buffer.from(cms).indexOf(Buffer.from(attrs.subarray(2)));
    const timeAt = Buffer.from(cms).indexOf(Buffer.from('260520100000Z'), attrsAt);
    const tamperedAttrs = new Uint8Array(cms);
    tamperedAttrs[timeAt] = 0x33;
    const attrsResult = verify(tamperedAttrs);
    expect(statuses(attrsResult).SIGNATURE).toBe('INVALID:SIGNATURE_INVALID');
    expect(attrsResult.ok).toBe(false);
    const sig = signer?.signature as Uint8Array;
    const sigAt = Buffer.from(cms).indexOf(Buffer.from(sig));
    expect(statuses(verify(flipBit(cms, sigAt + sig.length - 3))).SIGNATURE).toBe(
      'INVALID:SIGNATURE_INVALID',
    );
    const noContent = verify(cms, null);
    expect(statuses(noContent).MESSAGE_DIGEST).toBe('ERROR:CONTENT_MISSING');
    expect(noContent.ok).toBe(false);
  });

  it('rejects a wrong certificate with the same issuer and serial', async () => {
    const cms = await sign(kind, { omitCertificates: true });
    const impostorKey = newKey(kind);
    const impostor = await createCertificate({
      subject: [{ type: 'CN', value: '冒名者' }],
      publicKey: impostorKey.spki,
      serialNumber: chain().leaf.serialHex,
      notBefore: NOT_BEFORE,
      notAfter: NOT_AFTER,
      issuer: chain().inter,
      sign: chain().interKey.sign,
      extensions: LEAF_EXTENSIONS,
    });
    const result = verifySignedData(cms, {
      content: DATA,
      certificates: [impostor, chain().inter],
      trustAnchors: [chain().root],
    });
    expect(statuses(result)).toMatchObject({
      SIGNER_CERTIFICATE: 'VALID',
      SIGNATURE: 'INVALID:SIGNATURE_INVALID',
      SIGNING_CERTIFICATE: 'INVALID:SIGNING_CERTIFICATE_MISMATCH',
    });
    const without = verifySignedData(cms, { content: DATA });
    expect(statuses(without).SIGNER_CERTIFICATE).toBe('ERROR:SIGNER_CERTIFICATE_NOT_FOUND');
    const right = verifySignedData(cms, { content: DATA, certificates: [chain().leaf] });
    expect(right.ok).toBe(true);
  });

  it('reports chain problems at the validation time', async () => {
    const cms = await sign(kind);
    const late = verifySignedData(cms, {
      content: DATA,
      trustAnchors: [chain().root],
      time: new Date('2036-01-01T00:00:00Z'),
    });
    expect(statuses(late).CERTIFICATE_CHAIN).toBe('INVALID:CERT_EXPIRED');
    const strangerKey = newKey(kind);
    const stranger = await createCertificate({
      subject: [{ type: 'CN', value: '无关的根' }],
      publicKey: strangerKey.spki,
      serialNumber: '77',
      notBefore: NOT_BEFORE,
      notAfter: NOT_AFTER,
      sign: strangerKey.sign,
      extensions: { basicConstraints: { ca: true } },
    });
    const other = verifySignedData(cms, { content: DATA, trustAnchors: [stranger] });
    expect(statuses(other).CERTIFICATE_CHAIN).toBe('INVALID:ISSUER_NOT_FOUND');
    expect(other.checks.find((c) => c.name === 'CERTIFICATE_CHAIN')?.details?.problems).toEqual([
      expect.objectContaining({ code: 'ISSUER_NOT_FOUND', certIndex: 1 }),
    ]);
  });

  it('encapsulates content when asked', async () => {
    const cms = await sign(kind, { encapsulate: true });
    expect(parseSignedData(cms).eContent).toEqual(DATA);
    expect(verifySignedData(cms, { trustAnchors: [chain().root] }).ok).toBe(true);
    // Content supplied by the caller must be what the CMS signs.
    expect(statuses(verifySignedData(cms, { content: flipBit(DATA, 4) })).MESSAGE_DIGEST).toBe(
      'INVALID:MESSAGE_DIGEST_MISMATCH',
    );
  });

  it('embeds and verifies an RFC 3161 timestamp over the signature', async () => {
    const tsa = await makeTsa(chain());
    const cms = await sign(kind, {
      timestamp: async (signatureValue) => {
        const request = createTimestampRequest({
          data: signatureValue,
          hash: kind === 'SM2' ? 'sm3' : 'sha256',
        });
        const response = await createTimestampResponse({
          request,
          tsaCert: tsa.cert,
          signer: tsa.key.sign,
          serial: '01',
          time: AT,
          policy: '1.2.3.4.1',
          certificates: [chain().inter],
        });
        return response.token as Uint8Array;
      },
    });
    const result = verifySignedData(cms, {
      content: DATA,
      trustAnchors: [chain().root],
      timestampTrustAnchors: [chain().root],
    });
    expect(statuses(result).TIMESTAMP).toBe('VALID');
    expect(result.timestamp?.genTime).toEqual(AT);
    expect(result.checks.find((c) => c.name === 'CERTIFICATE_CHAIN')?.details?.validatedAt).toBe(
      AT.toISOString(),
    );
    expect(result.ok).toBe(true);
    // A token over some other value no longer matches this signature.
    const token = parseSignedData(cms).signerInfos[0]?.timestampTokens[0] as Uint8Array;
    const tokenAt = Buffer.from(cms).indexOf(Buffer.from(token));
    const broken = flipBit(cms, tokenAt + token.length - 5);
    const brokenResult = verifySignedData(broken, { content: DATA, trustAnchors: [chain().root] });
    expect(statuses(brokenResult).TIMESTAMP).toMatch(/^(INVALID|ERROR):/);
    expect(brokenResult.ok).toBe(false);
  });

  it('refuses a signer that does not hold the certificate key', async () => {
    await expect(sign(kind, { sign: newKey(kind === 'RSA' ? 'EC-P256' : kind).sign })).rejects.toMatchObject({
      code: 'GM_SIGNER_KEY_MISMATCH',
    });
  });
});

describe('SM2 CMS with GM/T 0010 OIDs', () => {
  it('writes GM/T 0010 content types and sm2-1, and verifies them', async () => {
    const cms = await sign('SM2', { profile: 'gmt0010' });
    const parsed = parseSignedData(cms);
    expect(parsed.contentType).toBe(OID.gmSignedData);
    expect(parsed.eContentType).toBe(OID.gmData);
    expect(parsed.signerInfos[0]?.contentType).toBe(OID.gmData);
    expect(parsed.signerInfos[0]?.signatureAlgorithm.oid).toBe(OID.sm2Sign);
    const result = verifySignedData(cms, {
      content: DATA,
      trustAnchors: [(chains.get('SM2') as TestChain).root],
    });
    expect(result.profile).toBe('gmt0010');
    expect(result.ok).toBe(true);
    expect(statuses(verifySignedData(cms, { content: flipBit(DATA, 0) })).MESSAGE_DIGEST).toBe(
      'INVALID:MESSAGE_DIGEST_MISMATCH',
    );
  });

  it('RFC profile SM2 uses SM2-with-SM3 and SM3', async () => {
    const signer = parseSignedData(await sign('SM2')).signerInfos[0];
    expect(signer?.signatureAlgorithm.oid).toBe(OID.sm2WithSm3);
    expect(signer?.digestAlgorithm.oid).toBe(OID.sm3);
  });
});

describe('CMS interoperability with openssl', () => {
  it.each(['EC-P256', 'RSA'] as const)(
    'openssl cms -verify accepts our %s signature and rejects tampered data',
    async (kind) => {
      const chain = chains.get(kind) as TestChain;
      const cms = dir.write(`ours-${kind}.p7s`, await sign(kind));
      const data = dir.write(`ours-${kind}.bin`, DATA);
      const root = dir.write(`ours-${kind}-root.pem`, certPem(chain.root));
      const verify = (content: string) =>
        openssl([
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          cms,
          '-content',
          content,
          '-CAfile',
          root,
          '-out',
          '/dev/null',
        ]);
      const ok = verify(data);
      expect(ok.stderr).toContain('Verification successful');
      expect(ok.status).toBe(0);
      const bad = verify(dir.write(`ours-${kind}-bad.bin`, flipBit(DATA, 3)));
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toContain('CMS_SignerInfo_verify_content:verification failure');
    },
  );

  it.each([
    ['EC-P256', []],
    ['RSA', []],
    ['EC-P256', ['-cades']],
    ['RSA', ['-cades', '-nodetach']],
  ] as const)('our verifier accepts openssl cms -sign output (%s %s)', (kind, extra) => {
    const f = foreign.get(kind) as OpensslChain;
    const data = dir.write('foreign.bin', DATA);
    const out = dir.path(`foreign-${kind}-${extra.join('')}.p7s`);
    const signed = openssl([
      'cms',
      '-sign',
      '-binary',
      '-in',
      data,
      '-signer',
      f.files.leafCert,
      '-inkey',
      f.files.leafKey,
      '-certfile',
      f.files.interCert,
      '-outform',
      'DER',
      '-out',
      out,
      ...extra,
    ]);
    expect(signed.status).toBe(0);
    const cms = new Uint8Array(readFileSync(out));
    const result = verifySignedData(cms, { content: DATA, trustAnchors: [f.root] });
    expect(result.checks.filter((c) => c.status === 'INVALID' || c.status === 'ERROR')).toEqual([]);
    expect(result.ok).toBe(true);
    expect(statuses(result).SIGNING_CERTIFICATE).toBe(
      extra.includes('-cades') ? 'VALID' : 'SKIPPED:SIGNING_CERTIFICATE_ABSENT',
    );
    if (!extra.includes('-nodetach')) {
      expect(statuses(verifySignedData(cms, { content: flipBit(DATA, 1) })).MESSAGE_DIGEST).toBe(
        'INVALID:MESSAGE_DIGEST_MISMATCH',
      );
    }
  });

  it('verifies BER indefinite-length CMS from openssl cms -sign -stream', () => {
    const f = foreign.get('EC-P256') as OpensslChain;
    const out = dir.path('stream.p7s');
    const signed = openssl([
      'cms',
      '-sign',
      '-binary',
      '-stream',
      '-in',
      dir.write('stream.bin', DATA),
      '-signer',
      f.files.leafCert,
      '-inkey',
      f.files.leafKey,
      '-outform',
      'DER',
      '-out',
      out,
    ]);
    expect(signed.status).toBe(0);
    const cms = new Uint8Array(readFileSync(out));
    expect(cms[1]).toBe(0x80); // indefinite length
    expect(verifySignedData(cms, { content: DATA, certificates: [f.inter], trustAnchors: [f.root] }).ok).toBe(
      true,
    );
    expect(verifySignedData(cms, { content: flipBit(DATA, 9) }).ok).toBe(false);
  });

  it('reads PEM-armoured CMS', async () => {
    const der = await sign('EC-P256');
    expect(parseSignedData(encodePem('CMS', der)).der).toEqual(der);
  });
});
