import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import {
  annotationStatement,
  annotationTime,
  extractOfdText,
  openOfd,
  verifyOfd,
  verifyPdf,
} from '@zhengyin/documents';
import { decodeSesSignature, encodePem, parseCertificate } from '@zhengyin/gm';
import { unzipSync, zipSync } from 'fflate';
import type { LicenseFileReportView } from '@zhengyin/core';
import type { Client } from '@zhengyin/sdk';
import type { TestPlatform } from '../testing/index.js';
import {
  BUSINESS_TYPE_CODE,
  SEAL_PIN,
  createTestPlatform,
  publishedTypeWithSeal,
  rejected,
} from '../testing/index.js';

let p: TestPlatform;
let orgs: Awaited<ReturnType<TestPlatform['seedOrgs']>>;
let issuer: Client;
let ecdsaIssuer: Client;
let otherIssuer: Client;
let auditor: Client;
const ECDSA_TYPE_CODE = '11100000000013338W002';
const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'annotated-'));
const hasPdfsig = spawnSync('sh', ['-c', 'command -v pdfsig && command -v certutil']).status === 0;

beforeAll(async () => {
  p = await createTestPlatform();
  orgs = await p.seedOrgs();
  ({ issuer } = await publishedTypeWithSeal(p, orgs.deptA, orgs.provinceCode));
  ({ issuer: ecdsaIssuer } = await publishedTypeWithSeal(p, orgs.deptB, orgs.provinceCode, {
    algorithm: 'ecdsa-p256',
    typeCode: ECDSA_TYPE_CODE,
  }));
  otherIssuer = (await p.userWithRole('issuer', { departmentId: orgs.deptOther })).client;
  auditor = (await p.userWithRole('auditor', { regionCode: orgs.provinceCode })).client;
}, 120_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await p.close();
});

let serial = 0;
async function issueOne(
  client: Client,
  departmentId: string,
  typeCode = BUSINESS_TYPE_CODE,
  fileFormat?: 'pdf' | 'ofd' | 'both',
) {
  const code = ['91350100M000100Y43', '91350200776049653A', '913502000728319549', '91320115MA202UKD7X'][
    serial % 4
  ]!;
  return client.issueLicense({
    body: {
      typeCode,
      departmentId,
      sealPin: SEAL_PIN,
      item: {
        holder: { name: `加注测试企业${++serial}有限公司`, code },
        licenseNumber: `JZ-${serial}`,
        data: { FDDBR: '王五', CLRQ: '2022-01-10' },
      },
      ...(fileFormat ? { fileFormat } : {}),
    } as never,
  });
}

async function anchors() {
  const cas = await p.ctx.deps.uow.run((r) => r.certificateAuthorities.list());
  return cas.map((ca) => ca.certificate);
}

const pdfOf = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

/** Rows and events a refused request must leave alone. */
async function footprint() {
  const db = p.ctx.database.db;
  const count = async (table: 'annotated_copies' | 'blobs') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select(sql<string>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const events = await db
    .selectFrom('audit_events')
    .select(sql<string>`count(*)`.as('n'))
    .where('action', '=', 'license.annotated_copy.created')
    .executeTakeFirstOrThrow();
  return { copies: await count('annotated_copies'), blobs: await count('blobs'), events: Number(events.n) };
}

describe('加注件 (annotated copies) over HTTP', () => {
  test('SM2 licence: the copy verifies (both signatures), states maker, cause, item and expiry; listed, fetched, audited', async () => {
    const license = await issueOne(issuer, orgs.deptA);
    const now = p.clock.now();
    const made = await issuer.createAnnotatedCopy({
      params: { id: license.id },
      body: { cause: '办理企业开办，核验营业执照', itemCode: 'SX001', itemName: '企业开办' },
    });
    // Default validity: 30 days.
    expect(made.expiresAt).toBe(new Date(now.getTime() + 30 * DAY).toISOString());
    const pdf = pdfOf(made.fileBase64);
    const report = await verifyPdf(pdf, { trustAnchors: await anchors() });
    expect(report.verdict).toBe('VALID');
    expect(report.signatures.map((s) => [s.verdict, s.modifiedAfter])).toEqual([
      ['VALID', 'signatures-only'],
      ['VALID', 'none'],
    ]);
    expect(report.signatures[1]?.annotation).toEqual({
      creationTime: annotationTime(now),
      creator: '西安市市场监督管理局',
      cause: '办理企业开办，核验营业执照',
      expiringTime: annotationTime(new Date(now.getTime() + 30 * DAY)),
      licenseIdentifier: license.identifier,
      itemCode: 'SX001',
      itemName: '企业开办',
    });
    expect(report.signatures[1]?.signer?.algorithm).toMatch(/sm2/i);
    expect(report.signatures[1]?.signer?.subject).toContain('证印加注件签发');

    const list = await auditor.listAnnotatedCopies({ params: { id: license.id } });
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      id: made.copyId,
      licenseIdentifier: license.identifier,
      producer: '西安市市场监督管理局',
      algorithm: 'sm2',
      active: true,
      useContextId: null,
      fileSha256: made.fileSha256,
    });
    const file = await auditor.annotatedCopyFile({ params: { id: made.copyId } });
    expect(file.sha256).toBe(made.fileSha256);
    expect(Buffer.from(pdfOf(file.pdfBase64)).equals(Buffer.from(pdf))).toBe(true);
    const events = await auditor.listAuditEvents({ query: { action: 'license.annotated_copy.created' } });
    expect(events.items.find((e) => e.target.id === license.id)?.details).toMatchObject({
      copyId: made.copyId,
      fileSha256: made.fileSha256,
    });
  });

  test('ECDSA licence: the copy is signed with the ECDSA annotation key; pdfsig says both signatures valid', async () => {
    const license = await issueOne(ecdsaIssuer, orgs.deptB, ECDSA_TYPE_CODE);
    const made = await ecdsaIssuer.createAnnotatedCopy({
      params: { id: license.id },
      body: { cause: '招投标资格审查', itemName: '政府采购投标', producer: '西安市公共资源交易中心' },
    });
    const pdf = pdfOf(made.fileBase64);
    const report = await verifyPdf(pdf, { trustAnchors: await anchors() });
    expect(report.signatures.map((s) => [s.verdict, s.signer?.algorithm])).toEqual([
      ['VALID', expect.stringMatching(/ecdsa/i)],
      ['VALID', expect.stringMatching(/ecdsa/i)],
    ]);
    expect(report.signatures[1]?.annotation?.creator).toBe('西安市公共资源交易中心');
    const key = await p.ctx.deps.uow.run((r) => r.platformKeys.get('annotation-ecdsa'));
    expect(key).not.toBeNull();
    expect(Buffer.from(report.signatures[1]!.signer!.certificate).equals(Buffer.from(key!.certificate))).toBe(
      true,
    );
    if (!hasPdfsig) {
      console.warn('pdfsig / certutil (poppler-utils, libnss3-tools) not installed: pdfsig check skipped');
      return;
    }
    const ecdsaRoot = (await anchors()).find((der) => parseCertificate(der).publicKey.algorithm !== 'SM2')!;
    const nss = join(dir, 'nss');
    spawnSync('mkdir', ['-p', nss]);
    writeFileSync(join(dir, 'root.pem'), encodePem('CERTIFICATE', ecdsaRoot));
    expect(spawnSync('certutil', ['-N', '--empty-password', '-d', `sql:${nss}`]).status).toBe(0);
    expect(
      spawnSync('certutil', [
        '-A',
        '-t',
        'CT,C,C',
        '-n',
        'root',
        '-i',
        join(dir, 'root.pem'),
        '-d',
        `sql:${nss}`,
      ]).status,
    ).toBe(0);
    writeFileSync(join(dir, 'copy.pdf'), pdf);
    const out = spawnSync('pdfsig', ['-nssdir', `sql:${nss}`, join(dir, 'copy.pdf')], {
      encoding: 'utf8',
    }).stdout;
    expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(out.match(/Certificate Validation: Certificate is Trusted\./g)).toHaveLength(2);
  });

  test('refused, with nothing stored: too long, already expired, revoked licence, another department', async () => {
    const license = await issueOne(issuer, orgs.deptA);
    const before = await footprint();
    const now = p.clock.now().getTime();
    const tooLong = await rejected(
      issuer.createAnnotatedCopy({
        params: { id: license.id },
        body: { cause: '核验', expiresAt: new Date(now + 91 * DAY).toISOString() },
      }),
    );
    expect([tooLong.status, tooLong.code]).toEqual([400, 'ANNOTATION_VALIDITY_TOO_LONG']);
    expect(tooLong.details).toMatchObject({ maxValidityDays: 90 });
    const past = await rejected(
      issuer.createAnnotatedCopy({
        params: { id: license.id },
        body: { cause: '核验', expiresAt: new Date(now - 1000).toISOString() },
      }),
    );
    expect([past.status, past.code]).toEqual([400, 'ANNOTATION_EXPIRY_INVALID']);
    const blank = await rejected(
      issuer.createAnnotatedCopy({ params: { id: license.id }, body: { cause: '   ' } }),
    );
    expect(blank.code).toBe('ANNOTATION_INVALID');
    const forbidden = await rejected(
      otherIssuer.createAnnotatedCopy({ params: { id: license.id }, body: { cause: '核验' } }),
    );
    expect([forbidden.status, forbidden.code]).toEqual([403, 'AUTH_FORBIDDEN']);
    expect(
      (await rejected(auditor.createAnnotatedCopy({ params: { id: license.id }, body: { cause: '核验' } })))
        .code,
    ).toBe('AUTH_FORBIDDEN');

    await issuer.changeLicense({
      params: { id: license.id },
      body: { action: 'revoke', reason: '依法吊销' },
    });
    const revoked = await rejected(
      issuer.createAnnotatedCopy({ params: { id: license.id }, body: { cause: '核验' } }),
    );
    expect([revoked.status, revoked.code]).toEqual([409, 'ANNOTATION_LICENSE_NOT_VALID']);
    expect(revoked.details).toMatchObject({ status: 'revoked' });
    expect(await footprint()).toEqual(before);
    expect((await issuer.listAnnotatedCopies({ params: { id: license.id } })).items).toEqual([]);
  });

  test('at most 3 active copies per licence in 90 days; expired copies no longer count', async () => {
    const license = await issueOne(issuer, orgs.deptA);
    for (const days of [10, 20, 30]) {
      const now = p.clock.now().getTime();
      await issuer.createAnnotatedCopy({
        params: { id: license.id },
        body: { cause: `第${days}天到期`, expiresAt: new Date(now + days * DAY).toISOString() },
      });
    }
    const before = await footprint();
    const limit = await rejected(
      issuer.createAnnotatedCopy({ params: { id: license.id }, body: { cause: '第四份' } }),
    );
    expect([limit.status, limit.code]).toEqual([409, 'ANNOTATION_LIMIT_REACHED']);
    expect(limit.details).toMatchObject({ active: 3, max: 3, windowDays: 90 });
    expect(await footprint()).toEqual(before);

    // After 10 days and a second the first copy has expired: one more may be made, then the limit again.
    p.clock.advance(10 * DAY + 1000);
    // A new session: the earlier ones have expired with the clock.
    const later = (await p.userWithRole('issuer', { departmentId: orgs.deptA })).client;
    const list = await later.listAnnotatedCopies({ params: { id: license.id } });
    expect(list.items.map((c) => c.active)).toEqual([true, true, false]);
    await later.createAnnotatedCopy({ params: { id: license.id }, body: { cause: '第四份' } });
    expect(
      (await rejected(later.createAnnotatedCopy({ params: { id: license.id }, body: { cause: '第五份' } })))
        .code,
    ).toBe('ANNOTATION_LIMIT_REACHED');
  });
});

describe('OFD 加注件', () => {
  // New sessions: the tests above moved the clock past the earlier ones.
  let issuer: Client;
  let auditor: Client;
  beforeAll(async () => {
    issuer = (await p.userWithRole('issuer', { departmentId: orgs.deptA })).client;
    auditor = (await p.userWithRole('auditor', { regionCode: orgs.provinceCode })).client;
  });

  const fromBase64 = (b64: string | undefined) => new Uint8Array(Buffer.from(b64 ?? '', 'base64'));
  const SIGNED_VALUE_1 = 'Doc_0/Signs/Sign_1/SignedValue.dat';
  const ANNOTATION_PART = 'Doc_0/Annots/Page_0/Annotation.xml';

  async function verifyOverHttp(bytes: Uint8Array): Promise<LicenseFileReportView> {
    const res = await p.fetchFrom()('http://zhengyin.test/api/v1/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/ofd' },
      body: bytes,
    });
    expect(res.status).toBe(200);
    return (await res.json()) as LicenseFileReportView;
  }

  /** The package with `part` replaced (re-zipped): what a forger with a zip tool does. */
  function withPart(ofd: Uint8Array, part: string, edit: (text: string) => string): Uint8Array {
    const parts = unzipSync(ofd);
    const text = new TextDecoder().decode(parts[part]!);
    const edited = edit(text);
    expect(edited).not.toBe(text);
    return zipSync({ ...parts, [part]: new TextEncoder().encode(edited) });
  }

  test('a licence issued as PDF and OFD: the OFD copy keeps the issuer’s seal valid and adds a valid annotation seal; verify says VALID', async () => {
    const license = await issueOne(issuer, orgs.deptA, BUSINESS_TYPE_CODE, 'both');
    const now = p.clock.now();
    const expiresAt = new Date(now.getTime() + 20 * DAY);
    const made = await issuer.createAnnotatedCopy({
      params: { id: license.id },
      body: {
        cause: '办理企业开办，核验营业执照',
        itemCode: 'SX001',
        itemName: '企业开办',
        expiresAt: expiresAt.toISOString(),
        format: 'ofd',
      },
    });
    expect(made).toMatchObject({
      format: 'ofd',
      contentType: 'application/ofd',
      fileName: `${license.identifier}.annotated.${made.copyId}.ofd`,
      expiresAt: expiresAt.toISOString(),
    });
    const ofd = fromBase64(made.fileBase64);
    expect(Buffer.from(ofd.subarray(0, 2)).toString('latin1')).toBe('PK');
    const expected = {
      creationTime: annotationTime(now),
      creator: '西安市市场监督管理局',
      cause: '办理企业开办，核验营业执照',
      expiringTime: annotationTime(expiresAt),
      licenseIdentifier: license.identifier,
      itemCode: 'SX001',
      itemName: '企业开办',
    };

    // Both signatures verify: the issuer's (unchanged parts) and the annotation seal's.
    const report = await verifyOfd(ofd, { trustAnchors: await anchors() });
    expect(report.signatures.map((s) => s.verdict)).toEqual(['VALID', 'VALID']);
    expect(report.verdict).toBe('VALID');
    expect(report.signatures[0]!.annotation ?? null).toBeNull();
    expect(report.signatures[1]!.annotation).toEqual(expected);
    const key = await p.ctx.deps.uow.run((r) => r.platformKeys.get('annotation'));
    expect(Buffer.from(report.signatures[1]!.signer!.certificate).equals(Buffer.from(key!.certificate))).toBe(
      true,
    );

    // The annotation seal is made for this copy: its validity ends when the copy expires.
    const ses = decodeSesSignature(unzipSync(ofd)[SIGNED_VALUE_1]!);
    const seal = ses.tbs.seal.sealInfo;
    expect(seal.esId).toBe(`ZY-ANNOTATION-${made.copyId}`);
    expect(seal.property.name).toBe('证印平台加注专用章');
    expect(seal.property.validEnd.date?.toISOString()).toBe(expiresAt.toISOString());
    expect(seal.property.validStart.date?.toISOString()).toBe(now.toISOString());
    expect(seal.picture.type.toLowerCase()).toBe('png');

    // The statement is on page 1 (drawn as outlines; the annotation's Remark and parameters carry it);
    // the licence face's own text is untouched.
    const doc = openOfd(ofd);
    const layer = doc.page(0).annotations.find((a) => a.subtype === 'ZY_Annotation');
    expect(layer?.remark).toBe(annotationStatement(expected).statement);
    expect(layer?.remark).toContain('此件由西安市市场监督管理局提供');
    expect(layer?.parameters['ZY_Annotation.licenseIdentifier']).toBe(license.identifier);
    expect(layer?.parameters['ZY_Annotation.expiringTime']).toBe(expected.expiringTime);
    expect(extractOfdText(doc.page(0))).toContain(license.holder.name);

    // The platform's verification recognises the copy: issuer registered, annotation by the platform key.
    const checked = await verifyOverHttp(ofd);
    expect([checked.format, checked.verdict, checked.firstFailure]).toEqual(['ofd', 'VALID', null]);
    expect(checked.annotations).toHaveLength(1);
    expect(checked.annotations[0]!.checks.map((c) => `${c.name}:${c.code}`)).toEqual([
      'ANNOTATION_SIGNER:ANNOTATION_SIGNER_PLATFORM',
      'ANNOTATION_VALIDITY:ANNOTATION_NOT_EXPIRED',
      'ANNOTATION_LICENSE:ANNOTATION_LICENSE_MATCHES',
      'ANNOTATION_ORIGINAL:ANNOTATION_ORIGINAL_INTACT',
    ]);

    // Listed and fetched as OFD; the creation is audited with its format.
    const list = await auditor.listAnnotatedCopies({ params: { id: license.id } });
    expect(list.items.map((c) => [c.id, c.format, c.algorithm])).toEqual([[made.copyId, 'ofd', 'sm2']]);
    const file = await auditor.annotatedCopyFile({ params: { id: made.copyId } });
    expect(file).toMatchObject({ format: 'ofd', contentType: 'application/ofd', sha256: made.fileSha256 });
    expect(file.pdfBase64).toBeUndefined();
    expect(Buffer.from(fromBase64(file.ofdBase64)).equals(Buffer.from(ofd))).toBe(true);
    const events = await auditor.listAuditEvents({ query: { action: 'license.annotated_copy.created' } });
    expect(events.items.find((e) => e.target.id === license.id)?.details).toMatchObject({
      copyId: made.copyId,
      format: 'ofd',
      fileSha256: made.fileSha256,
    });
  });

  test('a tampered OFD copy is INVALID: a changed statement, a changed expiry, a swapped seal', async () => {
    const license = await issueOne(issuer, orgs.deptA, BUSINESS_TYPE_CODE, 'ofd');
    const made = await issuer.createAnnotatedCopy({
      params: { id: license.id },
      body: { cause: '核验营业执照', itemName: '企业开办' },
    });
    expect(made.format).toBe('ofd');
    const ofd = fromBase64(made.fileBase64);
    const anchorsNow = await anchors();
    expect((await verifyOfd(ofd, { trustAnchors: anchorsNow })).verdict).toBe('VALID');

    const longer = withPart(ofd, ANNOTATION_PART, (t) =>
      t.replace(
        /(Name="ZY_Annotation\.expiringTime">)(\d{4})/,
        (_m, a: string, y: string) => `${a}${Number(y) + 1}`,
      ),
    );
    const otherCause = withPart(ofd, ANNOTATION_PART, (t) => t.replace('核验营业执照', '办理贷款业务'));
    for (const forged of [longer, otherCause]) {
      const local = await verifyOfd(forged, { trustAnchors: anchorsNow });
      expect(local.signatures.map((s) => s.verdict)).toEqual(['VALID', 'INVALID']);
      expect(local.verdict).toBe('INVALID');
      const checked = await verifyOverHttp(forged);
      expect(checked.verdict).toBe('INVALID');
      expect(checked.firstFailure).toBe('OFD_REFERENCE_MISMATCH');
    }
    // The annotation seal's signature value of another copy: the signature no longer matches.
    const other = await issuer.createAnnotatedCopy({
      params: { id: license.id },
      body: { cause: '另一份加注件', itemName: '企业开办' },
    });
    const swapped = zipSync({
      ...unzipSync(ofd),
      [SIGNED_VALUE_1]: unzipSync(fromBase64(other.fileBase64))[SIGNED_VALUE_1]!,
    });
    expect((await verifyOverHttp(swapped)).verdict).toBe('INVALID');
  });

  test('a format the licence was not issued in is refused and nothing is stored; the default follows the licence', async () => {
    const pdfOnly = await issueOne(issuer, orgs.deptA, BUSINESS_TYPE_CODE, 'pdf');
    const ofdOnly = await issueOne(issuer, orgs.deptA, BUSINESS_TYPE_CODE, 'ofd');
    const before = await footprint();
    const noOfd = await rejected(
      issuer.createAnnotatedCopy({ params: { id: pdfOnly.id }, body: { cause: '核验', format: 'ofd' } }),
    );
    expect([noOfd.status, noOfd.code]).toEqual([404, 'LICENSE_FORMAT_UNAVAILABLE']);
    expect(noOfd.details).toMatchObject({ format: 'ofd', issued: 'pdf' });
    const noPdf = await rejected(
      issuer.createAnnotatedCopy({ params: { id: ofdOnly.id }, body: { cause: '核验', format: 'pdf' } }),
    );
    expect([noPdf.status, noPdf.code]).toEqual([404, 'LICENSE_FORMAT_UNAVAILABLE']);
    expect(noPdf.details).toMatchObject({ format: 'pdf', issued: 'ofd' });
    const unknown = await rejected(
      issuer.createAnnotatedCopy({
        params: { id: ofdOnly.id },
        body: { cause: '核验', format: 'docx' as never },
      }),
    );
    expect(unknown.code).toBe('REQUEST_VALIDATION_FAILED');
    expect(await footprint()).toEqual(before);

    const byDefault = await issuer.createAnnotatedCopy({
      params: { id: ofdOnly.id },
      body: { cause: '核验' },
    });
    expect(byDefault.format).toBe('ofd');
    const pdfDefault = await issuer.createAnnotatedCopy({
      params: { id: pdfOnly.id },
      body: { cause: '核验' },
    });
    expect(pdfDefault.format).toBe('pdf');
    expect(Buffer.from(fromBase64(pdfDefault.fileBase64).subarray(0, 5)).toString()).toBe('%PDF-');
    const after = await footprint();
    expect(after).toEqual({ copies: before.copies + 2, blobs: before.blobs + 2, events: before.events + 2 });
  });

  test('the limit counts PDF and OFD copies together; the expiry rules apply; an expired OFD copy verifies INVALID', async () => {
    const license = await issueOne(issuer, orgs.deptA, BUSINESS_TYPE_CODE, 'both');
    const now = p.clock.now().getTime();
    const tooLong = await rejected(
      issuer.createAnnotatedCopy({
        params: { id: license.id },
        body: { cause: '核验', format: 'ofd', expiresAt: new Date(now + 91 * DAY).toISOString() },
      }),
    );
    expect(tooLong.code).toBe('ANNOTATION_VALIDITY_TOO_LONG');
    const past = await rejected(
      issuer.createAnnotatedCopy({
        params: { id: license.id },
        body: { cause: '核验', format: 'ofd', expiresAt: new Date(now - 1000).toISOString() },
      }),
    );
    expect(past.code).toBe('ANNOTATION_EXPIRY_INVALID');

    const short = await issuer.createAnnotatedCopy({
      params: { id: license.id },
      body: { cause: '五天', format: 'ofd', expiresAt: new Date(now + 5 * DAY).toISOString() },
    });
    await issuer.createAnnotatedCopy({
      params: { id: license.id },
      body: { cause: 'PDF 一', format: 'pdf' },
    });
    await issuer.createAnnotatedCopy({ params: { id: license.id }, body: { cause: 'PDF 二' } });
    const before = await footprint();
    const limit = await rejected(
      issuer.createAnnotatedCopy({ params: { id: license.id }, body: { cause: '第四份', format: 'ofd' } }),
    );
    expect([limit.code, limit.details?.active]).toEqual(['ANNOTATION_LIMIT_REACHED', 3]);
    expect(await footprint()).toEqual(before);

    // Five days and a second later the OFD copy has expired: verification says so, and it no longer counts.
    const copy = fromBase64(short.fileBase64);
    expect((await verifyOverHttp(copy)).verdict).toBe('VALID');
    p.clock.advance(5 * DAY + 1000);
    const expired = await verifyOverHttp(copy);
    expect([expired.verdict, expired.firstFailure]).toEqual(['INVALID', 'ANNOTATION_EXPIRED']);
    const later = (await p.userWithRole('issuer', { departmentId: orgs.deptA })).client;
    const fourth = await later.createAnnotatedCopy({
      params: { id: license.id },
      body: { cause: '第四份', format: 'ofd' },
    });
    expect(fourth.format).toBe('ofd');
  });
});
