import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { UnitOfWork } from '@zhengyin/core';
import { GENESIS_HASH, verifyChain } from '@zhengyin/core';
import type { TestDatabase } from '../testing/database.js';
import { TEST_DATABASE_URL, createTestDatabase } from '../testing/database.js';
import { kyselyUnitOfWork } from './unit-of-work.js';

// The same suite for every backend: PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
const backends = (['pglite', ...(TEST_DATABASE_URL ? ['postgres'] : [])] as const).map(
  (kind) => [kind] as const,
);

describe.each(backends)('repositories on %s', (kind) => {
  let db: TestDatabase;
  let uow: UnitOfWork;
  const at = new Date('2026-11-20T08:00:00.000Z');
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    uow = kyselyUnitOfWork(db.database.db);
    await uow.run(async (r) => {
      await r.regions.insert(
        { code: '440000', name: '广东省', level: 'province', parentCode: null, active: true },
        at,
      );
      await r.regions.insert(
        { code: '440100', name: '广州市', level: 'city', parentCode: '440000', active: true },
        at,
      );
      await r.regions.insert(
        { code: '450000', name: '广西壮族自治区', level: 'province', parentCode: null, active: true },
        at,
      );
    });
  });
  afterAll(() => db.close());

  const department = (id: string, uscc: string, regionCode: string) => ({
    id,
    name: `部门${id.slice(-2)}`,
    uscc,
    regionCode,
    parentId: null,
    contact: { name: '李四' },
    active: true,
    version: 1,
    createdAt: at,
    updatedAt: at,
  });

  test('regions: get, list by parent, search and prefix scope', async () => {
    expect(await uow.run((r) => r.regions.get('440100'))).toEqual({
      code: '440100',
      name: '广州市',
      level: 'city',
      parentCode: '440000',
      active: true,
    });
    expect(await uow.run((r) => r.regions.get('999999'))).toBeNull();
    const children = await uow.run((r) => r.regions.list({ parentCode: '440000', page: 1, pageSize: 10 }));
    expect(children.items.map((x) => x.code)).toEqual(['440100']);
    const scoped = await uow.run((r) => r.regions.list({ prefixes: ['45'], page: 1, pageSize: 10 }));
    expect(scoped.items.map((x) => x.code)).toEqual(['450000']);
    const search = await uow.run((r) => r.regions.list({ q: '广州', page: 1, pageSize: 10 }));
    expect(search.total).toBe(1);
    const wildcard = await uow.run((r) => r.regions.list({ q: '%', page: 1, pageSize: 10 }));
    expect(wildcard.total).toBe(0);
  });

  test('departments: optimistic update and onboarding dates', async () => {
    const d = department('00000000-0000-4000-8000-000000000001', '91350200776049653A', '440100');
    await uow.run((r) => r.departments.insert(d));
    expect(await uow.run((r) => r.departments.getByUscc('91350200776049653A'))).toEqual(d);
    expect(await uow.run((r) => r.departments.update({ ...d, name: '新名', version: 2 }, 1))).toBe(true);
    expect(await uow.run((r) => r.departments.update({ ...d, name: '旧版本', version: 2 }, 1))).toBe(false);
    expect((await uow.run((r) => r.departments.get(d.id)))!.name).toBe('新名');
    await uow.run((r) =>
      r.departments.insertOnboarding({
        id: '00000000-0000-4000-8000-0000000000aa',
        departmentId: d.id,
        onboardedOn: '2026-02-28',
        systems: ['A', 'B'],
        note: null,
        createdAt: at,
      }),
    );
    const [o] = await uow.run((r) => r.departments.listOnboardings(d.id));
    expect(o).toMatchObject({ onboardedOn: '2026-02-28', systems: ['A', 'B'] });
  });

  test('users: roles round-trip in order; list filtered by region prefixes', async () => {
    const user = {
      id: '00000000-0000-4000-8000-000000000101',
      username: 'gz.issuer',
      displayName: '广州发证员',
      passwordHash: 'scrypt$x',
      mustChangePassword: true,
      failedLogins: 0,
      lockedUntil: null,
      totpSecretSealed: null,
      totpEnabled: false,
      active: true,
      roles: [
        { role: 'issuer' as const, regionCode: null, departmentId: '00000000-0000-4000-8000-000000000001' },
        { role: 'approver' as const, regionCode: '440100', departmentId: null },
      ],
      createdAt: at,
      updatedAt: at,
    };
    await uow.run((r) => r.users.insert(user));
    expect(await uow.run((r) => r.users.getByUsername('gz.issuer'))).toEqual(user);
    expect((await uow.run((r) => r.users.list({ prefixes: ['44'], page: 1, pageSize: 10 }))).total).toBe(1);
    expect((await uow.run((r) => r.users.list({ prefixes: ['45'], page: 1, pageSize: 10 }))).total).toBe(0);
    await uow.run((r) => r.users.update({ ...user, roles: [user.roles[1]!], failedLogins: 2 }));
    expect(await uow.run((r) => r.users.get(user.id))).toMatchObject({
      roles: [user.roles[1]],
      failedLogins: 2,
    });
    expect(await uow.run((r) => r.users.departmentRegions(['00000000-0000-4000-8000-000000000001']))).toEqual(
      {
        '00000000-0000-4000-8000-000000000001': '440100',
      },
    );
  });

  test('sessions: revoke all but one', async () => {
    const base = {
      userId: '00000000-0000-4000-8000-000000000101',
      csrfToken: 'c',
      createdAt: at,
      expiresAt: at,
      lastSeenAt: at,
      revokedAt: null,
    };
    await uow.run(async (r) => {
      await r.sessions.insert({
        ...base,
        id: '00000000-0000-4000-8000-000000000201',
        tokenHash: 'a'.repeat(64),
      });
      await r.sessions.insert({
        ...base,
        id: '00000000-0000-4000-8000-000000000202',
        tokenHash: 'b'.repeat(64),
      });
      await r.sessions.revokeAllForUser(base.userId, at, '00000000-0000-4000-8000-000000000202');
    });
    expect((await uow.run((r) => r.sessions.getByTokenHash('a'.repeat(64))))!.revokedAt).toEqual(at);
    expect((await uow.run((r) => r.sessions.getByTokenHash('b'.repeat(64))))!.revokedAt).toBeNull();
  });

  test('nonces: a nonce is accepted once until it expires', async () => {
    const app = {
      id: '00000000-0000-4000-8000-000000000301',
      name: '系统',
      appKey: 'zyconformance',
      departmentId: '00000000-0000-4000-8000-000000000001',
      scopes: ['orgs:read'],
      ipAllowList: [],
      secretSealed: 'v1.x',
      previousSecretSealed: null,
      previousSecretExpiresAt: null,
      active: true,
      createdAt: at,
      updatedAt: at,
    };
    await uow.run((r) => r.apps.insert(app));
    expect(await uow.run((r) => r.apps.getByKey('zyconformance'))).toEqual(app);
    const later = new Date(at.getTime() + 60_000);
    expect(await uow.run((r) => r.nonces.remember(app.id, 'n-1', later, at))).toBe(true);
    expect(await uow.run((r) => r.nonces.remember(app.id, 'n-1', later, at))).toBe(false);
    expect(await uow.run((r) => r.nonces.remember(app.id, 'n-1', later, new Date(later.getTime() + 1)))).toBe(
      true,
    );
  });

  test('audit: concurrent appends stay one linear chain; a rolled-back transaction leaves no event', async () => {
    const entry = (i: number) => ({
      action: 'orgs.region.updated' as const,
      actorKind: 'system' as const,
      actorId: 'system',
      targetType: 'region',
      targetId: String(i),
      details: { i, text: '中文 "quoted"', nested: { b: 1, a: [true, null] } },
      requestId: `r${i}`,
      clientIp: '127.0.0.1',
      at,
    });
    await Promise.all(Array.from({ length: 20 }, (_, i) => uow.run((r) => r.audit.append(entry(i)))));
    await expect(
      uow.run(async (r) => {
        await r.audit.append(entry(99));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const report = await uow.run(async (r) => verifyChain(r.auditReader.scan(7), await r.auditReader.head()));
    expect(report).toMatchObject({ intact: true, checked: 20, headSeq: 20 });
    const [first] = await uow.run((r) => r.auditReader.query({ limit: 1, beforeSeq: 2 }));
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(await uow.run((r) => r.auditReader.query({ targetId: '99', limit: 5 }))).toEqual([]);
  });

  test('API call log: newest first with a cursor', async () => {
    const call = (i: number) => ({
      at,
      requestId: `q${i}`,
      actorKind: 'app' as const,
      actorId: 'a1',
      method: 'GET',
      path: '/x',
      status: 200,
      latencyMs: i,
      clientIp: null,
    });
    // One batch, as the writer stores them: insertion order is the id order.
    await uow.run((r) => r.apiCalls.recordMany([call(0), call(1), call(2)]));
    await uow.run((r) => r.apiCalls.recordMany([]));
    const firstPage = await uow.run((r) => r.apiCalls.list({ actorId: 'a1', limit: 2 }));
    expect(firstPage.map((c) => c.requestId)).toEqual(['q2', 'q1']);
    const rest = await uow.run((r) =>
      r.apiCalls.list({ actorId: 'a1', limit: 2, beforeId: firstPage[1]!.id }),
    );
    expect(rest.map((c) => c.requestId)).toEqual(['q0']);
  });
});
