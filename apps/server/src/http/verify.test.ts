import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  SYSTEM_ACTOR,
  ensurePlatformKey,
  verifyLicensePdfOffline,
  type LicenseFileReportView,
} from '@zhengyin/core';
import { annotateOfd, annotatePdf, bundledSealFontPath, loadSealFont, sealPdf } from '@zhengyin/documents';
import { unzipSync, zipSync } from 'fflate';
import {
  createCertificate,
  createSeal,
  createSoftwareKey,
  ecdsaP256GenerateKeyPair,
  encodePem,
} from '@zhengyin/gm';
import type { Client } from '@zhengyin/sdk';
import type { TestPlatform } from '../testing/index.js';
import {
  SEAL_PIN,
  createTestPlatform,
  publishedTypeWithSeal,
  rejected,
  samplePdf,
} from '../testing/index.js';

let p: TestPlatform;
let orgs: Awaited<ReturnType<TestPlatform['seedOrgs']>>;
let sm2: Awaited<ReturnType<typeof publishedTypeWithSeal>>;
let ecdsa: Awaited<ReturnType<typeof publishedTypeWithSeal>>;
const dir = mkdtempSync(join(tmpdir(), 'verify-'));
const UPLOAD_LIMIT = 4 * 1024 * 1024;

beforeAll(async () => {
  p = await createTestPlatform({
    ZHENGYIN_PUBLIC_BASE_URL: 'https://zz.example.gov.cn',
    ZHENGYIN_UPLOAD_LIMIT_BYTES: String(UPLOAD_LIMIT),
  });
  orgs = await p.seedOrgs();
  sm2 = await publishedTypeWithSeal(p, orgs.deptA, orgs.provinceCode);
  // ECDSA licences of a type valid for 10 days (the expiry test).
  ecdsa = await publishedTypeWithSeal(p, orgs.deptB, orgs.provinceCode, {
    algorithm: 'ecdsa-p256',
    typeCode: '11100000000013338W002',
    validity: { kind: 'fixed', years: 0, months: 0, days: 10 },
    sealName: '行政审批电子证照专用章',
  });
}, 120_000);
afterAll(() => p.close());

const item = (name: string, code = '91350100M000100Y43') => ({
  holder: { name, code },
  data: { FDDBR: '李四', CLRQ: '2021-03-15', ZCZB: 500 },
});

async function issue(kind: 'sm2' | 'ecdsa', name: string) {
  const t = kind === 'sm2' ? sm2 : ecdsa;
  const license = await t.issuer.issueLicense({
    body: {
      typeCode: t.typeCode,
      departmentId: kind === 'sm2' ? orgs.deptA : orgs.deptB,
      sealPin: SEAL_PIN,
      item: item(name),
    } as never,
  });
  const f = await t.issuer.licenseFile({ params: { id: license.id } });
  return { license, pdf: new Uint8Array(Buffer.from(f.pdfBase64, 'base64')), issuer: t.issuer as Client };
}

const url = (query = '') => `http://zhengyin.test/api/v1/verify${query}`;

async function verify(pdf: Uint8Array, query = '', headers: Record<string, string> = {}) {
  const res = await p.fetchFrom()(url(query), {
    method: 'POST',
    headers: { 'content-type': 'application/pdf', ...headers },
    body: pdf,
  });
  return res;
}

async function report(pdf: Uint8Array): Promise<LicenseFileReportView> {
  const res = await verify(pdf);
  expect(res.status).toBe(200);
  return (await res.json()) as LicenseFileReportView;
}

const codes = (r: LicenseFileReportView) => r.checks.map((c) => `${c.name}:${c.status}:${c.code}`);
const allCodes = (r: LicenseFileReportView) => [
  ...r.checks.map((c) => c.code),
  ...r.signatures.flatMap((s) => s.checks.map((c) => c.code)),
  ...r.annotations.flatMap((a) => a.checks.map((c) => c.code)),
];

/** Flips one byte in the middle of the longest stream the first signature covers. */
function flipSignedByte(pdf: Uint8Array, signedEnd: number): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  let best: [number, number] = [0, 0];
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end > 0 && end < signedEnd && end - start > best[1] - best[0]) best = [start, end];
  }
  expect(best[1] - best[0]).toBeGreaterThan(100);
  const copy = new Uint8Array(pdf);
  const at = Math.floor((best[0] + best[1]) / 2);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

async function counts() {
  const db = p.ctx.database.db;
  const one = async (table: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0]!.n;
  return { audit: await one('audit_events'), licenses: await one('licenses'), blobs: await one('blobs') };
}

describe('POST /api/v1/verify', () => {
  test('SM2 and ECDSA licences: VALID, registered, the same file, in force — raw PDF, JSON and HTML', async () => {
    for (const kind of ['sm2', 'ecdsa'] as const) {
      const { license, pdf } = await issue(kind, `${kind}验证有限公司`);
      const r = await report(pdf);
      expect([kind, r.verdict, r.firstFailure]).toEqual([kind, 'VALID', null]);
      expect(codes(r)).toEqual(
        expect.arrayContaining([
          'LICENSE_REGISTERED:VALID:LICENSE_REGISTERED',
          'LICENSE_FILE_MATCHES:VALID:LICENSE_FILE_MATCHES',
          'LICENSE_STATUS:VALID:LICENSE_VALID',
          'LICENSE_OBJECTION:VALID:LICENSE_NO_OBJECTION',
        ]),
      );
      expect(r.license).toMatchObject({
        identifier: license.identifier,
        registered: true,
        status: 'valid',
        statusName: '有效',
        holderName: `${kind}验证有限公司`,
      });
      expect(r.signatures[0]?.signer?.algorithm).toMatch(kind === 'sm2' ? /sm2/i : /ecdsa/i);
      expect(r.signatures[0]?.registry).toMatchObject({ statusAtSigning: 'active', statusNow: 'active' });
      expect(r.mode).toBe('online');
    }
    const { pdf } = await issue('sm2', 'JSON上传有限公司');
    const asJson = await p.client().verifyFile({ body: { fileBase64: Buffer.from(pdf).toString('base64') } });
    expect(asJson.verdict).toBe('VALID');
    for (const res of [await verify(pdf, '?format=html'), await verify(pdf, '', { accept: 'text/html' })]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toContain('验证通过');
      for (const step of ['完整性', '签名', '证书', '印章', '状态']) expect(html).toContain(step);
      expect(html).not.toMatch(/<script|<link|src="http/);
    }
  });

  test('one byte changed inside a signed range → INVALID (digest mismatch)', async () => {
    const { pdf } = await issue('sm2', '篡改测试有限公司');
    const br = (await report(pdf)).signatures[0]!.byteRange;
    const tampered = flipSignedByte(pdf, br[1]!);
    const r = await report(tampered);
    expect(r.verdict).toBe('INVALID');
    expect(r.firstFailure).toBe('PDF_DIGEST_MISMATCH');
    expect(allCodes(r)).toContain('PDF_DIGEST_MISMATCH');
    // The registry knows the licence, but this is not the file it issued.
    expect(codes(r)).toContain('LICENSE_FILE_MATCHES:INVALID:LICENSE_FILE_MISMATCH');
  });

  test('revoked → INVALID LICENSE_REVOKED; the HTML says 已吊销; QR verification and the /v/ page agree', async () => {
    const { license, pdf, issuer } = await issue('sm2', '吊销测试有限公司');
    await issuer.changeLicense({
      params: { id: license.id },
      body: { action: 'revoke', reason: '违法经营' } as never,
    });
    const r = await report(pdf);
    expect([r.verdict, r.firstFailure]).toEqual(['INVALID', 'LICENSE_REVOKED']);
    expect(r.license).toMatchObject({ status: 'revoked', statusName: '已吊销' });
    // The signatures themselves stay valid: only the licence status fails.
    expect(r.signatures.every((s) => s.verdict === 'VALID')).toBe(true);
    const html = await (await verify(pdf, '?format=html')).text();
    expect(html).toContain('无效：证照已吊销');

    const token = p.ctx.licensing.tokens.token(license.identifier);
    const qr = await p.client().verifyQr({
      body: { url: `https://zz.example.gov.cn/v/${encodeURIComponent(license.identifier)}?t=${token}` },
    });
    expect(qr).toMatchObject({ verdict: 'INVALID', firstFailure: 'LICENSE_REVOKED', statusName: '已吊销' });
    expect(qr.data).toMatchObject({ 法定代表人: '李*' });
    const page = await p.fetchFrom()(
      `http://zhengyin.test/v/${encodeURIComponent(license.identifier)}?t=${token}`,
    );
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('证照已吊销');
    const forged = await rejected(
      p.client().verifyQr({
        body: {
          identifier: license.identifier,
          token: token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
        },
      }),
    );
    expect(forged.code).toBe('LICENSE_NOT_FOUND');
    const forgedPage = await p.fetchFrom()(
      `http://zhengyin.test/v/${encodeURIComponent(license.identifier)}?t=x`,
    );
    expect(forgedPage.status).toBe(404);
  });

  test('cancelled → LICENSE_CANCELLED (已注销); superseded → LICENSE_SUPERSEDED naming the newer version', async () => {
    const a = await issue('sm2', '注销测试有限公司');
    await a.issuer.changeLicense({
      params: { id: a.license.id },
      body: { action: 'cancel', reason: '企业申请注销', reasonCode: 'normal' } as never,
    });
    const cancelled = await report(a.pdf);
    expect([cancelled.verdict, cancelled.firstFailure, cancelled.license?.statusName]).toEqual([
      'INVALID',
      'LICENSE_CANCELLED',
      '已注销',
    ]);
    const b = await issue('sm2', '变更前有限公司');
    const { license: v2 } = await b.issuer.updateLicense({
      params: { id: b.license.id },
      body: { reason: '名称变更', changes: { holderName: '变更后有限公司' }, sealPin: SEAL_PIN },
    });
    const old = await report(b.pdf);
    expect([old.verdict, old.firstFailure]).toEqual(['INVALID', 'LICENSE_SUPERSEDED']);
    expect(old.license?.supersededBy).toBe(v2.identifier);
    expect(old.checks.find((c) => c.name === 'LICENSE_STATUS')?.message).toContain(v2.identifier);
  });

  test('an end date already passed → LICENSE_EXPIRED before the expiry job ran', async () => {
    const { license, pdf } = await issue('ecdsa', '到期验证有限公司');
    expect((await report(pdf)).verdict).toBe('VALID');
    p.clock.advance(11 * 86_400_000);
    try {
      const r = await report(pdf);
      expect([r.verdict, r.firstFailure, r.license?.status]).toEqual([
        'INVALID',
        'LICENSE_EXPIRED',
        'expired',
      ]);
      const stored = await p.ctx.deps.uow.run((rr) => rr.licenses.get(license.id));
      expect(stored?.status).toBe('valid');
    } finally {
      p.clock.advance(-11 * 86_400_000);
    }
  });

  test('a PDF under a CA we did not make: INDETERMINATE without its root, VALID once the root is configured', async () => {
    const now = p.clock.now();
    const rootKey = createSoftwareKey(ecdsaP256GenerateKeyPair().privateKey);
    const root = await createCertificate({
      subject: [{ type: 'CN', value: 'Foreign Test Root' }],
      publicKey: rootKey.publicKey,
      serialNumber: '01',
      notBefore: new Date(now.getTime() - 86_400_000),
      notAfter: new Date(now.getTime() + 365 * 86_400_000),
      sign: rootKey.sign,
      extensions: { basicConstraints: { ca: true }, keyUsage: ['keyCertSign', 'cRLSign'] },
    });
    const leafKey = createSoftwareKey(ecdsaP256GenerateKeyPair().privateKey);
    const leaf = await createCertificate({
      subject: [{ type: 'CN', value: 'Foreign Signer' }],
      publicKey: leafKey.publicKey,
      serialNumber: '02',
      notBefore: new Date(now.getTime() - 86_400_000),
      notAfter: new Date(now.getTime() + 365 * 86_400_000),
      issuer: root,
      sign: rootKey.sign,
      extensions: { basicConstraints: { ca: false }, keyUsage: ['digitalSignature', 'nonRepudiation'] },
    });
    const rootDer = root.der;
    const leafDer = leaf.der;
    const seal = await samplePdf(1);
    const signed = await sealPdf({
      pdf: seal,
      signerCertificate: leafDer,
      chain: [rootDer],
      sign: leafKey.sign,
      appearance: {
        kind: 'vector',
        content: new TextEncoder().encode('1 0 0 rg 0 0 20 20 re f'),
        widthMm: 20,
        heightMm: 20,
      },
      placement: { kind: 'last-page' },
      signingTime: now,
      reason: 'foreign signature',
    });
    const r = await report(signed.pdf);
    expect(r.verdict).toBe('INDETERMINATE');
    expect(r.firstFailure).toBe('PDF_CHAIN_NOT_TRUSTED');
    expect(codes(r)).toContain('LICENSE_REGISTERED:SKIPPED:LICENSE_NOT_A_LICENSE');
    expect(r.license).toBeNull();

    const offline = await verifyLicensePdfOffline(signed.pdf, { trustAnchors: [rootDer], now });
    expect(offline.verdict).toBe('VALID');
    const pemFile = join(dir, 'foreign-root.pem');
    writeFileSync(pemFile, encodePem('CERTIFICATE', rootDer));
    const other = await createTestPlatform({ ZHENGYIN_VERIFY_TRUST_ANCHORS_FILE: pemFile });
    try {
      const res = await other.fetchFrom()(url(), {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: signed.pdf,
      });
      const configured = (await res.json()) as LicenseFileReportView;
      expect([configured.verdict, configured.firstFailure]).toEqual(['VALID', null]);
    } finally {
      await other.close();
    }
  });

  test('bad uploads: clear errors or an INDETERMINATE report, nothing stored or audited', async () => {
    const before = await counts();
    const send = (body: Uint8Array | string, type = 'application/pdf') =>
      p.fetchFrom()(url(), { method: 'POST', headers: { 'content-type': type }, body });
    const errorOf = async (res: Response) => [
      res.status,
      ((await res.json()) as { error: { code: string } }).error.code,
    ];
    expect(await errorOf(await send(new Uint8Array(0)))).toEqual([400, 'VERIFY_FILE_EMPTY']);
    expect(await errorOf(await send(readFileSync(bundledSealFontPath()).subarray(0, 4096)))).toEqual([
      415,
      'VERIFY_NOT_PDF',
    ]);
    expect(await errorOf(await send('%PDF-1.7', 'text/plain'))).toEqual([
      415,
      'VERIFY_MEDIA_TYPE_UNSUPPORTED',
    ]);
    expect(await errorOf(await send('{"fileBase64":"***"}', 'application/json'))).toEqual([
      400,
      'REQUEST_VALIDATION_FAILED',
    ]);
    expect(await errorOf(await send('{"fileBase64', 'application/json'))).toEqual([
      400,
      'REQUEST_MALFORMED_JSON',
    ]);
    const huge = new Uint8Array(UPLOAD_LIMIT + 1).fill(0x20);
    huge.set(Buffer.from('%PDF-1.7\n'));
    expect(await errorOf(await send(huge))).toEqual([413, 'REQUEST_BODY_TOO_LARGE']);
    const htmlError = await p.fetchFrom()(url('?format=html'), {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: new Uint8Array(0),
    });
    expect(htmlError.status).toBe(400);
    expect(await htmlError.text()).toContain('VERIFY_FILE_EMPTY');

    const hostile = hostilePdfs();
    for (const [name, bytes] of Object.entries(hostile)) {
      const r = await report(bytes);
      expect([name, r.verdict]).toEqual([name, 'INDETERMINATE']);
      expect(r.firstFailure).toMatch(/^PDF_(MALFORMED|LIMIT_EXCEEDED|NO_SIGNATURES|UNSUPPORTED)$/);
    }
    expect(await counts()).toEqual(before);
  });

  test('every verification is counted by kind, verdict and first failing reason (no audit row per check)', async () => {
    const metric = await p.ctx.metrics.getSingleMetricAsString('zhengyin_verifications_total');
    expect(metric).toMatch(/kind="file",verdict="VALID",reason="none"} \d+/);
    expect(metric).toMatch(/kind="file",verdict="INVALID",reason="LICENSE_REVOKED"} \d+/);
    expect(metric).toMatch(/kind="file",verdict="INVALID",reason="PDF_DIGEST_MISMATCH"} \d+/);
    expect(metric).toMatch(/kind="file",verdict="REJECTED",reason="VERIFY_NOT_PDF"} \d+/);
    expect(metric).toMatch(/kind="qr",verdict="INVALID",reason="LICENSE_REVOKED"} 2/);
    const audited = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_events where action like 'verif%'`.execute(p.ctx.database.db);
    expect(audited.rows[0]!.n).toBe(0);
  });

  test('加注件: both layers verified; the copy is invalid once expired or when not signed by the platform', async () => {
    const { license, pdf } = await issue('sm2', '加注件测试有限公司');
    const now = p.clock.now();
    const key = await ensurePlatformKey(p.ctx.deps, 'annotation');
    const annotation = {
      creationTime: '20261120100000',
      creator: '西安市行政审批服务局',
      cause: '办理企业开办',
      expiringTime: '20261130100000',
      licenseIdentifier: license.identifier,
      itemCode: 'SX001',
      itemName: '企业开办',
    };
    const fonts = [loadSealFont(new Uint8Array(readFileSync(bundledSealFontPath('regular'))))];
    const by = { actor: SYSTEM_ACTOR, meta: { requestId: 'test', clientIp: null } };
    const { pdf: copy } = await annotatePdf({
      pdf,
      annotation,
      fonts,
      signerCertificate: key.certificate,
      sign: (data) => p.ctx.deps.keys.sign({ keyRef: key.keyRef, data }, by),
      signingTime: now,
    });
    const r = await report(copy);
    expect([r.verdict, r.firstFailure]).toEqual(['VALID', null]);
    expect(r.annotations).toHaveLength(1);
    expect(r.annotations[0]!.checks.map((c) => `${c.name}:${c.code}`)).toEqual([
      'ANNOTATION_SIGNER:ANNOTATION_SIGNER_PLATFORM',
      'ANNOTATION_VALIDITY:ANNOTATION_NOT_EXPIRED',
      'ANNOTATION_LICENSE:ANNOTATION_LICENSE_MATCHES',
      'ANNOTATION_ORIGINAL:ANNOTATION_ORIGINAL_INTACT',
    ]);
    // The issued revision is still the registry's file.
    expect(codes(r)).toContain('LICENSE_FILE_MATCHES:VALID:LICENSE_FILE_MATCHES');
    const html = await (await verify(copy, '?format=html')).text();
    expect(html).toContain('加注件 Annotated copy');

    p.clock.advance(11 * 86_400_000);
    try {
      const expired = await report(copy);
      expect([expired.verdict, expired.firstFailure]).toEqual(['INVALID', 'ANNOTATION_EXPIRED']);
    } finally {
      p.clock.advance(-11 * 86_400_000);
    }

    // The same statement signed by a seal key (not a platform annotation key).
    const sealKey = await ensurePlatformKey(p.ctx.deps, 'seal-maker');
    const { pdf: foreign } = await annotatePdf({
      pdf,
      annotation,
      fonts,
      signerCertificate: sealKey.certificate,
      sign: (data) => p.ctx.deps.keys.sign({ keyRef: sealKey.keyRef, data }, by),
      signingTime: now,
    });
    const bad = await report(foreign);
    expect([bad.verdict, bad.firstFailure]).toEqual(['INVALID', 'ANNOTATION_SIGNER_UNKNOWN']);
  });
});

/** PDFs built to loop or to exhaust memory. */
function hostilePdfs(): Record<string, Uint8Array> {
  const enc = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
  const withXref = (objects: string[], trailerExtra = '', prevSelf = false) => {
    let body = '%PDF-1.7\n';
    const offsets: number[] = [];
    objects.forEach((o, i) => {
      offsets.push(body.length);
      body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    });
    const xrefAt = body.length;
    body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
    body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${prevSelf ? `/Prev ${xrefAt}` : ''} ${trailerExtra} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    return enc(body);
  };
  const bomb = deflateSync(Buffer.alloc(80 * 1024 * 1024));
  const head = '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n';
  const xrefAt = head.length;
  const bombPdf = Buffer.concat([
    Buffer.from(
      `${head}2 0 obj\n<< /Type /XRef /Size 3 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`,
      'latin1',
    ),
    bomb,
    Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'),
  ]);
  return {
    'xref /Prev loop': withXref(
      ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'],
      '',
      true,
    ),
    'object reference cycle': withXref(['2 0 R', '3 0 R', '1 0 R']),
    'page tree cycle': withXref([
      '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >>',
      '<< /Type /Pages /Kids [2 0 R] /Count 1 >>',
      '<< /FT /Sig /Kids [3 0 R] >>',
    ]),
    'deep nesting': withXref([`<< /Type /Catalog /X ${'['.repeat(50_000)}${']'.repeat(50_000)} >>`]),
    'decompression bomb': new Uint8Array(bombPdf),
    truncated: withXref(['<< /Type /Catalog >>']).subarray(0, 30),
  };
}

describe('GET /v/:identifier (the licence QR target) and GET /api/v1/verify/limits', () => {
  const qrPage = (path: string, headers: Record<string, string> = {}) =>
    p.fetchFrom()(`http://zhengyin.test${path}`, { headers, redirect: 'manual' });

  test('a browser is sent to the console page; ?format=html keeps the server report; JSON on request', async () => {
    const { license } = await issue('sm2', '扫码跳转有限公司');
    const token = p.ctx.licensing.tokens.token(license.identifier);
    const path = `/v/${encodeURIComponent(license.identifier)}?t=${encodeURIComponent(token)}`;
    const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

    const redirect = await qrPage(path, browser);
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toBe(
      `/verify/licence/${encodeURIComponent(license.identifier)}?t=${encodeURIComponent(token)}`,
    );

    const html = await qrPage(`${path}&format=html`, browser);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await html.text();
    expect(text).toContain('验证通过');
    expect(text).not.toMatch(/<script/);

    // curl and other programs (no text/html) still get the report itself.
    const plain = await qrPage(path);
    expect([plain.status, plain.headers.get('content-type')]).toEqual([
      200,
      expect.stringMatching(/^text\/html/),
    ]);

    for (const res of [
      await qrPage(path, { accept: 'application/json' }),
      await qrPage(`${path}&format=json`),
    ]) {
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        verdict: 'VALID',
        identifier: license.identifier,
        holderName: '扫码跳转有限公司',
        checks: expect.arrayContaining([expect.objectContaining({ code: 'LICENSE_VALID' })]),
      });
    }
    const wrong = await qrPage(`/v/${encodeURIComponent(license.identifier)}?t=x&format=json`, {
      'accept-language': 'en',
    });
    expect(wrong.status).toBe(404);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('LICENSE_NOT_FOUND');
    // A wrong token redirects too: the console page reports it (nothing is looked up on the way).
    const wrongBrowser = await qrPage(`/v/${encodeURIComponent(license.identifier)}?t=x`, browser);
    expect(wrongBrowser.status).toBe(303);
  });

  test('the limits say how large a file may be, raw and as base64 in JSON', async () => {
    const limits = await p.client().verifyLimits();
    expect(limits.maxFileBytes).toBe(UPLOAD_LIMIT);
    expect(limits.formats).toEqual(['pdf', 'ofd']);
    // A file of exactly maxBase64FileBytes fits the upload limit as JSON; 3 bytes more does not.
    const body = (n: number) => JSON.stringify({ fileBase64: Buffer.alloc(n).toString('base64') }).length;
    expect(body(limits.maxBase64FileBytes)).toBeLessThanOrEqual(UPLOAD_LIMIT);
    expect(body(limits.maxBase64FileBytes + 3 * 12)).toBeGreaterThan(UPLOAD_LIMIT);
  });
});

const OFD_FIXTURES = new URL('../../../../../shared/fixtures/ofd/', import.meta.url);
const ofdFixture = (name: string) => new Uint8Array(readFileSync(new URL(name, OFD_FIXTURES)));
const signatureCodes = (r: LicenseFileReportView) =>
  r.signatures.map((s) => Object.fromEntries(s.checks.map((c) => [c.name, `${c.status}:${c.code}`])));

describe('POST /api/v1/verify with OFD files', () => {
  const post = (body: Uint8Array | string, type: string, query = '') =>
    p.fetchFrom()(url(query), { method: 'POST', headers: { 'content-type': type }, body });

  test('a real sealed OFD (raw application/ofd): one OFD signature report, crypto valid, trust undecided', async () => {
    const res = await post(ofdFixture('V4RideRight.ofd'), 'application/ofd');
    expect(res.status).toBe(200);
    const r = (await res.json()) as LicenseFileReportView;
    expect([r.format, r.verdict, r.mode]).toEqual(['ofd', 'INDETERMINATE', 'online']);
    // The platform's CAs are the trust anchors; the ofdrw test root is not among them.
    expect(r.firstFailure).toBe('OFD_CHAIN_NOT_TRUSTED');
    expect(codes(r)).toEqual([
      'FORMAT:VALID:OFD_WELL_FORMED',
      'SIGNATURES:VALID:OFD_SIGNATURES_FOUND',
      'COVERAGE:VALID:OFD_ALL_CONTENT_SIGNED',
      'LICENSE_REGISTERED:SKIPPED:LICENSE_NOT_A_LICENSE',
    ]);
    expect(r.signatures).toHaveLength(1);
    const s = r.signatures[0]!;
    expect(s.format).toBe('ofd');
    if (s.format !== 'ofd') return;
    expect([s.id, s.type, s.sesVersion, s.pages, s.stampAnnots.length]).toEqual([
      's001',
      'Seal',
      4,
      [1, 2, 3, 4, 5],
      5,
    ]);
    expect(s.seal).toMatchObject({ code: '51f044b76510434e9bc67a1185c2fba5', name: 'OFD R&W 测试用印章' });
    expect(s.registry).toBeNull();
    expect(signatureCodes(r)[0]).toMatchObject({
      REFERENCES: 'VALID:OFD_REFERENCES_MATCH',
      DATA_HASH: 'VALID:OFD_DATA_HASH_MATCH',
      SIGNATURE: 'VALID:OFD_SIGNATURE_VALID',
      SEAL: 'VALID:OFD_SEAL_VALID',
      SEAL_FILE: 'VALID:OFD_SEAL_FILE_MATCHES',
      CERTIFICATE_CHAIN: 'ERROR:OFD_CHAIN_NOT_TRUSTED',
    });
    expect(r.license).toBeNull();
  });

  test('JSON (base64) and octet-stream give the same report; the HTML report names the OFD reasons', async () => {
    const bytes = ofdFixture('SESV4SignDoc.ofd');
    const raw = (await (await post(bytes, 'application/ofd')).json()) as LicenseFileReportView;
    const json = (await (
      await post(JSON.stringify({ fileBase64: Buffer.from(bytes).toString('base64') }), 'application/json')
    ).json()) as LicenseFileReportView;
    const octets = (await (await post(bytes, 'application/octet-stream')).json()) as LicenseFileReportView;
    expect(json).toEqual(raw);
    expect(octets).toEqual(raw);
    expect([raw.verdict, raw.firstFailure]).toEqual(['INVALID', 'OFD_CERTIFICATE_EXPIRED_AT_SIGNING']);
    expect(signatureCodes(raw)[0]).toMatchObject({
      SIGNING_TIME: 'INVALID:OFD_CERTIFICATE_EXPIRED_AT_SIGNING',
      SEAL: 'INVALID:OFD_SEAL_EXPIRED_AT_SIGNING',
    });
    const html = await post(bytes, 'application/ofd', '?format=html');
    expect(html.status).toBe(200);
    const text = await html.text();
    expect(text).toContain('无效：签章时签名证书已过期');
    expect(text).toContain('File format: OFD');
    expect(text).toContain('OFD_SEAL_EXPIRED_AT_SIGNING');
  });

  test('n.ofd is INVALID for the reasons the README gives; unsigned OFDs are never valid', async () => {
    const n = (await (await post(ofdFixture('n.ofd'), 'application/ofd')).json()) as LicenseFileReportView;
    expect([n.verdict, n.firstFailure]).toEqual(['INVALID', 'OFD_REFERENCE_MISMATCH']);
    expect(signatureCodes(n)[0]).toMatchObject({
      DATA_HASH: 'INVALID:OFD_DATA_HASH_MISMATCH',
      SIGNATURE: 'INVALID:OFD_SIGNATURE_OVER_HASH_ONLY',
      SEAL: 'VALID:OFD_SEAL_VALID',
    });
    for (const file of ['20240531141733.ofd', 'signout.ofd', 'z.ofd']) {
      const r = (await (await post(ofdFixture(file), 'application/ofd')).json()) as LicenseFileReportView;
      expect([file, r.verdict, r.firstFailure, r.signatures.length]).toEqual([
        file,
        'INDETERMINATE',
        'OFD_NO_SIGNATURES',
        0,
      ]);
    }
  });

  test('malformed OFD: 400 with the OFD_* code, in JSON and HTML, nothing stored or audited', async () => {
    const before = await counts();
    const errorOf = async (res: Response) => [
      res.status,
      ((await res.json()) as { error: { code: string } }).error.code,
    ];
    const junk = new Uint8Array(200).fill(7);
    junk.set([0x50, 0x4b, 0x03, 0x04]);
    expect(await errorOf(await post(junk, 'application/ofd'))).toEqual([400, 'OFD_MALFORMED']);
    // A zip whose OFD.xml is missing, and one naming a part outside the package.
    const noRoot = zipSync({ 'Doc_0/Document.xml': new TextEncoder().encode('<x/>') });
    expect(await errorOf(await post(noRoot, 'application/octet-stream'))).toEqual([400, 'OFD_PART_MISSING']);
    const traversal = zipSync({
      'OFD.xml': new TextEncoder().encode(
        '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>../../etc/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
      ),
    });
    expect(await errorOf(await post(traversal, 'application/ofd'))).toEqual([400, 'OFD_PATH_TRAVERSAL']);
    const html = await post(junk, 'application/ofd', '?format=html');
    expect(html.status).toBe(400);
    expect(await html.text()).toContain('OFD_MALFORMED');
    expect(await counts()).toEqual(before);
    const metric = await p.ctx.metrics.getSingleMetricAsString('zhengyin_verifications_total');
    expect(metric).toMatch(/kind="file",verdict="REJECTED",reason="OFD_MALFORMED"} \d+/);
  });

  async function issueOfd(name: string) {
    const license = await sm2.issuer.issueLicense({
      body: {
        typeCode: sm2.typeCode,
        departmentId: orgs.deptA,
        sealPin: SEAL_PIN,
        item: item(name),
        fileFormat: 'both',
      } as never,
    });
    const f = await sm2.issuer.licenseFile({ params: { id: license.id }, query: { format: 'ofd' } });
    return { license, ofd: new Uint8Array(Buffer.from(f.ofdBase64!, 'base64')) };
  }

  const ofdReport = async (ofd: Uint8Array) => {
    const res = await post(ofd, 'application/ofd');
    expect(res.status).toBe(200);
    return (await res.json()) as LicenseFileReportView;
  };

  /** The package with one byte of `part` flipped (re-zipped). */
  function tamperOfd(ofd: Uint8Array, part: string): Uint8Array {
    const parts = unzipSync(ofd);
    const data = Uint8Array.from(parts[part]!);
    const at = Math.floor(data.length / 2);
    data[at] = data[at]! ^ 0x01;
    return zipSync({ ...parts, [part]: data });
  }

  test('an issued OFD licence: VALID, registered, the issuer’s signature is the registry’s, in force', async () => {
    const { license, ofd } = await issueOfd('OFD验证有限公司');
    const r = await ofdReport(ofd);
    expect([r.format, r.verdict, r.firstFailure]).toEqual(['ofd', 'VALID', null]);
    expect(codes(r)).toEqual([
      'FORMAT:VALID:OFD_WELL_FORMED',
      'SIGNATURES:VALID:OFD_SIGNATURES_FOUND',
      'COVERAGE:VALID:OFD_ALL_CONTENT_SIGNED',
      'LICENSE_REGISTERED:VALID:LICENSE_REGISTERED',
      'LICENSE_FILE_MATCHES:VALID:LICENSE_FILE_MATCHES',
      'LICENSE_STATUS:VALID:LICENSE_VALID',
      'LICENSE_OBJECTION:VALID:LICENSE_NO_OBJECTION',
    ]);
    expect(r.license).toMatchObject({ identifier: license.identifier, registered: true, status: 'valid' });
    const s = r.signatures[0]!;
    expect(s.format).toBe('ofd');
    expect(s.registry).toMatchObject({ statusAtSigning: 'active', statusNow: 'active' });
    expect(signatureCodes(r)[0]).toMatchObject({
      REFERENCES: 'VALID:OFD_REFERENCES_MATCH',
      SIGNATURE: 'VALID:OFD_SIGNATURE_VALID',
      CERTIFICATE_CHAIN: 'VALID:OFD_CHAIN_VALID',
      SEAL_MAKER_CHAIN: 'VALID:OFD_CHAIN_VALID',
      SEAL_STATUS_AT_SIGNING: 'VALID:SEAL_ACTIVE_AT_SIGNING',
    });
    const html = await (await post(ofd, 'application/ofd', '?format=html')).text();
    expect(html).toContain('验证通过');
    expect(html).toContain(license.identifier);
  });

  test('an issued OFD licence with one byte changed: INVALID, and no longer the registry’s file', async () => {
    const { ofd } = await issueOfd('OFD篡改有限公司');
    const pageCount = Object.keys(unzipSync(ofd)).filter((n) => /Pages\/Page_\d+\/Content\.xml$/.test(n));
    const r = await ofdReport(tamperOfd(ofd, pageCount[0]!));
    expect([r.verdict, r.firstFailure]).toEqual(['INVALID', 'OFD_REFERENCE_MISMATCH']);
    expect(codes(r)).toContain('LICENSE_FILE_MATCHES:INVALID:LICENSE_FILE_MISMATCH');
    // A signature value that is not the registry's (another licence's file under this one's name).
    const other = await issueOfd('OFD另一有限公司');
    const parts = unzipSync(ofd);
    const foreign = unzipSync(other.ofd);
    const swapped = await ofdReport(
      zipSync({
        ...parts,
        'Doc_0/Signs/Sign_0/SignedValue.dat': foreign['Doc_0/Signs/Sign_0/SignedValue.dat']!,
      }),
    );
    expect(swapped.verdict).toBe('INVALID');
    expect(codes(swapped)).toContain('LICENSE_FILE_MATCHES:INVALID:LICENSE_FILE_MISMATCH');
  });

  test('OFD 加注件: the platform annotation seal adds a layer; the issuer stays valid; expiry and signer checked', async () => {
    const { license, ofd } = await issueOfd('OFD加注件有限公司');
    const now = p.clock.now();
    const by = { actor: SYSTEM_ACTOR, meta: { requestId: 'test', clientIp: null } };
    const key = await ensurePlatformKey(p.ctx.deps, 'annotation');
    const maker = await ensurePlatformKey(p.ctx.deps, 'seal-maker');
    const fonts = [loadSealFont(new Uint8Array(readFileSync(bundledSealFontPath('regular'))))];
    const sealFor = (certificate: Uint8Array) =>
      createSeal({
        esId: 'ZY-ANNOTATION-TEST',
        type: 99,
        name: '证印平台加注章',
        signerCertificates: [certificate],
        validStart: new Date(now.getTime() - 86_400_000),
        validEnd: new Date(now.getTime() + 365 * 86_400_000),
        picture: {
          type: 'png',
          data: readFileSync(bundledSealFontPath('regular')).subarray(0, 8),
          width: 20,
          height: 20,
        },
        makerCertificate: maker.certificate,
        sign: (data) => p.ctx.deps.keys.sign({ keyRef: maker.keyRef, data }, by),
      });
    const annotation = {
      creationTime: '20261120100000',
      creator: '西安市行政审批服务局',
      cause: '办理企业开办',
      expiringTime: '20261130100000',
      licenseIdentifier: license.identifier,
      itemCode: 'SX001',
      itemName: '企业开办',
    };
    const annotate = async (k: typeof key) =>
      (
        await annotateOfd({
          ofd,
          annotation,
          fonts,
          sesSeal: (await sealFor(k.certificate)).der,
          signerCertificate: k.certificate,
          sign: (data) => p.ctx.deps.keys.sign({ keyRef: k.keyRef, data }, by),
          signingTime: now,
        })
      ).ofd;
    const copy = await annotate(key);
    const r = await ofdReport(copy);
    expect([r.verdict, r.firstFailure]).toEqual(['VALID', null]);
    expect(r.signatures.map((s) => s.verdict)).toEqual(['VALID', 'VALID']);
    expect(codes(r)).toContain('LICENSE_FILE_MATCHES:VALID:LICENSE_FILE_MATCHES');
    expect(r.annotations).toHaveLength(1);
    expect(r.annotations[0]).toMatchObject({ signatureIndex: 2, creator: '西安市行政审批服务局' });
    expect(r.annotations[0]!.checks.map((c) => `${c.name}:${c.code}`)).toEqual([
      'ANNOTATION_SIGNER:ANNOTATION_SIGNER_PLATFORM',
      'ANNOTATION_VALIDITY:ANNOTATION_NOT_EXPIRED',
      'ANNOTATION_LICENSE:ANNOTATION_LICENSE_MATCHES',
      'ANNOTATION_ORIGINAL:ANNOTATION_ORIGINAL_INTACT',
    ]);
    p.clock.advance(11 * 86_400_000);
    try {
      const expired = await ofdReport(copy);
      expect([expired.verdict, expired.firstFailure]).toEqual(['INVALID', 'ANNOTATION_EXPIRED']);
    } finally {
      p.clock.advance(-11 * 86_400_000);
    }
    const foreign = await ofdReport(await annotate(maker));
    expect([foreign.verdict, foreign.firstFailure]).toEqual(['INVALID', 'ANNOTATION_SIGNER_UNKNOWN']);
  });
});
