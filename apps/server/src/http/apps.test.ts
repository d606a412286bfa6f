import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient } from '@zhengyin/sdk';
import type { Client } from '@zhengyin/sdk';
import { nodeAppSigner } from '@zhengyin/sdk/node';
import type { TestPlatform } from '../testing/index.js';
import { createTestPlatform, rejected } from '../testing/index.js';

let p: TestPlatform;
let admin: Client;
let orgs: Awaited<ReturnType<TestPlatform['seedOrgs']>>;
beforeAll(async () => {
  p = await createTestPlatform();
  admin = await p.adminClient();
  orgs = await p.seedOrgs();
});
afterAll(() => p.close());

function appClient(
  credentials: { appKey: string; secret: string },
  options: {
    ip?: string;
    algorithm?: 'HMAC-SHA256' | 'HMAC-SM3';
    now?: () => number;
    nonce?: () => string;
  } = {},
) {
  return createClient({
    baseUrl: 'http://zhengyin.test',
    fetch: p.fetchFrom(options.ip),
    signer: nodeAppSigner({
      ...credentials,
      algorithm: options.algorithm ?? 'HMAC-SHA256',
      now: options.now ?? (() => p.clock.now().getTime()),
      ...(options.nonce ? { nonce: options.nonce } : {}),
    }),
  });
}

const denials = async () =>
  (
    await p.ctx.database.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'access.denied')
      .execute()
  ).map((r) => r.details.code);

describe('signed app requests', () => {
  let creds: { appKey: string; secret: string };
  let appId: string;
  beforeAll(async () => {
    const { app, secret } = await admin.createApp({
      body: { name: '一网通办受理系统', departmentId: orgs.deptA, scopes: ['orgs:read', 'apps:self'] },
    });
    creds = { appKey: app.appKey, secret };
    appId = app.id;
    // The secret is stored sealed, never in clear.
    const row = await p.ctx.database.db
      .selectFrom('apps')
      .selectAll()
      .where('id', '=', app.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_sealed).not.toContain(secret);
  });

  test('HMAC-SHA256 and HMAC-SM3 signatures are accepted, with query parameters', async () => {
    for (const algorithm of ['HMAC-SHA256', 'HMAC-SM3'] as const) {
      const c = appClient(creds, { algorithm });
      expect((await c.appWhoami()).id).toBe(appId);
      const regions = await c.listRegions({ query: { parentCode: '610000', pageSize: 5 } });
      expect(regions.items.map((r) => r.code)).toEqual(['610100', '610200']);
    }
    const calls = await p.ctx.database.db
      .selectFrom('api_calls')
      .selectAll()
      .where('actor_id', '=', appId)
      .execute();
    expect(calls.length).toBeGreaterThanOrEqual(4);
    expect(calls[0]).toMatchObject({ actor_kind: 'app', status: 200 });
  });

  test('missing, wrong, replayed and stale signatures are refused and audited', async () => {
    const missing = await rejected(
      createClient({ baseUrl: 'http://zhengyin.test', fetch: p.fetchFrom() }).appWhoami(),
    );
    expect(missing.code).toBe('AUTH_SIGNATURE_MISSING');
    const wrong = await rejected(appClient({ ...creds, secret: `${creds.secret}x` }).appWhoami());
    expect(wrong.code).toBe('AUTH_SIGNATURE_INVALID');
    const unknown = await rejected(appClient({ ...creds, appKey: 'zyNoSuchApp' }).appWhoami());
    expect(unknown.code).toBe('AUTH_APP_UNKNOWN');
    const fixedNonce = () => 'nonce-replayed-0001';
    await appClient(creds, { nonce: fixedNonce }).appWhoami();
    const replay = await rejected(appClient(creds, { nonce: fixedNonce }).appWhoami());
    expect(replay.code).toBe('AUTH_NONCE_REPLAYED');
    const stale = await rejected(
      appClient(creds, { now: () => p.clock.now().getTime() - 6 * 60_000 }).appWhoami(),
    );
    expect(stale.code).toBe('AUTH_TIMESTAMP_STALE');
    const future = await rejected(
      appClient(creds, { now: () => p.clock.now().getTime() + 6 * 60_000 }).appWhoami(),
    );
    expect(future.code).toBe('AUTH_TIMESTAMP_STALE');
    expect(await denials()).toEqual(
      expect.arrayContaining([
        'AUTH_SIGNATURE_MISSING',
        'AUTH_SIGNATURE_INVALID',
        'AUTH_APP_UNKNOWN',
        'AUTH_NONCE_REPLAYED',
        'AUTH_TIMESTAMP_STALE',
      ]),
    );
  });

  test('a tampered body or query fails the signature', async () => {
    const signer = nodeAppSigner({ ...creds, now: () => p.clock.now().getTime() });
    const headers = await signer({
      method: 'GET',
      path: '/api/v1/regions',
      query: new URLSearchParams({ parentCode: '610000' }),
      body: new Uint8Array(),
    });
    const res = await p.fetchFrom()('http://zhengyin.test/api/v1/regions?parentCode=620000', { headers });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('AUTH_SIGNATURE_INVALID');
  });

  test('scopes and the IP allow-list are enforced', async () => {
    const { app, secret } = await admin.createApp({
      body: {
        name: '窗口系统',
        departmentId: orgs.deptA,
        scopes: ['apps:self'],
        ipAllowList: ['10.1.0.0/16', '2001:db8::/32'],
      },
    });
    const c = { appKey: app.appKey, secret };
    expect((await appClient(c, { ip: '10.1.2.3' }).appWhoami()).id).toBe(app.id);
    expect((await appClient(c, { ip: '::ffff:10.1.9.9' }).appWhoami()).id).toBe(app.id);
    expect((await appClient(c, { ip: '2001:db8::5' }).appWhoami()).id).toBe(app.id);
    expect((await rejected(appClient(c, { ip: '10.2.0.1' }).appWhoami())).code).toBe('AUTH_IP_NOT_ALLOWED');
    const scope = await rejected(appClient(c, { ip: '10.1.2.3' }).listRegions({ query: {} }));
    expect(scope.code).toBe('AUTH_SCOPE_MISSING');
    expect(scope.status).toBe(403);
  });

  test('secret rotation keeps the old secret valid for the overlap only', async () => {
    const { secret: next } = await admin.rotateAppSecret({
      params: { id: appId },
      body: { overlapMinutes: 10 },
    });
    expect((await appClient(creds).appWhoami()).id).toBe(appId);
    expect((await appClient({ ...creds, secret: next }).appWhoami()).id).toBe(appId);
    p.clock.advance(11 * 60_000);
    expect((await rejected(appClient(creds).appWhoami())).code).toBe('AUTH_SIGNATURE_INVALID');
    expect((await appClient({ ...creds, secret: next }).appWhoami()).id).toBe(appId);
    creds = { ...creds, secret: next };
  });

  test('a deactivated app is refused', async () => {
    await admin.updateApp({ params: { id: appId }, body: { active: false } });
    expect((await rejected(appClient(creds).appWhoami())).code).toBe('AUTH_APP_UNKNOWN');
  });
});
