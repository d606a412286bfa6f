import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type {
  ImportRowState,
  ImportStatus,
  IssueItem,
  LicenseFileFormat,
  LicenseImport,
  LicenseImportRepository,
  RejectedImportRow,
} from '@zhengyin/core';
import type { DB, LicenseImportRowsTable, LicenseImportsTable } from '../db/schema.js';
import { json, pageBounds, toNumber } from './rows.js';

interface Content {
  mapping: Record<string, string>;
  headers: readonly string[];
  rejected: readonly RejectedImportRow[];
  /** Absent in jobs stored before file formats existed. */
  fileFormat?: LicenseFileFormat | null;
}

const contentOf = (job: LicenseImport): Content => ({
  mapping: job.mapping,
  headers: job.headers,
  rejected: job.rejected,
  fileFormat: job.fileFormat,
});

const toJob = (r: Selectable<LicenseImportsTable>): LicenseImport => {
  const c = r.content as unknown as Content;
  return {
    id: r.id,
    departmentId: r.department_id,
    regionCode: r.region_code,
    typeCode: r.type_code,
    fileName: r.file_name,
    fileSha256: r.file_sha256,
    mapping: c.mapping,
    status: r.status as ImportStatus,
    headers: c.headers,
    total: r.total,
    valid: r.valid,
    rejected: c.rejected,
    issued: r.issued,
    failed: r.failed,
    createdBy: r.created_by,
    createdAt: r.created_at,
    startedAt: r.started_at,
    heartbeatAt: r.heartbeat_at,
    finishedAt: r.finished_at,
    fileFormat: c.fileFormat ?? null,
  };
};

const toRow = (r: Selectable<LicenseImportRowsTable>): ImportRowState => ({
  line: r.line,
  item: r.item as unknown as IssueItem,
  status: r.status as ImportRowState['status'],
  licenseId: r.license_id,
  error: r.error as unknown as ImportRowState['error'],
});

export function licenseImportRepository(db: Kysely<DB>): LicenseImportRepository {
  const one = (row: Selectable<LicenseImportsTable> | undefined) => (row ? toJob(row) : null);
  return {
    get: async (id) =>
      one(await db.selectFrom('license_imports').selectAll().where('id', '=', id).executeTakeFirst()),
    getForUpdate: async (id) =>
      one(
        await db
          .selectFrom('license_imports')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst(),
      ),
    byDedupeKey: async (key) =>
      one(
        await db.selectFrom('license_imports').selectAll().where('dedupe_key', '=', key).executeTakeFirst(),
      ),
    async insert(job, dedupeKey, rows) {
      await db
        .insertInto('license_imports')
        .values({
          id: job.id,
          dedupe_key: dedupeKey,
          department_id: job.departmentId,
          region_code: job.regionCode,
          type_code: job.typeCode,
          file_name: job.fileName,
          file_sha256: job.fileSha256,
          status: job.status,
          total: job.total,
          valid: job.valid,
          issued: job.issued,
          failed: job.failed,
          content: json(contentOf(job)),
          created_by: job.createdBy,
          created_at: job.createdAt,
          started_at: job.startedAt,
          heartbeat_at: job.heartbeatAt,
          finished_at: job.finishedAt,
        })
        .execute();
      for (let i = 0; i < rows.length; i += 500) {
        await db
          .insertInto('license_import_rows')
          .values(
            rows.slice(i, i + 500).map((r) => ({
              import_id: job.id,
              line: r.line,
              item: json(r.item),
              status: 'pending',
              license_id: null,
              error: null,
            })),
          )
          .execute();
      }
    },
    async update(job) {
      await db
        .updateTable('license_imports')
        .set({
          status: job.status,
          issued: job.issued,
          failed: job.failed,
          started_at: job.startedAt,
          heartbeat_at: job.heartbeatAt,
          finished_at: job.finishedAt,
          content: json(contentOf(job)),
        })
        .where('id', '=', job.id)
        .execute();
    },
    async pendingRows(id, limit) {
      const rows = await db
        .selectFrom('license_import_rows')
        .selectAll()
        .where('import_id', '=', id)
        .where('status', '=', 'pending')
        .orderBy('line')
        .limit(limit)
        .execute();
      return rows.map(toRow);
    },
    async markRows(id, marks) {
      for (const m of marks) {
        await db
          .updateTable('license_import_rows')
          .set({ status: m.status, license_id: m.licenseId, error: m.error ? json(m.error) : null })
          .where('import_id', '=', id)
          .where('line', '=', m.line)
          .execute();
      }
    },
    async failedRows(id, { page, pageSize }) {
      const base = db
        .selectFrom('license_import_rows')
        .where('import_id', '=', id)
        .where('status', '=', 'failed');
      const { count } = await base.select(sql<string>`count(*)`.as('count')).executeTakeFirstOrThrow();
      const { limit, offset } = pageBounds(page, pageSize);
      const rows = await base.selectAll().orderBy('line').limit(limit).offset(offset).execute();
      return { items: rows.map(toRow), total: toNumber(count), page, pageSize };
    },
  };
}
