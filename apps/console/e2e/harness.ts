import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { TestPlatform } from '@zhengyin/server/testing';
import { createTestPlatform } from '@zhengyin/server/testing';

const CONSOLE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Screenshots of the main pages, kept as test artefacts (git-ignored). */
export const SCREENSHOT_DIR = `${REPO_ROOT}artifacts/screenshots`;

/** Headless flags for Debian's Chromium on a closed network (TECH-NOTES / machine notes). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * The built console: ZHENGYIN_CONSOLE_DIR when set (parallel builds go to their own directory),
 * else apps/console/dist, built once when missing.
 */
export function consoleDir(): string {
  const configured = process.env.ZHENGYIN_CONSOLE_DIR;
  if (configured) return configured;
  const dist = `${CONSOLE_ROOT}dist`;
  if (!existsSync(`${dist}/index.html`))
    execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: CONSOLE_ROOT, stdio: 'inherit' });
  return dist;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ConsoleHarness {
  /** e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
  readonly platform: TestPlatform;
  readonly browser: Browser;
  /**
   * A new browser context (own cookies) and page. Console errors and failed page scripts are
   * collected; `assertNoConsoleErrors` fails the test on any of them.
   */
  newPage(options?: { width?: number; height?: number; language?: 'zh-CN' | 'en' }): Promise<Page>;
  /** Saves a full-page screenshot to artifacts/screenshots/NAME.png. */
  screenshot(page: Page, name: string): Promise<string>;
  /** Console errors seen so far in every page (minus the expected 401 of a session probe). */
  consoleErrors(): string[];
  /** Lets console errors matching `pattern` pass (a test that sends bad input on purpose). */
  allowConsoleError(pattern: RegExp): void;
  assertNoConsoleErrors(): void;
  close(): Promise<void>;
}

/** The staff and holder session probes answer 401 when nobody is logged in; that is expected. */
const EXPECTED_401 = /\/api\/v1\/(auth|holder)\/me$/;

/**
 * A real server on 127.0.0.1 (a fresh test database, the real clock, the development identity
 * provider) serving the built console, and Debian's Chromium driven by playwright-core.
 */
export async function startConsoleHarness(env: Record<string, string> = {}): Promise<ConsoleHarness> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const platform = await createTestPlatform(
    {
      ZHENGYIN_CONSOLE_DIR: consoleDir(),
      ZHENGYIN_PUBLIC_BASE_URL: baseUrl,
      ZHENGYIN_HOST: '127.0.0.1',
      ZHENGYIN_PORT: String(port),
      ...env,
    },
    { realTime: true },
  );
  const server = serve({ fetch: platform.app.fetch, hostname: '127.0.0.1', port });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  const allowed: RegExp[] = [];
  mkdirSync(SCREENSHOT_DIR, { recursive: true });

  return {
    baseUrl,
    platform,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: { width: options.width ?? 1366, height: options.height ?? 900 },
        locale: options.language ?? 'zh-CN',
      });
      contexts.push(context);
      if (options.language)
        await context.addInitScript((lang) => localStorage.setItem('zy-lang', lang), options.language);
      const page = await context.newPage();
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        if (/status of 401/.test(msg.text()) && EXPECTED_401.test(msg.location().url)) return;
        errors.push(`${page.url()}: ${msg.text()} (${msg.location().url})`);
      });
      page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.message}`));
      return page;
    },
    async screenshot(page, name) {
      const path = `${SCREENSHOT_DIR}/${name}.png`;
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    consoleErrors: () => errors.filter((e) => !allowed.some((p) => p.test(e))),
    allowConsoleError: (pattern) => void allowed.push(pattern),
    assertNoConsoleErrors() {
      const unexpected = errors.filter((e) => !allowed.some((p) => p.test(e)));
      if (unexpected.length) throw new Error(`console errors:\n${unexpected.join('\n')}`);
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await platform.close();
    },
  };
}

/** Logs in through the login page (changing the one-time password when asked). */
export async function loginThroughPage(
  page: Page,
  username: string,
  password: string,
  newPassword?: string,
): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /登录|Log in/ }).click();
  if (newPassword) {
    await page.waitForURL(/\/change-password/);
    await page.getByLabel(/当前密码|Current password/).fill(password);
    await page.getByLabel(/^(新密码|New password)$/).fill(newPassword);
    await page.getByLabel(/确认新密码|Confirm new password/).fill(newPassword);
    await page.getByRole('button', { name: /修改密码|Change password/ }).click();
  }
  await page.waitForURL(/\/console/);
}
