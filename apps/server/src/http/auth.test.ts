import { TOTP, Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestPlatform } from '../testing/index.js';
import { ADMIN_PASSWORD, NEW_PASSWORD, createTestPlatform, rejected } from '../testing/index.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform({ ZHENGYIN_LOCKOUT_THRESHOLD: '3', ZHENGYIN_LOCKOUT_MINUTES: '15' });
});
afterAll(() => p.close());

const auditActions = async () =>
  (
    await p.ctx.database.db.selectFrom('audit_events').select(['action', 'details']).orderBy('seq').execute()
  ).map((r) => r.action);

describe('staff login', () => {
  test('first login forces a password change before anything else', async () => {
    const c = p.client();
    const { user, csrfToken } = await c.login({ body: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(user.mustChangePassword).toBe(true);
    expect(csrfToken.length).toBeGreaterThan(20);
    const blocked = await rejected(c.listUsers({ query: {} }));
    expect(blocked.code).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
    const weak = await rejected(
      c.changePassword({ body: { currentPassword: ADMIN_PASSWORD, newPassword: 'short' } }),
    );
    expect(weak.code).toBe('AUTH_PASSWORD_POLICY');
    await c.changePassword({ body: { currentPassword: ADMIN_PASSWORD, newPassword: NEW_PASSWORD } });
    const page = await c.listUsers({ query: {} });
    expect(page.items.map((u) => u.username)).toContain('admin');
    expect((await c.me()).user.mustChangePassword).toBe(false);
  });

  test('the old password no longer works; unknown user and wrong password look the same and are audited', async () => {
    const old = await rejected(p.client().login({ body: { username: 'admin', password: ADMIN_PASSWORD } }));
    expect(old.code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(old.status).toBe(401);
    const unknown = await rejected(p.client().login({ body: { username: 'nobody', password: 'x' } }));
    expect(unknown.code).toBe('AUTH_INVALID_CREDENTIALS');
    const failed = await p.ctx.database.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'accounts.login.failed')
      .execute();
    expect(failed.map((f) => f.details.username)).toEqual(expect.arrayContaining(['admin', 'nobody']));
  });

  test('unsafe requests without the CSRF header are refused and audited', async () => {
    const c = await p.loginAs('admin', NEW_PASSWORD);
    const cookieOnly = p.fetchFrom();
    const cookie = await (async () => {
      const res = await cookieOnly('http://zhengyin.test/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: NEW_PASSWORD }),
      });
      return /zy_session=[^;]+/.exec(res.headers.get('set-cookie')!)![0];
    })();
    const res = await cookieOnly('http://zhengyin.test/api/v1/regions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ code: '110000', name: '北京市' }),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('AUTH_CSRF_FAILED');
    expect(
      await p.ctx.database.db
        .selectFrom('regions')
        .selectAll()
        .where('code', '=', '110000')
        .executeTakeFirst(),
    ).toBeUndefined();
    expect(await auditActions()).toContain('access.denied');
    await c.logout();
    expect((await rejected(c.me())).code).toBe('AUTH_REQUIRED');
  });

  test('the session expires when idle and at its absolute lifetime', async () => {
    const c = await p.loginAs('admin', NEW_PASSWORD);
    p.clock.advance(31 * 60_000);
    expect((await rejected(c.me())).code).toBe('AUTH_SESSION_EXPIRED');
  });

  test('repeated failures lock the account; an admin reset unlocks it', async () => {
    const admin = await p.loginAs('admin', NEW_PASSWORD);
    const { user, initialPassword } = await admin.createUser({
      body: { username: 'locky', displayName: '锁定测试', roles: [{ role: 'auditor' }] },
    });
    for (let i = 0; i < 3; i++) {
      expect(
        (await rejected(p.client().login({ body: { username: 'locky', password: 'Wrong-Pass-123' } }))).code,
      ).toBe('AUTH_INVALID_CREDENTIALS');
    }
    const locked = await rejected(
      p.client().login({ body: { username: 'locky', password: initialPassword } }),
    );
    expect(locked.code).toBe('AUTH_ACCOUNT_LOCKED');
    expect(locked.status).toBe(423);
    expect(await auditActions()).toContain('accounts.user.locked');
    const { temporaryPassword } = await admin.resetPassword({ params: { id: user.id } });
    const relogin = await p.client().login({ body: { username: 'locky', password: temporaryPassword } });
    expect(relogin.user.mustChangePassword).toBe(true);
    p.clock.advance(16 * 60_000);
  });

  test('TOTP: once enabled, login needs a valid code', async () => {
    const admin = await p.loginAs('admin', NEW_PASSWORD);
    const { initialPassword } = await admin.createUser({
      body: { username: 'totpuser', displayName: '动态口令', roles: [{ role: 'auditor' }] },
    });
    const c = await p.loginAs('totpuser', initialPassword);
    const { secret, otpauthUri } = await c.setupTotp();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    const code = (at: Date) => totp.generate({ timestamp: at.getTime() });
    expect((await rejected(c.enableTotp({ body: { code: code(new Date(0)) } }))).code).toBe(
      'AUTH_TOTP_INVALID',
    );
    await c.enableTotp({ body: { code: code(p.clock.now()) } });
    const missing = await rejected(
      p.client().login({ body: { username: 'totpuser', password: NEW_PASSWORD } }),
    );
    expect(missing.code).toBe('AUTH_TOTP_REQUIRED');
    const wrong = await rejected(
      p.client().login({ body: { username: 'totpuser', password: NEW_PASSWORD, totp: code(new Date(0)) } }),
    );
    expect(wrong.code).toBe('AUTH_TOTP_INVALID');
    const ok = await p
      .client()
      .login({ body: { username: 'totpuser', password: NEW_PASSWORD, totp: code(p.clock.now()) } });
    expect(ok.user.totpEnabled).toBe(true);
  });

  test('errors speak English on request', async () => {
    const e = await rejected(
      p.client({ language: 'en' }).login({ body: { username: 'nobody', password: 'x' } }),
    );
    expect(e.message).toMatch(/^Invalid username or password/);
    const zh = await rejected(p.client().login({ body: { username: 'nobody', password: 'x' } }));
    expect(zh.message).toMatch(/^用户名或密码错误/);
  });
});
