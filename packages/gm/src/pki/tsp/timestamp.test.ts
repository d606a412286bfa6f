import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OID } from '../asn1/oids.js';
import { createSignedData } from '../cms/create-signed-data.js';
import { parseSignedData } from '../cms/signed-data.js';
import {
  AT,
  KEY_KINDS,
  certPem,
  flipBit,
  makeChain,
  makeTsa,
  newKey,
  nextSerial,
  openssl,
  opensslChain,
  tempDir,
} from '../test-kit.test.js';
import type { KeyKind, OpensslChain, TempDir, TestChain, TestKey } from '../test-kit.test.js';
import { createCertificate } from '../x509/create-certificate.js';
import type { ParsedCertificate } from '../x509/certificate.js';
import { createTimestampRequest, parseTimestampRequest } from './request.js';
import { createTimestampResponse, parseTimestampResponse } from './response.js';
import { encodeTstInfo, parseTstInfo } from './tst-info.js';
import { parseTimestampToken, verifyTimestampToken } from './verify-token.js';
import type { TimestampVerification } from './verify-token.js';

const DATA = new TextEncoder().encode('需要时间戳的电子证照数据');
const POLICY = '1.2.156.1.8888.1';

let dir: TempDir;
const chains = new Map<KeyKind, TestChain>();
const tsas = new Map<KeyKind, { cert: ParsedCertificate; key: TestKey }>();

beforeAll(async () => {
  dir = tempDir();
  for (const kind of KEY_KINDS) {
    const chain = await makeChain(kind);
    chains.set(kind, chain);
    tsas.set(kind, await makeTsa(chain));
  }
});
afterAll(() => dir.remove());

const statuses = (v: TimestampVerification) =>
  Object.fromEntries(v.checks.map((c) => [c.name, c.code ? `${c.status}:${c.code}` : c.status]));

async function respond(kind: KeyKind, request: Uint8Array, extra: { time?: Date; serial?: string } = {}) {
  const tsa = tsas.get(kind) as { cert: ParsedCertificate; key: TestKey };
  return createTimestampResponse({
    request,
    tsaCert: tsa.cert,
    signer: tsa.key.sign,
    serial: extra.serial ?? nextSerial(),
    time: extra.time ?? AT,
    policy: POLICY,
    accuracy: { seconds: 1, millis: 500 },
    certificates: [(chains.get(kind) as TestChain).inter],
  });
}

describe.each(KEY_KINDS)('%s timestamps', (kind) => {
  const hash = kind === 'SM2' ? 'sm3' : 'sha256';
  const chain = () => chains.get(kind) as TestChain;

  it('request → response → token verifies with every check', async () => {
    const request = createTimestampRequest({ data: DATA, hash, nonce: 0x1234567890abcdefn, policy: POLICY });
    expect(parseTimestampRequest(request.der)).toEqual(request);
    const response = await respond(kind, request.der, {
      time: new Date('2026-06-01T12:00:00.250Z'),
      serial: 'abc123',
    });
    expect(response.status).toBe('granted');
    const { tstInfo, signedData } = parseTimestampToken(response.token as Uint8Array);
    expect(tstInfo).toMatchObject({
      policy: POLICY,
      serialHex: 'abc123',
      genTime: new Date('2026-06-01T12:00:00.250Z'),
      accuracy: { seconds: 1, millis: 500 },
      nonce: 0x1234567890abcdefn,
      ordering: false,
    });
    expect(signedData.certificates).toHaveLength(2);
    const result = verifyTimestampToken({
      token: response.token as Uint8Array,
      data: DATA,
      request,
      trustAnchors: [chain().root],
    });
    expect(statuses(result)).toEqual({
      TOKEN: 'VALID',
      CONTENT_TYPE: 'VALID',
      MESSAGE_DIGEST: 'VALID',
      SIGNER_CERTIFICATE: 'VALID',
      SIGNATURE: 'VALID',
      SIGNING_CERTIFICATE: 'VALID',
      SIGNING_TIME: 'VALID',
      MESSAGE_IMPRINT: 'VALID',
      NONCE: 'VALID',
      POLICY: 'VALID',
      TSA_CERTIFICATE: 'VALID',
      CERTIFICATE_CHAIN: 'VALID',
    });
    expect(result.ok).toBe(true);
  });

  it('rejects a tampered imprint, another nonce and a tampered token', async () => {
    const request = createTimestampRequest({ data: DATA, hash, nonce: 42n });
    const response = await respond(kind, request.der);
    const token = response.token as Uint8Array;
    const other = verifyTimestampToken({ token, data: flipBit(DATA, 0) });
    expect(statuses(other).MESSAGE_IMPRINT).toBe('INVALID:MESSAGE_IMPRINT_MISMATCH');
    expect(other.ok).toBe(false);
    const otherRequest = createTimestampRequest({ data: DATA, hash, nonce: 43n });
    expect(statuses(verifyTimestampToken({ token, request: otherRequest })).NONCE).toBe(
      'INVALID:NONCE_MISMATCH',
    );
    // Flip a bit of the hashed message inside TSTInfo: the CMS message digest no longer matches.
    const imprint = parseTimestampToken(token).tstInfo.messageImprint.hashedMessage;
    const at = Buffer.from(token).indexOf(Buffer.from(imprint));
    const tampered = verifyTimestampToken({ token: flipBit(token, at + 3), data: DATA });
    expect(statuses(tampered)).toMatchObject({
      MESSAGE_DIGEST: 'INVALID:MESSAGE_DIGEST_MISMATCH',
      MESSAGE_IMPRINT: 'INVALID:MESSAGE_IMPRINT_MISMATCH',
    });
  });

  it('leaves certificates out when certReq is false', async () => {
    const request = createTimestampRequest({ data: DATA, hash, certReq: false });
    const response = await respond(kind, request.der);
    expect(parseTimestampToken(response.token as Uint8Array).signedData.certificates).toEqual([]);
    const tsa = tsas.get(kind) as { cert: ParsedCertificate };
    const noCert = verifyTimestampToken({ token: response.token as Uint8Array, data: DATA });
    expect(statuses(noCert).SIGNER_CERTIFICATE).toBe('ERROR:SIGNER_CERTIFICATE_NOT_FOUND');
    const withCert = verifyTimestampToken({
      token: response.token as Uint8Array,
      data: DATA,
      certificates: [tsa.cert, chain().inter],
      trustAnchors: [chain().root],
    });
    expect(withCert.ok).toBe(true);
  });

  it('flags a token whose signer lacks the critical timeStamping key usage', async () => {
    const key = newKey(kind);
    const cert = await createCertificate({
      subject: [{ type: 'CN', value: '不是TSA' }],
      publicKey: key.spki,
      serialNumber: nextSerial(),
      notBefore: chain().leaf.notBefore,
      notAfter: chain().leaf.notAfter,
      issuer: chain().inter,
      sign: chain().interKey.sign,
      extensions: { extendedKeyUsage: { purposes: ['timeStamping'], critical: false } },
    });
    const request = createTimestampRequest({ data: DATA, hash });
    await expect(
      createTimestampResponse({
        request,
        tsaCert: cert,
        signer: key.sign,
        serial: '1',
        time: AT,
        policy: POLICY,
      }),
    ).rejects.toMatchObject({ code: 'GM_TSP_BAD_TSA_CERTIFICATE' });
    const tstInfo = encodeTstInfo({
      policy: POLICY,
      messageImprint: request.messageImprint.der,
      serialNumber: '1',
      genTime: AT,
    });
    const token = await createSignedData({
      content: tstInfo,
      encapsulate: true,
      eContentType: OID.tstInfo,
      signerCertificate: cert,
      sign: key.sign,
      signingTime: AT,
      certificates: [chain().inter],
    });
    const result = verifyTimestampToken({ token, data: DATA, trustAnchors: [chain().root] });
    expect(statuses(result)).toMatchObject({
      SIGNATURE: 'VALID',
      TSA_CERTIFICATE: 'INVALID:TSA_EXTENDED_KEY_USAGE',
      CERTIFICATE_CHAIN: 'VALID',
    });
    expect(result.ok).toBe(false);
  });
});

describe('TSA rejections', () => {
  it('answers unsupported hashes, bad imprints, policies and garbage with typed rejections', async () => {
    const rawMd5 = openssl([
      'ts',
      '-query',
      '-md5',
      '-data',
      dir.write('d.bin', DATA),
      '-out',
      dir.path('md5.tsq'),
    ]);
    expect(rawMd5.status).toBe(0);
    const badAlg = await respond('EC-P256', new Uint8Array(readFileSync(dir.path('md5.tsq'))));
    expect(badAlg).toMatchObject({ status: 'rejection', failInfo: ['badAlg'] });
    expect(badAlg.token).toBeUndefined();
    const text = openssl(['ts', '-reply', '-in', dir.write('rej.tsr', badAlg.der), '-text']);
    expect(text.stdout).toContain('Status: Rejected');
    expect(text.stdout).toContain('Failure info: unrecognized or unsupported algorithm identifier');

    const policy = createTimestampRequest({ data: DATA, policy: '1.2.3' });
    expect(await respond('EC-P256', policy.der)).toMatchObject({
      status: 'rejection',
      failInfo: ['unacceptedPolicy'],
    });
    expect(await respond('EC-P256', Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x01))).toMatchObject({
      status: 'rejection',
      failInfo: ['badDataFormat'],
    });
    expect(() => createTimestampRequest({ digest: new Uint8Array(31) })).toThrow(
      expect.objectContaining({ code: 'GM_INVALID_ARGUMENT' }),
    );
  });
});

describe('timestamps and openssl ts', () => {
  it.each(['EC-P256', 'RSA'] as const)(
    'openssl ts -verify accepts our %s tokens for its own queries',
    async (kind) => {
      const chain = chains.get(kind) as TestChain;
      const data = dir.write(`${kind}-data.bin`, DATA);
      const query = dir.path(`${kind}.tsq`);
      expect(openssl(['ts', '-query', '-data', data, '-sha256', '-cert', '-out', query]).status).toBe(0);
      const request = parseTimestampRequest(new Uint8Array(readFileSync(query)));
      expect(request.certReq).toBe(true);
      expect(request.nonce).toBeTypeOf('bigint');
      expect(request.messageImprint.hash).toBe('sha256');
      const response = await respond(kind, request.der);
      const tsr = dir.write(`${kind}.tsr`, response.der);
      const root = dir.write(`${kind}-root.pem`, certPem(chain.root));
      const byData = openssl(['ts', '-verify', '-data', data, '-in', tsr, '-CAfile', root]);
      expect(byData.stdout.trim()).toBe('Verification: OK');
      const byQuery = openssl(['ts', '-verify', '-queryfile', query, '-in', tsr, '-CAfile', root]);
      expect(byQuery.stdout.trim()).toBe('Verification: OK');
      const other = dir.write(`${kind}-other.bin`, flipBit(DATA, 2));
      const mismatch = openssl(['ts', '-verify', '-data', other, '-in', tsr, '-CAfile', root]);
      expect(mismatch.status).not.toBe(0);
      expect(mismatch.stdout + mismatch.stderr).toContain('message imprint mismatch');
      const printed = openssl(['ts', '-reply', '-in', tsr, '-text']);
      expect(printed.stdout).toContain('Policy OID: 1.2.156.1.8888.1');
      expect(printed.stdout).toContain('Time stamp: Jun  1 12:00:00 2026 GMT');
    },
  );

  it('decodes openssl ts -query variants', () => {
    const data = dir.write('q.bin', DATA);
    const out = dir.path('q.tsq');
    expect(
      openssl(['ts', '-query', '-data', data, '-sha512', '-no_nonce', '-tspolicy', '1.2.3.4', '-out', out])
        .status,
    ).toBe(0);
    const request = parseTimestampRequest(new Uint8Array(readFileSync(out)));
    expect(request).toMatchObject({ version: 1, policy: '1.2.3.4', certReq: false });
    expect(request.nonce).toBeUndefined();
    expect(request.messageImprint.hash).toBe('sha512');
    expect(request.messageImprint.hashedMessage).toHaveLength(64);
  });

  it.each(['EC-P256', 'RSA'] as const)('verifies a %s token made by openssl ts -reply', (kind) => {
    const f: OpensslChain = opensslChain(
      kind,
      dir,
      [
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature,nonRepudiation',
        'extendedKeyUsage=critical,timeStamping',
      ].join('\n'),
    );
    const conf = dir.write(
      `${kind}-tsa.cnf`,
      [
        '[tsa]',
        'default_tsa = tsa_config',
        '[tsa_config]',
        `serial = ${dir.write(`${kind}-tsaserial`, '1001\n')}`,
        `signer_cert = ${f.files.leafCert}`,
        `signer_key = ${f.files.leafKey}`,
        `certs = ${f.files.interCert}`,
        'signer_digest = sha256',
        'default_policy = 1.2.3.4.5',
        'digests = sha256, sha512',
        'accuracy = secs:1',
        'ess_cert_id_alg = sha256',
        'ess_cert_id_chain = no',
        '',
      ].join('\n'),
    );
    const data = dir.write(`${kind}-reply.bin`, DATA);
    const query = dir.path(`${kind}-reply.tsq`);
    expect(openssl(['ts', '-query', '-data', data, '-sha256', '-cert', '-out', query]).status).toBe(0);
    const out = dir.path(`${kind}-reply.tsr`);
    const reply = openssl(['ts', '-reply', '-config', conf, '-queryfile', query, '-out', out]);
    expect(reply.status).toBe(0);
    const response = parseTimestampResponse(new Uint8Array(readFileSync(out)));
    expect(response.status).toBe('granted');
    const request = parseTimestampRequest(new Uint8Array(readFileSync(query)));
    const result = verifyTimestampToken({
      token: response.token as Uint8Array,
      data: DATA,
      request,
      trustAnchors: [f.root],
    });
    expect(result.checks.filter((c) => c.status === 'INVALID' || c.status === 'ERROR')).toEqual([]);
    expect(result.ok).toBe(true);
    // openssl increments the serial file before use.
    expect(result.tstInfo.serialHex).toBe('1002');
    expect(parseTstInfo(parseSignedData(response.token as Uint8Array).eContent as Uint8Array).policy).toBe(
      '1.2.3.4.5',
    );
    expect(
      statuses(verifyTimestampToken({ token: response.token as Uint8Array, data: flipBit(DATA, 5) }))
        .MESSAGE_IMPRINT,
    ).toBe('INVALID:MESSAGE_IMPRINT_MISMATCH');
  });
});
