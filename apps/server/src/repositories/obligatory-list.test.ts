import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LicenseTypeVersion, ObligatoryEntry, UnitOfWork } from '@zhengyin/core';
import type { TestDatabase } from '../testing/database.js';
import { TEST_DATABASE_URL, createTestDatabase } from '../testing/database.js';
import { kyselyUnitOfWork } from './unit-of-work.js';

// The database's own guard on duplicates and the 已开通 query, on PGlite and (when set) PostgreSQL.
const backends = (['pglite', ...(TEST_DATABASE_URL ? (['postgres'] as const) : [])] as const).map(
  (kind) => [kind] as const,
);

describe.each(backends)('obligatory list repository on %s', (kind) => {
  let db: TestDatabase;
  let uow: UnitOfWork;
  const at = new Date('2026-11-20T08:00:00.000Z');
  const d1 = '00000000-0000-4000-8000-000000000001';
  const d2 = '00000000-0000-4000-8000-000000000002';
  const T1 = '11100000000013338W001';
  const T2 = '11100000000013338W002';
  let n = 0;
  const entry = (departmentId: string, typeName: string, typeCode: string | null): ObligatoryEntry => ({
    id: `00000000-0000-4000-8000-0000000001${String(++n).padStart(2, '0')}`,
    regionCode: departmentId === d1 ? '610100' : '610200',
    departmentId,
    typeName,
    typeCode,
    serviceItems: [{ code: 'SX001', name: '企业开办' }],
    note: null,
    createdAt: at,
    createdBy: 'system',
    updatedAt: at,
    removedAt: null,
    removedBy: null,
    removalReason: null,
  });
  const licenceType = (typeCode: string, status: 'published' | 'draft', issuers: string[]) =>
    ({
      id: `00000000-0000-4000-8000-0000000002${String(++n).padStart(2, '0')}`,
      typeCode,
      version: 1,
      name: '营业执照',
      definer: { name: '定义机构', code: typeCode.slice(0, 18), level: 1 },
      holderCategory: 'legal_entity',
      holderCodeTypes: ['001'],
      validity: { kind: 'long_term' },
      dataItems: [],
      faceTemplate: null,
      sampleData: {},
      sealId: null,
      serviceItems: [],
      sharing: 'none',
      issuerDepartmentIds: issuers,
      status,
      departmentId: d1,
      regionCode: '610100',
      reviewComment: null,
      createdAt: at,
      updatedAt: at,
      publishedAt: status === 'published' ? at : null,
      rowVersion: 1,
    }) satisfies LicenseTypeVersion;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    uow = kyselyUnitOfWork(db.database.db);
    await uow.run(async (r) => {
      await r.regions.insert(
        { code: '610000', name: '陕西省', level: 'province', parentCode: null, active: true },
        at,
      );
      for (const code of ['610100', '610200'])
        await r.regions.insert({ code, name: code, level: 'city', parentCode: '610000', active: true }, at);
      for (const [id, uscc, regionCode] of [
        [d1, '91350200776049653A', '610100'],
        [d2, '913502000728319549', '610200'],
      ] as const) {
        await r.departments.insert({
          id,
          name: `部门${id.slice(-1)}`,
          uscc,
          regionCode,
          parentId: null,
          contact: {},
          active: true,
          version: 1,
          createdAt: at,
          updatedAt: at,
        });
      }
    });
  });
  afterAll(() => db.close());

  test('one not-removed entry per department and name or code; removed entries do not count', async () => {
    const first = entry(d1, '营业执照', T1);
    expect(await uow.run((r) => r.obligatoryList.insert(first))).toBe(true);
    expect(await uow.run((r) => r.obligatoryList.get(first.id))).toEqual(first);
    expect(await uow.run((r) => r.obligatoryList.insert(entry(d1, '营业执照', null)))).toBe(false);
    expect(await uow.run((r) => r.obligatoryList.insert(entry(d1, '企业营业执照', T1)))).toBe(false);
    expect(await uow.run((r) => r.obligatoryList.insert(entry(d2, '营业执照', T1)))).toBe(true);
    const food = entry(d1, '食品经营许可证', null);
    expect(await uow.run((r) => r.obligatoryList.insert(food))).toBe(true);
    // Renaming onto another entry's name is refused by the database too, and the rename is not kept.
    expect(await uow.run((r) => r.obligatoryList.update({ ...food, typeName: '营业执照' }))).toBe(false);
    expect((await uow.run((r) => r.obligatoryList.get(food.id)))!.typeName).toBe('食品经营许可证');
    expect(
      await uow.run((r) => r.obligatoryList.findClash(d1, { typeName: '营业执照', typeCode: null })),
    ).toEqual(first);
    expect(
      await uow.run((r) => r.obligatoryList.findClash(d1, { typeName: '营业执照', typeCode: T1 }, first.id)),
    ).toBeNull();

    const removed = { ...first, removedAt: at, removedBy: 'system', removalReason: '调整' };
    expect(await uow.run((r) => r.obligatoryList.update(removed))).toBe(true);
    expect(
      await uow.run((r) => r.obligatoryList.findClash(d1, { typeName: '营业执照', typeCode: T1 })),
    ).toBeNull();
    expect(await uow.run((r) => r.obligatoryList.insert(entry(d1, '营业执照', T1)))).toBe(true);
  });

  test('opened needs the published version to name the department; scopes and filters', async () => {
    await uow.run(async (r) => {
      await r.licenseTypes.insert(licenceType(T1, 'published', [d1]));
      // A draft naming both departments does not open anything.
      await r.licenseTypes.insert(licenceType(T2, 'draft', [d1, d2]));
      await r.obligatoryList.insert(entry(d2, '食品经营许可证', T2));
    });
    const all = await uow.run((r) => r.obligatoryList.list({ scope: null, page: 1, pageSize: 20 }));
    expect(all.items.map((e) => [e.departmentId, e.typeName, e.opened])).toEqual([
      [d1, '营业执照', true],
      [d1, '食品经营许可证', false],
      [d2, '营业执照', false],
      [d2, '食品经营许可证', false],
    ]);
    const opened = await uow.run((r) =>
      r.obligatoryList.list({ scope: null, opened: true, page: 1, pageSize: 20 }),
    );
    expect(opened.total).toBe(1);
    const none = { prefixes: [], departmentIds: [] };
    expect((await uow.run((r) => r.obligatoryList.list({ scope: none, page: 1, pageSize: 20 }))).total).toBe(
      0,
    );
    const city = { prefixes: ['6102'], departmentIds: [] };
    expect((await uow.run((r) => r.obligatoryList.list({ scope: city, page: 1, pageSize: 20 }))).total).toBe(
      2,
    );
    const either = { prefixes: ['6102'], departmentIds: [d1] };
    expect(
      (
        await uow.run((r) =>
          r.obligatoryList.list({ scope: either, regionPrefix: '6101', page: 1, pageSize: 1 }),
        )
      ).total,
    ).toBe(2);

    expect(await uow.run((r) => r.obligatoryList.coverage({ scope: null }))).toEqual([
      { departmentId: d1, departmentName: '部门1', regionCode: '610100', listed: 2, opened: 1 },
      { departmentId: d2, departmentName: '部门2', regionCode: '610200', listed: 2, opened: 0 },
    ]);
    expect(await uow.run((r) => r.obligatoryList.coverage({ scope: none }))).toEqual([]);
    expect(await uow.run((r) => r.obligatoryList.coverage({ scope: null, departmentId: d2 }))).toHaveLength(
      1,
    );
  });
});
