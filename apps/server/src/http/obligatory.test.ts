import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Client } from '@zhengyin/sdk';
import type { TestPlatform } from '../testing/index.js';
import { businessLicenceContent, createTestPlatform, rejected } from '../testing/index.js';

let p: TestPlatform;
let orgs: Awaited<ReturnType<TestPlatform['seedOrgs']>>;
let catalogAdmin: Client;
let otherCatalogAdmin: Client;
let issuerA: Client;
let otherIssuer: Client;
let auditor: Client;

beforeAll(async () => {
  p = await createTestPlatform();
  orgs = await p.seedOrgs();
  catalogAdmin = (await p.userWithRole('catalog_admin', { regionCode: orgs.provinceCode })).client;
  otherCatalogAdmin = (await p.userWithRole('catalog_admin', { regionCode: orgs.otherCityCode })).client;
  issuerA = (await p.userWithRole('issuer', { departmentId: orgs.deptA })).client;
  otherIssuer = (await p.userWithRole('issuer', { departmentId: orgs.deptOther })).client;
  auditor = (await p.userWithRole('auditor', { regionCode: orgs.provinceCode })).client;
});
afterAll(() => p.close());

const TYPE_CODE = '11100000000013338W001';

const content = (issuerDepartmentIds: string[]) => businessLicenceContent(null, issuerDepartmentIds);

const rows = () => p.ctx.database.db.selectFrom('audit_events').select('seq').execute();
const entryCount = async () =>
  Number(
    (
      await p.ctx.database.db
        .withTables<{ obligatory_entries: { id: string } }>()
        .selectFrom('obligatory_entries')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const counts = async (c: Client, query: { regionCode?: string; departmentId?: string } = {}) => {
  const coverage = await c.obligatoryCoverage({ query });
  return {
    totals: coverage.totals,
    departments: Object.fromEntries(
      coverage.departments.map((d) => [d.departmentId, [d.opened, d.listed, d.rate]]),
    ),
  };
};

describe('应开通目录 and 证照电子化率 over HTTP', () => {
  let licenceA: string;
  let foodA: string;
  let licenceB: string;

  test('a catalogue administrator of the region lists types for two departments; others cannot', async () => {
    const added = await catalogAdmin.addObligatoryEntry({
      body: {
        departmentId: orgs.deptA,
        typeName: '营业执照',
        typeCode: TYPE_CODE,
        serviceItems: [{ code: 'SX001', name: '企业开办' }],
        note: '省定目录第 1 项',
      },
    });
    expect(added).toMatchObject({
      regionCode: orgs.cityCode,
      departmentId: orgs.deptA,
      typeName: '营业执照',
      typeCode: TYPE_CODE,
      serviceItems: [{ code: 'SX001', name: '企业开办' }],
      removedAt: null,
    });
    licenceA = added.id;
    foodA = (
      await catalogAdmin.addObligatoryEntry({
        body: { departmentId: orgs.deptA, typeName: ' 食品经营许可证 ' },
      })
    ).id;
    licenceB = (
      await catalogAdmin.addObligatoryEntry({
        body: { departmentId: orgs.deptB, typeName: '营业执照', typeCode: TYPE_CODE },
      })
    ).id;

    const before = { entries: await entryCount(), events: (await rows()).length };
    for (const [client, departmentId] of [
      [otherIssuer, orgs.deptA],
      [otherIssuer, orgs.deptOther],
      [issuerA, orgs.deptA],
      [otherCatalogAdmin, orgs.deptA],
    ] as const) {
      const refused = await rejected(
        client.addObligatoryEntry({ body: { departmentId, typeName: '药品经营许可证' } }),
      );
      expect([refused.status, refused.code]).toEqual([403, 'AUTH_FORBIDDEN']);
    }
    expect(await entryCount()).toBe(before.entries);
    // Only the denials were recorded.
    const denials = await p.ctx.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('seq', '>', before.events)
      .execute();
    expect(denials.map((d) => d.action)).toEqual(Array(4).fill('access.denied'));
  });

  test('duplicates by name or by code within a department are refused and change nothing', async () => {
    const before = { entries: await entryCount(), events: (await rows()).length };
    const sameName = await rejected(
      catalogAdmin.addObligatoryEntry({ body: { departmentId: orgs.deptA, typeName: '营业执照' } }),
    );
    expect([sameName.status, sameName.code]).toEqual([409, 'CATALOG_OBLIGATORY_DUPLICATE']);
    expect(sameName.details).toMatchObject({ existingId: licenceA });
    const sameCode = await rejected(
      catalogAdmin.addObligatoryEntry({
        body: { departmentId: orgs.deptA, typeName: '企业营业执照', typeCode: TYPE_CODE },
      }),
    );
    expect(sameCode.code).toBe('CATALOG_OBLIGATORY_DUPLICATE');
    const renamedOnto = await rejected(
      catalogAdmin.updateObligatoryEntry({ params: { id: foodA }, body: { typeName: '营业执照' } }),
    );
    expect(renamedOnto.code).toBe('CATALOG_OBLIGATORY_DUPLICATE');
    expect(await entryCount()).toBe(before.entries);
    expect((await rows()).length).toBe(before.events);
    const list = await auditor.listObligatoryEntries({ query: { departmentId: orgs.deptA } });
    expect(list.items.map((e) => e.typeName)).toEqual(['营业执照', '食品经营许可证']);
  });

  test('malformed type codes are refused naming the field', async () => {
    const before = await entryCount();
    const badCheck = await rejected(
      catalogAdmin.addObligatoryEntry({
        body: { departmentId: orgs.deptA, typeName: '烟草专卖许可证', typeCode: '91350203M0001QAY9B011' },
      }),
    );
    expect([badCheck.status, badCheck.code]).toEqual([400, 'CATALOG_OBLIGATORY_INVALID']);
    expect(badCheck.details).toEqual({
      problems: [{ field: 'typeCode', message: 'definer code is not a valid 统一社会信用代码' }],
    });
    const tooShort = await rejected(
      catalogAdmin.updateObligatoryEntry({ params: { id: foodA }, body: { typeCode: TYPE_CODE.slice(1) } }),
    );
    expect([tooShort.status, tooShort.code]).toEqual([400, 'REQUEST_VALIDATION_FAILED']);
    expect(tooShort.details).toMatchObject({ issues: [{ in: 'body', path: 'typeCode' }] });
    expect(await entryCount()).toBe(before);
    expect(
      (await auditor.listObligatoryEntries({ query: { departmentId: orgs.deptA } })).items[1],
    ).toMatchObject({
      id: foodA,
      typeCode: null,
    });
  });

  test('coverage: opened once the published type lets the department issue it', async () => {
    const none = { totals: { listed: 3, opened: 0, rate: 0 } };
    expect(await counts(auditor)).toEqual({
      ...none,
      departments: { [orgs.deptA]: [0, 2, 0], [orgs.deptB]: [0, 1, 0] },
    });

    const draft = await issuerA.createLicenseType({
      body: { departmentId: orgs.deptA, typeCode: TYPE_CODE, content: content([orgs.deptA]) },
    });
    await issuerA.advanceLicenseType({ params: { id: draft.id }, body: { action: 'submit' } });
    await catalogAdmin.advanceLicenseType({ params: { id: draft.id }, body: { action: 'approve' } });
    // Approved but not published: still not opened.
    expect((await counts(auditor)).totals).toEqual(none.totals);
    await catalogAdmin.advanceLicenseType({ params: { id: draft.id }, body: { action: 'publish' } });

    expect(await counts(auditor)).toEqual({
      totals: { listed: 3, opened: 1, rate: 1 / 3 },
      departments: { [orgs.deptA]: [1, 2, 0.5], [orgs.deptB]: [0, 1, 0] },
    });
    expect(await counts(catalogAdmin, { departmentId: orgs.deptA })).toEqual({
      totals: { listed: 2, opened: 1, rate: 0.5 },
      departments: { [orgs.deptA]: [1, 2, 0.5] },
    });
    const opened = await auditor.listObligatoryEntries({ query: { opened: 'true' } });
    expect(opened.items.map((e) => [e.id, e.opened])).toEqual([[licenceA, true]]);
    const notOpened = await auditor.listObligatoryEntries({ query: { opened: 'false' } });
    expect(notOpened.items.map((e) => e.id).sort()).toEqual([foodA, licenceB].sort());

    // A new published version naming department B supersedes the first: B opens, A's count is kept.
    const v2 = await issuerA.newLicenseTypeVersion({ params: { id: draft.id } });
    await issuerA.updateLicenseType({
      params: { id: v2.id },
      body: { rowVersion: v2.rowVersion, content: content([orgs.deptA, orgs.deptB]) },
    });
    await issuerA.advanceLicenseType({ params: { id: v2.id }, body: { action: 'submit' } });
    await catalogAdmin.advanceLicenseType({ params: { id: v2.id }, body: { action: 'approve' } });
    await catalogAdmin.advanceLicenseType({ params: { id: v2.id }, body: { action: 'publish' } });
    expect((await counts(auditor)).departments).toEqual({
      [orgs.deptA]: [1, 2, 0.5],
      [orgs.deptB]: [1, 1, 1],
    });
  });

  test('a type code of no published type stays unopened; a removed entry leaves the coverage', async () => {
    const filled = await catalogAdmin.updateObligatoryEntry({
      params: { id: foodA },
      body: { typeName: '食品经营许可证（餐饮）', typeCode: '11100000000013338W002', note: null },
    });
    expect(filled).toMatchObject({ typeName: '食品经营许可证（餐饮）', typeCode: '11100000000013338W002' });
    expect((await counts(auditor, { departmentId: orgs.deptA })).totals).toEqual({
      listed: 2,
      opened: 1,
      rate: 0.5,
    });

    const blank = await rejected(
      catalogAdmin.removeObligatoryEntry({ params: { id: licenceB }, body: { reason: '   ' } }),
    );
    expect(blank.code).toBe('REQUEST_VALIDATION_FAILED');
    expect(
      (
        await rejected(
          otherCatalogAdmin.removeObligatoryEntry({ params: { id: licenceB }, body: { reason: 'x' } }),
        )
      ).code,
    ).toBe('AUTH_FORBIDDEN');
    const removed = await catalogAdmin.removeObligatoryEntry({
      params: { id: licenceB },
      body: { reason: '职能划转至市场监督管理局' },
    });
    expect(removed).toMatchObject({ removalReason: '职能划转至市场监督管理局' });
    expect(removed.removedAt).not.toBeNull();
    expect(await counts(auditor)).toEqual({
      totals: { listed: 2, opened: 1, rate: 0.5 },
      departments: { [orgs.deptA]: [1, 2, 0.5] },
    });
    expect(await counts(auditor, { departmentId: orgs.deptB })).toEqual({
      totals: { listed: 0, opened: 0, rate: null },
      departments: { [orgs.deptB]: [0, 0, null] },
    });
    for (const attempt of [
      () => catalogAdmin.removeObligatoryEntry({ params: { id: licenceB }, body: { reason: '再次' } }),
      () => catalogAdmin.updateObligatoryEntry({ params: { id: licenceB }, body: { note: '改' } }),
    ]) {
      expect((await rejected(attempt())).code).toBe('CATALOG_OBLIGATORY_REMOVED');
    }
    const missing = await rejected(
      catalogAdmin.updateObligatoryEntry({
        params: { id: '00000000-0000-4000-8000-000000000000' },
        body: { note: '改' },
      }),
    );
    expect([missing.status, missing.code]).toEqual([404, 'CATALOG_OBLIGATORY_NOT_FOUND']);
    // Once removed, the department may list the type again.
    const again = await catalogAdmin.addObligatoryEntry({
      body: { departmentId: orgs.deptB, typeName: '营业执照', typeCode: TYPE_CODE },
    });
    expect((await counts(auditor, { departmentId: orgs.deptB })).totals).toEqual({
      listed: 1,
      opened: 1,
      rate: 1,
    });
    await catalogAdmin.removeObligatoryEntry({ params: { id: again.id }, body: { reason: '测试' } });
  });

  test('readers see their scope only', async () => {
    const own = await issuerA.listObligatoryEntries();
    expect(own.items.map((e) => e.departmentId)).toEqual([orgs.deptA, orgs.deptA]);
    expect((await otherIssuer.listObligatoryEntries()).total).toBe(0);
    expect(await counts(otherIssuer, { departmentId: orgs.deptOther })).toEqual({
      totals: { listed: 0, opened: 0, rate: null },
      departments: { [orgs.deptOther]: [0, 0, null] },
    });
    // Thunks: a call made before it is awaited could reject unobserved.
    for (const attempt of [
      () => issuerA.obligatoryCoverage({ query: { departmentId: orgs.deptB } }),
      () => issuerA.obligatoryCoverage({ query: { regionCode: orgs.cityCode } }),
      () => otherCatalogAdmin.listObligatoryEntries({ query: { regionCode: orgs.provinceCode } }),
      () => otherIssuer.listObligatoryEntries({ query: { departmentId: orgs.deptA } }),
    ]) {
      expect((await rejected(attempt())).code).toBe('AUTH_FORBIDDEN');
    }
    expect((await otherCatalogAdmin.obligatoryCoverage({ query: {} })).totals.listed).toBe(0);
    const paged = await auditor.listObligatoryEntries({
      query: { regionCode: orgs.cityCode, pageSize: 1, page: 2 },
    });
    expect([paged.total, paged.items.length]).toEqual([2, 1]);
    expect((await rejected(p.client().listObligatoryEntries())).code).toBe('AUTH_REQUIRED');
  });

  test('every change is audited with its details', async () => {
    const events = await p.ctx.database.db
      .selectFrom('audit_events')
      .select(['action', 'target_type', 'region_code', 'details'])
      .where('target_id', 'in', [licenceA, foodA, licenceB])
      .orderBy('seq')
      .execute();
    expect(events.map((e) => [e.action, e.target_type, e.region_code])).toEqual([
      ['catalog.obligatory.added', 'obligatory_entry', orgs.cityCode],
      ['catalog.obligatory.added', 'obligatory_entry', orgs.cityCode],
      ['catalog.obligatory.added', 'obligatory_entry', orgs.cityCode],
      ['catalog.obligatory.updated', 'obligatory_entry', orgs.cityCode],
      ['catalog.obligatory.removed', 'obligatory_entry', orgs.cityCode],
    ]);
    expect(events[1]!.details).toMatchObject({ typeName: '食品经营许可证', typeCode: null });
    expect(events[3]!.details).toEqual({
      departmentId: orgs.deptA,
      changes: {
        typeName: { from: '食品经营许可证', to: '食品经营许可证（餐饮）' },
        typeCode: { from: null, to: '11100000000013338W002' },
      },
    });
    expect(events[4]!.details).toMatchObject({ reason: '职能划转至市场监督管理局', typeCode: TYPE_CODE });
  });
});
