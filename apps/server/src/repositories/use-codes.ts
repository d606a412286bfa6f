import type { ColumnType, Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type {
  ShowTokenNonceRepository,
  UseCode,
  UseCodeRepository,
  UseGuardRepository,
} from '@zhengyin/core';
import type { DB } from '../db/schema.js';
import { toNumber } from './rows.js';

type Timestamp = ColumnType<Date, Date, Date>;

/** Tables of migration 0010. */
export interface UseCodesTable {
  code_hash: string;
  context_id: string;
  department_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | null, Date | null>;
  used_by: string | null;
}

export interface UseCodeFailuresTable {
  id: ColumnType<string, never, never>;
  subject: string;
  at: Timestamp;
}

export interface UseCodeLockoutsTable {
  subject: string;
  locked_until: Timestamp;
}

export interface ShowTokenNoncesTable {
  nonce: string;
  license_id: string;
  expires_at: Timestamp;
  used_at: Timestamp;
}

type Tables = {
  use_codes: UseCodesTable;
  use_code_failures: UseCodeFailuresTable;
  use_code_lockouts: UseCodeLockoutsTable;
  show_token_nonces: ShowTokenNoncesTable;
};

const toCode = (r: Selectable<UseCodesTable>): UseCode => ({
  codeHash: r.code_hash,
  contextId: r.context_id,
  departmentId: r.department_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  usedBy: r.used_by,
});

export function useCodeRepository(kysely: Kysely<DB>): UseCodeRepository {
  const db = kysely.withTables<Tables>();
  return {
    async insert(c) {
      await db
        .insertInto('use_codes')
        .values({
          code_hash: c.codeHash,
          context_id: c.contextId,
          department_id: c.departmentId,
          created_at: c.createdAt,
          expires_at: c.expiresAt,
          used_at: c.usedAt,
          used_by: c.usedBy,
        })
        .execute();
    },
    async getForUpdate(codeHash) {
      const row = await db
        .selectFrom('use_codes')
        .selectAll()
        .where('code_hash', '=', codeHash)
        .forUpdate()
        .executeTakeFirst();
      return row ? toCode(row) : null;
    },
    async markUsed(codeHash, at, by) {
      const result = await db
        .updateTable('use_codes')
        .set({ used_at: at, used_by: by })
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export function useGuardRepository(kysely: Kysely<DB>): UseGuardRepository {
  const db = kysely.withTables<Tables>();
  return {
    async lockedUntil(subject, now) {
      const row = await db
        .selectFrom('use_code_lockouts')
        .select('locked_until')
        .where('subject', '=', subject)
        .where('locked_until', '>', now)
        .executeTakeFirst();
      return row?.locked_until ?? null;
    },
    async recordFailure(subject, at) {
      await db.insertInto('use_code_failures').values({ subject, at }).execute();
    },
    async countFailures(subject, since) {
      const { count } = await db
        .selectFrom('use_code_failures')
        .select(sql<string>`count(*)`.as('count'))
        .where('subject', '=', subject)
        .where('at', '>', since)
        .executeTakeFirstOrThrow();
      return toNumber(count);
    },
    async lock(subject, until) {
      await db
        .insertInto('use_code_lockouts')
        .values({ subject, locked_until: until })
        .onConflict((oc) => oc.column('subject').doUpdateSet({ locked_until: until }))
        .execute();
    },
  };
}

export function showTokenNonceRepository(kysely: Kysely<DB>): ShowTokenNonceRepository {
  const db = kysely.withTables<Tables>();
  return {
    async claim(nonce, licenseId, expiresAt, at) {
      const result = await db
        .insertInto('show_token_nonces')
        .values({ nonce, license_id: licenseId, expires_at: expiresAt, used_at: at })
        .onConflict((oc) => oc.column('nonce').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
  };
}
