import { TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient } from '@zhengyin/sdk';
import { nodeAppSigner } from '@zhengyin/sdk/node';
import type { Client } from '@zhengyin/sdk';
import { ADMIN_PASSWORD, NEW_PASSWORD, testUscc } from '@zhengyin/server/testing';
import type { ConsoleHarness } from './harness.js';
import { loginThroughPage, startConsoleHarness } from './harness.js';
import {
  chooseOption,
  createAccountViaUi,
  createDepartmentViaUi,
  createRegionViaUi,
  dialog,
  fillDepartmentForm,
  readOneTimeSecret,
} from './steps/admin.js';

let h: ConsoleHarness;
/** The platform administrator's browser page, logged in by the first test. */
let adminPage: Page;
let admin: Client;
const DEPARTMENT = '西安市数据局';
/** Browser steps on two shared cores: generous per-test limits. */
const SLOW = 120_000;
const DEPARTMENT_USCC = testUscc('MA6T0101');

beforeAll(async () => {
  h = await startConsoleHarness();
});
afterAll(async () => h?.close());

/** The TOTP code the server expects now (its clock runs in real time here). */
const totpNow = (secret: string) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret }).generate({
    timestamp: h.platform.clock.now().getTime(),
  });

describe('administration console', () => {
  test(
    'the admin logs in, creates regions, a department and an issuer account; the server has them',
    async () => {
      adminPage = await h.newPage();
      await loginThroughPage(adminPage, 'admin', ADMIN_PASSWORD, NEW_PASSWORD);
      admin = await h.platform.loginAs('admin', NEW_PASSWORD);

      await createRegionViaUi(adminPage, { code: '610000', name: '陕西省' });
      await createRegionViaUi(adminPage, { code: '610100', name: '西安市', parentCode: '610000' });
      await createDepartmentViaUi(adminPage, {
        name: DEPARTMENT,
        uscc: DEPARTMENT_USCC,
        regionCode: '610100',
      });
      await adminPage.getByRole('cell', { name: DEPARTMENT }).waitFor();
      await h.screenshot(adminPage, 'admin-orgs');

      const regions = await admin.listRegions({ query: { pageSize: 100 } });
      expect(regions.items.map((r) => [r.code, r.name, r.parentCode])).toEqual(
        expect.arrayContaining([
          ['610000', '陕西省', null],
          ['610100', '西安市', '610000'],
        ]),
      );
      const departments = await admin.listDepartments({ query: { q: DEPARTMENT } });
      expect(departments.items).toHaveLength(1);
      expect(departments.items[0]).toMatchObject({
        uscc: DEPARTMENT_USCC,
        regionCode: '610100',
        active: true,
      });

      const password = await createAccountViaUi(adminPage, {
        username: 'wang.issuer',
        displayName: '王签发',
        role: 'issuer',
        departmentName: DEPARTMENT,
      });
      await adminPage.getByRole('cell', { name: 'wang.issuer' }).waitFor();
      await expect.poll(() => adminPage.getByText(`制证签发员 · ${DEPARTMENT}`).count()).toBe(1);
      await h.screenshot(adminPage, 'admin-accounts');
      const users = await admin.listUsers({ query: { q: 'wang.issuer' } });
      expect(users.items).toHaveLength(1);
      expect(users.items[0]).toMatchObject({ displayName: '王签发', mustChangePassword: true });
      expect(users.items[0]!.roles).toEqual([
        { role: 'issuer', regionCode: null, departmentId: departments.items[0]!.id },
      ]);
      // The password shown once is the account's real one-time password.
      const issuer = h.platform.client();
      const login = await issuer.login({ body: { username: 'wang.issuer', password } });
      expect(login.user.mustChangePassword).toBe(true);
      h.assertNoConsoleErrors();
    },
    SLOW,
  );

  test(
    'a bad credit code shows the server message and creates nothing',
    async () => {
      const bad = `${DEPARTMENT_USCC.slice(0, 17)}${DEPARTMENT_USCC.endsWith('0') ? '1' : '0'}`;
      h.allowConsoleError(/status of 400 .*\/api\/v1\/departments\)$/);
      await fillDepartmentForm(adminPage, { name: '错误代码测试局', uscc: bad, regionCode: '610100' });
      await adminPage
        .locator('.ant-message')
        .getByText(/统一社会信用代码无效.*ORGS_USCC_INVALID/)
        .waitFor();
      const form = dialog(adminPage, '新建部门');
      expect(await form.isVisible()).toBe(true);
      await form.getByRole('button', { name: /取\s*消/ }).click();
      expect((await admin.listDepartments({ query: { q: '错误代码测试局' } })).total).toBe(0);
      h.assertNoConsoleErrors();
    },
    SLOW,
  );

  test(
    'a password reset shows a one-time password that works once',
    async () => {
      await adminPage.goto('/console/admin/accounts');
      const row = adminPage.getByRole('row').filter({ hasText: 'wang.issuer' });
      await row.getByRole('button', { name: '重置密码' }).click();
      await adminPage
        .getByRole('tooltip')
        .getByRole('button', { name: /重\s*置/ })
        .click();
      const temporary = await readOneTimeSecret(adminPage, '密码已重置');
      const login = await h.platform
        .client()
        .login({ body: { username: 'wang.issuer', password: temporary } });
      expect(login.user.mustChangePassword).toBe(true);
      h.assertNoConsoleErrors();
    },
    SLOW,
  );

  test(
    'an app shows its secret once; rotating it after confirmation issues a working new secret',
    async () => {
      const departmentId = (await admin.listDepartments({ query: { q: DEPARTMENT } })).items[0]!.id;
      await adminPage.goto('/console/admin/apps');
      await adminPage.getByRole('button', { name: '新建接入应用' }).click();
      const form = dialog(adminPage, '新建接入应用');
      await form.getByLabel('应用名称').fill('审批系统');
      await chooseOption(adminPage, form.getByLabel('所属部门'), DEPARTMENT, DEPARTMENT);
      await form.getByRole('checkbox', { name: /apps:self/ }).check();
      await form.getByRole('checkbox', { name: /orgs:read/ }).check();
      await form.getByLabel('IP 白名单').fill('127.0.0.1\n10.0.0.0/8');
      await form.getByRole('button', { name: '保存' }).click();
      const shown = dialog(adminPage, '应用已创建');
      const appKey = (await shown.locator('code').textContent())!.trim();
      const secret = await readOneTimeSecret(adminPage, '应用已创建');
      expect(await adminPage.content()).not.toContain(secret);
      await adminPage.getByRole('cell', { name: '审批系统' }).waitFor();
      await h.screenshot(adminPage, 'admin-apps');

      const apps = await admin.listApps();
      expect(apps.items).toHaveLength(1);
      expect(apps.items[0]).toMatchObject({
        appKey,
        departmentId,
        ipAllowList: ['127.0.0.1', '10.0.0.0/8'],
      });
      expect([...apps.items[0]!.scopes].sort()).toEqual(['apps:self', 'orgs:read']);
      const asApp = (s: string) =>
        createClient({
          baseUrl: 'http://zhengyin.test',
          fetch: h.platform.fetchFrom('127.0.0.1'),
          signer: nodeAppSigner({ appKey, secret: s }),
        });
      expect((await asApp(secret).appWhoami()).appKey).toBe(appKey);

      await adminPage
        .getByRole('row')
        .filter({ hasText: '审批系统' })
        .getByRole('button', { name: '轮换密钥' })
        .click();
      const rotate = dialog(adminPage, /轮换密钥：审批系统/);
      await rotate.getByLabel('旧密钥过渡期（分钟）').fill('0');
      await rotate.getByRole('button', { name: '确认轮换' }).click();
      const rotated = await readOneTimeSecret(adminPage, '新密钥已生成');
      expect(rotated).not.toBe(secret);
      expect((await asApp(rotated).appWhoami()).appKey).toBe(appKey);
      await expect(asApp(secret).appWhoami()).rejects.toMatchObject({ code: 'AUTH_SIGNATURE_INVALID' });
      h.assertNoConsoleErrors();
    },
    SLOW,
  );

  test(
    'an auditor sets up TOTP, then logs in with a one-time code and sees the audit trail intact',
    async () => {
      const created = await admin.createUser({
        body: { username: 'li.auditor', displayName: '李审计', roles: [{ role: 'auditor' }] },
      });
      const page = await h.newPage();
      page.setDefaultTimeout(20_000);
      await loginThroughPage(page, 'li.auditor', created.initialPassword, NEW_PASSWORD);
      await page.goto('/console/admin/profile');
      await expect.poll(() => page.getByTestId('totp-status').textContent()).toBe('未启用');
      await page.getByRole('button', { name: '设置动态口令' }).click();
      const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
      expect(await page.getByRole('img', { name: '动态口令二维码' }).getAttribute('src')).toMatch(
        /^data:image\/png;base64,/,
      );
      await page.getByLabel('验证码').fill(totpNow(secret));
      await page.getByRole('button', { name: '启用' }).click();
      await expect.poll(() => page.getByTestId('totp-status').textContent()).toBe('已启用');
      await h.screenshot(page, 'admin-profile');
      expect((await admin.listUsers({ query: { q: 'li.auditor' } })).items[0]!.totpEnabled).toBe(true);

      // Log out, log in again: the password alone is not enough.
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.waitForURL(/\/login/);
      h.allowConsoleError(/status of 401 .*\/api\/v1\/auth\/login\)$/);
      await page.getByLabel('用户名').fill('li.auditor');
      await page.getByLabel('密码', { exact: true }).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByLabel('动态口令（6 位）').fill(totpNow(secret));
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(/\/console\/admin\/profile$/);

      // The audit page: chain status first, then the events made above.
      await page.goto('/console/audit');
      await expect.poll(() => page.getByTestId('chain-status').textContent()).toContain('审计链完整');
      await page.getByRole('cell', { name: 'orgs.department.created' }).first().waitFor();
      await page.getByRole('cell', { name: 'accounts.app.secret_rotated' }).first().waitFor();
      await h.screenshot(page, 'audit-events');

      await page.getByLabel('操作类型').fill('orgs.department.created');
      await page.getByRole('button', { name: '查询' }).click();
      await expect
        .poll(async () => (await page.locator('tbody tr.ant-table-row').allTextContents()).length)
        .toBe(1);
      await page.getByRole('button', { name: /查看事件/ }).click();
      await expect.poll(() => page.getByTestId('event-json').textContent()).toContain(DEPARTMENT_USCC);

      await page
        .getByRole('button', { name: 'Close' })
        .or(page.getByRole('button', { name: '关闭' }))
        .click();
      await page.getByRole('tab', { name: '接口调用日志' }).click();
      await page.getByRole('cell', { name: '/api/v1/audit/events' }).first().waitFor();
      h.assertNoConsoleErrors();
    },
    SLOW,
  );

  test(
    'an expired session sends the user to the login page and back to the same page after login',
    async () => {
      await adminPage.goto('/console/admin/accounts');
      await adminPage.getByRole('cell', { name: 'wang.issuer' }).waitFor();
      h.platform.clock.advance(31 * 60_000); // past the 30-minute idle limit
      h.allowConsoleError(/status of 401 .*\/api\/v1\/users\?/);
      await adminPage.getByRole('searchbox', { name: '搜索账号' }).fill('wang');
      await adminPage.getByRole('searchbox', { name: '搜索账号' }).press('Enter');
      await adminPage.waitForURL(/\/login\?expired=1&next=%2Fconsole%2Fadmin%2Faccounts/);
      await adminPage.getByText('会话已过期，请重新登录').first().waitFor();
      await adminPage.getByLabel('用户名').fill('admin');
      await adminPage.getByLabel('密码', { exact: true }).fill(NEW_PASSWORD);
      await adminPage.getByRole('button', { name: '登录' }).click();
      await adminPage.waitForURL(/\/console\/admin\/accounts$/);
      await adminPage.getByRole('cell', { name: 'wang.issuer' }).waitFor();
      h.assertNoConsoleErrors();
    },
    SLOW,
  );
});
