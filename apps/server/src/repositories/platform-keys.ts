import type { Kysely } from 'kysely';
import type { PlatformKeyRepository } from '@zhengyin/core';
import type { DB } from '../db/schema.js';

export function platformKeyRepository(db: Kysely<DB>): PlatformKeyRepository {
  return {
    async get(purpose) {
      const r = await db
        .selectFrom('platform_keys')
        .selectAll()
        .where('purpose', '=', purpose)
        .executeTakeFirst();
      return r
        ? {
            purpose: r.purpose,
            keyRef: r.key_ref,
            certificate: new Uint8Array(r.certificate),
            createdAt: r.created_at,
          }
        : null;
    },
    async insert(k) {
      await db
        .insertInto('platform_keys')
        .values({
          purpose: k.purpose,
          key_ref: k.keyRef,
          certificate: k.certificate,
          created_at: k.createdAt,
        })
        .execute();
    },
  };
}
