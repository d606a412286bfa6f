import type { Client } from '@zhengyin/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUSINESS_TYPE_CODE, NEW_PASSWORD, publishedTypeWithSeal } from '@zhengyin/server/testing';
import type { ConsoleHarness } from './harness.js';
import { loginThroughPage, startConsoleHarness } from './harness.js';
import {
  changeLicenseViaUi,
  downloadLicensePdf,
  fillIssueForm,
  issueLicenseViaUi,
} from './steps/licenses.js';

let h: ConsoleHarness;
let issuer: Client;
let username: string;
let page: Page;
let issued: { licenseId: string; identifier: string };

beforeAll(async () => {
  h = await startConsoleHarness();
  const orgs = await h.platform.seedOrgs();
  ({ issuer } = await publishedTypeWithSeal(h.platform, orgs.deptA, orgs.provinceCode));
  username = (await issuer.me()).user.username;
  page = await h.newPage();
  // Renders and signatures share two cores with other runs: give actions room.
  page.setDefaultTimeout(60_000);
  await loginThroughPage(page, username, NEW_PASSWORD);
}, 120_000);
afterAll(async () => h?.close());

/** Polls wait long: the machine is shared with other test runs. */
const WAIT = { timeout: 20_000 };

const holderCount = async (holderName: string) =>
  (await issuer.searchLicenses({ query: { holderName } })).total;

describe('licences in the staff console', { timeout: 90_000 }, () => {
  test('an issuer issues a licence through the form generated from the type; the server holds exactly that', async () => {
    await fillIssueForm(page, {
      typeName: '营业执照',
      holder: { name: '界面签发科技有限公司', code: '91350100M000100Y43', codeType: '001' },
      data: { FDDBR: '王小明', CLRQ: '2021-03-15', ZCZB: '250' },
    });
    // The labels of the type's data items are the form's labels.
    expect(await page.getByLabel('法定代表人').inputValue()).toBe('王小明');
    await h.screenshot(page, 'licenses-issue');
    await page.getByRole('button', { name: '签发', exact: true }).click();
    await page.waitForURL(/\/console\/licenses\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    const licenseId = new URL(page.url()).pathname.split('/').pop() as string;

    const license = await issuer.getLicense({ params: { id: licenseId } });
    expect(license).toMatchObject({
      status: 'valid',
      typeCode: BUSINESS_TYPE_CODE,
      holder: { name: '界面签发科技有限公司', code: '91350100M000100Y43', codeType: '001' },
      data: { FDDBR: '王小明', CLRQ: '2021-03-15', ZCZB: 250 },
      longTerm: true,
    });
    await expect.poll(() => page.getByText(license.identifier).count(), WAIT).toBeGreaterThan(0);
    issued = { licenseId, identifier: license.identifier };
    h.assertNoConsoleErrors();
  });

  test('a wrong holder code shows the check-digit error at the field and issues nothing; a double click issues once', async () => {
    h.allowConsoleError(/status of 400 .*\/api\/v1\/licenses\)$/);
    const holder = { name: '校验位测试有限公司', code: '91350100M000100Y44' };
    await fillIssueForm(page, { typeName: '营业执照', holder, data: { FDDBR: '赵六', CLRQ: '2020-01-02' } });
    await page.getByRole('button', { name: '签发', exact: true }).click();
    const fieldError = page.locator('#license_holder_code_help');
    await expect.poll(() => fieldError.textContent(), WAIT).toContain('统一社会信用代码');
    await expect
      .poll(() => page.locator('.ant-message').textContent(), WAIT)
      .toContain('LICENSE_DATA_INVALID');
    expect(page.url()).toMatch(/\/console\/licenses\/issue$/);
    expect(await holderCount(holder.name)).toBe(0);

    await page.getByLabel('持证主体代码', { exact: true }).fill('91350200776049653A');
    await expect.poll(() => fieldError.count(), WAIT).toBe(0);
    await page.getByRole('button', { name: '签发', exact: true }).dblclick();
    await page.waitForURL(/\/console\/licenses\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    await new Promise((r) => setTimeout(r, 1000));
    expect(await holderCount(holder.name)).toBe(1);
    h.assertNoConsoleErrors();
  });

  test('the step functions issue through the UI and download the signed PDF', async () => {
    const typeId = (await issuer.listLicenseTypes({ query: { status: 'published' } })).items[0]?.id;
    const out = await issueLicenseViaUi(page, {
      typeId,
      holder: { name: '步骤函数有限公司', code: '913502000728319549' },
      data: { FDDBR: '钱七', CLRQ: '2019-09-09' },
    });
    const license = await issuer.getLicense({ params: { id: out.licenseId } });
    expect(out.identifier).toBe(license.identifier);
    const pdf = await downloadLicensePdf(page, out.licenseId);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const f = await issuer.licenseFile({ params: { id: out.licenseId } });
    expect(pdf.equals(Buffer.from(f.pdfBase64 ?? '', 'base64'))).toBe(true);
    h.assertNoConsoleErrors();
  });

  test('the detail page shows the data, file digests and the page-1 preview image', async () => {
    await page.goto(`/console/licenses/${issued.licenseId}`);
    const preview = page.getByRole('img', { name: /证照PDF文件第 1 页预览/ });
    await preview.waitFor();
    await expect
      .poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), WAIT)
      .toBeGreaterThan(300);
    const license = await issuer.getLicense({ params: { id: issued.licenseId } });
    expect(await page.getByText(license.fileSha256 as string).count()).toBe(1);
    expect(await page.getByText('王小明').count()).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: '版本与变更记录' }).count()).toBe(1);
    await h.screenshot(page, 'licenses-detail');
    h.assertNoConsoleErrors();
  });

  test('a lifecycle action needs its reason, changes the status and appears in the history', async () => {
    await page.goto(`/console/licenses/${issued.licenseId}`);
    await page
      .getByRole('group', { name: '证照操作' })
      .getByRole('button', { name: '暂扣', exact: true })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '确认暂扣' }).click();
    await expect.poll(() => dialog.textContent(), WAIT).toContain('请填写原因');
    expect((await issuer.getLicense({ params: { id: issued.licenseId } })).status).toBe('valid');
    await dialog.getByRole('button', { name: /取消|Cancel/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    await changeLicenseViaUi(page, issued.licenseId, '暂扣', '经营场所核查期间暂扣');
    await expect
      .poll(async () => (await issuer.getLicense({ params: { id: issued.licenseId } })).status, WAIT)
      .toBe('suspended');
    const history = page.getByTestId('license-history');
    await expect.poll(() => history.textContent(), WAIT).toContain('经营场所核查期间暂扣');
    expect(await history.textContent()).toContain('暂扣');
    const events = await issuer.licenseHistory({ params: { id: issued.licenseId } });
    expect(events.events.at(-1)).toMatchObject({ action: 'suspend', reason: '经营场所核查期间暂扣' });
    h.assertNoConsoleErrors();
  });

  test('search by holder name and status lists the licence with its status tag', async () => {
    await page.goto('/console/licenses');
    await page.getByLabel('持证主体名称').fill('界面签发');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/holderName=/);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    expect(await rows.first().textContent()).toContain('暂扣');
    await page.goto('/console/licenses');
    await expect.poll(() => rows.count(), WAIT).toBe(3);
    await h.screenshot(page, 'licenses-search');
    h.assertNoConsoleErrors();
  });

  test('bulk import: columns auto-mapped, one bad row rejected, progress to 100 %, rejection report lists it', async () => {
    const csv = [
      '企业名称,统一社会信用代码,证照编号,法定代表人,成立日期,注册资本',
      '导入一号有限公司,91350200776049653A,DR-0001,孙一,2015/3/1,100',
      '导入二号有限公司,91350100M000100Y40,DR-0002,孙二,2016-04-02,200',
      '导入三号有限公司,91320115MA202UKD7X,DR-0003,孙三,2017年5月3日,300',
    ].join('\n');
    await page.goto('/console/licenses');
    await page.getByRole('button', { name: '批量导入' }).click();
    await page.waitForURL(/\/imports\/new$/);
    await page.getByLabel('证照类型').click();
    await page.getByLabel('证照类型').fill('营业执照');
    await page.keyboard.press('Enter');
    await page.locator('input[type=file]').setInputFiles({
      name: 'existing.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${csv}\n`),
    });
    await page.getByRole('button', { name: '下一步：字段映射' }).click();
    await page.getByText('3 行数据').waitFor();
    for (const [label, header] of [
      ['持证主体名称', '企业名称'],
      ['持证主体代码', '统一社会信用代码'],
      ['证照编号', '证照编号'],
      ['法定代表人', '法定代表人'],
      ['注册资本（万元）', '注册资本'],
    ])
      expect(await page.getByRole('row').filter({ hasText: label }).first().textContent()).toContain(header);

    await page.getByRole('button', { name: '下一步：校验' }).click();
    await page.getByText('被拒绝的行').waitFor();
    expect(await page.locator('.ant-table-tbody').last().textContent()).toContain('holder.code');
    await page.getByLabel('印章 PIN 码').fill('246810');
    await page.getByRole('button', { name: '确认导入 2 条' }).click();
    await page.getByText('导入完成：签发 2 条').waitFor({ timeout: 60_000 });
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    await h.screenshot(page, 'licenses-import');

    const jobId = new URL(page.url()).pathname.split('/').pop() as string;
    expect(await issuer.getLicenseImport({ params: { id: jobId } })).toMatchObject({
      status: 'finished',
      issued: 2,
      rejectedCount: 1,
    });
    expect((await issuer.searchLicenses({ query: { licenseNumber: 'DR-0003' } })).total).toBe(1);
    expect((await issuer.searchLicenses({ query: { licenseNumber: 'DR-0002' } })).total).toBe(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /下载拒绝报告（CSV）/ }).click(),
    ]);
    const { readFile } = await import('node:fs/promises');
    const report = (await readFile(await download.path())).toString('utf8');
    expect(report).toContain('导入二号有限公司');
    expect(report).toContain('holder.code');
    expect(report).not.toContain('导入一号有限公司');
    h.assertNoConsoleErrors();
  });
});
