import type { ColumnType, Expression, ExpressionBuilder, Kysely, Selectable, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type {
  ListedObligatoryEntry,
  ObligatoryEntry,
  ObligatoryListRepository,
  ObligatoryQuery,
} from '@zhengyin/core';
import type { DB } from '../db/schema.js';
import { json, pageBounds, toNumber, isUniqueViolation } from './rows.js';

type Timestamp = ColumnType<Date, Date, Date>;

/** Table of migration 0008. */
export interface ObligatoryEntriesTable {
  id: string;
  region_code: string;
  department_id: string;
  type_name: string;
  type_code: string | null;
  service_items: ColumnType<{ code: string; name: string }[], string, string>;
  note: string | null;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  removed_at: ColumnType<Date | null, Date | null, Date | null>;
  removed_by: string | null;
  removal_reason: string | null;
}

type Tables = DB & { obligatory_entries: ObligatoryEntriesTable };
type Row = Selectable<ObligatoryEntriesTable>;

const toEntry = (r: Row): ObligatoryEntry => ({
  id: r.id,
  regionCode: r.region_code,
  departmentId: r.department_id,
  typeName: r.type_name,
  typeCode: r.type_code,
  serviceItems: r.service_items,
  note: r.note,
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
  removedAt: r.removed_at,
  removedBy: r.removed_by,
  removalReason: r.removal_reason,
});

const columns = (e: ObligatoryEntry) => ({
  type_name: e.typeName,
  type_code: e.typeCode,
  service_items: json(e.serviceItems),
  note: e.note,
  updated_at: e.updatedAt,
  removed_at: e.removedAt,
  removed_by: e.removedBy,
  removal_reason: e.removalReason,
});

/** Opened (已开通): the published version of the entry's type code lets the entry's department issue it. */
const opened = sql<boolean>`exists (
  select 1 from license_types t
  where t.type_code = obligatory_entries.type_code and t.status = 'published'
    and t.content -> 'issuerDepartmentIds' @> jsonb_build_array(obligatory_entries.department_id::text))`;

function matching(
  eb: ExpressionBuilder<Tables, 'obligatory_entries'>,
  query: ObligatoryQuery,
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [eb('obligatory_entries.removed_at', 'is', null)];
  if (query.regionPrefix)
    conditions.push(eb('obligatory_entries.region_code', 'like', `${query.regionPrefix}%`));
  if (query.departmentId) conditions.push(eb('obligatory_entries.department_id', '=', query.departmentId));
  if (query.opened !== undefined) conditions.push(query.opened ? opened : sql<boolean>`not ${opened}`);
  if (query.scope) {
    const visible = [
      ...query.scope.prefixes.map((p) => eb('obligatory_entries.region_code', 'like', `${p}%`)),
      ...(query.scope.departmentIds.length
        ? [eb('obligatory_entries.department_id', 'in', query.scope.departmentIds)]
        : []),
    ];
    conditions.push(visible.length ? eb.or(visible) : sql<boolean>`false`);
  }
  return eb.and(conditions);
}

export function obligatoryListRepository(kysely: Kysely<DB>): ObligatoryListRepository {
  const db = kysely.withTables<{ obligatory_entries: ObligatoryEntriesTable }>();
  const byId = (id: string) => db.selectFrom('obligatory_entries').selectAll().where('id', '=', id);
  return {
    get: async (id) => {
      const row = await byId(id).executeTakeFirst();
      return row ? toEntry(row) : null;
    },
    getForUpdate: async (id) => {
      const row = await byId(id).forUpdate().executeTakeFirst();
      return row ? toEntry(row) : null;
    },
    async findClash(departmentId, { typeName, typeCode }, exceptId) {
      let query = db
        .selectFrom('obligatory_entries')
        .selectAll()
        .where('department_id', '=', departmentId)
        .where('removed_at', 'is', null)
        .where((eb) =>
          eb.or([eb('type_name', '=', typeName), ...(typeCode ? [eb('type_code', '=', typeCode)] : [])]),
        );
      if (exceptId) query = query.where('id', '!=', exceptId);
      const row = await query.orderBy('created_at').executeTakeFirst();
      return row ? toEntry(row) : null;
    },
    async insert(e) {
      const result = await db
        .insertInto('obligatory_entries')
        .values({
          ...columns(e),
          id: e.id,
          region_code: e.regionCode,
          department_id: e.departmentId,
          created_at: e.createdAt,
          created_by: e.createdBy,
        })
        // The partial unique indexes are the last word on duplicates between concurrent writers.
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async update(e) {
      try {
        await db.updateTable('obligatory_entries').set(columns(e)).where('id', '=', e.id).execute();
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async list({ page, pageSize, ...query }) {
      const base = db.selectFrom('obligatory_entries').where((eb) => matching(eb, query));
      const { count } = await base.select(sql<string>`count(*)`.as('count')).executeTakeFirstOrThrow();
      const { limit, offset } = pageBounds(page, pageSize);
      const rows = await base
        .selectAll()
        .select(opened.as('opened'))
        .orderBy('region_code')
        .orderBy('department_id')
        .orderBy('type_name')
        .orderBy('id')
        .limit(limit)
        .offset(offset)
        .execute();
      const items: ListedObligatoryEntry[] = rows.map((r) => ({ ...toEntry(r), opened: r.opened }));
      return { items, total: toNumber(count), page, pageSize };
    },
    async coverage(query) {
      const counts = db
        .selectFrom('obligatory_entries')
        .where((eb) => matching(eb, query))
        .select([
          'department_id',
          'region_code',
          sql<string>`count(*)`.as('listed'),
          sql<string>`count(*) filter (where ${opened})`.as('opened'),
        ])
        .groupBy(['department_id', 'region_code'])
        .as('c');
      const rows = await db
        .selectFrom(counts)
        .innerJoin('departments', 'departments.id', 'c.department_id')
        .select(['c.department_id', 'c.region_code', 'c.listed', 'c.opened', 'departments.name'])
        .orderBy('c.region_code')
        .orderBy('departments.name')
        .orderBy('c.department_id')
        .execute();
      return rows.map((r) => ({
        departmentId: r.department_id,
        departmentName: r.name,
        regionCode: r.region_code,
        listed: toNumber(r.listed),
        opened: toNumber(r.opened),
      }));
    },
  };
}
