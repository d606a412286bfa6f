import type { ColumnType, Expression, ExpressionBuilder, Kysely, Selectable, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type {
  Objection,
  ObjectionEvidence,
  ObjectionQuery,
  ObjectionRepository,
  ObjectionRequester,
  ObjectionState,
} from '@zhengyin/core';
import type { DB } from '../db/schema.js';
import { json, pageBounds, toNumber } from './rows.js';

type Timestamp = ColumnType<Date, Date, Date>;
type NullableTimestamp = ColumnType<Date | null, Date | null, Date | null>;

/** Fields without their own column. */
interface Content {
  typeName: string;
  requester: ObjectionRequester;
  fields: string[];
  text: string;
  evidence: ObjectionEvidence[];
  resolution: string | null;
  correctedIdentifier: string | null;
}

/** Table of migration 0013. */
export interface ObjectionsTable {
  id: string;
  license_id: string;
  series_id: string;
  license_identifier: string;
  region_code: string;
  department_id: string;
  requester_kind: string;
  requester_department_id: string | null;
  holder_code_type: string | null;
  holder_code: string | null;
  status: string;
  submitted_at: Timestamp;
  acknowledge_due_at: Timestamp;
  resolve_due_at: Timestamp;
  acknowledged_at: NullableTimestamp;
  acknowledged_by: string | null;
  resolved_at: NullableTimestamp;
  resolved_by: string | null;
  corrected_license_id: string | null;
  content: ColumnType<Content, string, string>;
  row_version: number;
}

type Tables = DB & { objections: ObjectionsTable };

const toObjection = (r: Selectable<ObjectionsTable>): Objection => ({
  id: r.id,
  licenseId: r.license_id,
  seriesId: r.series_id,
  licenseIdentifier: r.license_identifier,
  typeName: r.content.typeName,
  regionCode: r.region_code,
  departmentId: r.department_id,
  requester: r.content.requester,
  fields: r.content.fields,
  text: r.content.text,
  evidence: r.content.evidence,
  status: r.status as ObjectionState,
  submittedAt: r.submitted_at,
  acknowledgeDueAt: r.acknowledge_due_at,
  resolveDueAt: r.resolve_due_at,
  acknowledgedAt: r.acknowledged_at,
  acknowledgedBy: r.acknowledged_by,
  resolvedAt: r.resolved_at,
  resolvedBy: r.resolved_by,
  resolution: r.content.resolution,
  correctedLicenseId: r.corrected_license_id,
  correctedIdentifier: r.content.correctedIdentifier,
  rowVersion: r.row_version,
});

const mutable = (o: Objection) => ({
  status: o.status,
  acknowledged_at: o.acknowledgedAt,
  acknowledged_by: o.acknowledgedBy,
  resolved_at: o.resolvedAt,
  resolved_by: o.resolvedBy,
  corrected_license_id: o.correctedLicenseId,
  content: json({
    typeName: o.typeName,
    requester: o.requester,
    fields: [...o.fields],
    text: o.text,
    evidence: [...o.evidence],
    resolution: o.resolution,
    correctedIdentifier: o.correctedIdentifier,
  } satisfies Content),
  row_version: o.rowVersion,
});

const OPEN = ['submitted', 'acknowledged'];

function matching(eb: ExpressionBuilder<Tables, 'objections'>, q: ObjectionQuery): Expression<SqlBool> {
  const c: Expression<SqlBool>[] = [];
  if (q.status) c.push(eb('objections.status', '=', q.status));
  if (q.licenseId) c.push(eb('objections.license_id', '=', q.licenseId));
  if (q.departmentId) c.push(eb('objections.department_id', '=', q.departmentId));
  if (q.holder)
    c.push(
      eb.and([
        eb('objections.holder_code_type', '=', q.holder.codeType),
        eb('objections.holder_code', '=', q.holder.code),
        eb('objections.requester_kind', '=', 'holder'),
      ]),
    );
  if (q.overdue !== undefined) {
    const overdue = eb.and([
      eb('objections.status', 'in', OPEN),
      eb.or([
        eb.and([eb('objections.status', '=', 'submitted'), eb('objections.acknowledge_due_at', '<', q.now)]),
        eb('objections.resolve_due_at', '<', q.now),
      ]),
    ]);
    c.push(q.overdue ? overdue : eb.not(overdue));
  }
  if (q.scope) {
    const visible: Expression<SqlBool>[] = [
      ...q.scope.prefixes.map((p) => eb('objections.region_code', 'like', `${p}%`)),
    ];
    if (q.scope.departmentIds.length)
      visible.push(
        eb('objections.department_id', 'in', [...q.scope.departmentIds]),
        eb('objections.requester_department_id', 'in', [...q.scope.departmentIds]),
      );
    c.push(visible.length ? eb.or(visible) : sql<boolean>`false`);
  }
  return eb.and(c);
}

export function objectionRepository(kdb: Kysely<DB>): ObjectionRepository {
  const db = kdb as unknown as Kysely<Tables>;
  const byId = (id: string) => db.selectFrom('objections').selectAll().where('id', '=', id);
  return {
    async insert(o) {
      await db
        .insertInto('objections')
        .values({
          id: o.id,
          license_id: o.licenseId,
          series_id: o.seriesId,
          license_identifier: o.licenseIdentifier,
          region_code: o.regionCode,
          department_id: o.departmentId,
          requester_kind: o.requester.kind,
          requester_department_id: o.requester.departmentId,
          holder_code_type: o.requester.holderCodeType,
          holder_code: o.requester.holderCode,
          submitted_at: o.submittedAt,
          acknowledge_due_at: o.acknowledgeDueAt,
          resolve_due_at: o.resolveDueAt,
          ...mutable(o),
        })
        .execute();
    },
    async get(id) {
      const row = await byId(id).executeTakeFirst();
      return row ? toObjection(row) : null;
    },
    async getForUpdate(id) {
      const row = await byId(id).forUpdate().executeTakeFirst();
      return row ? toObjection(row) : null;
    },
    async update(o, expected) {
      const r = await db
        .updateTable('objections')
        .set(mutable(o))
        .where('id', '=', o.id)
        .where('row_version', '=', expected)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async search(q) {
      const base = db.selectFrom('objections').where((eb) => matching(eb, q));
      const { limit, offset } = pageBounds(q.page, q.pageSize);
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy('submitted_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
        base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toObjection), total: toNumber(total.n), page: q.page, pageSize: q.pageSize };
    },
    async openCountForLicense(licenseId) {
      const row = await db
        .selectFrom('objections')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('license_id', '=', licenseId)
        .where('status', 'in', OPEN)
        .executeTakeFirstOrThrow();
      return toNumber(row.n);
    },
  };
}
