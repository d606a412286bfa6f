import type { ColumnType, Expression, Kysely, Selectable, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type {
  UseListEntry,
  UseListQuery,
  UseListRepository,
  UseListStatus,
  UseReadScope,
} from '@zhengyin/core';
import type { DB } from '../db/schema.js';
import { json, pageBounds, toNumber, isUniqueViolation } from './rows.js';

type Timestamp = ColumnType<Date, Date, Date>;

/** Table of migration 0010. */
export interface UseListEntriesTable {
  id: string;
  department_id: string;
  region_code: string;
  item_code: string;
  item_name: string;
  license_type_code: string;
  data_items: ColumnType<string[], string, string>;
  purpose: string;
  duty_based: boolean;
  status: UseListStatus;
  review_comment: string | null;
  reviewed_by: string | null;
  reviewed_at: ColumnType<Date | null, Date | null, Date | null>;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  row_version: number;
}

type Row = Selectable<UseListEntriesTable>;

const toEntry = (r: Row): UseListEntry => ({
  id: r.id,
  departmentId: r.department_id,
  regionCode: r.region_code,
  itemCode: r.item_code,
  itemName: r.item_name,
  licenseTypeCode: r.license_type_code,
  dataItems: r.data_items,
  purpose: r.purpose,
  dutyBased: r.duty_based,
  status: r.status,
  reviewComment: r.review_comment,
  reviewedBy: r.reviewed_by,
  reviewedAt: r.reviewed_at,
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
  rowVersion: r.row_version,
});

const columns = (e: UseListEntry) => ({
  item_code: e.itemCode,
  item_name: e.itemName,
  license_type_code: e.licenseTypeCode,
  data_items: json(e.dataItems),
  purpose: e.purpose,
  duty_based: e.dutyBased,
  status: e.status,
  review_comment: e.reviewComment,
  reviewed_by: e.reviewedBy,
  reviewed_at: e.reviewedAt,
  updated_at: e.updatedAt,
  row_version: e.rowVersion,
});

type Tables = { use_list_entries: UseListEntriesTable };

/** Rows the scope lets the reader see (null = all): a region prefix or one of the departments. */
export function scopeCondition(
  scope: UseReadScope,
  byRegion: (prefix: string) => Expression<SqlBool>,
  byDepartments: (ids: string[]) => Expression<SqlBool>,
  or: (conditions: Expression<SqlBool>[]) => Expression<SqlBool>,
): Expression<SqlBool> {
  if (scope === null) return sql<boolean>`true`;
  const visible = [
    ...scope.prefixes.map(byRegion),
    ...(scope.departmentIds.length ? [byDepartments([...scope.departmentIds])] : []),
  ];
  return visible.length ? or(visible) : sql<boolean>`false`;
}

export function useListRepository(kysely: Kysely<DB>): UseListRepository {
  const db = kysely.withTables<Tables>();
  const byId = (id: string) => db.selectFrom('use_list_entries').selectAll().where('id', '=', id);
  return {
    get: async (id) => {
      const row = await byId(id).executeTakeFirst();
      return row ? toEntry(row) : null;
    },
    getForUpdate: async (id) => {
      const row = await byId(id).forUpdate().executeTakeFirst();
      return row ? toEntry(row) : null;
    },
    async insert(e) {
      const result = await db
        .insertInto('use_list_entries')
        .values({
          ...columns(e),
          id: e.id,
          department_id: e.departmentId,
          region_code: e.regionCode,
          created_at: e.createdAt,
          created_by: e.createdBy,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async update(e, expectedRowVersion) {
      try {
        const result = await db
          .updateTable('use_list_entries')
          .set(columns(e))
          .where('id', '=', e.id)
          .where('row_version', '=', expectedRowVersion)
          .executeTakeFirst();
        return Number(result.numUpdatedRows) === 1;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async approvedFor(departmentId, itemCode, typeCodes) {
      if (typeCodes.length === 0) return [];
      const rows = await db
        .selectFrom('use_list_entries')
        .selectAll()
        .where('department_id', '=', departmentId)
        .where('item_code', '=', itemCode)
        .where('license_type_code', 'in', [...typeCodes])
        .where('status', '=', 'approved')
        .execute();
      return rows.map(toEntry);
    },
    async list({ page, pageSize, scope, ...filter }: UseListQuery) {
      const base = db.selectFrom('use_list_entries').where((eb) => {
        const conditions: Expression<SqlBool>[] = [
          scopeCondition(
            scope,
            (p) => eb('region_code', 'like', `${p}%`),
            (ids) => eb('department_id', 'in', ids),
            (c) => eb.or(c),
          ),
        ];
        if (filter.departmentId) conditions.push(eb('department_id', '=', filter.departmentId));
        if (filter.status) conditions.push(eb('status', '=', filter.status));
        if (filter.itemCode) conditions.push(eb('item_code', '=', filter.itemCode));
        if (filter.licenseTypeCode) conditions.push(eb('license_type_code', '=', filter.licenseTypeCode));
        return eb.and(conditions);
      });
      const { count } = await base.select(sql<string>`count(*)`.as('count')).executeTakeFirstOrThrow();
      const { limit, offset } = pageBounds(page, pageSize);
      const rows = await base
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .offset(offset)
        .execute();
      return { items: rows.map(toEntry), total: toNumber(count), page, pageSize };
    },
  };
}
