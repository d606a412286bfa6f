import type { ColumnType, Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { HolderCodeType, UseRecord, UseRecordRepository } from '@zhengyin/core';
import type { DB } from '../db/schema.js';
import { json, pageBounds, toNumber } from './rows.js';

/** Table of migration 0010. */
export interface UseRecordsTable {
  id: string;
  context_id: string;
  department_id: string;
  department_name: string;
  region_code: string;
  actor_kind: UseRecord['actorKind'];
  actor_id: string;
  operator: string;
  cause: string;
  item_code: string;
  item_name: string;
  business_number: string;
  holder_code: string;
  holder_code_type: string;
  license_id: string;
  license_identifier: string;
  license_type_code: string;
  license_type_name: string;
  fields: ColumnType<string[], string, string>;
  kind: UseRecord['kind'];
  at: ColumnType<Date, Date, Date>;
}

type Tables = { use_records: UseRecordsTable };

const toRecord = (r: Selectable<UseRecordsTable>): UseRecord => ({
  id: r.id,
  contextId: r.context_id,
  departmentId: r.department_id,
  departmentName: r.department_name,
  regionCode: r.region_code,
  actorKind: r.actor_kind,
  actorId: r.actor_id,
  operator: r.operator,
  cause: r.cause,
  itemCode: r.item_code,
  itemName: r.item_name,
  businessNumber: r.business_number,
  holderCode: r.holder_code,
  holderCodeType: r.holder_code_type as HolderCodeType,
  licenseId: r.license_id,
  licenseIdentifier: r.license_identifier,
  licenseTypeCode: r.license_type_code,
  licenseTypeName: r.license_type_name,
  fields: r.fields,
  kind: r.kind,
  at: r.at,
});

export function useRecordRepository(kysely: Kysely<DB>): UseRecordRepository {
  const db = kysely.withTables<Tables>();
  return {
    async insert(r) {
      await db
        .insertInto('use_records')
        .values({
          id: r.id,
          context_id: r.contextId,
          department_id: r.departmentId,
          department_name: r.departmentName,
          region_code: r.regionCode,
          actor_kind: r.actorKind,
          actor_id: r.actorId,
          operator: r.operator,
          cause: r.cause,
          item_code: r.itemCode,
          item_name: r.itemName,
          business_number: r.businessNumber,
          holder_code: r.holderCode,
          holder_code_type: r.holderCodeType,
          license_id: r.licenseId,
          license_identifier: r.licenseIdentifier,
          license_type_code: r.licenseTypeCode,
          license_type_name: r.licenseTypeName,
          fields: json(r.fields),
          kind: r.kind,
          at: r.at,
        })
        .execute();
    },
    async forHolder(holderCodeType, holderCode, { page, pageSize }) {
      const base = db
        .selectFrom('use_records')
        .where('holder_code', '=', holderCode)
        .where('holder_code_type', '=', holderCodeType);
      const { count } = await base.select(sql<string>`count(*)`.as('count')).executeTakeFirstOrThrow();
      const { limit, offset } = pageBounds(page, pageSize);
      const rows = await base
        .selectAll()
        .orderBy('at', 'desc')
        .orderBy('id')
        .limit(limit)
        .offset(offset)
        .execute();
      return { items: rows.map(toRecord), total: toNumber(count), page, pageSize };
    },
    async forContext(contextId) {
      const rows = await db
        .selectFrom('use_records')
        .selectAll()
        .where('context_id', '=', contextId)
        .orderBy('at')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },
  };
}
