import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Client } from '@zhengyin/sdk';
import type { HolderLogin } from '@zhengyin/server/testing';
import {
  BUSINESS_TYPE_CODE,
  SEAL_PIN,
  ensureDevIdpHolder,
  loginHolder,
  publishedTypeWithSeal,
  testUscc,
} from '@zhengyin/server/testing';
import type { ConsoleHarness } from './harness.js';
import { startConsoleHarness } from './harness.js';
import { approveFirstConsent, holderLoginViaUi, showQr } from './steps/holder.js';

const HOLDER = {
  name: '西安亮证科技有限公司',
  holderCode: testUscc('MA6T0201'),
  holderCodeType: '001' as const,
};
const ITEM = 'SX-HP-001';
/** Short-lived 亮证 codes, so the test sees the page renew one. */
/** A tiny PDF as objection evidence (the server checks the first bytes). */
const PROOF_PDF = Buffer.from('%PDF-1.4\n%股东会决议\n%%EOF\n');
const TOKEN_TTL_S = 15;

let h: ConsoleHarness;
let page: Page;
let operator: Client;
let issuer: Client;
let license: { id: string; fileSha256: string | null };
let account: { username: string; password: string };
let holderSdk: HolderLogin;

const consentBody = (businessNumber: string) => ({
  cause: '企业开办核验营业执照',
  itemCode: ITEM,
  businessNumber,
  holderCode: HOLDER.holderCode,
  holderCodeType: HOLDER.holderCodeType,
  licenseTypeCodes: [BUSINESS_TYPE_CODE],
  dataItems: ['FDDBR', 'CLRQ'],
  place: '政务服务大厅 3 号窗口',
  mode: 'consent' as const,
});

async function expectNoHorizontalScroll() {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

beforeAll(async () => {
  h = await startConsoleHarness({ ZHENGYIN_SHOW_TOKEN_TTL_SECONDS: String(TOKEN_TTL_S) });
  const p = h.platform;
  const orgs = await p.seedOrgs();
  ({ issuer } = await publishedTypeWithSeal(p, orgs.deptA, orgs.provinceCode));
  const issued = await issuer.issueLicense({
    body: {
      typeCode: BUSINESS_TYPE_CODE,
      departmentId: orgs.deptA,
      sealPin: SEAL_PIN,
      item: {
        holder: { name: HOLDER.name, code: HOLDER.holderCode },
        data: { FDDBR: '赵六', CLRQ: '2023-06-01', ZCZB: 200 },
      },
    } as never,
  });
  license = await issuer.getLicense({ params: { id: issued.id } });
  operator = (await p.userWithRole('user_operator', { departmentId: orgs.deptB })).client;
  const admin = (await p.userWithRole('region_admin', { regionCode: orgs.cityCode })).client;
  const entry = await operator.createUseListEntry({
    body: {
      departmentId: orgs.deptB,
      itemCode: ITEM,
      itemName: '企业开办',
      licenseTypeCode: BUSINESS_TYPE_CODE,
      dataItems: ['FDDBR', 'CLRQ'],
      purpose: '核验企业登记信息',
      dutyBased: false,
    },
  });
  await operator.advanceUseListEntry({ params: { id: entry.id }, body: { action: 'submit' } });
  await admin.advanceUseListEntry({ params: { id: entry.id }, body: { action: 'approve' } });
  account = await ensureDevIdpHolder(p, HOLDER);
  holderSdk = await loginHolder(p, HOLDER);
  page = await h.newPage({ width: 375, height: 812 });
}, 180_000);
afterAll(async () => h?.close());

describe('holder portal at 375 px', () => {
  test('login through the dev IdP; the licence is listed; its PDF downloads with the registry’s SHA-256', async () => {
    await page.goto('/holder');
    await page.getByRole('button', { name: '登录' }).waitFor();
    await expectNoHorizontalScroll();
    await holderLoginViaUi(page, account);
    expect(await page.getByTestId('holder-name').textContent()).toBe(HOLDER.name);
    const shownCode = (await page.getByTestId('holder-code').textContent()) ?? '';
    expect(shownCode).toContain(`${HOLDER.holderCode.slice(0, 4)}**********${HOLDER.holderCode.slice(-4)}`);
    expect(shownCode).not.toContain(HOLDER.holderCode);
    await page.getByRole('link', { name: '查看 营业执照' }).waitFor();
    await expect.poll(() => page.getByText('有效', { exact: true }).count()).toBe(1);
    await expectNoHorizontalScroll();
    await h.screenshot(page, 'holder-licenses');

    await page.getByRole('link', { name: '详情与下载' }).click();
    await page.getByRole('heading', { level: 1, name: '营业执照' }).waitFor();
    await page.getByText('法定代表人').waitFor();
    expect(await page.getByText('赵六').count()).toBe(1);
    await expectNoHorizontalScroll();
    await h.screenshot(page, 'holder-detail');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 PDF' }).click(),
    ]);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(license.fileSha256);
    h.assertNoConsoleErrors();
  });

  test('亮证: the QR holds the text code, renews itself before it expires, and the counter can scan it', async () => {
    const first = await showQr(page, license.id);
    const decode = async () => {
      const image = await page.getByTestId('show-qr').evaluate((c) => {
        const canvas = c as HTMLCanvasElement;
        const { data, width, height } = canvas
          .getContext('2d')!
          .getImageData(0, 0, canvas.width, canvas.height);
        let binary = '';
        for (let i = 0; i < data.length; i += 0x8000)
          binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
        return { width, height, rgba: btoa(binary) };
      });
      const rgba = new Uint8ClampedArray(Buffer.from(image.rgba, 'base64'));
      return jsQR(rgba, image.width, image.height)?.data;
    };
    expect(await decode()).toBe(first);
    expect(await page.getByTestId('show-countdown').textContent()).toMatch(/\d+ 秒后自动刷新/);
    await expectNoHorizontalScroll();
    await h.screenshot(page, 'holder-show-qr');

    // Renewed before the first one ran out: the first is still within its lifetime when replaced.
    const started = Date.now();
    await expect
      .poll(() => page.getByTestId('show-token').locator('code').textContent(), {
        timeout: TOKEN_TTL_S * 1000,
      })
      .not.toBe(first);
    expect(Date.now() - started).toBeLessThan(TOKEN_TTL_S * 1000);
    const second = (await page.getByTestId('show-token').locator('code').textContent())!;
    const scanned = await operator.scanShowToken({ body: { token: second } });
    expect(scanned).toMatchObject({ licenseId: license.id, status: 'valid', typeName: '营业执照' });
    expect(await decode()).toBe(second);
    h.assertNoConsoleErrors();
  }, 60_000);

  test('consents: keyboard approve (Tab, Enter), decline with a reason, new requests arrive by polling', async () => {
    const first = (await operator.createUsageContext({ body: consentBody('HP-1') })).context;
    await page.goto('/holder/consents');
    const cards = page.getByTestId('consent-card');
    await expect.poll(() => cards.count()).toBe(1);
    await cards.first().getByText('法定代表人').waitFor();
    expect(await cards.first().getByText('西安市行政审批服务局').count()).toBe(1);
    const second = (await operator.createUsageContext({ body: consentBody('HP-2') })).context;
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(2);
    await expectNoHorizontalScroll();
    await h.screenshot(page, 'holder-consents');

    // The newest request is first: approve it with the keyboard only.
    const approve = cards.first().getByRole('button', { name: '同意' });
    await page.locator('body').focus();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await approve.evaluate((b) => b === document.activeElement);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('已同意').waitFor();
    expect((await operator.getUsageContext({ params: { id: second.id } })).status).toBe('approved');
    await expect.poll(() => cards.count()).toBe(1);

    await cards.first().getByRole('button', { name: '拒绝' }).click();
    await page.getByRole('dialog').getByLabel('拒绝原因（可选）').fill('不认识该窗口');
    await page.getByRole('dialog').getByRole('button', { name: '拒绝' }).click();
    await page.getByText('已拒绝').waitFor();
    const declined = await operator.getUsageContext({ params: { id: first.id } });
    expect(declined).toMatchObject({ status: 'declined', decisionReason: '不认识该窗口' });
    await page.getByText('没有待处理的请求').waitFor();

    // The step function approves a third one.
    const third = (await operator.createUsageContext({ body: consentBody('HP-3') })).context;
    await approveFirstConsent(page);
    expect((await operator.getUsageContext({ params: { id: third.id } })).status).toBe('approved');
    h.assertNoConsoleErrors();
  }, 60_000);

  test('usage history shows the department that used the licence', async () => {
    const { items } = await operator.listUsageContexts({ query: { status: 'approved' } });
    const code = await operator.issueUseCode({ params: { id: items[0]!.id } });
    await operator.redeemUseCode({ body: { code: code.code, kind: 'data' } });
    await page.getByRole('link', { name: '用证记录' }).click();
    await page.getByRole('heading', { level: 1, name: '用证记录' }).waitFor();
    await page.getByText('企业开办核验营业执照').first().waitFor();
    expect(await page.getByText('西安市行政审批服务局').count()).toBeGreaterThan(0);
    await expectNoHorizontalScroll();
    await h.screenshot(page, 'holder-usage');
    h.assertNoConsoleErrors();
  });

  test('objections: incomplete input is refused and creates nothing; a full one is listed and reaches the server', async () => {
    await page.goto('/holder/objections');
    await page.getByRole('heading', { level: 1, name: '异议' }).waitFor();
    await page.getByLabel('证照').click();
    await page.getByTitle(/营业执照/).click();
    await page.getByRole('checkbox', { name: '法定代表人' }).waitFor();
    await page.getByRole('button', { name: '提交异议' }).click();
    await page.getByText('请至少选择一项').waitFor();
    await page.getByText('请说明哪里有误').waitFor();
    expect((await holderSdk.client.holderObjections({ query: {} })).total).toBe(0);

    await page.getByRole('checkbox', { name: '法定代表人' }).check();
    await page.getByLabel('异议说明').fill('法定代表人应为赵六一');
    // A file that is no PDF, PNG or JPEG: the server's reason is shown and nothing is raised.
    h.allowConsoleError(/status of 415 .*\/api\/v1\/holder\/objections\)$/);
    await page.locator('input[type=file]').setInputFiles({
      name: 'proof.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('股东会决议：法定代表人为赵六一'),
    });
    await page.getByRole('button', { name: '提交异议' }).click();
    await page.getByText(/OBJECTION_EVIDENCE_TYPE/).waitFor();
    expect((await holderSdk.client.holderObjections({ query: {} })).total).toBe(0);

    await page.getByTitle(/删除文件|Remove file/).click();
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'proof.pdf', mimeType: 'application/pdf', buffer: PROOF_PDF });
    await page.getByRole('button', { name: '提交异议' }).click();
    await page.getByText('异议已提交').waitFor();
    await page.getByTestId('objection-card').getByText('法定代表人应为赵六一').waitFor();
    const { items } = await holderSdk.client.holderObjections({ query: {} });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      licenseId: license.id,
      fields: ['FDDBR'],
      text: '法定代表人应为赵六一',
      status: 'submitted',
      evidence: [{ fileName: 'proof.pdf', contentType: 'application/pdf' }],
    });
    await expectNoHorizontalScroll();
    await h.screenshot(page, 'holder-objections');
    h.assertNoConsoleErrors();
  });

  test('reminders and notification settings; logout brings the login page back', async () => {
    await page.goto('/holder/reminders');
    await page.getByText('暂无提醒').waitFor();
    await page.getByLabel('提醒邮箱').fill('not-an-email');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('邮箱格式不正确').waitFor();
    expect((await holderSdk.client.holderNotificationSettings()).email).toBeNull();
    await page.getByLabel('提醒邮箱').fill('holder@example.cn');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('通知设置已保存').waitFor();
    expect((await holderSdk.client.holderNotificationSettings()).email).toBe('holder@example.cn');
    await expectNoHorizontalScroll();
    await h.screenshot(page, 'holder-reminders');

    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    h.assertNoConsoleErrors();
  });
});
