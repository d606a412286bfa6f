import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Department, DepartmentRepository, Onboarding } from '@zhengyin/core';
import type { DB, DepartmentsTable } from '../db/schema.js';
import { json, likePattern, pageBounds, toNumber } from './rows.js';

const toDepartment = (r: Selectable<DepartmentsTable>): Department => ({
  id: r.id,
  name: r.name,
  uscc: r.uscc,
  regionCode: r.region_code,
  parentId: r.parent_id,
  contact: r.contact,
  active: r.active,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function departmentRepository(db: Kysely<DB>): DepartmentRepository {
  return {
    async get(id) {
      const row = await db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toDepartment(row) : null;
    },
    async getByUscc(uscc) {
      const row = await db.selectFrom('departments').selectAll().where('uscc', '=', uscc).executeTakeFirst();
      return row ? toDepartment(row) : null;
    },
    async insert(d) {
      await db
        .insertInto('departments')
        .values({
          id: d.id,
          name: d.name,
          uscc: d.uscc,
          region_code: d.regionCode,
          parent_id: d.parentId,
          contact: json(d.contact),
          active: d.active,
          version: d.version,
          created_at: d.createdAt,
          updated_at: d.updatedAt,
        })
        .execute();
    },
    async update(d, expectedVersion) {
      const result = await db
        .updateTable('departments')
        .set({
          name: d.name,
          parent_id: d.parentId,
          contact: json(d.contact),
          active: d.active,
          version: d.version,
          updated_at: d.updatedAt,
        })
        .where('id', '=', d.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async list({ q, regionCode, active, prefixes, page, pageSize }) {
      let query = db.selectFrom('departments');
      if (q)
        query = query.where((eb) =>
          eb.or([eb('name', 'ilike', likePattern(q)), eb('uscc', '=', q.toUpperCase())]),
        );
      if (regionCode) query = query.where('region_code', '=', regionCode);
      if (active !== undefined) query = query.where('active', '=', active);
      if (prefixes) {
        if (prefixes.length === 0) return { items: [], total: 0, page, pageSize };
        query = query.where((eb) => eb.or(prefixes.map((p) => eb('region_code', 'like', `${p}%`))));
      }
      const { count } = await query.select(sql<string>`count(*)`.as('count')).executeTakeFirstOrThrow();
      const { limit, offset } = pageBounds(page, pageSize);
      const rows = await query
        .selectAll()
        .orderBy('name')
        .orderBy('id')
        .limit(limit)
        .offset(offset)
        .execute();
      return { items: rows.map(toDepartment), total: toNumber(count), page, pageSize };
    },
    async insertOnboarding(o) {
      await db
        .insertInto('onboardings')
        .values({
          id: o.id,
          department_id: o.departmentId,
          onboarded_on: o.onboardedOn,
          systems: json(o.systems),
          note: o.note,
          created_at: o.createdAt,
        })
        .execute();
    },
    async listOnboardings(departmentId) {
      const rows = await db
        .selectFrom('onboardings')
        .select([
          'id',
          'department_id',
          sql<string>`onboarded_on::text`.as('onboarded_on'),
          'systems',
          'note',
          'created_at',
        ])
        .where('department_id', '=', departmentId)
        .orderBy('onboarded_on', 'desc')
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((r): Onboarding => ({
        id: r.id,
        departmentId: r.department_id,
        onboardedOn: r.onboarded_on,
        systems: r.systems,
        note: r.note,
        createdAt: r.created_at,
      }));
    },
  };
}
