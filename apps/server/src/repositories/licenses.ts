import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type {
  DataItem,
  BlobRepository,
  HolderCodeType,
  IdempotencyRepository,
  License,
  LicenseEvent,
  LicenseRepository,
  LicenseStatus,
} from '@zhengyin/core';
import type { DB, LicenseEventsTable, LicensesTable } from '../db/schema.js';
import { json, pageBounds, toNumber } from './rows.js';

/** LIKE pattern for names starting with `q` (its wildcards escaped). */
const prefixPattern = (q: string): string => `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Fields without their own column, kept in `content`. */
interface Content {
  typeName: string;
  issuerName: string;
  data: Record<string, unknown>;
  /** Of the PDF; null when only an OFD was issued. */
  fileSize: number | null;
  algorithm: string;
}

const toLicense = (r: Selectable<LicensesTable>): License => {
  const c = r.content as unknown as Content;
  return {
    id: r.id,
    seriesId: r.series_id,
    identifier: r.identifier,
    version: r.version,
    serial: r.serial,
    typeCode: r.type_code,
    typeVersionId: r.type_version_id,
    typeName: c.typeName,
    departmentId: r.department_id,
    issuerName: c.issuerName,
    issuerCode: r.issuer_code,
    regionCode: r.region_code,
    licenseNumber: r.license_number,
    holder: { name: r.holder_name, code: r.holder_code, codeType: r.holder_code_type as HolderCodeType },
    issueDate: r.issue_date,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    longTerm: r.long_term,
    status: r.status as LicenseStatus,
    data: c.data,
    fileSha256: r.file_sha256,
    fileSize: c.fileSize,
    ofdSha256: r.ofd_sha256,
    ofdSignedValueSha256: r.ofd_signed_value_sha256,
    sealId: r.seal_id,
    algorithm: c.algorithm,
    issueRef: r.issue_ref,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    rowVersion: r.row_version,
  };
};

const content = (l: License): string =>
  json({
    typeName: l.typeName,
    issuerName: l.issuerName,
    data: l.data,
    fileSize: l.fileSize,
    algorithm: l.algorithm,
  } satisfies Content);

const toEvent = (r: Omit<Selectable<LicenseEventsTable>, 'seq'>): LicenseEvent => ({
  id: r.id,
  licenseId: r.license_id,
  seriesId: r.series_id,
  action: r.action,
  fromStatus: r.from_status as LicenseStatus | null,
  toStatus: r.to_status as LicenseStatus,
  reasonCode: r.reason_code,
  reason: r.reason,
  actorId: r.actor_id,
  details: r.details as unknown as Record<string, unknown>,
  at: r.at,
});

export function licenseRepository(db: Kysely<DB>): LicenseRepository {
  const one = (row: Selectable<LicensesTable> | undefined) => (row ? toLicense(row) : null);
  const byId = (id: string) => db.selectFrom('licenses').selectAll().where('id', '=', id);
  return {
    get: async (id) => one(await byId(id).executeTakeFirst()),
    getForUpdate: async (id) => one(await byId(id).forUpdate().executeTakeFirst()),
    byIdentifier: async (identifier) =>
      one(
        await db.selectFrom('licenses').selectAll().where('identifier', '=', identifier).executeTakeFirst(),
      ),
    async publicView(identifier) {
      const row = await db
        .selectFrom('licenses as l')
        .leftJoin('license_types as t', 't.id', 'l.type_version_id')
        .selectAll('l')
        .select([
          sql<DataItem[] | null>`t.content -> 'dataItems'`.as('type_data_items'),
          sql<boolean>`exists (select 1 from objections o where o.license_id = l.id
            and o.status in ('submitted', 'acknowledged'))`.as('under_objection'),
          sql<string | null>`case when l.status = 'superseded' then (select n.identifier from licenses n
            where n.series_id = l.series_id order by n.version desc limit 1) end`.as('newest_identifier'),
        ])
        .where('l.identifier', '=', identifier)
        .executeTakeFirst();
      if (!row) return null;
      const { type_data_items, under_objection, newest_identifier, ...license } = row;
      return {
        license: toLicense(license),
        dataItems: type_data_items ?? [],
        underObjection: under_objection,
        newestIdentifier: newest_identifier,
      };
    },
    async byIssueRefs(refs) {
      if (refs.length === 0) return [];
      const rows = await db
        .selectFrom('licenses')
        .selectAll()
        .where('issue_ref', 'in', [...refs])
        .execute();
      return rows.map(toLicense);
    },
    async numbersTaken(typeCode, issuerCode, numbers, exceptSeriesId) {
      if (numbers.length === 0) return new Set();
      let q = db
        .selectFrom('licenses')
        .select('license_number')
        .where('type_code', '=', typeCode)
        .where('issuer_code', '=', issuerCode)
        .where('license_number', 'in', [...numbers])
        .where('status', '<>', 'superseded');
      if (exceptSeriesId) q = q.where('series_id', '<>', exceptSeriesId);
      return new Set((await q.execute()).map((r) => r.license_number));
    },
    async insert(l) {
      await db
        .insertInto('licenses')
        .values({
          id: l.id,
          series_id: l.seriesId,
          identifier: l.identifier,
          version: l.version,
          serial: l.serial,
          type_code: l.typeCode,
          type_version_id: l.typeVersionId,
          department_id: l.departmentId,
          issuer_code: l.issuerCode,
          region_code: l.regionCode,
          license_number: l.licenseNumber,
          holder_name: l.holder.name,
          holder_code: l.holder.code,
          holder_code_type: l.holder.codeType,
          issue_date: l.issueDate,
          valid_from: l.validFrom,
          valid_to: l.validTo,
          long_term: l.longTerm,
          status: l.status,
          file_sha256: l.fileSha256,
          ofd_sha256: l.ofdSha256,
          ofd_signed_value_sha256: l.ofdSignedValueSha256,
          seal_id: l.sealId,
          issue_ref: l.issueRef,
          content: content(l),
          created_at: l.createdAt,
          updated_at: l.updatedAt,
          row_version: l.rowVersion,
        })
        .execute();
    },
    async update(l, expected) {
      const result = await db
        .updateTable('licenses')
        .set({
          status: l.status,
          valid_to: l.validTo,
          content: content(l),
          updated_at: l.updatedAt,
          row_version: l.rowVersion,
        })
        .where('id', '=', l.id)
        .where('row_version', '=', expected)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async versions(seriesId) {
      const rows = await db
        .selectFrom('licenses')
        .selectAll()
        .where('series_id', '=', seriesId)
        .orderBy('version')
        .execute();
      return rows.map(toLicense);
    },
    async search(q) {
      let query = db.selectFrom('licenses');
      if (q.identifier) query = query.where('identifier', '=', q.identifier);
      if (q.licenseNumber) query = query.where('license_number', '=', q.licenseNumber);
      if (q.holderCode) query = query.where('holder_code', '=', q.holderCode.toUpperCase());
      if (q.holderName) query = query.where('holder_name', 'like', prefixPattern(q.holderName.trim()));
      if (q.typeCode) query = query.where('type_code', '=', q.typeCode);
      if (q.departmentId) query = query.where('department_id', '=', q.departmentId);
      if (q.status) query = query.where('status', '=', q.status);
      else if (!q.includeSuperseded && !q.identifier) query = query.where('status', '<>', 'superseded');
      if (q.issuedFrom) query = query.where('issue_date', '>=', q.issuedFrom);
      if (q.issuedTo) query = query.where('issue_date', '<=', q.issuedTo);
      if (q.prefixes) {
        const prefixes = q.prefixes;
        const departments = q.departmentIds ?? [];
        if (prefixes.length === 0 && departments.length === 0)
          return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
        query = query.where((eb) =>
          eb.or([
            ...prefixes.map((p) => eb('region_code', 'like', `${p}%`)),
            ...(departments.length ? [eb('department_id', 'in', departments)] : []),
          ]),
        );
      }
      const { count } = await query.select(sql<string>`count(*)`.as('count')).executeTakeFirstOrThrow();
      const { limit, offset } = pageBounds(q.page, q.pageSize);
      const rows = await query
        .selectAll()
        .orderBy('issue_date', 'desc')
        .orderBy('id')
        .limit(limit)
        .offset(offset)
        .execute();
      return { items: rows.map(toLicense), total: toNumber(count), page: q.page, pageSize: q.pageSize };
    },
    async dueForExpiry(today, limit) {
      const rows = await db
        .selectFrom('licenses')
        .selectAll()
        .where('status', 'in', ['valid', 'pledged'])
        .where('valid_to', 'is not', null)
        .where('valid_to', '<', today)
        .orderBy('valid_to')
        .limit(limit)
        .execute();
      return rows.map(toLicense);
    },
    async allocateSerials(typeCode, issuerCode, count) {
      const row = await db
        .insertInto('license_serials')
        .values({ type_code: typeCode, issuer_code: issuerCode, next_value: count + 1 })
        .onConflict((oc) =>
          oc.columns(['type_code', 'issuer_code']).doUpdateSet({
            next_value: sql<number>`license_serials.next_value + ${count}`,
          }),
        )
        .returning('next_value')
        .executeTakeFirstOrThrow();
      return Number(row.next_value) - count;
    },
    async addEvent(e) {
      await db
        .insertInto('license_events')
        .values({
          id: e.id,
          license_id: e.licenseId,
          series_id: e.seriesId,
          action: e.action,
          from_status: e.fromStatus,
          to_status: e.toStatus,
          reason_code: e.reasonCode,
          reason: e.reason,
          actor_id: e.actorId,
          details: json(e.details),
          at: e.at,
        })
        .execute();
    },
    async events(seriesId) {
      const rows = await db
        .selectFrom('license_events')
        .select([
          'id',
          'license_id',
          'series_id',
          'action',
          'from_status',
          'to_status',
          'reason_code',
          'reason',
          'actor_id',
          'details',
          'at',
        ])
        .where('series_id', '=', seriesId)
        .orderBy('seq')
        .execute();
      return rows.map(toEvent);
    },
  };
}

export function blobRepository(db: Kysely<DB>): BlobRepository {
  return {
    async put(sha256, bytes) {
      await db
        .insertInto('blobs')
        .values({ sha256, size: bytes.length, content: bytes })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
    },
    async get(sha256) {
      const row = await db
        .selectFrom('blobs')
        .select('content')
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      return row ? new Uint8Array(row.content) : null;
    },
  };
}

export function idempotencyRepository(db: Kysely<DB>): IdempotencyRepository {
  return {
    async claim(scope, key, requestHash, at) {
      const inserted = await db
        .insertInto('idempotency_keys')
        .values({ scope, key, request_hash: requestHash, created_at: at })
        .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (inserted) return 'new';
      const row = await db
        .selectFrom('idempotency_keys')
        .select('request_hash')
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      return row.request_hash === requestHash ? 'replay' : 'conflict';
    },
  };
}
