import type { Client } from '@zhengyin/sdk';
import { createClient } from '@zhengyin/sdk';
import { SYSTEM_ACTOR } from '@zhengyin/core';
import { citizenIdCheckCharacter, orgCodeCheckCharacter, usccCheckCharacter } from '@zhengyin/gm';
import { saveDevIdpUser } from '../adapters/oidc-dev-idp.js';
import type { TestPlatform } from './platform.js';

/** Password of every development-IdP account the helpers create. */
export const TEST_HOLDER_PASSWORD = 'Holder-Test-Pass-1';

export interface TestHolder {
  readonly holderCode: string;
  /** '001' 统一社会信用代码 or '111' 公民身份号码. */
  readonly holderCodeType: '001' | '111';
  readonly name: string;
}

/** A valid 公民身份号码 (check character computed) for tests: area, birth date YYYYMMDD, sequence. */
export function testCitizenId(sequence = '001', birth = '19900307', area = '610102'): string {
  const first17 = `${area}${birth}${sequence}`;
  return `${first17}${citizenIdCheckCharacter(first17)}`;
}

/** A valid 统一社会信用代码 for tests (8-character organisation body). */
export function testUscc(orgBody = 'MA6T0001', area = '610100'): string {
  const first17 = `91${area}${orgBody}${orgCodeCheckCharacter(orgBody)}`;
  return `${first17}${usccCheckCharacter(first17)}`;
}

/** A response's cookies as name → value (empty value: deleted). */
export function responseCookies(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = (pair ?? '').indexOf('=');
    if (eq > 0) out[pair!.slice(0, eq).trim()] = decodeURIComponent(pair!.slice(eq + 1).trim());
  }
  return out;
}

/** Username of the development-IdP account of a holder (one per holder code). */
export const devIdpUsername = (h: Pick<TestHolder, 'holderCode'>) => `h-${h.holderCode.toLowerCase()}`;

/** Creates (or updates) the holder's development-IdP account. */
export async function ensureDevIdpHolder(
  platform: TestPlatform,
  holder: TestHolder,
  password = TEST_HOLDER_PASSWORD,
): Promise<{ username: string; password: string }> {
  const username = devIdpUsername(holder);
  await saveDevIdpUser(
    { db: platform.db.database.db, ...platform.ctx.deps },
    SYSTEM_ACTOR,
    { requestId: 'test', clientIp: null },
    {
      username,
      password,
      holderCode: holder.holderCode,
      holderCodeType: holder.holderCodeType,
      name: holder.name,
    },
  );
  return { username, password };
}

/** The steps of the browser's login, for tests that tamper with one of them. */
export interface HolderLoginSteps {
  /** GET /api/v1/holder/login → the provider URL and the login cookie. */
  start(returnTo?: string): Promise<{ response: Response; authorizeUrl: URL; loginCookie: string }>;
  /** POST of the dev IdP's form → the redirect back (code and state), or the form again (401). */
  submit(
    authorizeUrl: URL,
    username: string,
    password: string,
  ): Promise<{ response: Response; callbackUrl: URL | null }>;
  /** GET of the callback with (or without) the login cookie. */
  callback(callbackUrl: URL, loginCookie: string | null): Promise<Response>;
}

export function holderLoginSteps(platform: TestPlatform, ip = '127.0.0.1'): HolderLoginSteps {
  const fetch = platform.fetchFrom(ip);
  const local = (url: URL | string) => {
    const u = new URL(String(url), 'http://zhengyin.test');
    return `http://zhengyin.test${u.pathname}${u.search}`;
  };
  return {
    async start(returnTo) {
      const qs = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
      const response = await fetch(`http://zhengyin.test/api/v1/holder/login${qs}`, { redirect: 'manual' });
      const location = response.headers.get('location');
      return {
        response,
        authorizeUrl: new URL(location ?? 'http://invalid/'),
        loginCookie: responseCookies(response).zy_holder_login ?? '',
      };
    },
    async submit(authorizeUrl, username, password) {
      const form = new URLSearchParams(authorizeUrl.searchParams);
      form.set('username', username);
      form.set('password', password);
      const response = await fetch(local(authorizeUrl.pathname), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        redirect: 'manual',
      });
      const location = response.status === 302 ? response.headers.get('location') : null;
      return { response, callbackUrl: location ? new URL(location) : null };
    },
    async callback(callbackUrl, loginCookie) {
      return fetch(local(callbackUrl), {
        headers: loginCookie === null ? {} : { cookie: `zy_holder_login=${encodeURIComponent(loginCookie)}` },
        redirect: 'manual',
      });
    },
  };
}

export interface HolderLogin {
  /** SDK client carrying the holder session cookie and its CSRF header. */
  readonly client: Client;
  /** fetch adding the holder cookie and (on unsafe methods) the CSRF header. */
  readonly fetch: typeof fetch;
  /** `zy_holder_session=…` */
  readonly cookie: string;
  readonly csrfToken: string;
  readonly holder: TestHolder;
  /** Where the callback redirected to. */
  readonly location: string;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Logs a holder in through the real flow: the holder's development-IdP account is created, then
 * /api/v1/holder/login → the dev IdP's login form (POST) → the callback with code and state → the
 * holder session cookie; /api/v1/holder/me gives the CSRF token. Returns a client using them.
 */
export async function loginHolder(
  platform: TestPlatform,
  holder: TestHolder,
  options: { ip?: string; returnTo?: string } = {},
): Promise<HolderLogin> {
  const { username, password } = await ensureDevIdpHolder(platform, holder);
  const steps = holderLoginSteps(platform, options.ip);
  const started = await steps.start(options.returnTo);
  if (started.response.status !== 302)
    throw new Error(`holder login start: ${await started.response.text()}`);
  const submitted = await steps.submit(started.authorizeUrl, username, password);
  if (!submitted.callbackUrl) throw new Error(`dev IdP login: HTTP ${submitted.response.status}`);
  const done = await steps.callback(submitted.callbackUrl, started.loginCookie);
  const token = responseCookies(done).zy_holder_session;
  if (done.status !== 302 || !token) throw new Error(`holder login callback: ${await done.text()}`);
  const cookie = `zy_holder_session=${token}`;
  const base = platform.fetchFrom(options.ip);
  const me = (await (
    await base('http://zhengyin.test/api/v1/holder/me', { headers: { cookie } })
  ).json()) as {
    csrfToken: string;
  };
  const csrfToken = me.csrfToken;
  const fetch: typeof globalThis.fetch = (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', cookie);
    if (UNSAFE.has((init.method ?? 'GET').toUpperCase())) headers.set('x-csrf-token', csrfToken);
    return base(input, { ...init, headers });
  };
  const client = createClient({ baseUrl: 'http://zhengyin.test', fetch });
  return { client, fetch, cookie, csrfToken, holder, location: done.headers.get('location') ?? '' };
}
