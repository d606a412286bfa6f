import { timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor, Clock, RequestMeta } from '@zhengyin/core';
import { AppError, SYSTEM_ACTOR, keyAuditEntry } from '@zhengyin/core';
import { checkMasterKey, masterKeyId, rewrapMasterLayer } from './adapters/key-wrap.js';
import type { WrappedKey } from './adapters/key-wrap.js';
import { systemClock } from './adapters/runtime.js';
import { aesGcmSecretBox } from './adapters/secret-box.js';
import type { Database } from './db/database.js';
import { auditLog } from './repositories/audit.js';

export interface MasterKeyRotationReport {
  readonly previousMasterKeyId: string;
  readonly masterKeyId: string;
  /** Vault keys re-wrapped (destroyed keys hold nothing to re-wrap). */
  readonly vaultKeys: number;
  /** App secrets re-sealed, current and previous. */
  readonly appSecrets: number;
  readonly totpSecrets: number;
}

export interface MasterKeyRotationOptions {
  readonly clock?: Clock;
  readonly actor?: Actor;
  readonly meta?: RequestMeta;
}

interface Failure {
  readonly table: 'vault_keys' | 'apps' | 'users';
  readonly id: string;
  readonly column: string;
  readonly reason: string;
}

const MAX_REPORTED_FAILURES = 20;

/**
 * Moves everything sealed under the master key to `newKey` in one transaction: the outer layer of
 * every vault key (PIN layers untouched) and the app and TOTP secrets. If anything does not open
 * with `oldKey`, refuses with KEYS_UNWRAP_FAILED listing the items and changes nothing. The tables
 * are locked against writers meanwhile; servers must then be restarted with the new key.
 */
export async function rotateMasterKey(
  database: Database,
  oldKey: Uint8Array,
  newKey: Uint8Array,
  options: MasterKeyRotationOptions = {},
): Promise<MasterKeyRotationReport> {
  checkMasterKey(oldKey);
  checkMasterKey(newKey);
  if (timingSafeEqual(oldKey, newKey)) throw new RangeError('the new master key is the current one');
  const oldBox = aesGcmSecretBox(oldKey);
  const newBox = aesGcmSecretBox(newKey);
  const reseal = (sealed: string) => {
    const plain = oldBox.open(sealed);
    try {
      return newBox.seal(plain);
    } finally {
      plain.fill(0);
    }
  };

  return database.db.transaction().execute(async (trx) => {
    await sql`LOCK TABLE vault_keys, apps, users IN EXCLUSIVE MODE`.execute(trx);
    const failures: Failure[] = [];
    const attempt = <T>(where: Omit<Failure, 'reason'>, work: () => T): T | undefined => {
      try {
        return work();
      } catch (e) {
        const reason = e instanceof AppError ? String(e.details?.reason ?? e.code) : 'does not open';
        failures.push({ ...where, reason });
        return undefined;
      }
    };

    const keys = await trx
      .selectFrom('vault_keys')
      .select(['key_ref', 'alg', 'wrapped', 'master_key_id', 'pin_kdf'])
      .where('wrapped', 'is not', null)
      .orderBy('key_ref')
      .execute();
    const rewrapped: { keyRef: string; key: WrappedKey }[] = [];
    for (const k of keys) {
      const stored = {
        wrapped: new Uint8Array(k.wrapped!),
        masterKeyId: k.master_key_id ?? '',
        pinKdf: k.pin_kdf,
      };
      const key = attempt({ table: 'vault_keys', id: k.key_ref, column: 'wrapped' }, () =>
        rewrapMasterLayer(stored, oldKey, newKey, { keyRef: k.key_ref, alg: k.alg }),
      );
      if (key) rewrapped.push({ keyRef: k.key_ref, key });
    }

    const apps = await trx
      .selectFrom('apps')
      .select(['id', 'secret_sealed', 'previous_secret_sealed'])
      .orderBy('id')
      .execute();
    const appUpdates: { id: string; secret: string | undefined; previous: string | null | undefined }[] = [];
    let appSecrets = 0;
    for (const a of apps) {
      const secret = attempt({ table: 'apps', id: a.id, column: 'secret_sealed' }, () =>
        reseal(a.secret_sealed),
      );
      const previous =
        a.previous_secret_sealed === null
          ? null
          : attempt({ table: 'apps', id: a.id, column: 'previous_secret_sealed' }, () =>
              reseal(a.previous_secret_sealed!),
            );
      appSecrets += 1 + (previous === null ? 0 : 1);
      appUpdates.push({ id: a.id, secret, previous });
    }

    const users = await trx
      .selectFrom('users')
      .select(['id', 'totp_secret_sealed'])
      .where('totp_secret_sealed', 'is not', null)
      .orderBy('id')
      .execute();
    const totpUpdates = users.map((u) => ({
      id: u.id,
      sealed: attempt({ table: 'users', id: u.id, column: 'totp_secret_sealed' }, () =>
        reseal(u.totp_secret_sealed!),
      ),
    }));

    if (failures.length > 0) {
      throw new AppError(
        'KEYS_UNWRAP_FAILED',
        `${failures.length} item(s) do not open with the current master key; nothing was changed`,
        { reason: 'rotation', count: failures.length, failures: failures.slice(0, MAX_REPORTED_FAILURES) },
      );
    }

    const now = (options.clock ?? systemClock).now();
    for (const { keyRef, key } of rewrapped) {
      await trx
        .updateTable('vault_keys')
        .set({ wrapped: key.wrapped, master_key_id: key.masterKeyId, updated_at: now })
        .where('key_ref', '=', keyRef)
        .execute();
    }
    for (const a of appUpdates) {
      await trx
        .updateTable('apps')
        .set({ secret_sealed: a.secret!, previous_secret_sealed: a.previous ?? null })
        .where('id', '=', a.id)
        .execute();
    }
    for (const u of totpUpdates) {
      await trx.updateTable('users').set({ totp_secret_sealed: u.sealed! }).where('id', '=', u.id).execute();
    }

    const report: MasterKeyRotationReport = {
      previousMasterKeyId: masterKeyId(oldKey),
      masterKeyId: masterKeyId(newKey),
      vaultKeys: rewrapped.length,
      appSecrets,
      totpSecrets: totpUpdates.length,
    };
    const by = {
      actor: options.actor ?? SYSTEM_ACTOR,
      meta: options.meta ?? { requestId: null, clientIp: null },
    };
    await auditLog(trx).append(keyAuditEntry(by, now, 'keys.master_key_rotated', null, { ...report }));
    return report;
  });
}
