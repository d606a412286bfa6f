import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type {
  CatalogStatus,
  LicenseFileFormat,
  LicenseTypeContent,
  LicenseTypeRepository,
  LicenseTypeVersion,
} from '@zhengyin/core';
import type { DB, LicenseTypesTable } from '../db/schema.js';
import { json, likePattern, pageBounds, toNumber } from './rows.js';

const toType = (r: Selectable<LicenseTypesTable>): LicenseTypeVersion => ({
  ...(r.content as unknown as LicenseTypeContent),
  fileFormat: r.file_format as LicenseFileFormat,
  id: r.id,
  typeCode: r.type_code,
  version: r.version,
  name: r.name,
  status: r.status as CatalogStatus,
  departmentId: r.department_id,
  regionCode: r.region_code,
  reviewComment: r.review_comment,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  publishedAt: r.published_at,
  rowVersion: r.row_version,
});

/** Everything but the indexed columns is kept as one JSON document (the type's content). */
function content(t: LicenseTypeVersion): string {
  const {
    id: _i,
    typeCode: _t,
    version: _v,
    status: _s,
    departmentId: _d,
    regionCode: _r,
    reviewComment: _c,
    createdAt: _ca,
    updatedAt: _u,
    publishedAt: _p,
    rowVersion: _rv,
    fileFormat: _f,
    ...rest
  } = t;
  return json(rest);
}

export function licenseTypeRepository(db: Kysely<DB>): LicenseTypeRepository {
  const one = (row: Selectable<LicenseTypesTable> | undefined) => (row ? toType(row) : null);
  return {
    get: async (id) =>
      one(await db.selectFrom('license_types').selectAll().where('id', '=', id).executeTakeFirst()),
    async dataItems(id) {
      const row = await db
        .selectFrom('license_types')
        .select(sql<LicenseTypeContent['dataItems']>`content -> 'dataItems'`.as('items'))
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? row.items : null;
    },
    getForUpdate: async (id) =>
      one(
        await db.selectFrom('license_types').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
      ),
    published: async (typeCode) =>
      one(
        await db
          .selectFrom('license_types')
          .selectAll()
          .where('type_code', '=', typeCode)
          .where('status', '=', 'published')
          .executeTakeFirst(),
      ),
    async latestVersion(typeCode) {
      const row = await db
        .selectFrom('license_types')
        .select(sql<number>`coalesce(max(version), 0)`.as('v'))
        .where('type_code', '=', typeCode)
        .executeTakeFirstOrThrow();
      return Number(row.v);
    },
    async insert(t) {
      await db
        .insertInto('license_types')
        .values({
          id: t.id,
          type_code: t.typeCode,
          version: t.version,
          name: t.name,
          status: t.status,
          department_id: t.departmentId,
          region_code: t.regionCode,
          content: content(t),
          file_format: t.fileFormat,
          review_comment: t.reviewComment,
          created_at: t.createdAt,
          updated_at: t.updatedAt,
          published_at: t.publishedAt,
          row_version: t.rowVersion,
        })
        .execute();
    },
    async update(t, expected) {
      const result = await db
        .updateTable('license_types')
        .set({
          name: t.name,
          status: t.status,
          content: content(t),
          file_format: t.fileFormat,
          review_comment: t.reviewComment,
          updated_at: t.updatedAt,
          published_at: t.publishedAt,
          row_version: t.rowVersion,
        })
        .where('id', '=', t.id)
        .where('row_version', '=', expected)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async list({ q, status, prefixes, page, pageSize }) {
      let query = db.selectFrom('license_types');
      if (q)
        query = query.where((eb) => eb.or([eb('name', 'ilike', likePattern(q)), eb('type_code', '=', q)]));
      if (status) query = query.where('status', '=', status);
      if (prefixes) {
        if (prefixes.length === 0) return { items: [], total: 0, page, pageSize };
        query = query.where((eb) => eb.or(prefixes.map((p) => eb('region_code', 'like', `${p}%`))));
      }
      const { count } = await query.select(sql<string>`count(*)`.as('count')).executeTakeFirstOrThrow();
      const { limit, offset } = pageBounds(page, pageSize);
      const rows = await query
        .selectAll()
        .orderBy('type_code')
        .orderBy('version', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      return { items: rows.map(toType), total: toNumber(count), page, pageSize };
    },
  };
}
