import type { Kysely, Selectable } from 'kysely';
import type { AnnotatedCopy, AnnotatedCopyRepository } from '@zhengyin/core';
import type { AnnotatedCopiesTable, DB } from '../db/schema.js';
import { toNumber } from './rows.js';

const toCopy = (r: Selectable<AnnotatedCopiesTable>): AnnotatedCopy => ({
  id: r.id,
  licenseId: r.license_id,
  licenseIdentifier: r.license_identifier,
  useContextId: r.use_context_id,
  cause: r.cause,
  itemCode: r.item_code,
  itemName: r.item_name,
  producer: r.producer,
  algorithm: r.algorithm,
  format: r.file_format,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  fileSha256: r.file_sha256,
  fileSize: r.file_size,
  actorId: r.actor_id,
});

/** 加注件 records (table annotated_copies; the files are in blobs). */
export function annotatedCopyRepository(db: Kysely<DB>): AnnotatedCopyRepository {
  return {
    async insert(c) {
      await db
        .insertInto('annotated_copies')
        .values({
          id: c.id,
          license_id: c.licenseId,
          license_identifier: c.licenseIdentifier,
          use_context_id: c.useContextId,
          cause: c.cause,
          item_code: c.itemCode,
          item_name: c.itemName,
          producer: c.producer,
          algorithm: c.algorithm,
          file_format: c.format,
          created_at: c.createdAt,
          expires_at: c.expiresAt,
          file_sha256: c.fileSha256,
          file_size: c.fileSize,
          actor_id: c.actorId,
        })
        .execute();
    },
    async get(id) {
      const r = await db.selectFrom('annotated_copies').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toCopy(r) : null;
    },
    async listByLicense(licenseId) {
      const rows = await db
        .selectFrom('annotated_copies')
        .selectAll()
        .where('license_id', '=', licenseId)
        .orderBy('created_at', 'desc')
        .orderBy('expires_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toCopy);
    },
    async countActive(licenseId, since, at) {
      const r = await db
        .selectFrom('annotated_copies')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('license_id', '=', licenseId)
        .where('created_at', '>', since)
        .where('expires_at', '>', at)
        .executeTakeFirstOrThrow();
      return toNumber(r.n);
    },
  };
}
