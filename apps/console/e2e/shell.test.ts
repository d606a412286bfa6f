import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, NEW_PASSWORD } from '@zhengyin/server/testing';
import type { ConsoleHarness } from './harness.js';
import { loginThroughPage, startConsoleHarness } from './harness.js';

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness();
});
afterAll(async () => h?.close());

describe('console shell', () => {
  test('the landing page offers the three ways in, in Chinese and in English', async () => {
    const page = await h.newPage();
    await page.goto('/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('证印');
    expect(await page.getByRole('link', { name: /证照核验/ }).count()).toBe(1);
    await page.getByText('English').click();
    await expect.poll(() => page.getByRole('link', { name: /Verify a licence/ }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await h.screenshot(page, 'landing');
    h.assertNoConsoleErrors();
  });

  test('a wrong password is refused with the server message; first login forces a password change', async () => {
    const page = await h.newPage();
    await page.goto('/console/catalog');
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码', { exact: true }).fill('wrong-password-123');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/AUTH_INVALID_CREDENTIALS/);
    h.allowConsoleError(/status of 401 .*\/api\/v1\/auth\/login\)$/);
    await h.screenshot(page, 'login');

    await loginThroughPage(page, 'admin', ADMIN_PASSWORD, NEW_PASSWORD);
    await expect.poll(() => page.getByTestId('scope').textContent()).toContain('平台管理员');
    await h.screenshot(page, 'console-home');
    h.assertNoConsoleErrors();
  });

  test('the server answers client-side routes with the console and keeps API 404s as JSON', async () => {
    const page = await fetch(`${h.baseUrl}/console/licenses/abc`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const api = await fetch(`${h.baseUrl}/api/v1/nothing-here`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('REQUEST_NOT_FOUND');
    expect((await fetch(`${h.baseUrl}/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
  });
});
