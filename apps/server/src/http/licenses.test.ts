import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expireLicenses } from '@zhengyin/core';
import { readLicenseMetadata, verifyPdf } from '@zhengyin/documents';
import { parseEcertIdentifier, validateUscc } from '@zhengyin/gm';
import { createClient, type Client } from '@zhengyin/sdk';
import { nodeAppSigner } from '@zhengyin/sdk/node';
import type { TestPlatform } from '../testing/index.js';
import {
  BUSINESS_TYPE_CODE,
  SEAL_PIN,
  businessLicenceContent,
  createTestPlatform,
  publishedTypeWithSeal,
  rejected,
} from '../testing/index.js';

let p: TestPlatform;
let orgs: Awaited<ReturnType<TestPlatform['seedOrgs']>>;
let issuer: Client;
let sealId: string;
let auditor: Client;
const dir = mkdtempSync(join(tmpdir(), 'licenses-'));

beforeAll(async () => {
  p = await createTestPlatform({ ZHENGYIN_PUBLIC_BASE_URL: 'https://zz.example.gov.cn' });
  orgs = await p.seedOrgs();
  ({ issuer, sealId } = await publishedTypeWithSeal(p, orgs.deptA, orgs.provinceCode));
  auditor = (await p.userWithRole('auditor', { regionCode: orgs.provinceCode })).client;
}, 60_000);
afterAll(() => p.close());

const item = (name: string, code: string, extra: Record<string, unknown> = {}) => ({
  holder: { name, code },
  data: { FDDBR: '李四', CLRQ: '2021-03-15', ZCZB: 500 },
  ...extra,
});

const issueOne = (body: Record<string, unknown>) =>
  issuer.issueLicense({
    body: { typeCode: BUSINESS_TYPE_CODE, departmentId: orgs.deptA, sealPin: SEAL_PIN, ...body } as never,
  });

async function fileOf(id: string) {
  const f = await issuer.licenseFile({ params: { id } });
  return new Uint8Array(Buffer.from(f.pdfBase64, 'base64'));
}

async function anchors() {
  const cas = await p.ctx.deps.uow.run((r) => r.certificateAuthorities.list());
  return cas.map((ca) => ca.certificate);
}

describe('licence issuance (制证签发) over HTTP', () => {
  test('one licence: identifier, signed file, embedded metadata equal to the record, text extractable', async () => {
    const license = await issueOne({ item: item('西安证印科技有限公司', '91350100M000100Y43') });
    expect(license).toMatchObject({ status: 'valid', version: 1, longTerm: true, validTo: null });
    const id = parseEcertIdentifier(license.identifier, { strict: true });
    expect(id.valid).toBe(true);
    expect(id.valid && id.typeCode).toBe(BUSINESS_TYPE_CODE);
    expect(id.valid && id.version).toBe('001');
    expect(validateUscc(license.issuerCode).valid).toBe(true);

    const pdf = await fileOf(license.id);
    const report = await verifyPdf(pdf, { trustAnchors: await anchors() });
    expect(report.verdict).toBe('VALID');
    expect(report.signatures[0]?.signer?.algorithm).toMatch(/sm2/i);

    const meta = readLicenseMetadata(pdf);
    const attachment = meta.attachment?.json as { metadata: Record<string, unknown>; data: unknown };
    expect(attachment.metadata).toEqual({
      certificateName: '营业执照',
      certificateTypeName: '营业执照',
      certificateTypeCode: BUSINESS_TYPE_CODE,
      certificateNumber: license.licenseNumber,
      certificateIdentifier: license.identifier,
      certificateIssuingAuthorityName: '西安市市场监督管理局',
      certificateIssuingAuthorityCode: license.issuerCode,
      certificateIssuedDate: license.issueDate,
      certificateHolderName: '西安证印科技有限公司',
      certificateHolderCode: '91350100M000100Y43',
      certificateHolderTypeName: '统一社会信用代码',
      certificateHolderTypeCode: '001',
      certificateEffectiveDate: license.validFrom,
      certificateExpiringDate: '长期',
      certificateAreaCode: '610100',
    });
    expect(attachment.data).toEqual(license.data);
    expect(meta.xmp).toMatchObject({
      ZZBS: license.identifier,
      CZZT: '西安证印科技有限公司',
      ZZYXQJZRQ: '长期',
    });

    const file = join(dir, 'one.pdf');
    writeFileSync(file, pdf);
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    expect(text).toContain('西安证印科技有限公司');
    expect(text).toContain(license.licenseNumber);
    expect(text).toContain('2021年3月15日');

    const found = await auditor.getLicense({ params: { id: license.identifier } });
    expect(found.id).toBe(license.id);
    const events = await auditor.listAuditEvents({ query: { action: 'licenses.issued' } });
    expect(events.items.map((e) => e.target.id)).toContain(license.id);
  });

  test('batch: per-item results; a retry with the same key issues nothing twice; another body is refused', async () => {
    const body = {
      typeCode: BUSINESS_TYPE_CODE,
      departmentId: orgs.deptA,
      sealPin: SEAL_PIN,
      idempotencyKey: 'batch-2026-11-22-001',
      items: [
        item('甲有限公司', '91350200776049653A', { licenseNumber: 'YZ-0001' }),
        item('乙有限公司', '91350200776049653B'),
        item('丙有限公司', '913502000728319549', { licenseNumber: 'YZ-0001' }),
        item('丁有限公司', '91320115MA202UKD7X', { data: { FDDBR: '王五', CLRQ: '2021-02-30' } }),
      ],
    };
    const first = await issuer.issueLicenses({ body });
    expect(first.issued).toBe(1);
    expect(first.results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'ok',
      'LICENSE_DATA_INVALID',
      'LICENSE_NUMBER_EXISTS',
      'LICENSE_DATA_INVALID',
    ]);
    const bad = first.results[1];
    expect(!bad?.ok && JSON.stringify(bad?.error.details)).toContain('holder.code');
    const date = first.results[3];
    expect(!date?.ok && JSON.stringify(date?.error.details)).toContain('CLRQ');

    const again = await issuer.issueLicenses({ body });
    const [r0] = again.results;
    expect(r0?.ok && r0.replayed).toBe(true);
    expect(r0?.ok && first.results[0]?.ok && r0.license.id).toBe(first.results[0].license.id);
    const page = await issuer.searchLicenses({ query: { licenseNumber: 'YZ-0001' } });
    expect(page.total).toBe(1);

    const changed = { ...body, items: [item('戊有限公司', '91350100M000100Y43')] };
    expect((await rejected(issuer.issueLicenses({ body: changed }))).code).toBe(
      'LICENSE_IDEMPOTENCY_CONFLICT',
    );
  });

  test('a business system (app with the licenses:issue scope) issues for its own department only', async () => {
    const admin = await p.adminClient();
    const { app, secret } = await admin.createApp({
      body: { name: '登记业务系统', departmentId: orgs.deptA, scopes: ['licenses:issue'] },
    });
    const appClient = createClient({
      baseUrl: 'http://zhengyin.test',
      fetch: p.fetchFrom(),
      signer: nodeAppSigner({ appKey: app.appKey, secret, now: () => p.clock.now().getTime() }),
    });
    const l = await appClient.issueLicense({
      body: {
        typeCode: BUSINESS_TYPE_CODE,
        departmentId: orgs.deptA,
        sealPin: SEAL_PIN,
        item: item('接口签发有限公司', '91350100M000100Y43'),
      },
    });
    expect(l.status).toBe('valid');
    const elsewhere = await rejected(
      appClient.issueLicense({
        body: {
          typeCode: BUSINESS_TYPE_CODE,
          departmentId: orgs.deptB,
          sealPin: SEAL_PIN,
          item: item('接口签发有限公司', '91350100M000100Y43'),
        },
      }),
    );
    expect(elsewhere.code).toBe('AUTH_FORBIDDEN');
  });

  test('bad requests issue nothing: other department, unknown or unpublished type, wrong PIN, dates, glyphs', async () => {
    const before = (await issuer.searchLicenses({ query: {} })).total;
    const other = (await p.userWithRole('issuer', { departmentId: orgs.deptB })).client;
    const asOther = await rejected(
      other.issueLicense({
        body: {
          typeCode: BUSINESS_TYPE_CODE,
          departmentId: orgs.deptB,
          sealPin: SEAL_PIN,
          item: item('某公司', '91350100M000100Y43'),
        },
      }),
    );
    expect(asOther.code).toBe('LICENSE_ISSUER_NOT_ALLOWED');
    expect(
      (
        await rejected(
          issueOne({ typeCode: '11100000000013338W999', item: item('某公司', '91350100M000100Y43') }),
        )
      ).code,
    ).toBe('CATALOG_TYPE_NOT_FOUND');
    const draft = await issuer.createLicenseType({
      body: {
        departmentId: orgs.deptA,
        typeCode: '11100000000013338W050',
        content: businessLicenceContent(sealId, [orgs.deptA]),
      },
    });
    expect(
      (await rejected(issueOne({ typeCode: draft.typeCode, item: item('某公司', '91350100M000100Y43') })))
        .code,
    ).toBe('LICENSE_TYPE_NOT_PUBLISHED');
    expect(
      (await rejected(issueOne({ sealPin: '000000', item: item('某公司', '91350100M000100Y43') }))).code,
    ).toBe('KEYS_PIN_INVALID');
    const missing = await rejected(issueOne({ item: item('某\u{F0000}公司', '91350100M000100Y43') }));
    expect(missing.code).toBe('LICENSE_GLYPH_MISSING');
    expect((missing.details as { characters: string[] }).characters).toEqual(['\u{F0000}']);
    const future = await rejected(
      issueOne({ item: item('某公司', '91350100M000100Y43', { issueDate: '2099-01-01' }) }),
    );
    expect(future.code).toBe('LICENSE_DATA_INVALID');
    expect(JSON.stringify(future.details)).toContain('issueDate');
    expect((await issuer.searchLicenses({ query: {} })).total).toBe(before);
  });

  test('变更 gives version 002 with a new check character; the old version is superseded but retrievable', async () => {
    const v1 = await issueOne({
      item: item('更名前有限公司', '91350100M000100Y43', { licenseNumber: 'BG-1' }),
    });
    const { license: v2, superseded } = await issuer.updateLicense({
      params: { id: v1.id },
      body: { reason: '名称变更', changes: { holderName: '更名后有限公司' }, sealPin: SEAL_PIN },
    });
    expect(v2.identifier.slice(0, -5)).toBe(v1.identifier.slice(0, -5));
    expect(v2.identifier).toMatch(/\.002\.[0-9A-Z]$/);
    expect(parseEcertIdentifier(v2.identifier).valid).toBe(true);
    expect(superseded.status).toBe('superseded');
    expect(v2).toMatchObject({ version: 2, seriesId: v1.seriesId, licenseNumber: 'BG-1', status: 'valid' });
    const search = await issuer.searchLicenses({ query: { licenseNumber: 'BG-1' } });
    expect(search.items.map((l) => l.id)).toEqual([v2.id]);
    const history = await issuer.licenseHistory({ params: { id: v2.id } });
    expect(history.versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'superseded'],
      [2, 'valid'],
    ]);
    expect(history.events.map((e) => e.action)).toEqual(['issue', 'update', 'issue']);
    const old = await fileOf(v1.id);
    expect(
      (readLicenseMetadata(old).attachment?.json as { metadata: { certificateHolderName: string } }).metadata
        .certificateHolderName,
    ).toBe('更名前有限公司');
    expect(
      (
        await rejected(
          issuer.updateLicense({
            params: { id: v1.id },
            body: { reason: '再次变更', changes: {}, sealPin: SEAL_PIN },
          }),
        )
      ).code,
    ).toBe('LICENSE_INVALID_TRANSITION');
  });

  test('the QR lookup shows anyone the current status and masked data, only with the right token', async () => {
    const anyone = p.client();
    const token = (identifier: string) => p.ctx.licensing.tokens.token(identifier);
    const look = (identifier: string, t = token(identifier)) =>
      anyone.publicLicenseStatus({ params: { identifier }, query: { t } });
    const v1 = await issueOne({
      item: item('扫码查验有限公司', '91350100M000100Y43', { licenseNumber: 'QR-1' }),
    });
    expect(await look(v1.identifier)).toMatchObject({
      status: 'valid',
      statusName: '有效',
      typeName: '营业执照',
      issuerName: '西安市市场监督管理局',
      holderName: '扫码查验有限公司',
      holderCode: '9135**********0Y43',
      validTo: '长期',
      supersededBy: null,
      data: { 法定代表人: '李*', 成立日期: '2021-03-15' },
    });
    const forged = await rejected(
      look(
        v1.identifier,
        token(v1.identifier).replace(/^./, (c) => (c === 'A' ? 'B' : 'A')),
      ),
    );
    expect([forged.status, forged.code]).toEqual([404, 'LICENSE_NOT_FOUND']);
    const { license: v2 } = await issuer.updateLicense({
      params: { id: v1.id },
      body: { reason: '变更住所', changes: { data: { ZCZB: 800 } }, sealPin: SEAL_PIN },
    });
    expect(await look(v1.identifier)).toMatchObject({ status: 'superseded', supersededBy: v2.identifier });
    await issuer.changeLicense({
      params: { id: v2.id },
      body: { action: 'cancel', reason: '企业申请注销', reasonCode: 'normal' },
    });
    expect(await look(v2.identifier)).toMatchObject({ status: 'cancelled', statusName: '已注销' });
  });

  test('lifecycle actions with reasons; illegal transitions refused; each audited', async () => {
    const l = await issueOne({ item: item('状态测试有限公司', '91350100M000100Y43') });
    const act = (action: string, extra: Record<string, unknown> = {}) =>
      issuer.changeLicense({
        params: { id: l.id },
        body: { action, reason: `测试${action}`, ...extra } as never,
      });
    expect((await act('suspend')).status).toBe('suspended');
    expect((await rejected(act('pledge', { pledgee: '某银行' }))).code).toBe('LICENSE_INVALID_TRANSITION');
    expect((await act('resume')).status).toBe('valid');
    expect((await act('pledge', { pledgee: '某银行' })).status).toBe('pledged');
    expect((await act('inspect', { inspection: { result: '合格', date: '2026-11-01' } })).status).toBe(
      'pledged',
    );
    expect((await act('release')).status).toBe('valid');
    expect((await rejected(act('cancel'))).code).toBe('LICENSE_DATA_INVALID');
    expect((await act('cancel', { reasonCode: 'issued_in_error' })).status).toBe('cancelled');
    expect((await rejected(act('resume'))).code).toBe('LICENSE_INVALID_TRANSITION');
    const history = await issuer.licenseHistory({ params: { id: l.id } });
    expect(history.events.map((e) => e.action)).toEqual([
      'issue',
      'suspend',
      'resume',
      'pledge',
      'inspect',
      'release',
      'cancel',
    ]);
    expect(history.events.at(-1)).toMatchObject({ reasonCode: 'issued_in_error', reason: '测试cancel' });
    const audit = await auditor.listAuditEvents({ query: { targetId: l.id } });
    expect(audit.items.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'licenses.issued',
        'licenses.suspended',
        'licenses.pledged',
        'licenses.inspected',
        'licenses.cancelled',
      ]),
    );
  });

  test('the expiry job expires licences after their last valid day, once', async () => {
    const fixed = await publishedTypeWithSeal(p, orgs.deptB, orgs.provinceCode, {
      typeCode: '11100000000013338W002',
      validity: { kind: 'fixed', years: 0, months: 0, days: 10 },
      sealName: '行政审批电子证照专用章',
    });
    const l = await fixed.issuer.issueLicense({
      body: {
        typeCode: fixed.typeCode,
        departmentId: orgs.deptB,
        sealPin: SEAL_PIN,
        item: item('到期测试有限公司', '91350100M000100Y43'),
      },
    });
    expect(l.validTo).toBe('2026-11-29');
    const order = await rejected(
      fixed.issuer.issueLicense({
        body: {
          typeCode: fixed.typeCode,
          departmentId: orgs.deptB,
          sealPin: SEAL_PIN,
          item: item('日期颠倒有限公司', '91350100M000100Y43', {
            validFrom: '2026-11-20',
            validTo: '2026-11-01',
          }),
        },
      }),
    );
    expect(order.code).toBe('LICENSE_DATA_INVALID');
    expect(JSON.stringify(order.details)).toContain('DATE_ORDER');
    expect(await expireLicenses(p.ctx.deps)).toBe(0);
    p.clock.advance(10 * 86_400_000);
    // Verifiers see the end of validity at once, before the job has run.
    const seen = await p.client().publicLicenseStatus({
      params: { identifier: l.identifier },
      query: { t: p.ctx.licensing.tokens.token(l.identifier) },
    });
    expect(seen.status).toBe('expired');
    expect(await expireLicenses(p.ctx.deps)).toBe(1);
    expect(await expireLicenses(p.ctx.deps)).toBe(0);
    const after = await p.ctx.deps.uow.run((r) => r.licenses.get(l.id));
    expect(after?.status).toBe('expired');
    p.clock.advance(-10 * 86_400_000);
  }, 60_000);

  test('template preview as PNG and PDF; publishing needs a template whose fixed texts every glyph covers', async () => {
    const types = await issuer.listLicenseTypes({ query: { status: 'published', q: BUSINESS_TYPE_CODE } });
    const id = types.items[0]?.id as string;
    const png = await issuer.previewLicenseType({ params: { id }, query: { format: 'png', dpi: 36 } });
    const bytes = Buffer.from(png.base64, 'base64');
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(Math.round((297 / 25.4) * 36));
    const pdf = await issuer.previewLicenseType({ params: { id }, query: { format: 'pdf' } });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    const catalogAdmin = (await p.userWithRole('catalog_admin', { regionCode: orgs.provinceCode })).client;
    const publish = async (typeCode: string, content: ReturnType<typeof businessLicenceContent>) => {
      const d = await issuer.createLicenseType({ body: { departmentId: orgs.deptA, typeCode, content } });
      await issuer.advanceLicenseType({ params: { id: d.id }, body: { action: 'submit' } });
      await catalogAdmin.advanceLicenseType({ params: { id: d.id }, body: { action: 'approve' } });
      return rejected(catalogAdmin.advanceLicenseType({ params: { id: d.id }, body: { action: 'publish' } }));
    };
    const base = businessLicenceContent(sealId, [orgs.deptA]);
    expect((await publish('11100000000013338W060', { ...base, faceTemplate: null as never })).code).toBe(
      'LICENSE_TEMPLATE_INVALID',
    );
    const face = structuredClone(base.faceTemplate);
    face.fixedTexts[0] = { ...face.fixedTexts[0]!, text: '营业\u{F0001}执照' };
    const glyph = await publish('11100000000013338W061', { ...base, faceTemplate: face });
    expect(glyph.code).toBe('LICENSE_GLYPH_MISSING');
    expect((glyph.details as { characters: string[] }).characters).toEqual(['\u{F0001}']);
  });
});
