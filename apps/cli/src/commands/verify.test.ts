import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodePem } from '@zhengyin/gm';
import type { TestPlatform } from '@zhengyin/server/testing';
import { SEAL_PIN, createTestPlatform, publishedTypeWithSeal } from '@zhengyin/server/testing';
import type { Io } from '../io.js';
import { runCli } from '../program.js';

let p: TestPlatform;
let server: Server;
let base: string;
let dir: string;
let devCa: string;
const files: Record<string, { path: string; id: string; pdf: Uint8Array }> = {};
let sm2: Awaited<ReturnType<typeof publishedTypeWithSeal>>;

async function cli(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: Io = { out: (l) => stdout.push(l), err: (l) => stderr.push(l), env: {} };
  const code = await runCli(argv, io);
  return { code, out: stdout.join('\n'), err: stderr.join('\n') };
}

/** Serves the test platform's app over real HTTP on 127.0.0.1. */
function listen(platform: TestPlatform): Promise<Server> {
  const handle = platform.fetchFrom('127.0.0.1');
  const s = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.entries(req.headers).flatMap(([k, v]) =>
        v === undefined ? [] : [[k, Array.isArray(v) ? v.join(', ') : v] as [string, string]],
      );
      void handle(`http://127.0.0.1${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
      }).then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zhengyin-verify-'));
  p = await createTestPlatform();
  const orgs = await p.seedOrgs();
  sm2 = await publishedTypeWithSeal(p, orgs.deptA, orgs.provinceCode);
  const ecdsa = await publishedTypeWithSeal(p, orgs.deptB, orgs.provinceCode, {
    algorithm: 'ecdsa-p256',
    typeCode: '11100000000013338W002',
    sealName: '行政审批电子证照专用章',
  });
  const issue = async (name: string, t: typeof sm2, departmentId: string, holder: string) => {
    const l = await t.issuer.issueLicense({
      body: {
        typeCode: t.typeCode,
        departmentId,
        sealPin: SEAL_PIN,
        item: {
          holder: { name: holder, code: '91350100M000100Y43' },
          data: { FDDBR: '王五', CLRQ: '2022-01-01' },
        },
      } as never,
    });
    const f = await t.issuer.licenseFile({ params: { id: l.id } });
    const pdf = new Uint8Array(Buffer.from(f.pdfBase64, 'base64'));
    const path = join(dir, `${name}.pdf`);
    await writeFile(path, pdf);
    files[name] = { path, id: l.id, pdf };
  };
  await issue('sm2', sm2, orgs.deptA, '命令行验证有限公司');
  await issue('ecdsa', ecdsa, orgs.deptB, '命令行椭圆曲线有限公司');
  await issue('revoked', sm2, orgs.deptA, '命令行吊销有限公司');
  const ofdLicence = await sm2.issuer.issueLicense({
    body: {
      typeCode: sm2.typeCode,
      departmentId: orgs.deptA,
      sealPin: SEAL_PIN,
      fileFormat: 'ofd',
      item: {
        holder: { name: '命令行OFD有限公司', code: '91350100M000100Y43' },
        data: { FDDBR: '王五', CLRQ: '2022-01-01' },
      },
    } as never,
  });
  const ofdFile = await sm2.issuer.licenseFile({ params: { id: ofdLicence.id }, query: { format: 'ofd' } });
  const ofd = new Uint8Array(Buffer.from(ofdFile.ofdBase64!, 'base64'));
  files.ofd = { path: join(dir, 'licence.ofd'), id: ofdLicence.id, pdf: ofd };
  await writeFile(files.ofd.path, ofd);
  const cas = await p.ctx.deps.uow.run((r) => r.certificateAuthorities.list());
  devCa = join(dir, 'dev-ca.pem');
  await writeFile(devCa, cas.map((ca) => encodePem('CERTIFICATE', ca.certificate)).join(''));
  server = await listen(p);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await p.close();
});

/** One byte flipped in the middle of the file: inside the signed range of the issuer signature. */
async function tampered(name: string): Promise<string> {
  const { pdf } = files[name]!;
  const text = Buffer.from(pdf).toString('latin1');
  let best: [number, number] = [0, 0];
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end > 0 && end - start > best[1] - best[0]) best = [start, end];
  }
  const copy = new Uint8Array(pdf);
  const at = Math.floor((best[0] + best[1]) / 2);
  copy[at] = copy[at]! ^ 0x01;
  const path = join(dir, `${name}-tampered.pdf`);
  await writeFile(path, copy);
  return path;
}

describe('zhengyin verify', () => {
  test('offline with --trust the dev CA: SM2 and ECDSA licences valid (exit 0); without a root: 2', async () => {
    for (const name of ['sm2', 'ecdsa']) {
      const r = await cli('verify', files[name]!.path, '--trust', devCa);
      expect([name, r.code]).toEqual([name, 0]);
      expect(r.out).toContain('验证通过');
      expect(r.out).toContain('LICENSE_REGISTRY_NOT_CONSULTED');
      expect(r.out).toContain('[完整性 Integrity]');
    }
    const untrusted = await cli('verify', files.sm2!.path);
    expect(untrusted.code).toBe(2);
    expect(untrusted.out).toContain('PDF_NO_TRUST_ANCHORS');
  });

  test('--online against a server on 127.0.0.1: valid (exit 0), JSON report', async () => {
    const r = await cli('verify', files.ecdsa!.path, '--online', base);
    expect(r.code).toBe(0);
    expect(r.out).toContain('LICENSE_REGISTERED');
    expect(r.out).toContain('有效 (valid)');
    const json = await cli('verify', files.sm2!.path, '--online', base, '--json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out) as {
      verdict: string;
      mode: string;
      license: { registered: boolean };
    };
    expect(report).toMatchObject({ verdict: 'VALID', mode: 'online', license: { registered: true } });
    const both = await cli('verify', files.sm2!.path, '--online', base, '--trust', devCa, '--json');
    expect(both.code).toBe(0);
    expect(JSON.parse(both.out)).toMatchObject({
      verdict: 'VALID',
      online: { mode: 'online' },
      offline: { mode: 'offline' },
    });
  });

  test('one byte changed in a signed range → invalid (exit 1), offline and online', async () => {
    const path = await tampered('sm2');
    const offline = await cli('verify', path, '--trust', devCa);
    expect(offline.code).toBe(1);
    expect(offline.out).toContain('PDF_DIGEST_MISMATCH');
    const online = await cli('verify', path, '--online', base, '--json');
    expect(online.code).toBe(1);
    expect(JSON.parse(online.out)).toMatchObject({ verdict: 'INVALID', firstFailure: 'PDF_DIGEST_MISMATCH' });
  });

  test('after the licence is revoked, --online says not valid (exit 1, LICENSE_REVOKED)', async () => {
    const { path, id } = files.revoked!;
    expect((await cli('verify', path, '--online', base)).code).toBe(0);
    await sm2.issuer.changeLicense({
      params: { id },
      body: { action: 'revoke', reason: '吊销测试' } as never,
    });
    const r = await cli('verify', path, '--online', base);
    expect(r.code).toBe(1);
    expect(r.out).toContain('LICENSE_REVOKED');
    expect(r.out).toContain('证照已吊销');
    // Offline cannot know: the file itself is intact.
    expect((await cli('verify', path, '--trust', devCa)).code).toBe(0);
    // --online with --trust: the worse verdict counts.
    expect((await cli('verify', path, '--trust', devCa, '--online', base)).code).toBe(1);
  });

  test('could not decide (exit 2): unreadable file, not a PDF, server unreachable or refusing', async () => {
    const missing = await cli('verify', join(dir, 'missing.pdf'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read');
    const notPdf = join(dir, 'not.pdf');
    await writeFile(notPdf, 'hello, not a pdf');
    expect((await cli('verify', notPdf, '--trust', devCa)).code).toBe(2);
    const refused = await cli('verify', notPdf, '--online', base);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('VERIFY_NOT_PDF');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await cli('verify', files.sm2!.path, '--online', `http://127.0.0.1:${port}`);
    expect(unreachable.code).toBe(2);
    expect(unreachable.err).toContain('cannot reach');
    expect((await cli('verify', files.sm2!.path, '--trust', notPdf)).code).toBe(2);
  });

  test('OFD: an issued OFD licence is valid offline with --trust (exit 0) and online (JSON format ofd)', async () => {
    const offline = await cli('verify', files.ofd!.path, '--trust', devCa);
    expect(offline.code).toBe(0);
    expect(offline.out).toContain('文件格式 format: OFD');
    expect(offline.out).toContain('OFD_REFERENCES_MATCH');
    expect(offline.out).toContain('LICENSE_REGISTRY_NOT_CONSULTED');
    const online = await cli('verify', files.ofd!.path, '--online', base, '--json');
    expect(online.code).toBe(0);
    expect(JSON.parse(online.out)).toMatchObject({
      verdict: 'VALID',
      format: 'ofd',
      license: { registered: true },
      checks: expect.arrayContaining([expect.objectContaining({ code: 'LICENSE_FILE_MATCHES' })]),
    });
    expect((await cli('verify', files.ofd!.path)).code).toBe(2);
  });

  test('OFD fixtures: trust undecided (exit 2), expired at signing (exit 1), unreadable package (exit 2)', async () => {
    const fixtures = new URL('../../../../../shared/fixtures/ofd/', import.meta.url);
    const ride = join(dir, 'V4RideRight.ofd');
    const expired = join(dir, 'SESV4SignDoc.ofd');
    await copyFile(new URL('V4RideRight.ofd', fixtures), ride);
    await copyFile(new URL('SESV4SignDoc.ofd', fixtures), expired);
    const r = await cli('verify', ride);
    expect(r.code).toBe(2);
    expect(r.out).toContain('OFD_NO_TRUST_ANCHORS');
    expect(r.out).toContain('签章页 pages: 1, 2, 3, 4, 5 (5 处 appearances)');
    const e = await cli('verify', expired, '--trust', devCa);
    expect(e.code).toBe(1);
    expect(e.out).toContain('签章时签名证书已过期');
    expect(e.out).toContain('OFD_SEAL_EXPIRED_AT_SIGNING');
    const broken = join(dir, 'broken.ofd');
    await writeFile(broken, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 7)]));
    const offline = await cli('verify', broken, '--trust', devCa);
    expect(offline.code).toBe(2);
    expect(offline.err).toContain('OFD_MALFORMED');
    const online = await cli('verify', broken, '--online', base);
    expect(online.code).toBe(2);
    expect(online.err).toContain('OFD_MALFORMED');
  });
});
