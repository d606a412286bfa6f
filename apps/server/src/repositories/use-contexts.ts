import type { ColumnType, Expression, Kysely, Selectable, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { HolderCodeType, UsageContext, UsageContextRepository, UseMode } from '@zhengyin/core';
import type { DB } from '../db/schema.js';
import { json, pageBounds, toNumber } from './rows.js';
import { scopeCondition } from './use-lists.js';

type Timestamp = ColumnType<Date, Date, Date>;
type NullableTimestamp = ColumnType<Date | null, Date | null, Date | null>;

/** Table of migration 0010. */
export interface UsageContextsTable {
  id: string;
  department_id: string;
  region_code: string;
  cause: string;
  item_code: string;
  item_name: string;
  business_number: string;
  holder_code: string;
  holder_code_type: string;
  license_type_codes: ColumnType<string[], string, string>;
  data_items: ColumnType<string[], string, string>;
  stage: string | null;
  place: string | null;
  operator: string;
  mode: UseMode;
  status: UsageContext['status'];
  shown_license_id: string | null;
  decided_at: NullableTimestamp;
  decision_reason: string | null;
  created_at: Timestamp;
  created_by_kind: UsageContext['createdByKind'];
  created_by: string;
  expires_at: Timestamp;
}

type Tables = { usage_contexts: UsageContextsTable };
type Row = Selectable<UsageContextsTable>;

const toContext = (r: Row): UsageContext => ({
  id: r.id,
  departmentId: r.department_id,
  regionCode: r.region_code,
  cause: r.cause,
  itemCode: r.item_code,
  itemName: r.item_name,
  businessNumber: r.business_number,
  holderCode: r.holder_code,
  holderCodeType: r.holder_code_type as HolderCodeType,
  licenseTypeCodes: r.license_type_codes,
  dataItems: r.data_items,
  stage: r.stage,
  place: r.place,
  operator: r.operator,
  mode: r.mode,
  status: r.status,
  shownLicenseId: r.shown_license_id,
  decidedAt: r.decided_at,
  decisionReason: r.decision_reason,
  createdAt: r.created_at,
  createdByKind: r.created_by_kind,
  createdBy: r.created_by,
  expiresAt: r.expires_at,
});

export function usageContextRepository(kysely: Kysely<DB>): UsageContextRepository {
  const db = kysely.withTables<Tables>();
  const byId = (id: string) => db.selectFrom('usage_contexts').selectAll().where('id', '=', id);
  return {
    get: async (id) => {
      const row = await byId(id).executeTakeFirst();
      return row ? toContext(row) : null;
    },
    getForUpdate: async (id) => {
      const row = await byId(id).forUpdate().executeTakeFirst();
      return row ? toContext(row) : null;
    },
    async insert(c) {
      await db
        .insertInto('usage_contexts')
        .values({
          id: c.id,
          department_id: c.departmentId,
          region_code: c.regionCode,
          cause: c.cause,
          item_code: c.itemCode,
          item_name: c.itemName,
          business_number: c.businessNumber,
          holder_code: c.holderCode,
          holder_code_type: c.holderCodeType,
          license_type_codes: json(c.licenseTypeCodes),
          data_items: json(c.dataItems),
          stage: c.stage,
          place: c.place,
          operator: c.operator,
          mode: c.mode,
          status: c.status,
          shown_license_id: c.shownLicenseId,
          decided_at: c.decidedAt,
          decision_reason: c.decisionReason,
          created_at: c.createdAt,
          created_by_kind: c.createdByKind,
          created_by: c.createdBy,
          expires_at: c.expiresAt,
        })
        .execute();
    },
    async update(c) {
      await db
        .updateTable('usage_contexts')
        .set({
          status: c.status,
          decided_at: c.decidedAt,
          decision_reason: c.decisionReason,
          expires_at: c.expiresAt,
        })
        .where('id', '=', c.id)
        .execute();
    },
    async list({ page, pageSize, scope, departmentId, status, now }) {
      const base = db.selectFrom('usage_contexts').where((eb) => {
        const conditions: Expression<SqlBool>[] = [
          scopeCondition(
            scope,
            (p) => eb('region_code', 'like', `${p}%`),
            (ids) => eb('department_id', 'in', ids),
            (c) => eb.or(c),
          ),
        ];
        if (departmentId) conditions.push(eb('department_id', '=', departmentId));
        if (status === 'expired')
          conditions.push(
            eb.and([eb('status', 'in', ['pending_consent', 'approved']), eb('expires_at', '<=', now)]),
          );
        else if (status === 'declined') conditions.push(eb('status', '=', 'declined'));
        else if (status) conditions.push(eb.and([eb('status', '=', status), eb('expires_at', '>', now)]));
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
      return { items: rows.map(toContext), total: toNumber(count), page, pageSize };
    },
    async pendingForHolder(holderCodeType, holderCode, now) {
      const rows = await db
        .selectFrom('usage_contexts')
        .selectAll()
        .where('holder_code', '=', holderCode)
        .where('holder_code_type', '=', holderCodeType)
        .where('status', '=', 'pending_consent')
        .where('expires_at', '>', now)
        .orderBy('created_at', 'desc')
        .limit(200)
        .execute();
      return rows.map(toContext);
    },
  };
}
