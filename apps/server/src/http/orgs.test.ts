import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import type { Client } from '@zhengyin/sdk';
import type { TestPlatform } from '../testing/index.js';
import { createTestPlatform, rejected } from '../testing/index.js';

let p: TestPlatform;
let admin: Client;
let orgs: Awaited<ReturnType<TestPlatform['seedOrgs']>>;
beforeAll(async () => {
  p = await createTestPlatform({ ZHENGYIN_BODY_LIMIT_BYTES: '4096' });
  admin = await p.adminClient();
  orgs = await p.seedOrgs();
});
afterAll(() => p.close());

/** Row counts of every table a bad request could touch. */
async function snapshot() {
  const count = async (table: 'regions' | 'departments' | 'audit_events' | 'onboardings' | 'users') =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(p.ctx.database.db))
        .rows[0]!.n,
    );
  return {
    regions: await count('regions'),
    departments: await count('departments'),
    onboardings: await count('onboardings'),
    users: await count('users'),
  };
}

describe('regions', () => {
  test('create a county under a city; code hierarchy enforced', async () => {
    const county = await admin.createRegion({
      body: { code: '610113', name: '雁塔区', parentCode: '610100' },
    });
    expect(county).toMatchObject({ code: '610113', level: 'county', parentCode: '610100', active: true });
    const wrongParent = await rejected(
      admin.createRegion({ body: { code: '610114', name: '阎良区', parentCode: '610200' } }),
    );
    expect(wrongParent.code).toBe('ORGS_REGION_PARENT_MISMATCH');
    const badCode = await rejected(admin.createRegion({ body: { code: '000001', name: '无效' } }));
    expect(badCode.code).toBe('ORGS_REGION_CODE_INVALID');
    const dup = await rejected(
      admin.createRegion({ body: { code: '610113', name: '雁塔区', parentCode: '610100' } }),
    );
    expect(dup.code).toBe('ORGS_REGION_EXISTS');
    const children = await admin.listRegions({ query: { parentCode: '610000' } });
    expect(children.items.map((r) => r.code)).toEqual(['610100', '610200']);
  });
});

describe('departments', () => {
  test('create, search, paginate, update with version, deactivate (never deleted)', async () => {
    const created = await admin.createDepartment({
      body: {
        name: '雁塔区人民政府办公室',
        uscc: '11330105002500287C',
        regionCode: '610100',
        contact: { name: '张三', phone: '029-12345678' },
      },
    });
    expect(created).toMatchObject({ uscc: '11330105002500287C', active: true, version: 1 });
    const search = await admin.listDepartments({ query: { q: '雁塔' } });
    expect(search.items.map((d) => d.id)).toEqual([created.id]);
    const page1 = await admin.listDepartments({ query: { regionCode: '610100', pageSize: 2, page: 1 } });
    const page2 = await admin.listDepartments({ query: { regionCode: '610100', pageSize: 2, page: 2 } });
    expect(page1.total).toBe(3);
    expect(page1.items).toHaveLength(2);
    expect(page2.items).toHaveLength(1);
    expect(new Set([...page1.items, ...page2.items].map((d) => d.id)).size).toBe(3);

    const updated = await admin.updateDepartment({
      params: { id: created.id },
      body: { version: 1, name: '雁塔区政府办' },
    });
    expect(updated).toMatchObject({ name: '雁塔区政府办', version: 2 });
    const stale = await rejected(
      admin.updateDepartment({ params: { id: created.id }, body: { version: 1, name: 'x' } }),
    );
    expect(stale.code).toBe('ORGS_VERSION_CONFLICT');

    const cycle = await rejected(
      admin.updateDepartment({ params: { id: created.id }, body: { version: 2, parentId: created.id } }),
    );
    expect(cycle.code).toBe('ORGS_PARENT_INVALID');

    const onboarding = await admin.recordOnboarding({
      params: { id: created.id },
      body: { onboardedOn: '2026-11-01', systems: ['政务服务网'], note: '首批进驻' },
    });
    expect((await admin.listOnboardings({ params: { id: created.id } })).items).toEqual([onboarding]);

    const off = await admin.deactivateDepartment({
      params: { id: created.id },
      body: { reason: '机构改革' },
    });
    expect(off.active).toBe(false);
    expect((await admin.getDepartment({ params: { id: created.id } })).active).toBe(false);
    expect((await admin.listDepartments({ query: { active: 'false' } })).items.map((d) => d.id)).toContain(
      created.id,
    );
  });

  test('a wrong 统一社会信用代码 check character is refused and changes nothing', async () => {
    const before = await snapshot();
    for (const uscc of ['91350203M0001QAY9B', '91500102563638729E', '11330000002482162X']) {
      const e = await rejected(
        admin.createDepartment({ body: { name: '错误代码', uscc, regionCode: '610100' } }),
      );
      expect(e.code).toBe('ORGS_USCC_INVALID');
      expect(e.status).toBe(400);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('bad input gets a clear error and changes nothing', () => {
  const raw = (path: string, body: string, extra: Record<string, string> = {}) =>
    p.fetchFrom()(`http://zhengyin.test${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...extra },
      body,
    });

  test('malformed JSON', async () => {
    const before = await snapshot();
    const res = await raw('/api/v1/auth/login', '{"username": "admin",');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe('REQUEST_MALFORMED_JSON');
    expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
    expect(await snapshot()).toEqual(before);
  });

  test('unknown fields are errors, with the field named', async () => {
    const before = await snapshot();
    const e = await rejected(
      admin.createDepartment({
        body: { name: '多余字段', uscc: '92330781MA2EDMFU50', regionCode: '610100', isAdmin: true } as never,
      }),
    );
    expect(e.code).toBe('REQUEST_VALIDATION_FAILED');
    expect(JSON.stringify(e.details)).toContain('isAdmin');
    expect(await snapshot()).toEqual(before);
  });

  test('oversized body', async () => {
    const before = await snapshot();
    const res = await raw(
      '/api/v1/auth/login',
      JSON.stringify({ username: 'admin', password: 'x'.repeat(10_000) }),
      {
        'content-length': String(10_030),
      },
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('REQUEST_BODY_TOO_LARGE');
    expect(await snapshot()).toEqual(before);
  });

  test('unknown route', async () => {
    const res = await p.fetchFrom()('http://zhengyin.test/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('REQUEST_NOT_FOUND');
  });
});

describe('scope: region administrators and department data', () => {
  test('a city administrator manages its own city only; denials are audited', async () => {
    const { client: cityAdmin, id } = await p.userWithRole('region_admin', { regionCode: orgs.cityCode });
    const own = await cityAdmin.updateDepartment({
      params: { id: orgs.deptA },
      body: { version: 1, contact: { email: 'scjg@xa.gov.cn' } },
    });
    expect(own.contact.email).toBe('scjg@xa.gov.cn');
    const before = await snapshot();
    const other = await rejected(
      cityAdmin.updateDepartment({ params: { id: orgs.deptOther }, body: { version: 1, name: '越权修改' } }),
    );
    expect(other.code).toBe('AUTH_FORBIDDEN');
    expect(other.status).toBe(403);
    const up = await rejected(cityAdmin.createRegion({ body: { code: '620000', name: '甘肃省' } }));
    expect(up.code).toBe('AUTH_FORBIDDEN');
    const grant = await rejected(
      cityAdmin.createUser({
        body: { username: 'escalate', displayName: 'x', roles: [{ role: 'platform_admin' }] },
      }),
    );
    expect(grant.code).toBe('AUTH_FORBIDDEN');
    expect(await snapshot()).toEqual(before);
    expect((await p.ctx.deps.uow.run((r) => r.departments.get(orgs.deptOther)))!.name).toBe(
      '铜川市市场监督管理局',
    );
    const denials = await p.ctx.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'access.denied')
      .where('actor_id', '=', id)
      .execute();
    expect(denials).toHaveLength(3);
    expect(denials[0]!.details).toMatchObject({ code: 'AUTH_FORBIDDEN', method: 'PATCH' });
  });
});
