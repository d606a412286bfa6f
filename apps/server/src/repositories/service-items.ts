import type { ColumnType, Expression, ExpressionBuilder, Kysely, Selectable, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { ListedServiceItem, ServiceItem, ServiceItemQuery, ServiceItemRepository } from '@zhengyin/core';
import type { DB } from '../db/schema.js';
import { isUniqueViolation, pageBounds, toNumber } from './rows.js';

type Timestamp = ColumnType<Date, Date, Date>;

/** Table of migration 0016. */
export interface ServiceItemsTable {
  id: string;
  region_code: string;
  department_id: string;
  code: string;
  name: string;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  removed_at: ColumnType<Date | null, Date | null, Date | null>;
  removed_by: string | null;
  removal_reason: string | null;
}

type Tables = DB & { service_items: ServiceItemsTable };
type Row = Selectable<ServiceItemsTable>;

const toItem = (r: Row): ServiceItem => ({
  id: r.id,
  regionCode: r.region_code,
  departmentId: r.department_id,
  code: r.code,
  name: r.name,
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
  removedAt: r.removed_at,
  removedBy: r.removed_by,
  removalReason: r.removal_reason,
});

const columns = (i: ServiceItem) => ({
  code: i.code,
  name: i.name,
  updated_at: i.updatedAt,
  removed_at: i.removedAt,
  removed_by: i.removedBy,
  removal_reason: i.removalReason,
});

/** 可用证: an approved use-list entry of the item's department names its code. */
const accepting = sql<boolean>`exists (
  select 1 from use_list_entries e
  where e.department_id = service_items.department_id and e.item_code = service_items.code
    and e.status = 'approved')`;

function matching(
  eb: ExpressionBuilder<Tables, 'service_items'>,
  query: ServiceItemQuery,
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [eb('service_items.removed_at', 'is', null)];
  if (query.regionPrefix) conditions.push(eb('service_items.region_code', 'like', `${query.regionPrefix}%`));
  if (query.departmentId) conditions.push(eb('service_items.department_id', '=', query.departmentId));
  if (query.accepting !== undefined)
    conditions.push(query.accepting ? accepting : sql<boolean>`not ${accepting}`);
  return eb.and(conditions);
}

export function serviceItemRepository(kysely: Kysely<DB>): ServiceItemRepository {
  const db = kysely.withTables<{ service_items: ServiceItemsTable }>();
  return {
    async getForUpdate(id) {
      const row = await db
        .selectFrom('service_items')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return row ? toItem(row) : null;
    },
    async insert(i) {
      const result = await db
        .insertInto('service_items')
        .values({
          ...columns(i),
          id: i.id,
          region_code: i.regionCode,
          department_id: i.departmentId,
          created_at: i.createdAt,
          created_by: i.createdBy,
        })
        // The partial unique index decides duplicates between concurrent writers.
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async update(i) {
      try {
        await db.updateTable('service_items').set(columns(i)).where('id', '=', i.id).execute();
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async list({ page, pageSize, ...query }) {
      const base = db.selectFrom('service_items').where((eb) => matching(eb, query));
      const { count } = await base.select(sql<string>`count(*)`.as('count')).executeTakeFirstOrThrow();
      const { limit, offset } = pageBounds(page, pageSize);
      const rows = await base
        .innerJoin('departments', 'departments.id', 'service_items.department_id')
        .selectAll('service_items')
        .select(['departments.name as department_name', accepting.as('accepting')])
        .orderBy('service_items.region_code')
        .orderBy('departments.name')
        .orderBy('service_items.code')
        .orderBy('service_items.id')
        .limit(limit)
        .offset(offset)
        .execute();
      const items: ListedServiceItem[] = rows.map((r) => ({
        ...toItem(r),
        departmentName: r.department_name,
        accepting: r.accepting,
      }));
      return { items, total: toNumber(count), page, pageSize };
    },
    async coverage(query) {
      const counts = db
        .selectFrom('service_items')
        .where((eb) => matching(eb, query))
        .select([
          'department_id',
          'region_code',
          sql<string>`count(*)`.as('items'),
          sql<string>`count(*) filter (where ${accepting})`.as('accepting'),
        ])
        .groupBy(['department_id', 'region_code'])
        .as('c');
      const rows = await db
        .selectFrom(counts)
        .innerJoin('departments', 'departments.id', 'c.department_id')
        .select(['c.department_id', 'c.region_code', 'c.items', 'c.accepting', 'departments.name'])
        .orderBy('c.region_code')
        .orderBy('departments.name')
        .orderBy('c.department_id')
        .execute();
      return rows.map((r) => ({
        departmentId: r.department_id,
        departmentName: r.name,
        regionCode: r.region_code,
        items: toNumber(r.items),
        accepting: toNumber(r.accepting),
      }));
    },
  };
}
