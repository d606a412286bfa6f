import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import QRCode from 'qrcode';
import type { Client } from '@zhengyin/sdk';
import {
  BUSINESS_TYPE_CODE,
  NEW_PASSWORD,
  SEAL_PIN,
  loginHolder,
  publishedTypeWithSeal,
  testUscc,
} from '@zhengyin/server/testing';
import type { TestHolder } from '@zhengyin/server/testing';
import type { Page } from 'playwright-core';
import type { ConsoleHarness } from './harness.js';
import { loginThroughPage, startConsoleHarness } from './harness.js';
import { chooseOption, finishCounterUse, startCounterUse, submitCounterCase } from './steps/use.js';

let h: ConsoleHarness;
let orgs: Awaited<ReturnType<ConsoleHarness['platform']['seedOrgs']>>;
let admin: Client;
let issuer: Client;
let licence: { id: string; identifier: string };
const holder: TestHolder = {
  name: '西安柜台测试科技有限公司',
  holderCode: testUscc('MA6T0C01'),
  holderCodeType: '001',
};
const ITEM_NAME = '企业开办';
const COUNTER_ITEM = { code: 'SX-BG-001', name: '企业变更登记' };
const DAY_MS = 86_400_000;

/** Staff accounts the browser logs in with (created through the API; first password already changed). */
const accounts: Record<string, string> = {};

async function account(key: string, role: string, scope: { regionCode?: string; departmentId?: string }) {
  const username = `use-${key}`;
  const { initialPassword } = await admin.createUser({
    body: { username, displayName: `${key} 测试`, roles: [{ role, ...scope } as never] },
  });
  accounts[key] = username;
  return h.platform.loginAs(username, initialPassword);
}

const login = (key: string, page: Page) => loginThroughPage(page, accounts[key]!, NEW_PASSWORD);
const sdk = (key: string) => h.platform.loginAs(accounts[key]!, NEW_PASSWORD);

/** A new page that is saved as failed-NAME.png when the test fails, to see what went wrong. */
async function watchedPage(name: string): Promise<Page> {
  const page = await h.newPage();
  onTestFailed(async () => void (await h.screenshot(page, `failed-${name}`).catch(() => undefined)));
  return page;
}

beforeAll(async () => {
  h = await startConsoleHarness({
    // The last test moves the server clock ten days on; sessions made after that must still work.
    ZHENGYIN_SESSION_IDLE_MINUTES: '1440',
  });
  const p = h.platform;
  orgs = await p.seedOrgs();
  admin = await p.adminClient();
  ({ issuer } = await publishedTypeWithSeal(p, orgs.deptA, orgs.provinceCode));
  licence = await issuer.issueLicense({
    body: {
      typeCode: BUSINESS_TYPE_CODE,
      departmentId: orgs.deptA,
      sealPin: SEAL_PIN,
      item: {
        holder: { name: holder.name, code: holder.holderCode },
        data: { FDDBR: '王五', CLRQ: '2021-03-15', ZCZB: 500 },
      },
    } as never,
  });
  const operator = await account('operator', 'user_operator', { departmentId: orgs.deptB });
  const regionAdmin = await account('regionadmin', 'region_admin', { regionCode: orgs.cityCode });
  await account('issuer', 'issuer', { departmentId: orgs.deptA });
  // The counter's approved use-list line (the UI test below drafts another one).
  const line = await operator.createUseListEntry({
    body: {
      departmentId: orgs.deptB,
      itemCode: COUNTER_ITEM.code,
      itemName: COUNTER_ITEM.name,
      licenseTypeCode: BUSINESS_TYPE_CODE,
      dataItems: ['FDDBR', 'CLRQ'],
      purpose: '核验企业登记信息',
      dutyBased: false,
    },
  });
  await operator.advanceUseListEntry({ params: { id: line.id }, body: { action: 'submit' } });
  await regionAdmin.advanceUseListEntry({ params: { id: line.id }, body: { action: 'approve' } });
}, 180_000);
afterAll(async () => h?.close());

describe('use lists (用证清单)', () => {
  test('the operator drafts and submits a line, the region administrator approves it', async () => {
    const page = await watchedPage('use-lists');
    await login('operator', page);
    await page.goto('/console/use');
    await page.getByRole('button', { name: '新增清单条目' }).click();
    const dialog = page.getByRole('dialog');

    // Nothing filled in: the form names what is missing and nothing is created.
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => dialog.getByText('请填写事项编码').count()).toBe(1);
    const operator = await sdk('operator');
    const drafts = () => operator.listUseListEntries({ query: { itemCode: 'SX-KB-001' } });
    expect((await drafts()).total).toBe(0);

    await dialog.getByLabel('事项编码').fill('SX-KB-001');
    await dialog.getByLabel('事项名称').fill(ITEM_NAME);
    await chooseOption(page, '证照类型', '营业执照');
    await chooseOption(page, '可获取的数据项', '法定代表人');
    await chooseOption(page, '可获取的数据项', '成立日期');
    await dialog.getByText('新增用证清单条目').click();
    await dialog.getByLabel('用途').fill('核验企业登记信息');
    await dialog.getByLabel('允许依职能用证').click();
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(async () => (await drafts()).total).toBe(1);
    const [draft] = (await drafts()).items;
    expect(draft).toMatchObject({
      itemCode: 'SX-KB-001',
      itemName: ITEM_NAME,
      licenseTypeCode: BUSINESS_TYPE_CODE,
      dataItems: ['FDDBR', 'CLRQ'],
      dutyBased: true,
      status: 'draft',
    });

    await page.getByRole('button', { name: '提交审核' }).click();
    await expect
      .poll(async () => (await operator.getUseListEntry({ params: { id: draft!.id } })).status)
      .toBe('submitted');

    const reviewer = await watchedPage('use-lists-review');
    await login('regionadmin', reviewer);
    await reviewer.goto('/console/use');
    await reviewer.getByRole('button', { name: '批准' }).click();
    await reviewer.getByRole('tooltip').getByRole('button', { name: '批准' }).click();
    await expect
      .poll(async () => (await operator.getUseListEntry({ params: { id: draft!.id } })).status)
      .toBe('approved');
    await expect.poll(() => reviewer.getByText('已批准').count()).toBeGreaterThan(0);
    await h.screenshot(reviewer, 'use-lists');
    h.assertNoConsoleErrors();
  }, 120_000);
});

describe('counter use (柜台用证)', () => {
  test('consent: the holder approves, the counter sees only the allowed data and downloads a valid 加注件', async () => {
    const page = await watchedPage('use-counter');
    await login('operator', page);
    const { contextId } = await startCounterUse(page, {
      useListLine: COUNTER_ITEM.name,
      holderCode: holder.holderCode,
      mode: 'consent',
    });
    await expect.poll(() => page.getByTestId('context-status').textContent()).toBe('等待持证人授权');
    await expect.poll(() => page.getByRole('timer').textContent()).toMatch(/剩余时间 \d\d:\d\d/);
    await h.screenshot(page, 'use-counter');

    const holderSession = await loginHolder(h.platform, holder);
    const pending = await holderSession.client.listPendingConsents();
    expect(pending.items.map((c) => c.contextId)).toContain(contextId);
    await holderSession.client.decideConsent({ params: { id: contextId }, body: { approve: true } });

    await page.getByTestId('allowed-data').waitFor({ timeout: 30_000 });
    const shown = (await page.getByTestId('allowed-data').textContent()) ?? '';
    expect(shown).toContain('王五');
    expect(shown).toContain('2021-03-15');
    // 注册资本 is not in the use list: never handed over.
    expect(shown).not.toContain('注册资本');
    await h.screenshot(page, 'use-counter-data');

    const { annotatedPdf } = await finishCounterUse(page, contextId);
    expect(annotatedPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const report = await h.platform
      .client()
      .verifyFile({ body: { fileBase64: annotatedPdf.toString('base64') } });
    expect(report.verdict).toBe('VALID');
    expect(report.license?.identifier).toBe(licence.identifier);
    expect(report.annotations).toHaveLength(1);

    const usage = await holderSession.client.listHolderUsage();
    expect(
      usage.items
        .filter((u) => u.contextId === contextId)
        .map((u) => u.kind)
        .sort(),
    ).toEqual(['annotated', 'data']);
    h.assertNoConsoleErrors();
  }, 120_000);

  test('亮证: an uploaded QR image is read in the browser; wrong, replayed and expired codes are refused and change nothing', async () => {
    const holderSession = await loginHolder(h.platform, holder);
    const operator = await sdk('operator');
    const page = await watchedPage('use-scan');
    await login('operator', page);
    h.allowConsoleError(/status of 4\d\d .*\/api\/v1\/use\/(show-tokens\/scan|contexts)\)$/);

    // 视读 from a photographed / uploaded QR code.
    const shownToken = await holderSession.client.createShowToken({ params: { id: licence.id } });
    await page.goto('/console/use/scan');
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: '上传或拍摄二维码图片' }).click(),
    ]);
    await chooser.setFiles({
      name: 'qr.png',
      mimeType: 'image/png',
      buffer: await QRCode.toBuffer(shownToken.token, { type: 'png', margin: 4, scale: 6 }),
    });
    await expect.poll(() => page.getByLabel('亮证码').inputValue()).toBe(shownToken.token);
    await page.getByRole('button', { name: '视读' }).click();
    await page.getByTestId('shown-license').waitFor();
    expect(await page.getByTestId('shown-license').textContent()).toContain(holder.name);

    // The same code again: refused (single use).
    await page.getByRole('button', { name: '视读' }).click();
    await expect.poll(() => page.getByText(/SHOW_TOKEN_REPLAYED/).count()).toBeGreaterThan(0);

    const contextsBefore = (await operator.listUsageContexts({ query: {} })).total;
    const refused = async (showToken: string, code: RegExp) => {
      const options = { useListLine: COUNTER_ITEM.name, holderCode: holder.holderCode, showToken };
      await submitCounterCase(page, { ...options, mode: 'show-code' });
      await expect.poll(() => page.getByText(code).count()).toBeGreaterThan(0);
      expect(page.url()).not.toMatch(/context=/);
    };
    await refused('not-a-real-token', /SHOW_TOKEN_INVALID/);
    const stale = await holderSession.client.createShowToken({ params: { id: licence.id } });
    h.platform.clock.advance(61_000);
    await refused(stale.token, /SHOW_TOKEN_EXPIRED/);
    expect((await operator.listUsageContexts({ query: {} })).total).toBe(contextsBefore);

    // A fresh code: the context is approved at once and the data are shown.
    const fresh = await holderSession.client.createShowToken({ params: { id: licence.id } });
    const { contextId } = await startCounterUse(page, {
      useListLine: COUNTER_ITEM.name,
      holderCode: holder.holderCode,
      mode: 'show-code',
      showToken: fresh.token,
    });
    await page.getByTestId('allowed-data').waitFor();
    expect(await page.getByTestId('allowed-data').textContent()).toContain('王五');
    const context = await operator.getUsageContext({ params: { id: contextId } });
    expect(context).toMatchObject({ mode: 'show-code', status: 'approved', shownLicenseId: licence.id });
    h.assertNoConsoleErrors();
  }, 120_000);
});

describe('objections (异议)', () => {
  test('an overdue objection is highlighted; the issuer acknowledges and resolves it with reasons', async () => {
    const operator = await sdk('operator');
    const evidence = await QRCode.toBuffer('营业执照变更通知书', { type: 'png' });
    const raised = await operator.raiseObjection({
      body: {
        license: licence.identifier,
        fields: ['FDDBR'],
        text: '法定代表人已于上月变更为赵六。',
        evidence: [{ fileName: 'notice.png', contentType: 'image/png', base64: evidence.toString('base64') }],
      },
    });
    h.platform.clock.advance(10 * DAY_MS);
    // Sessions made before the jump have ended.
    const reader = await sdk('operator');

    const page = await watchedPage('objections');
    await login('issuer', page);
    await page.goto('/console/objections');
    const row = page.locator('tr.objection-overdue', { hasText: licence.identifier });
    await row.waitFor();
    expect(await row.getByTestId('sla-overdue').textContent()).toMatch(/标注已超期/);
    await h.screenshot(page, 'objections-queue');

    await row.getByRole('link', { name: '查看处理' }).click();
    await page.waitForURL(new RegExp(`/console/objections/${raised.id}$`));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 notice.png' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('notice.png');

    await page.getByRole('button', { name: '异议标注' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '标注' }).click();
    await expect
      .poll(async () => (await reader.getObjection({ params: { id: raised.id } })).status)
      .toBe('acknowledged');

    // No reasons: refused in the form, nothing changes.
    await page.getByRole('button', { name: '办结' }).click();
    await expect.poll(() => page.getByText('请填写处理理由').count()).toBe(1);
    expect((await reader.getObjection({ params: { id: raised.id } })).status).toBe('acknowledged');

    await page.getByLabel('处理理由').fill('经核实，登记机关尚未办理法定代表人变更登记，原数据无误。');
    await page.getByRole('button', { name: '办结' }).click();
    await expect
      .poll(async () => (await reader.getObjection({ params: { id: raised.id } })).status)
      .toBe('rejected');
    const resolved = await reader.getObjection({ params: { id: raised.id } });
    expect(resolved.resolution).toContain('原数据无误');
    expect(resolved.resolveOverdue).toBe(true);
    await expect.poll(() => page.getByText('超期办结').count()).toBe(1);
    await h.screenshot(page, 'objections-detail');
    h.assertNoConsoleErrors();
  }, 120_000);
});
