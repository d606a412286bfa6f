import type { Kysely, Selectable } from 'kysely';
import type { KeyRepository, StoredKey } from '@zhengyin/core';
import type { DB, VaultKeysTable } from '../db/schema.js';

// pg returns bytea as Buffer, PGlite as Uint8Array: hand out plain copies either way.
const bytes = (b: Uint8Array): Uint8Array => new Uint8Array(b);

const toKey = (r: Selectable<VaultKeysTable>): StoredKey => ({
  keyRef: r.key_ref,
  alg: r.alg,
  label: r.label,
  publicKey: bytes(r.public_key),
  wrapped: r.wrapped ? bytes(r.wrapped) : null,
  masterKeyId: r.master_key_id,
  pinKdf: r.pin_kdf,
  failedPinAttempts: r.failed_pin_attempts,
  lockedUntil: r.locked_until,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  destroyedAt: r.destroyed_at,
});

const columns = (k: StoredKey) => ({
  label: k.label,
  wrapped: k.wrapped,
  master_key_id: k.masterKeyId,
  pin_kdf: k.pinKdf,
  failed_pin_attempts: k.failedPinAttempts,
  locked_until: k.lockedUntil,
  updated_at: k.updatedAt,
  destroyed_at: k.destroyedAt,
});

export function keyRepository(db: Kysely<DB>): KeyRepository {
  const select = (keyRef: string) => db.selectFrom('vault_keys').selectAll().where('key_ref', '=', keyRef);
  return {
    async get(keyRef) {
      const r = await select(keyRef).executeTakeFirst();
      return r ? toKey(r) : null;
    },
    async getForUpdate(keyRef) {
      const r = await select(keyRef).forUpdate().executeTakeFirst();
      return r ? toKey(r) : null;
    },
    async insert(k) {
      await db
        .insertInto('vault_keys')
        .values({
          key_ref: k.keyRef,
          alg: k.alg,
          public_key: k.publicKey,
          created_at: k.createdAt,
          ...columns(k),
        })
        .execute();
    },
    async update(k) {
      await db.updateTable('vault_keys').set(columns(k)).where('key_ref', '=', k.keyRef).execute();
    },
  };
}
