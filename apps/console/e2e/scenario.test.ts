/**
 * The issue's end-to-end scenario, in one browser session per person, through the console only
 * (the API is used to check what the server holds, and for the two approvals the issue does not
 * name). Its screenshots `walkthrough-*` illustrate the README walkthrough.
 */
import { afterAll, beforeAll, expect, onTestFailed, test } from 'vitest';
import type { Page } from 'playwright-core';
import PDFDocument from 'pdfkit';
import {
  ADMIN_PASSWORD,
  NEW_PASSWORD,
  TEST_HOLDER_PASSWORD,
  ensureDevIdpHolder,
  testUscc,
} from '@zhengyin/server/testing';
import type { TestHolder } from '@zhengyin/server/testing';
import type { ConsoleHarness } from './harness.js';
import { loginThroughPage, startConsoleHarness } from './harness.js';
import { createAccountViaUi, createDepartmentViaUi, createRegionViaUi } from './steps/admin.js';
import {
  approveAndPublishType,
  chooseIssuingSeal,
  createType,
  designFace,
  submitType,
} from './steps/catalog.js';
import { approveFirstConsent, holderLoginViaUi } from './steps/holder.js';
import { downloadLicensePdf, issueLicenseViaUi } from './steps/licenses.js';
import { readMetricsViaUi } from './steps/metrics.js';
import { verifyFileViaUi } from './steps/public.js';
import { applyForSealViaUi, approveAndMakeSealViaUi, signPdfViaUi } from './steps/seals.js';
import { finishCounterUse, startCounterUse } from './steps/use.js';

const PIN = '135790';
const REGION = { code: '610100', name: '西安市' };
const ISSUING_DEPT = { name: '西安市市场监督管理局', uscc: testUscc('MA6T1A01') };
const USING_DEPT = { name: '西安市行政审批服务局', uscc: testUscc('MA6T1B02') };
const TYPE = {
  name: '食品经营许可证',
  code: '201',
  items: [{ code: 'KZ_JYCS', labelZh: '经营场所', labelEn: 'Premises', required: true }],
};
const holder: TestHolder = {
  name: '西安示例餐饮有限公司',
  holderCode: testUscc('MA6T1C03'),
  holderCodeType: '001',
};
const SERVICE_ITEM = { code: 'SX-SP-001', name: '食品经营许可变更' };

let h: ConsoleHarness;
const pages: Record<string, Page> = {};
const passwords: Record<string, string> = {};

/** A browser page of its own (cookies) for one person; saved as failed-scenario-NAME.png on failure. */
async function person(name: string, options: { width?: number } = {}) {
  const page = await h.newPage(options);
  pages[name] = page;
  onTestFailed(async () => void (await h.screenshot(page, `failed-scenario-${name}`).catch(() => undefined)));
  return page;
}
const shot = (page: Page, n: number, name: string) =>
  h.screenshot(page, `walkthrough-${String(n).padStart(2, '0')}-${name}`);

async function staff(
  username: string,
  role: Parameters<typeof createAccountViaUi>[1]['role'],
  scope: { departmentName?: string; regionCode?: string },
) {
  passwords[username] = await createAccountViaUi(pages.admin!, {
    username,
    displayName: `${username} 测试`,
    role,
    ...scope,
  });
  const page = await person(username);
  await loginThroughPage(page, username, passwords[username]!, NEW_PASSWORD);
  return page;
}

/** A two-page contract to seal (Latin text: the built-in PDF fonts need no CJK font). */
function contractPdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.fontSize(18).text('Service contract No. 2026-118', 72, 72);
    doc.fontSize(12).text('Party A and Party B agree as follows.', 72, 120);
    doc.addPage().fontSize(12).text('Signed and sealed below.', 72, 72);
    doc.end();
  });
}

beforeAll(async () => {
  h = await startConsoleHarness();
}, 120_000);
afterAll(async () => h?.close());

test(
  'first login to a verified, used and sealed licence, through the console',
  { timeout: 600_000 },
  async () => {
    const p = h.platform;
    onTestFailed(() => console.error('console errors:', h.consoleErrors()));

    // 1. The administrator logs in (one-time password changed), creates the region, two departments
    //    and the accounts: issuer, catalogue administrator, seal staff, counter operator.
    const admin = await person('admin');
    await loginThroughPage(admin, 'admin', ADMIN_PASSWORD, NEW_PASSWORD);
    await shot(admin, 1, 'home');
    await createRegionViaUi(admin, { code: '610000', name: '陕西省' });
    await createRegionViaUi(admin, { ...REGION, parentCode: '610000' });
    await createDepartmentViaUi(admin, { ...ISSUING_DEPT, regionCode: REGION.code });
    await createDepartmentViaUi(admin, { ...USING_DEPT, regionCode: REGION.code });
    await shot(admin, 2, 'organisations');
    const issuer = await staff('zhang.issuer', 'issuer', { departmentName: ISSUING_DEPT.name });
    await shot(admin, 3, 'accounts');
    const catalogAdmin = await staff('li.catalog', 'catalog_admin', { regionCode: REGION.code });
    const sealAdmin = await staff('wang.sealadmin', 'seal_admin', { departmentName: ISSUING_DEPT.name });
    const keeper = await staff('zhao.keeper', 'seal_keeper', { departmentName: ISSUING_DEPT.name });
    const approver = await staff('qian.approver', 'approver', { departmentName: ISSUING_DEPT.name });
    const operator = await staff('sun.operator', 'user_operator', { departmentName: USING_DEPT.name });
    const sdk = await p.loginAs('admin', NEW_PASSWORD);
    const departments = await sdk.listDepartments({ query: { q: '西安市' } });
    expect(departments.items.map((d) => d.name).sort()).toEqual([USING_DEPT.name, ISSUING_DEPT.name].sort());
    const usingDeptId = departments.items.find((d) => d.name === USING_DEPT.name)!.id;

    // 2. The department's seal: applied for, approved, made under a PIN, filed (备案).
    const { sealId } = await applyForSealViaUi(sealAdmin, {
      department: ISSUING_DEPT.name,
      name: `${ISSUING_DEPT.name}电子公章`,
      keeper: 'zhao.keeper',
    });
    await approveAndMakeSealViaUi({ approver, keeper, sealAdmin }, sealId, { pin: PIN });
    await shot(sealAdmin, 4, 'seal');

    // 3. The issuer designs a licence type, binds the seal and submits; the catalogue administrator
    //    approves and publishes it.
    const { typeId, typeCode } = await createType(issuer, TYPE);
    await designFace(issuer, typeId, { ...TYPE, sample: { KZ_JYCS: '西安市雁塔区科技路 1 号' } });
    await issuer.getByRole('img', { name: '照面预览' }).waitFor();
    await shot(issuer, 5, 'designer');
    await chooseIssuingSeal(issuer, typeId, `${ISSUING_DEPT.name}电子公章`);
    await submitType(issuer, typeId);
    await approveAndPublishType(catalogAdmin, typeId);
    await shot(catalogAdmin, 6, 'published');
    const published = await p
      .loginAs('li.catalog', NEW_PASSWORD)
      .then((c) => c.getLicenseType({ params: { id: typeId } }));
    expect([published.status, published.sealId]).toEqual(['published', sealId]);

    // 4. The issuer issues a licence from the form generated from the type.
    const { licenseId } = await issueLicenseViaUi(issuer, {
      typeId,
      holder: { name: holder.name, code: holder.holderCode },
      data: { KZ_JYCS: '西安市雁塔区科技路 1 号' },
      sealPin: PIN,
    });
    await shot(issuer, 7, 'licence');
    const pdf = await downloadLicensePdf(issuer, licenseId);

    // 5. Anyone verifies the file on the public page: valid.
    const visitor = await person('visitor', { width: 375 });
    const report = await verifyFileViaUi(visitor, { name: 'licence.pdf', buffer: pdf });
    expect(report.verdict).toBe('VALID');
    await shot(visitor, 8, 'verified');

    // 6. The using department's approved use-list line (its own approval is the region's, via the API).
    const op = await p.loginAs('sun.operator', NEW_PASSWORD);
    const line = await op.createUseListEntry({
      body: {
        departmentId: usingDeptId,
        itemCode: SERVICE_ITEM.code,
        itemName: SERVICE_ITEM.name,
        licenseTypeCode: typeCode,
        dataItems: ['KZ_JYCS'],
        purpose: '核验经营场所',
        dutyBased: false,
      },
    });
    await op.advanceUseListEntry({ params: { id: line.id }, body: { action: 'submit' } });
    const { initialPassword } = await sdk.createUser({
      body: {
        username: 'zhou.region',
        displayName: '周 地区管理员',
        roles: [{ role: 'region_admin', regionCode: REGION.code }],
      },
    });
    const regionAdmin = await p.loginAs('zhou.region', initialPassword);
    await regionAdmin.advanceUseListEntry({ params: { id: line.id }, body: { action: 'approve' } });

    // 7. The counter asks for the holder's consent; the holder logs in (development IdP), sees the
    //    licence and approves; the counter sees the allowed data and downloads a 加注件.
    const { contextId } = await startCounterUse(operator, {
      useListLine: SERVICE_ITEM.name,
      holderCode: holder.holderCode,
      mode: 'consent',
    });
    await ensureDevIdpHolder(p, holder);
    const holderPage = await person('holder', { width: 375 });
    await holderLoginViaUi(holderPage, {
      username: `h-${holder.holderCode.toLowerCase()}`,
      password: TEST_HOLDER_PASSWORD,
    });
    await holderPage.getByText(TYPE.name).first().waitFor();
    await shot(holderPage, 9, 'holder');
    await approveFirstConsent(holderPage);
    const { annotatedPdf } = await finishCounterUse(operator, contextId);
    await shot(operator, 10, 'counter');
    const annotated = await verifyFileViaUi(visitor, { name: 'annotated.pdf', buffer: annotatedPdf });
    expect(annotated.verdict).toBe('VALID');

    // 8. The keeper seals an uploaded contract on page 2 after the approver's consent.
    const sealed = await signPdfViaUi(
      { keeper, approver },
      { sealId, pdf: await contractPdf(), click: { page: 2, xPt: 420, yPt: 200 }, pin: PIN },
    );
    await shot(keeper, 11, 'sealed');
    const sealedReport = await p.client().verifyPdf({ body: { pdfBase64: sealed.toString('base64') } });
    expect([sealedReport.verdict, sealedReport.signatures.length]).toEqual(['VALID', 1]);

    // 9. The metrics page counts what happened.
    const figures = await readMetricsViaUi(admin, { regionCode: REGION.code });
    expect(figures.issued).toBe(1);
    expect(figures.annotatedCopies).toBeGreaterThanOrEqual(1);
    expect(figures.verified).toBeGreaterThanOrEqual(2);
    await shot(admin, 12, 'metrics');

    h.assertNoConsoleErrors();
  },
);
