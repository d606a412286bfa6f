import type { Kysely, Selectable } from 'kysely';
import type { CertificateAuthority, CertificateAuthorityRepository } from '@zhengyin/core';
import type { CertificateAuthoritiesTable, DB } from '../db/schema.js';

const toCa = (r: Selectable<CertificateAuthoritiesTable>): CertificateAuthority => ({
  id: r.id,
  name: r.name,
  certificate: new Uint8Array(r.certificate),
  keyRef: r.key_ref,
  developmentOnly: r.development_only,
  active: r.active,
  createdAt: r.created_at,
});

export function certificateAuthorityRepository(db: Kysely<DB>): CertificateAuthorityRepository {
  return {
    async list() {
      return (await db.selectFrom('certificate_authorities').selectAll().orderBy('created_at').execute()).map(
        toCa,
      );
    },
    async get(id) {
      const row = await db
        .selectFrom('certificate_authorities')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toCa(row) : null;
    },
    async insert(ca) {
      await db
        .insertInto('certificate_authorities')
        .values({
          id: ca.id,
          name: ca.name,
          certificate: ca.certificate,
          key_ref: ca.keyRef,
          development_only: ca.developmentOnly,
          active: ca.active,
          created_at: ca.createdAt,
        })
        .execute();
    },
  };
}
