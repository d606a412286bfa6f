import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type {
  HolderLicenseRepository,
  HolderLoginCodeType,
  HolderLoginRepository,
  HolderSession,
  HolderSessionRepository,
} from '@zhengyin/core';
import type { DB, HolderSessionsTable } from '../db/schema.js';
import { licenseRepository } from './licenses.js';
import { pageBounds, toNumber } from './rows.js';

const toSession = (r: Selectable<HolderSessionsTable>): HolderSession => ({
  id: r.id,
  tokenHash: r.token_hash,
  csrfToken: r.csrf_token,
  holderCodeType: r.holder_code_type as HolderLoginCodeType,
  holderCode: r.holder_code,
  holderName: r.holder_name,
  issuer: r.issuer,
  subject: r.subject,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastSeenAt: r.last_seen_at,
  revokedAt: r.revoked_at,
});

export function holderSessionRepository(db: Kysely<DB>): HolderSessionRepository {
  return {
    async insert(s) {
      await db
        .insertInto('holder_sessions')
        .values({
          id: s.id,
          token_hash: s.tokenHash,
          csrf_token: s.csrfToken,
          holder_code_type: s.holderCodeType,
          holder_code: s.holderCode,
          holder_name: s.holderName,
          issuer: s.issuer,
          subject: s.subject,
          created_at: s.createdAt,
          expires_at: s.expiresAt,
          last_seen_at: s.lastSeenAt,
          revoked_at: s.revokedAt,
        })
        .execute();
    },
    async getByTokenHash(tokenHash) {
      const r = await db
        .selectFrom('holder_sessions')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return r ? toSession(r) : null;
    },
    async get(id) {
      const r = await db.selectFrom('holder_sessions').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toSession(r) : null;
    },
    async touch(id, at) {
      await db.updateTable('holder_sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
    },
    async revoke(id, at) {
      await db
        .updateTable('holder_sessions')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },
  };
}

export function holderLoginRepository(db: Kysely<DB>): HolderLoginRepository {
  return {
    async insert(l) {
      await db
        .insertInto('holder_logins')
        .values({
          state_hash: l.stateHash,
          browser_hash: l.browserHash,
          nonce: l.nonce,
          code_verifier: l.codeVerifier,
          return_to: l.returnTo,
          created_at: l.createdAt,
          expires_at: l.expiresAt,
        })
        .execute();
    },
    async take(stateHash) {
      const r = await db
        .deleteFrom('holder_logins')
        .where('state_hash', '=', stateHash)
        .returningAll()
        .executeTakeFirst();
      return r
        ? {
            stateHash: r.state_hash,
            browserHash: r.browser_hash,
            nonce: r.nonce,
            codeVerifier: r.code_verifier,
            returnTo: r.return_to,
            createdAt: r.created_at,
            expiresAt: r.expires_at,
          }
        : null;
    },
    async purgeExpired(now) {
      const r = await db.deleteFrom('holder_logins').where('expires_at', '<', now).executeTakeFirst();
      return toNumber(r.numDeletedRows);
    },
  };
}

export function holderLicenseRepository(db: Kysely<DB>): HolderLicenseRepository {
  const licenses = licenseRepository(db);
  return {
    async list(q) {
      let query = db
        .selectFrom('licenses')
        .where('holder_code', '=', q.holderCode)
        .where('holder_code_type', '=', q.holderCodeType);
      if (q.typeCode) query = query.where('type_code', '=', q.typeCode);
      query = q.status ? query.where('status', '=', q.status) : query.where('status', '<>', 'superseded');
      const { count } = await query.select(sql<string>`count(*)`.as('count')).executeTakeFirstOrThrow();
      const { limit, offset } = pageBounds(q.page, q.pageSize);
      const rows = await query
        .select('id')
        .orderBy('issue_date', 'desc')
        .orderBy('id')
        .limit(limit)
        .offset(offset)
        .execute();
      const items = [];
      for (const { id } of rows) {
        const license = await licenses.get(id);
        if (license) items.push(license);
      }
      return { items, total: toNumber(count), page: q.page, pageSize: q.pageSize };
    },
  };
}
