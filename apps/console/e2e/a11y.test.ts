import type { FileChooser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Client } from '@zhengyin/sdk';
import {
  BUSINESS_TYPE_CODE,
  NEW_PASSWORD,
  SEAL_PIN,
  ensureDevIdpHolder,
  loginHolder,
  publishedTypeWithSeal,
  testUscc,
} from '@zhengyin/server/testing';
import type { AccessibilityCheck } from './axe.js';
import { checkAccessibility } from './axe.js';
import type { ConsoleHarness } from './harness.js';

type Role = Parameters<ConsoleHarness['platform']['userWithRole']>[0];
import { loginThroughPage, startConsoleHarness } from './harness.js';
import { holderLoginViaUi } from './steps/holder.js';
import { verifyFileViaUi } from './steps/public.js';

const HOLDER = {
  name: '西安无障碍科技有限公司',
  holderCode: testUscc('MA6T0801'),
  holderCodeType: '001' as const,
};
const ITEM = 'SX-A11Y-001';

let h: ConsoleHarness;
let orgs: Awaited<ReturnType<ConsoleHarness['platform']['seedOrgs']>>;
let license: { id: string; identifier: string };
let pdf: Buffer;
let holderAccount: { username: string; password: string };
/** Staff usernames by role; every one has NEW_PASSWORD. */
const staff: Partial<Record<Role, string>> = {};

/** Violations by page, so one run names every page that fails (empty when all pass). */
const violations: Record<string, string[]> = {};

/** Waits until the page has its heading, its requests are answered and no spinner is left. */
async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
  // antd fades content in; contrast is measured on the final colours.
  await page.waitForTimeout(400);
}

/** Checks the page as it is now and records its serious / critical violations under `name`. */
async function audit(page: Page, name: string, options: AccessibilityCheck = {}): Promise<void> {
  await settle(page);
  const found = await checkAccessibility(page, options);
  if (found.length) violations[name] = found;
}

async function visit(page: Page, path: string, name = path): Promise<void> {
  await page.goto(path);
  await audit(page, name);
}

async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

/** Presses Tab from the top of the page until `target` has focus; returns the number of presses. */
async function tabTo(page: Page, target: Locator, limit = 40): Promise<number> {
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press('Tab');
    if (await isFocused(target)) return i;
  }
  throw new Error(`not reached with ${limit} Tab presses`);
}

async function staffPage(role: Role): Promise<Page> {
  const page = await h.newPage();
  await loginThroughPage(page, staff[role]!, NEW_PASSWORD);
  return page;
}

beforeAll(async () => {
  h = await startConsoleHarness();
  const p = h.platform;
  orgs = await p.seedOrgs();
  const { issuer } = await publishedTypeWithSeal(p, orgs.deptA, orgs.provinceCode);
  const issued = await issuer.issueLicense({
    body: {
      typeCode: BUSINESS_TYPE_CODE,
      departmentId: orgs.deptA,
      sealPin: SEAL_PIN,
      item: {
        holder: { name: HOLDER.name, code: HOLDER.holderCode },
        data: { FDDBR: '钱七', CLRQ: '2022-02-22', ZCZB: 300 },
      },
    } as never,
  });
  license = issued;
  pdf = Buffer.from((await issuer.licenseFile({ params: { id: issued.id } })).pdfBase64, 'base64');

  const user = async (role: Role, scope: { regionCode?: string; departmentId?: string }) => {
    const created = (await p.userWithRole(role, scope)) as { client: Client; username: string };
    staff[role] = created.username;
    return created.client;
  };
  await user('issuer', { departmentId: orgs.deptA });
  await user('seal_admin', { departmentId: orgs.deptA });
  await user('auditor', {});
  const operator = await user('user_operator', { departmentId: orgs.deptB });
  const regionAdmin = (await p.userWithRole('region_admin', { regionCode: orgs.cityCode })).client;
  await p.adminClient();

  // A pending consent request and an objection, so the holder and staff lists are not empty.
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
  await regionAdmin.advanceUseListEntry({ params: { id: entry.id }, body: { action: 'approve' } });
  await operator.createUsageContext({
    body: {
      cause: '企业开办核验营业执照',
      itemCode: ITEM,
      businessNumber: 'A11Y-1',
      holderCode: HOLDER.holderCode,
      holderCodeType: HOLDER.holderCodeType,
      licenseTypeCodes: [BUSINESS_TYPE_CODE],
      dataItems: ['FDDBR', 'CLRQ'],
      place: '政务服务大厅 1 号窗口',
      mode: 'consent',
    },
  });
  holderAccount = await ensureDevIdpHolder(p, HOLDER);
  const holder = await loginHolder(p, HOLDER);
  await holder.client.holderRaiseObjection({
    body: { license: issued.id, fields: ['FDDBR'], text: '法定代表人姓名有误' },
  });
}, 180_000);
afterAll(async () => h?.close());
beforeEach(() => {
  for (const page of Object.keys(violations)) delete violations[page];
});

describe('accessibility (axe-core, WCAG 2.1 A/AA: no serious or critical violation)', () => {
  test('public pages: landing, login, verification and its report', async () => {
    const page = await h.newPage();
    await visit(page, '/');
    await visit(page, '/login');
    await visit(page, '/verify');
    await verifyFileViaUi(page, { name: 'licence.pdf', buffer: pdf });
    await audit(page, '/verify (report)');
    await page.goto(`/verify/licence/${encodeURIComponent(license.identifier)}?t=x`);
    h.allowConsoleError(/status of 404 .*\/api\/v1\/verify\/qr\)$/);
    await page.getByRole('alert').first().waitFor();
    await audit(page, '/verify/licence (refused)');
    expect(violations).toEqual({});
    h.assertNoConsoleErrors();
  });

  test('holder portal at 375 px, and nothing scrolls sideways', async () => {
    const page = await h.newPage({ width: 375, height: 812 });
    for (const path of ['/', '/verify', '/holder']) {
      await visit(page, path, `${path} @375`);
      expect([path, await hasHorizontalScroll(page)]).toEqual([path, false]);
    }
    await holderLoginViaUi(page, holderAccount);
    for (const path of [
      '/holder',
      `/holder/licenses/${license.id}`,
      `/holder/licenses/${license.id}/show`,
      '/holder/consents',
      '/holder/usage',
      '/holder/objections',
      '/holder/reminders',
    ]) {
      await visit(page, path, `${path} @375`);
      expect([path, await hasHorizontalScroll(page)]).toEqual([path, false]);
    }
    await h.screenshot(page, 'a11y-holder-reminders');
    expect(violations).toEqual({});
    h.assertNoConsoleErrors();
  });

  test('staff pages', async () => {
    const admin = await h.newPage();
    await loginThroughPage(admin, 'admin', NEW_PASSWORD);
    for (const path of ['/console', '/console/admin/orgs', '/console/admin/accounts', '/console/metrics'])
      await visit(admin, path);
    await visit(await staffPage('auditor'), '/console/audit');

    const issuer = await staffPage('issuer');
    await visit(issuer, '/console/catalog');
    await visit(issuer, '/console/licenses');
    await visit(issuer, `/console/licenses/${license.id}`);
    await visit(issuer, '/console/objections');

    await visit(await staffPage('user_operator'), '/console/use/counter');
    await visit(await staffPage('seal_admin'), '/console/seals');
    expect(violations).toEqual({});
    h.assertNoConsoleErrors();
  }, 120_000);
});

describe('keyboard', () => {
  test('login: username, password and the button are reached with Tab; Enter logs in', async () => {
    const page = await h.newPage();
    await page.goto('/login');
    const username = page.getByLabel('用户名');
    const password = page.getByLabel('密码', { exact: true });
    const submit = page.getByRole('button', { name: '登录' });
    await username.waitFor();
    // Start the Tab sequence from the heading (the username field is also focused on load).
    await page.getByRole('heading', { level: 1 }).click();
    await tabTo(page, username);
    await page.keyboard.type(staff.issuer!);
    expect(await tabTo(page, password, 3)).toBe(1);
    await page.keyboard.type(NEW_PASSWORD);
    await tabTo(page, submit, 3);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console$/);
    await expect.poll(() => page.getByTestId('scope').textContent()).toContain('签发');
    h.assertNoConsoleErrors();
  });

  test('verify: the upload button, the QR link field and its button are reached with Tab', async () => {
    const page = await h.newPage({ width: 375, height: 812 });
    await page.goto('/verify');
    const upload = page.getByRole('button', { name: '点击选择证照文件' });
    await upload.waitFor();
    const reached: string[] = [];
    for (const [name, target] of [
      ['upload', upload],
      ['qr-link', page.getByLabel('二维码链接')],
      ['qr-button', page.getByRole('button', { name: '核验二维码' })],
    ] as const) {
      await tabTo(page, target);
      reached.push(name);
    }
    expect(reached).toEqual(['upload', 'qr-link', 'qr-button']);
    // The upload button opens the file chooser from the keyboard.
    // (On a loaded machine the first Enter can come before the page handles keys: up to 3 tries.)
    await page.goto('/verify');
    let chooser: FileChooser | null = null;
    for (let attempt = 0; attempt < 3 && !chooser; attempt++) {
      if (!(await isFocused(upload))) await tabTo(page, upload);
      const opened = page.waitForEvent('filechooser', { timeout: 5_000 }).catch(() => null);
      await page.keyboard.press('Enter');
      chooser = await opened;
    }
    expect(chooser?.isMultiple()).toBe(false);
    h.assertNoConsoleErrors();
  });
});
