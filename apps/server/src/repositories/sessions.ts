import type { Kysely } from 'kysely';
import type { SessionRepository } from '@zhengyin/core';
import type { DB } from '../db/schema.js';

export function sessionRepository(db: Kysely<DB>): SessionRepository {
  return {
    async insert(s) {
      await db
        .insertInto('sessions')
        .values({
          id: s.id,
          token_hash: s.tokenHash,
          user_id: s.userId,
          csrf_token: s.csrfToken,
          created_at: s.createdAt,
          expires_at: s.expiresAt,
          last_seen_at: s.lastSeenAt,
          revoked_at: s.revokedAt,
        })
        .execute();
    },
    async getByTokenHash(tokenHash) {
      const r = await db
        .selectFrom('sessions')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return r
        ? {
            id: r.id,
            tokenHash: r.token_hash,
            userId: r.user_id,
            csrfToken: r.csrf_token,
            createdAt: r.created_at,
            expiresAt: r.expires_at,
            lastSeenAt: r.last_seen_at,
            revokedAt: r.revoked_at,
          }
        : null;
    },
    async touch(id, at) {
      await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
    },
    async revoke(id, at) {
      await db
        .updateTable('sessions')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },
    async revokeAllForUser(userId, at, exceptSessionId) {
      let q = db
        .updateTable('sessions')
        .set({ revoked_at: at })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null);
      if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
      await q.execute();
    },
  };
}
