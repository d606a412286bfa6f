import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OfdPackage, openOfd, readOfdSignatures, signaturesPartOf, verifyOfd } from '@zhengyin/documents';
import { verifyPdf } from '@zhengyin/documents';
import { decodeSesSignature, verifySesSignature } from '@zhengyin/gm';
import type { Client } from '@zhengyin/sdk';
import type { TestPlatform } from '../testing/index.js';
import {
  BUSINESS_TYPE_CODE,
  SEAL_PIN,
  createTestPlatform,
  publishedTypeWithSeal,
  rejected,
} from '../testing/index.js';

const ECDSA_TYPE_CODE = '11100000000013338W002';

let p: TestPlatform;
let orgs: Awaited<ReturnType<TestPlatform['seedOrgs']>>;
let issuer: Client;
let catalogAdmin: Client;
let typeId: string;
let ecdsa: { issuer: Client; typeCode: string };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const fromBase64 = (s: string | undefined) => new Uint8Array(Buffer.from(s ?? '', 'base64'));

/** The editable content of a type as the API returns it (the update body takes exactly these fields). */
function contentOf(t: Record<string, unknown>) {
  const {
    id: _i,
    typeCode: _t,
    version: _v,
    status: _s,
    departmentId: _d,
    regionCode: _r,
    reviewComment: _c,
    createdAt: _ca,
    updatedAt: _u,
    publishedAt: _p,
    rowVersion: _rv,
    ...content
  } = t;
  return content;
}

/** A new published version of the business licence type with the given file format. */
async function publishWithFormat(fileFormat: 'pdf' | 'ofd' | 'both') {
  const draft = await issuer.newLicenseTypeVersion({ params: { id: typeId } });
  const edited = await issuer.updateLicenseType({
    params: { id: draft.id },
    body: { rowVersion: draft.rowVersion, content: { ...contentOf(draft), fileFormat } as never },
  });
  await issuer.advanceLicenseType({ params: { id: draft.id }, body: { action: 'submit' } });
  await catalogAdmin.advanceLicenseType({ params: { id: draft.id }, body: { action: 'approve' } });
  await catalogAdmin.advanceLicenseType({ params: { id: draft.id }, body: { action: 'publish' } });
  typeId = draft.id;
  return edited;
}

const item = (name: string, code: string) => ({
  holder: { name, code },
  data: { FDDBR: '李四', CLRQ: '2021-03-15', ZCZB: 500 },
});

const issueOne = (body: Record<string, unknown>) =>
  issuer.issueLicense({
    body: { typeCode: BUSINESS_TYPE_CODE, departmentId: orgs.deptA, sealPin: SEAL_PIN, ...body } as never,
  });

async function anchors() {
  const cas = await p.ctx.deps.uow.run((r) => r.certificateAuthorities.list());
  return cas.map((ca) => ca.certificate);
}

const licenceCount = () =>
  p.ctx.deps.uow.run(async (r) => (await r.licenses.search({ page: 1, pageSize: 1 })).total);
const blobCount = async () =>
  Number(
    (
      await p.ctx.database.db
        .selectFrom('blobs')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  p = await createTestPlatform({ ZHENGYIN_PUBLIC_BASE_URL: 'https://zz.example.gov.cn' });
  orgs = await p.seedOrgs();
  ({ issuer, typeId } = await publishedTypeWithSeal(p, orgs.deptA, orgs.provinceCode));
  catalogAdmin = (await p.userWithRole('catalog_admin', { regionCode: orgs.provinceCode })).client;
  ecdsa = await publishedTypeWithSeal(p, orgs.deptB, orgs.provinceCode, {
    algorithm: 'ecdsa-p256',
    typeCode: ECDSA_TYPE_CODE,
  });
}, 120_000);
afterAll(() => p.close());

describe('licence types choose the issued file format', () => {
  test('default pdf; an edit sets both; an edit that leaves it out keeps it; an unknown format is refused', async () => {
    expect((await issuer.getLicenseType({ params: { id: typeId } })).fileFormat).toBe('pdf');
    const draft = await issuer.newLicenseTypeVersion({ params: { id: typeId } });
    const both = await issuer.updateLicenseType({
      params: { id: draft.id },
      body: { rowVersion: draft.rowVersion, content: { ...contentOf(draft), fileFormat: 'both' } as never },
    });
    expect(both.fileFormat).toBe('both');
    const { fileFormat: _f, ...withoutFormat } = contentOf(both);
    const kept = await issuer.updateLicenseType({
      params: { id: draft.id },
      body: { rowVersion: both.rowVersion, content: withoutFormat as never },
    });
    expect(kept.fileFormat).toBe('both');
    const bad = await rejected(
      issuer.updateLicenseType({
        params: { id: draft.id },
        body: { rowVersion: kept.rowVersion, content: { ...withoutFormat, fileFormat: 'docx' } as never },
      }),
    );
    expect(bad.code).toBe('REQUEST_VALIDATION_FAILED');
    expect((await issuer.getLicenseType({ params: { id: draft.id } })).fileFormat).toBe('both');
    // The database refuses a format outside the list whatever the code does.
    await expect(
      p.ctx.database.db
        .updateTable('license_types')
        .set({ file_format: 'docx' })
        .where('id', '=', draft.id)
        .execute(),
    ).rejects.toThrow();
  });
});

describe('licences issued as OFD (GB/T 33190, SES-signed)', () => {
  let both: Awaited<ReturnType<typeof issueOne>>;

  beforeAll(async () => {
    // The draft of the previous test is left alone: a fresh version is published with 'both'.
    await p.ctx.database.db.deleteFrom('license_types').where('status', '=', 'draft').execute();
    await publishWithFormat('both');
  }, 60_000);

  test('a type with both: one licence with a PDF and an OFD; the OFD verifies and carries the identifier', async () => {
    both = await issueOne({ item: item('西安证印科技有限公司', '91350100M000100Y43') });
    expect(both.fileFormat).toBe('both');
    expect(both.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(both.ofdSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(both.ofdSignedValueSha256).toMatch(/^[0-9a-f]{64}$/);

    const file = await issuer.licenseFile({ params: { id: both.id }, query: { format: 'ofd' } });
    expect(file).toMatchObject({
      fileName: `${both.identifier}.ofd`,
      contentType: 'application/ofd',
      sha256: both.ofdSha256,
    });
    expect(file.pdfBase64).toBeUndefined();
    const ofd = fromBase64(file.ofdBase64);
    expect(sha256(ofd)).toBe(both.ofdSha256);

    const report = await verifyOfd(ofd, { trustAnchors: await anchors() });
    expect(report.verdict).toBe('VALID');
    expect(report.signatures).toHaveLength(1);
    const [signature] = report.signatures;
    expect(signature?.signedValue && sha256(signature.signedValue)).toBe(both.ofdSignedValueSha256);
    expect(signature?.signingTime?.toISOString()).toBe(both.createdAt);

    // Independently of the verifier: the SES signature decodes and its own checks pass.
    const pkg = OfdPackage.open(ofd);
    const entries = readOfdSignatures(pkg, signaturesPartOf(pkg) as string).entries;
    const signedValue = pkg.read(entries[0]!.signedValuePart);
    expect(sha256(signedValue)).toBe(both.ofdSignedValueSha256);
    const checks = verifySesSignature(decodeSesSignature(signedValue));
    expect(checks.filter((c) => c.status === 'INVALID')).toEqual([]);
    expect(checks.find((c) => c.name === 'signature.signerSignature')?.status).toBe('VALID');

    const doc = openOfd(ofd);
    const custom = Object.fromEntries(doc.docInfo.customData.map((d) => [d.name, d.value]));
    expect(Object.values(custom)).toContain(both.identifier);

    const pdf = await issuer.licenseFile({ params: { id: both.id } });
    expect(pdf).toMatchObject({ fileName: `${both.identifier}.pdf`, contentType: 'application/pdf' });
    expect(sha256(fromBase64(pdf.pdfBase64))).toBe(both.fileSha256);
    expect((await verifyPdf(fromBase64(pdf.pdfBase64), { trustAnchors: await anchors() })).verdict).toBe(
      'VALID',
    );
  });

  test('a tampered OFD no longer verifies against the issued digests', async () => {
    const file = await issuer.licenseFile({ params: { id: both.id }, query: { format: 'ofd' } });
    const ofd = fromBase64(file.ofdBase64);
    const tampered = ofd.slice();
    // Flip a byte of the stored (uncompressed) content: the zip's CRC or a reference digest breaks.
    tampered[Math.floor(tampered.length / 2)] ^= 0xff;
    expect(sha256(tampered)).not.toBe(both.ofdSha256);
    const report = await verifyOfd(tampered, { trustAnchors: await anchors() }).catch(() => null);
    expect(report?.verdict ?? 'INVALID').not.toBe('VALID');
  });

  test('the request overrides the type: pdf only, or ofd only (no PDF exists then)', async () => {
    const pdfOnly = await issueOne({ fileFormat: 'pdf', item: item('甲有限公司', '91350200776049653A') });
    expect(pdfOnly).toMatchObject({ fileFormat: 'pdf', ofdSha256: null, ofdSignedValueSha256: null });
    const noOfd = await rejected(
      issuer.licenseFile({ params: { id: pdfOnly.id }, query: { format: 'ofd' } }),
    );
    expect(noOfd.status).toBe(404);
    expect(noOfd.code).toBe('LICENSE_FORMAT_UNAVAILABLE');

    const ofdOnly = await issueOne({ fileFormat: 'ofd', item: item('乙有限公司', '913502000728319549') });
    expect(ofdOnly).toMatchObject({ fileFormat: 'ofd', fileSha256: null, fileSize: null });
    expect(ofdOnly.ofdSha256).toMatch(/^[0-9a-f]{64}$/);
    const noPdf = await rejected(issuer.licenseFile({ params: { id: ofdOnly.id } }));
    expect(noPdf.code).toBe('LICENSE_FORMAT_UNAVAILABLE');
    const ofd = await issuer.licenseFile({ params: { id: ofdOnly.id }, query: { format: 'ofd' } });
    expect(sha256(fromBase64(ofd.ofdBase64))).toBe(ofdOnly.ofdSha256);
    const row = await p.ctx.database.db
      .selectFrom('licenses')
      .select(['file_sha256', 'ofd_sha256'])
      .where('id', '=', ofdOnly.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ file_sha256: null, ofd_sha256: ofdOnly.ofdSha256 });
    // The database keeps at least one file per licence, and the OFD digest with its signature's.
    const update = (set: { ofd_sha256: string | null; ofd_signed_value_sha256: string | null }) =>
      p.ctx.database.db.updateTable('licenses').set(set).where('id', '=', ofdOnly.id).execute();
    await expect(update({ ofd_sha256: null, ofd_signed_value_sha256: null })).rejects.toThrow();
    await expect(update({ ofd_sha256: ofdOnly.ofdSha256, ofd_signed_value_sha256: null })).rejects.toThrow();
  });

  test('归档件: the file with its name, type and digest, in the format asked for', async () => {
    const ofd = await issuer.licenseArchiveCopy({ params: { id: both.id }, query: { format: 'ofd' } });
    expect(ofd).toMatchObject({
      identifier: both.identifier,
      fileName: `${both.identifier}.ofd`,
      fileType: 'ofd',
      contentType: 'application/ofd',
      sha256: both.ofdSha256,
    });
    expect(sha256(fromBase64(ofd.fileData))).toBe(both.ofdSha256);
    const pdf = await issuer.licenseArchiveCopy({ params: { id: both.id }, query: { format: 'pdf' } });
    expect(pdf).toMatchObject({ fileType: 'pdf', sha256: both.fileSha256 });
    expect(sha256(fromBase64(pdf.fileData))).toBe(both.fileSha256);
    const pdfOnly = await issueOne({ fileFormat: 'pdf', item: item('丙有限公司', '91320115MA202UKD7X') });
    expect(
      (await rejected(issuer.licenseArchiveCopy({ params: { id: pdfOnly.id }, query: { format: 'ofd' } })))
        .code,
    ).toBe('LICENSE_FORMAT_UNAVAILABLE');
    expect(
      (
        await rejected(
          issuer.licenseArchiveCopy({ params: { id: both.id }, query: { format: 'docx' } as never }),
        )
      ).code,
    ).toBe('REQUEST_VALIDATION_FAILED');
  });

  test('preview: page 1 of the PDF or of the OFD as a PNG of the same size, scaled by dpi', async () => {
    /** Width and height from the PNG's IHDR chunk. */
    const size = (b64: string) => {
      const png = fromBase64(b64);
      expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
      const view = new DataView(png.buffer, png.byteOffset);
      return [view.getUint32(16), view.getUint32(20)];
    };
    const pdf = await issuer.previewLicenseFile({ params: { id: both.id }, query: {} });
    expect(pdf).toMatchObject({ contentType: 'image/png', format: 'pdf', sha256: both.fileSha256 });
    const ofd = await issuer.previewLicenseFile({ params: { id: both.id }, query: { format: 'ofd' } });
    expect(ofd).toMatchObject({ format: 'ofd', sha256: both.ofdSha256 });
    const [w, h] = size(ofd.base64);
    expect(Math.abs(w! - size(pdf.base64)[0]!)).toBeLessThanOrEqual(1);
    expect(Math.abs(h! - size(pdf.base64)[1]!)).toBeLessThanOrEqual(1);
    const half = await issuer.previewLicenseFile({
      params: { id: both.id },
      query: { format: 'ofd', dpi: 48 },
    });
    expect(size(half.base64).map((v, i) => Math.abs(2 * v - [w!, h!][i]!) <= 2)).toEqual([true, true]);

    const pdfOnly = await issueOne({ fileFormat: 'pdf', item: item('丁有限公司', '91350100M000100Y43') });
    const unavailable = await rejected(
      issuer.previewLicenseFile({ params: { id: pdfOnly.id }, query: { format: 'ofd' } }),
    );
    expect(unavailable.code).toBe('LICENSE_FORMAT_UNAVAILABLE');
    const badDpi = await rejected(
      issuer.previewLicenseFile({ params: { id: both.id }, query: { dpi: 1000 } }),
    );
    expect(badDpi.code).toBe('REQUEST_VALIDATION_FAILED');
    const other = (await p.userWithRole('issuer', { departmentId: orgs.deptB })).client;
    const forbidden = await rejected(
      other.previewLicenseFile({ params: { id: both.id }, query: { format: 'ofd' } }),
    );
    expect(forbidden.code).toBe('AUTH_FORBIDDEN');
  });

  test('another department can neither download nor archive the OFD', async () => {
    const other = (await p.userWithRole('issuer', { departmentId: orgs.deptB })).client;
    const file = await rejected(other.licenseFile({ params: { id: both.id }, query: { format: 'ofd' } }));
    expect(file.code).toBe('AUTH_FORBIDDEN');
    const archive = await rejected(
      other.licenseArchiveCopy({ params: { id: both.id }, query: { format: 'ofd' } }),
    );
    expect(archive.code).toBe('AUTH_FORBIDDEN');
  });

  test('a retried OFD issuance with the same key returns the same licence and files', async () => {
    const body = {
      idempotencyKey: 'ofd-retry-0001',
      fileFormat: 'ofd',
      item: item('丁有限公司', '91350100M000100Y43'),
    };
    const before = await licenceCount();
    const first = await issueOne(body);
    const again = await issueOne(body);
    expect(again.id).toBe(first.id);
    expect(again.ofdSha256).toBe(first.ofdSha256);
    expect(again.ofdSignedValueSha256).toBe(first.ofdSignedValueSha256);
    expect(await licenceCount()).toBe(before + 1);
  });

  test('变更 keeps the formats of the current version: the new version has both files again', async () => {
    const out = await issuer.updateLicense({
      params: { id: both.id },
      body: { reason: '法定代表人变更', changes: { data: { FDDBR: '王五' } }, sealPin: SEAL_PIN },
    });
    expect(out.license.fileFormat).toBe('both');
    expect(out.license.ofdSha256).not.toBe(both.ofdSha256);
    const ofd = await issuer.licenseFile({ params: { id: out.license.id }, query: { format: 'ofd' } });
    const report = await verifyOfd(fromBase64(ofd.ofdBase64), { trustAnchors: await anchors() });
    expect(report.verdict).toBe('VALID');
  });
});

describe('OFD needs an SM2 seal with an SESeal', () => {
  test('an ECDSA seal: refused with LICENSE_OFD_SEAL_UNSUITABLE, nothing stored, the key not used up', async () => {
    const before = { licences: await licenceCount(), blobs: await blobCount() };
    const body = {
      typeCode: ecdsa.typeCode,
      departmentId: orgs.deptB,
      sealPin: SEAL_PIN,
      idempotencyKey: 'ecdsa-ofd-0001',
      item: item('戊有限公司', '91350100M000100Y43'),
    };
    const refused = await rejected(ecdsa.issuer.issueLicense({ body: { ...body, fileFormat: 'ofd' } }));
    expect(refused.code).toBe('LICENSE_OFD_SEAL_UNSUITABLE');
    expect(refused.status).toBe(400);
    const batch = await rejected(
      ecdsa.issuer.issueLicenses({
        body: {
          ...body,
          idempotencyKey: 'ecdsa-ofd-0002',
          item: undefined,
          items: [body.item],
          fileFormat: 'both',
        },
      } as never),
    );
    expect(batch.code).toBe('LICENSE_OFD_SEAL_UNSUITABLE');
    expect({ licences: await licenceCount(), blobs: await blobCount() }).toEqual(before);
    // The key was not claimed by the refused request: the same key with a PDF request issues.
    const pdf = await ecdsa.issuer.issueLicense({ body: { ...body, fileFormat: 'pdf' } });
    expect(pdf).toMatchObject({ fileFormat: 'pdf', algorithm: 'ecdsa-p256', ofdSha256: null });
  });
});

describe('存量证照导入 with a file format', () => {
  const csv = (rows: string[][]) =>
    new TextEncoder().encode(
      ['企业名称,统一社会信用代码,证照编号,法定代表人,成立日期', ...rows.map((r) => r.join(','))].join('\n'),
    );
  const mapping = {
    $holderName: '企业名称',
    $holderCode: '统一社会信用代码',
    $licenseNumber: '证照编号',
    FDDBR: '法定代表人',
    CLRQ: '成立日期',
  };
  const upload = (client: Client, departmentId: string, typeCode: string, rows: string[][]) =>
    client.createLicenseImport({
      body: {
        departmentId,
        typeCode,
        fileName: 'existing.csv',
        fileBase64: Buffer.from(csv(rows)).toString('base64'),
        mapping,
      },
    });

  test('the run’s fileFormat overrides the type’s: the rows are issued as OFD only', async () => {
    const job = await upload(issuer, orgs.deptA, BUSINESS_TYPE_CODE, [
      ['存量OFD有限公司', '91350200776049653A', 'OFD-CL-0001', '赵一', '2015-03-01'],
    ]);
    expect(job).toMatchObject({ status: 'validated', valid: 1 });
    await issuer.runLicenseImport({ params: { id: job.id }, body: { sealPin: SEAL_PIN, fileFormat: 'ofd' } });
    for (let i = 0; i < 200; i++) {
      if ((await issuer.getLicenseImport({ params: { id: job.id } })).status === 'finished') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const [license] = (await issuer.searchLicenses({ query: { licenseNumber: 'OFD-CL-0001' } })).items;
    expect(license).toMatchObject({ fileFormat: 'ofd', fileSha256: null });
    const ofd = await issuer.licenseFile({ params: { id: license!.id }, query: { format: 'ofd' } });
    expect((await verifyOfd(fromBase64(ofd.ofdBase64), { trustAnchors: await anchors() })).verdict).toBe(
      'VALID',
    );
  });

  test('the first run fixes the format: a resumed run without one issues OFD too, another one is refused', async () => {
    const job = await upload(issuer, orgs.deptA, BUSINESS_TYPE_CODE, [
      ['续跑OFD有限公司', '913502000728319549', 'OFD-CL-0002', '孙三', '2017-05-03'],
    ]);
    // A wrong PIN stops the run after it claimed the job: the job is interrupted, nothing issued.
    const first = await issuer.runLicenseImport({
      params: { id: job.id },
      body: { sealPin: 'wrong-pin', fileFormat: 'ofd' },
    });
    expect(first).toMatchObject({ status: 'running', fileFormat: 'ofd' });
    for (let i = 0; i < 100; i++) {
      if ((await issuer.getLicenseImport({ params: { id: job.id } })).interrupted) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await issuer.getLicenseImport({ params: { id: job.id } })).toMatchObject({
      interrupted: true,
      issued: 0,
    });
    const conflict = await rejected(
      issuer.runLicenseImport({ params: { id: job.id }, body: { sealPin: SEAL_PIN, fileFormat: 'pdf' } }),
    );
    expect(conflict.code).toBe('LICENSE_IMPORT_FORMAT_CONFLICT');
    expect((await issuer.searchLicenses({ query: { licenseNumber: 'OFD-CL-0002' } })).total).toBe(0);

    await issuer.runLicenseImport({ params: { id: job.id }, body: { sealPin: SEAL_PIN } });
    for (let i = 0; i < 200; i++) {
      if ((await issuer.getLicenseImport({ params: { id: job.id } })).status === 'finished') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const [license] = (await issuer.searchLicenses({ query: { licenseNumber: 'OFD-CL-0002' } })).items;
    expect(license).toMatchObject({ fileFormat: 'ofd', fileSha256: null });
  });

  test('OFD with an ECDSA seal: the run is refused before it starts; the job stays validated', async () => {
    const job = await upload(ecdsa.issuer, orgs.deptB, ecdsa.typeCode, [
      ['存量ECDSA有限公司', '91350200776049653A', 'EC-CL-0001', '钱二', '2016-04-02'],
    ]);
    const refused = await rejected(
      ecdsa.issuer.runLicenseImport({
        params: { id: job.id },
        body: { sealPin: SEAL_PIN, fileFormat: 'ofd' },
      }),
    );
    expect(refused.code).toBe('LICENSE_OFD_SEAL_UNSUITABLE');
    expect((await ecdsa.issuer.getLicenseImport({ params: { id: job.id } })).status).toBe('validated');
    expect((await ecdsa.issuer.searchLicenses({ query: { licenseNumber: 'EC-CL-0001' } })).total).toBe(0);
  });
});
