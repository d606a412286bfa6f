import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import type { Client } from '@zhengyin/sdk';
import { hashSessionToken } from '@zhengyin/core';
import type { TestPlatform } from '../testing/index.js';
import {
  BUSINESS_TYPE_CODE,
  SEAL_PIN,
  createTestPlatform,
  publishedTypeWithSeal,
  rejected,
} from '../testing/index.js';
import {
  TEST_HOLDER_PASSWORD,
  ensureDevIdpHolder,
  holderLoginSteps,
  loginHolder,
  responseCookies,
  testCitizenId,
  testUscc,
} from '../testing/holders.js';

let p: TestPlatform;
let orgs: Awaited<ReturnType<TestPlatform['seedOrgs']>>;
let issuer: Client;
let a1: { id: string; identifier: string; fileSha256: string };
let a2: { id: string };
let a2v2: { id: string };
let b1: { id: string };

const citizen = { holderCode: testCitizenId('011'), holderCodeType: '111' as const, name: '王小明' };
const companyA = {
  holderCode: testUscc('MA6T0A01'),
  holderCodeType: '001' as const,
  name: '西安甲示例科技有限公司',
};
const companyB = {
  holderCode: testUscc('MA6T0B02'),
  holderCodeType: '001' as const,
  name: '西安乙示例贸易有限公司',
};

const issue = async (holder: { holderCode: string; name: string }) =>
  issuer.issueLicense({
    body: {
      typeCode: BUSINESS_TYPE_CODE,
      departmentId: orgs.deptA,
      sealPin: SEAL_PIN,
      item: {
        holder: { name: holder.name, code: holder.holderCode, codeType: '001' },
        data: { FDDBR: '李四', CLRQ: '2021-03-15', ZCZB: 500 },
      },
    },
  });

beforeAll(async () => {
  p = await createTestPlatform();
  orgs = await p.seedOrgs();
  ({ issuer } = await publishedTypeWithSeal(p, orgs.deptA, orgs.provinceCode));
  // Issued before the tests move the clock (the issuer's staff session would go idle).
  a1 = await issue(companyA);
  a2 = await issue(companyA);
  b1 = await issue(companyB);
  // 变更: a2 gets version 2; the holder's list shows only the current version.
  ({ license: a2v2 } = await issuer.updateLicense({
    params: { id: a2.id },
    body: {
      reason: '法定代表人变更',
      changes: { data: { FDDBR: '赵六', CLRQ: '2021-03-15', ZCZB: 500 } },
      sealPin: SEAL_PIN,
    },
  }));
}, 120_000);
afterAll(() => p.close());

const db = () => p.db.database.db;
const count = async (table: 'holder_sessions' | 'holder_logins' | 'dev_idp_codes') =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select(sql<string>`count(*)`.as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const auditActions = async (action: string) =>
  db().selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('seq').execute();
const json = async (r: Response) => (await r.json()) as { error?: { code: string }; [k: string]: unknown };
const local = (u: URL | string) => {
  const url = new URL(String(u));
  return `http://zhengyin.test${url.pathname}${url.search}`;
};

/** Login up to the dev IdP's redirect back: the callback URL and the login cookie. */
async function upToCallback(holder = citizen, returnTo?: string) {
  const { username, password } = await ensureDevIdpHolder(p, holder);
  const steps = holderLoginSteps(p);
  const started = await steps.start(returnTo);
  expect(started.response.status).toBe(302);
  const submitted = await steps.submit(started.authorizeUrl, username, password);
  expect(submitted.callbackUrl).not.toBeNull();
  return { steps, started, callbackUrl: submitted.callbackUrl!, loginCookie: started.loginCookie };
}

describe('holder login through the development IdP (OIDC code + PKCE)', () => {
  test('authorize form → code → callback → session cookie → me; audited holder.login', async () => {
    const before = (await auditActions('holder.login')).length;
    const steps = holderLoginSteps(p);
    const { username, password } = await ensureDevIdpHolder(p, citizen);
    const started = await steps.start('/holder/licences?tab=1');
    expect(started.response.status).toBe(302);
    expect(started.authorizeUrl.pathname).toBe('/dev-idp/authorize');
    expect(started.authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(started.authorizeUrl.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(started.loginCookie).not.toBe('');
    expect(started.response.headers.getSetCookie().join()).toMatch(
      /zy_holder_login=.*HttpOnly.*SameSite=Lax/i,
    );

    // The login page is the dev IdP's own form, marked development-only.
    const form = await p.fetchFrom()(local(started.authorizeUrl));
    const page = await form.text();
    expect(form.status).toBe(200);
    expect(page).toContain('开发用 / DEVELOPMENT ONLY');
    expect(page).toContain('name="password"');

    const submitted = await steps.submit(started.authorizeUrl, username, password);
    expect(submitted.response.status).toBe(302);
    expect(submitted.callbackUrl!.pathname).toBe('/api/v1/holder/callback');
    expect(submitted.callbackUrl!.searchParams.get('state')).toBe(
      started.authorizeUrl.searchParams.get('state'),
    );

    const done = await steps.callback(submitted.callbackUrl!, started.loginCookie);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/holder/licences?tab=1');
    const setCookie = done.headers.getSetCookie().find((c) => c.startsWith('zy_holder_session='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // base URL is http here
    const token = responseCookies(done).zy_holder_session!;

    const me = await p.fetchFrom()('http://zhengyin.test/api/v1/holder/me', {
      headers: { cookie: `zy_holder_session=${token}` },
    });
    const body = (await me.json()) as { holder: unknown; csrfToken: string };
    expect(me.status).toBe(200);
    expect(body.holder).toEqual({
      holderCodeType: '111',
      holderCode: citizen.holderCode,
      name: citizen.name,
    });
    expect(body.csrfToken.length).toBeGreaterThan(20);

    const session = await db()
      .selectFrom('holder_sessions')
      .selectAll()
      .where('token_hash', '=', hashSessionToken(token))
      .executeTakeFirstOrThrow();
    expect(session.issuer).toBe('http://127.0.0.1:8080/dev-idp');
    expect(session.holder_code).toBe(citizen.holderCode);
    const logins = await auditActions('holder.login');
    expect(logins.length).toBe(before + 1);
    expect(logins.at(-1)!.actor_kind).toBe('holder');
    expect(logins.at(-1)!.actor_id).toBe(session.id);
    expect(logins.at(-1)!.target_id).toBe(`111:${citizen.holderCode}`);
  });

  test('the helper logs in an enterprise holder too (USCC)', async () => {
    const h = await loginHolder(p, companyA);
    expect((await h.client.holderMe()).holder).toEqual({
      holderCodeType: '001',
      holderCode: companyA.holderCode,
      name: companyA.name,
    });
  });

  test('the state works once: a replayed callback is refused and creates no session', async () => {
    const { steps, callbackUrl, loginCookie } = await upToCallback();
    expect((await steps.callback(callbackUrl, loginCookie)).status).toBe(302);
    const sessions = await count('holder_sessions');
    const failedBefore = (await auditActions('holder.login.failed')).length;
    const replay = await steps.callback(callbackUrl, loginCookie);
    expect(replay.status).toBe(400);
    expect((await json(replay)).error!.code).toBe('HOLDER_LOGIN_INVALID');
    expect(responseCookies(replay).zy_holder_session ?? '').toBe('');
    expect(await count('holder_sessions')).toBe(sessions);
    expect((await auditActions('holder.login.failed')).length).toBe(failedBefore + 1);
  });

  test('a callback without the login cookie (another browser) is refused', async () => {
    const { steps, callbackUrl } = await upToCallback();
    const sessions = await count('holder_sessions');
    const other = await steps.callback(callbackUrl, null);
    expect(other.status).toBe(400);
    expect((await json(other)).error!.code).toBe('HOLDER_LOGIN_INVALID');
    const forged = await steps.callback(callbackUrl, 'not-the-cookie');
    expect((await json(forged)).error!.code).toBe('HOLDER_LOGIN_INVALID');
    expect(await count('holder_sessions')).toBe(sessions);
  });

  test('an unknown state is refused', async () => {
    const { steps, callbackUrl, loginCookie } = await upToCallback();
    const tampered = new URL(callbackUrl);
    tampered.searchParams.set('state', 'x'.repeat(43));
    const r = await steps.callback(tampered, loginCookie);
    expect((await json(r)).error!.code).toBe('HOLDER_LOGIN_INVALID');
  });

  test('PKCE: a verifier that does not match the challenge is refused (login and token endpoint)', async () => {
    const { steps, started, callbackUrl, loginCookie } = await upToCallback();
    // Swap the stored verifier: the dev IdP must refuse the exchange.
    const stateHash = hashSessionToken(started.authorizeUrl.searchParams.get('state')!);
    await db()
      .updateTable('holder_logins')
      .set({ code_verifier: 'A'.repeat(64) })
      .where('state_hash', '=', stateHash)
      .execute();
    const sessions = await count('holder_sessions');
    const r = await steps.callback(callbackUrl, loginCookie);
    expect(r.status).toBe(401);
    const body = await json(r);
    expect(body.error!.code).toBe('HOLDER_LOGIN_FAILED');
    expect(await count('holder_sessions')).toBe(sessions);
    const failed = (await auditActions('holder.login.failed')).at(-1)!;
    expect(JSON.stringify(failed.details)).toContain('HOLDER_LOGIN_FAILED');
  });

  test('the token endpoint: codes work once, expire after 60 s, and need the right verifier', async () => {
    const { username, password } = await ensureDevIdpHolder(p, citizen);
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authorize = new URL('http://zhengyin.test/dev-idp/authorize');
    const params = {
      response_type: 'code',
      client_id: 'zhengyin-holder',
      redirect_uri: 'http://127.0.0.1:8080/api/v1/holder/callback',
      scope: 'openid profile',
      state: 's1',
      nonce: 'n1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    };
    for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);
    const steps = holderLoginSteps(p);
    const code = async () =>
      (await steps.submit(authorize, username, password)).callbackUrl!.searchParams.get('code')!;
    const token = (c: string, v = verifier) =>
      p.fetchFrom()('http://zhengyin.test/dev-idp/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: c,
          redirect_uri: params.redirect_uri,
          client_id: params.client_id,
          code_verifier: v,
        }).toString(),
      });

    const first = await code();
    const ok = await token(first);
    expect(ok.status).toBe(200);
    const tokens = (await ok.json()) as { id_token: string; access_token: string };
    const claims = JSON.parse(Buffer.from(tokens.id_token.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims.iss).toBe('http://127.0.0.1:8080/dev-idp');
    expect(claims.aud).toBe('zhengyin-holder');
    expect(claims.nonce).toBe('n1');
    expect(claims.zhengyin_holder_code).toBe(citizen.holderCode);
    expect(claims.zhengyin_dev_idp).toBe('开发用 / DEVELOPMENT ONLY');
    const again = await token(first);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toBe('invalid_grant');

    const userinfo = await p.fetchFrom()('http://zhengyin.test/dev-idp/userinfo', {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(((await userinfo.json()) as Record<string, unknown>).name).toBe(citizen.name);

    const wrongVerifier = await token(await code(), 'w'.repeat(50));
    expect(wrongVerifier.status).toBe(400);
    expect(((await wrongVerifier.json()) as { error_description: string }).error_description).toContain(
      'PKCE',
    );

    const late = await code();
    p.clock.advance(61_000);
    const expired = await token(late);
    expect(expired.status).toBe(400);
    expect(((await expired.json()) as { error_description: string }).error_description).toContain('expired');
  });

  test('an expired code at the callback is refused', async () => {
    const { steps, callbackUrl, loginCookie } = await upToCallback();
    p.clock.advance(61_000);
    const sessions = await count('holder_sessions');
    const r = await steps.callback(callbackUrl, loginCookie);
    expect((await json(r)).error!.code).toBe('HOLDER_LOGIN_FAILED');
    expect(await count('holder_sessions')).toBe(sessions);
  });

  test('a login older than its 10 minutes is refused', async () => {
    const { steps, callbackUrl, loginCookie } = await upToCallback();
    p.clock.advance(11 * 60_000);
    const r = await steps.callback(callbackUrl, loginCookie);
    expect((await json(r)).error!.code).toBe('HOLDER_LOGIN_INVALID');
  });

  test('a nonce that does not match the ID token is refused', async () => {
    const { steps, started, callbackUrl, loginCookie } = await upToCallback();
    await db()
      .updateTable('holder_logins')
      .set({ nonce: 'another-nonce' })
      .where('state_hash', '=', hashSessionToken(started.authorizeUrl.searchParams.get('state')!))
      .execute();
    const sessions = await count('holder_sessions');
    const r = await steps.callback(callbackUrl, loginCookie);
    expect((await json(r)).error!.code).toBe('HOLDER_LOGIN_FAILED');
    expect(await count('holder_sessions')).toBe(sessions);
  });

  test('a provider identity with a wrong check character is refused', async () => {
    // An account written around the checks (the dev IdP's own save checks the code).
    const good = testCitizenId('099');
    const bad = `${good.slice(0, 17)}${good.endsWith('1') ? '2' : '1'}`;
    await db()
      .insertInto('dev_idp_users')
      .values({
        id: '00000000-0000-4000-8000-000000000099',
        username: 'bad-check',
        password_hash: await p.ctx.deps.passwords.hash(TEST_HOLDER_PASSWORD),
        holder_code_type: '111',
        holder_code: bad,
        name: '校验位错误',
        created_at: p.clock.now(),
        updated_at: p.clock.now(),
      })
      .execute();
    const steps = holderLoginSteps(p);
    const started = await steps.start();
    const submitted = await steps.submit(started.authorizeUrl, 'bad-check', TEST_HOLDER_PASSWORD);
    const sessions = await count('holder_sessions');
    const r = await steps.callback(submitted.callbackUrl!, started.loginCookie);
    expect(r.status).toBe(403);
    expect((await json(r)).error!.code).toBe('HOLDER_IDENTITY_INVALID');
    expect(await count('holder_sessions')).toBe(sessions);
  });

  test('a wrong password shows the form again and issues no code', async () => {
    await ensureDevIdpHolder(p, citizen);
    const steps = holderLoginSteps(p);
    const started = await steps.start();
    const codes = await count('dev_idp_codes');
    const r = await steps.submit(
      started.authorizeUrl,
      `h-${citizen.holderCode.toLowerCase()}`,
      'wrong-password',
    );
    expect(r.response.status).toBe(401);
    expect(r.callbackUrl).toBeNull();
    const html = await r.response.text();
    expect(html).toContain('用户名或密码错误');
    expect(html).toContain('DEVELOPMENT ONLY');
    expect(await count('dev_idp_codes')).toBe(codes);
  });

  test('the dev IdP refuses an unregistered redirect_uri or a request without PKCE', async () => {
    const { started } = await upToCallback();
    const evil = new URL(started.authorizeUrl);
    evil.searchParams.set('redirect_uri', 'https://evil.example/cb');
    const r1 = await p.fetchFrom()(local(evil), { redirect: 'manual' });
    expect(r1.status).toBe(400);
    expect(await r1.text()).toContain('redirect_uri is not registered');
    const plain = new URL(started.authorizeUrl);
    plain.searchParams.delete('code_challenge_method');
    expect((await p.fetchFrom()(local(plain))).status).toBe(400);
  });

  test.each([
    '//evil.example/x',
    'https://evil.example/',
    '/\\evil.example',
    '/%2F%2Fevil.example',
    'holder',
  ])('returnTo %s is refused before anything is stored', async (returnTo) => {
    const logins = await count('holder_logins');
    const r = await holderLoginSteps(p).start(returnTo);
    expect(r.response.status).toBe(400);
    expect(r.response.headers.get('location')).toBeNull();
    expect((await json(r.response)).error!.code).toBe('HOLDER_RETURN_TO_INVALID');
    expect(await count('holder_logins')).toBe(logins);
  });
});

describe('holder session', () => {
  test('logout needs the CSRF header, then ends the session', async () => {
    const h = await loginHolder(p, companyB);
    const noCsrf = await p.fetchFrom()('http://zhengyin.test/api/v1/holder/logout', {
      method: 'POST',
      headers: { cookie: h.cookie },
    });
    expect(noCsrf.status).toBe(403);
    expect((await json(noCsrf)).error!.code).toBe('AUTH_CSRF_FAILED');
    const wrong = await p.fetchFrom()('http://zhengyin.test/api/v1/holder/logout', {
      method: 'POST',
      headers: { cookie: h.cookie, 'x-csrf-token': 'nope' },
    });
    expect(wrong.status).toBe(403);
    expect((await h.client.holderMe()).holder.name).toBe(companyB.name); // still logged in

    expect(await h.client.holderLogout()).toEqual({ ok: true });
    const after = await rejected(h.client.holderMe());
    expect(after.code).toBe('AUTH_REQUIRED');
    expect((await auditActions('holder.logout')).at(-1)!.target_id).toBe(`001:${companyB.holderCode}`);
  });

  test('holder endpoints need a holder session; a staff session is not one', async () => {
    expect((await rejected(p.client().myLicenses())).code).toBe('AUTH_REQUIRED');
    const admin = await p.adminClient();
    expect((await rejected(admin.myLicenses())).code).toBe('AUTH_REQUIRED');
  });

  test('an idle session expires', async () => {
    const h = await loginHolder(p, citizen);
    p.clock.advance((p.config.ZHENGYIN_SESSION_IDLE_MINUTES + 1) * 60_000);
    expect((await rejected(h.client.holderMe())).code).toBe('AUTH_SESSION_EXPIRED');
  });
});

describe('我的证照 (my licences)', () => {
  test('a holder sees, opens and downloads only their own licences', async () => {
    const a = await loginHolder(p, companyA);

    const list = await a.client.myLicenses();
    expect(list.total).toBe(2);
    expect(list.items.map((l) => l.id).sort()).toEqual([a1.id, a2v2.id].sort());
    // The superseded version stays readable by its holder, outside the list.
    expect((await a.client.myLicense({ params: { id: a2.id } })).status).toBe('superseded');
    expect((await a.client.myLicense({ params: { id: a2v2.id } })).data.FDDBR).toBe('赵六');
    expect(list.items[0]!.statusName).toBe('有效');
    expect((await a.client.myLicenses({ query: { status: 'revoked' } })).total).toBe(0);

    const detail = await a.client.myLicense({ params: { id: a1.id } });
    expect(detail.identifier).toBe(a1.identifier);
    expect(detail.data).toEqual({ FDDBR: '李四', CLRQ: '2021-03-15', ZCZB: 500 });

    const downloadsBefore = (await auditActions('holder.license.downloaded')).length;
    const file = await a.client.myLicenseFile({ params: { id: a1.id } });
    expect([file.format, file.contentType, file.fileName]).toEqual([
      'pdf',
      'application/pdf',
      `${a1.identifier}.pdf`,
    ]);
    const pdf = Buffer.from(file.pdfBase64!, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(a1.fileSha256);
    const downloads = await auditActions('holder.license.downloaded');
    expect(downloads.length).toBe(downloadsBefore + 1);
    expect(downloads.at(-1)!.target_id).toBe(a1.id);
    expect(downloads.at(-1)!.actor_kind).toBe('holder');

    // Another holder's licence answers exactly like one that does not exist, and is not audited.
    const other = await rejected(a.client.myLicense({ params: { id: b1.id } }));
    const none = await rejected(
      a.client.myLicense({ params: { id: '00000000-0000-4000-8000-000000000000' } }),
    );
    expect(other.code).toBe('LICENSE_NOT_FOUND');
    expect(other.status).toBe(404);
    expect(none.code).toBe('LICENSE_NOT_FOUND');
    expect((await rejected(a.client.myLicenseFile({ params: { id: b1.id } }))).code).toBe(
      'LICENSE_NOT_FOUND',
    );
    expect((await auditActions('holder.license.downloaded')).length).toBe(downloadsBefore + 1);

    const b = await loginHolder(p, companyB);
    expect((await b.client.myLicenses()).items.map((l) => l.id)).toEqual([b1.id]);
    // The citizen holds none of them.
    const c = await loginHolder(p, citizen);
    expect((await c.client.myLicenses()).total).toBe(0);
  }, 60_000);
});

describe('我的证照 as OFD', () => {
  const companyC = {
    holderCode: testUscc('MA6T0C03'),
    holderCodeType: '001' as const,
    name: '西安丙示例版式有限公司',
  };
  let both: { id: string; identifier: string; ofdSha256: string | null; fileSha256: string | null };
  let ofdOnly: { id: string; identifier: string; ofdSha256: string | null };
  const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

  beforeAll(async () => {
    // A fresh issuer session: the tests above moved the clock.
    const { client } = await p.userWithRole('issuer', { departmentId: orgs.deptA });
    const issueAs = (fileFormat: 'both' | 'ofd') =>
      client.issueLicense({
        body: {
          typeCode: BUSINESS_TYPE_CODE,
          departmentId: orgs.deptA,
          sealPin: SEAL_PIN,
          fileFormat,
          item: {
            holder: { name: companyC.name, code: companyC.holderCode, codeType: '001' },
            data: { FDDBR: '李四', CLRQ: '2021-03-15', ZCZB: 500 },
          },
        },
      });
    both = await issueAs('both');
    ofdOnly = await issueAs('ofd');
  }, 60_000);

  test('the list and detail say which files exist; the holder downloads the OFD, audited with its format', async () => {
    const c = await loginHolder(p, companyC);
    const list = await c.client.myLicenses();
    expect(Object.fromEntries(list.items.map((l) => [l.id, l.fileFormat]))).toEqual({
      [both.id]: 'both',
      [ofdOnly.id]: 'ofd',
    });
    const detail = await c.client.myLicense({ params: { id: ofdOnly.id } });
    expect([detail.fileFormat, detail.fileSha256, detail.ofdSha256]).toEqual([
      'ofd',
      null,
      ofdOnly.ofdSha256,
    ]);

    const downloadsBefore = (await auditActions('holder.license.downloaded')).length;
    const ofd = await c.client.myLicenseFile({ params: { id: both.id }, query: { format: 'ofd' } });
    expect([ofd.format, ofd.contentType, ofd.fileName]).toEqual([
      'ofd',
      'application/ofd',
      `${both.identifier}.ofd`,
    ]);
    expect(ofd.pdfBase64).toBeUndefined();
    const bytes = new Uint8Array(Buffer.from(ofd.ofdBase64!, 'base64'));
    expect(sha256(bytes)).toBe(both.ofdSha256);
    expect(ofd.sha256).toBe(both.ofdSha256);
    // Without a format: the PDF when there is one, else the OFD.
    const pdf = await c.client.myLicenseFile({ params: { id: both.id } });
    expect([pdf.format, pdf.sha256]).toEqual(['pdf', both.fileSha256]);
    const only = await c.client.myLicenseFile({ params: { id: ofdOnly.id } });
    expect([only.format, only.sha256]).toEqual(['ofd', ofdOnly.ofdSha256]);
    const downloads = await auditActions('holder.license.downloaded');
    expect(
      downloads.slice(downloadsBefore).map((e) => [e.target_id, (e.details as { format: string }).format]),
    ).toEqual([
      [both.id, 'ofd'],
      [both.id, 'pdf'],
      [ofdOnly.id, 'ofd'],
    ]);
  });

  test('a format not issued, another holder and no session are refused, and nothing is audited', async () => {
    const c = await loginHolder(p, companyC);
    const a = await loginHolder(p, companyA);
    const downloadsBefore = (await auditActions('holder.license.downloaded')).length;
    const noPdf = await rejected(
      c.client.myLicenseFile({ params: { id: ofdOnly.id }, query: { format: 'pdf' } }),
    );
    expect([noPdf.status, noPdf.code]).toEqual([404, 'LICENSE_FORMAT_UNAVAILABLE']);
    const notTheirs = await rejected(
      a.client.myLicenseFile({ params: { id: ofdOnly.id }, query: { format: 'ofd' } }),
    );
    expect([notTheirs.status, notTheirs.code]).toEqual([404, 'LICENSE_NOT_FOUND']);
    const anonymous = await rejected(
      p.client().myLicenseFile({ params: { id: ofdOnly.id }, query: { format: 'ofd' } }),
    );
    expect(anonymous.code).toBe('AUTH_REQUIRED');
    const bad = await rejected(
      c.client.myLicenseFile({ params: { id: ofdOnly.id }, query: { format: 'png' as never } }),
    );
    expect(bad.code).toBe('REQUEST_VALIDATION_FAILED');
    expect((await auditActions('holder.license.downloaded')).length).toBe(downloadsBefore);
  });
});
