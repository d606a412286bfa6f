import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** DEVELOPMENT ONLY: an account of the built-in identity provider (a demo holder). */
export interface DevIdpUser {
  readonly id: string;
  readonly username: string;
  readonly passwordHash: string;
  readonly holderCodeType: string;
  readonly holderCode: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** DEVELOPMENT ONLY: an authorisation code (stored by digest). */
export interface DevIdpCode {
  readonly codeHash: string;
  readonly userId: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly nonce: string | null;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
}

const toUser = (r: {
  id: string;
  username: string;
  password_hash: string;
  holder_code_type: string;
  holder_code: string;
  name: string;
  created_at: Date;
  updated_at: Date;
}): DevIdpUser => ({
  id: r.id,
  username: r.username,
  passwordHash: r.password_hash,
  holderCodeType: r.holder_code_type,
  holderCode: r.holder_code,
  name: r.name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Storage of the development identity provider (not part of the domain's Repositories). */
export function devIdpStore(db: Kysely<DB>) {
  return {
    async userByUsername(username: string): Promise<DevIdpUser | null> {
      const r = await db
        .selectFrom('dev_idp_users')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();
      return r ? toUser(r) : null;
    },
    async user(id: string): Promise<DevIdpUser | null> {
      const r = await db.selectFrom('dev_idp_users').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toUser(r) : null;
    },
    async users(limit: number): Promise<DevIdpUser[]> {
      const rows = await db
        .selectFrom('dev_idp_users')
        .selectAll()
        .orderBy('username')
        .limit(limit)
        .execute();
      return rows.map(toUser);
    },
    /** Inserts the user or replaces password, holder and name of the same username. */
    async upsertUser(u: DevIdpUser): Promise<void> {
      await db
        .insertInto('dev_idp_users')
        .values({
          id: u.id,
          username: u.username,
          password_hash: u.passwordHash,
          holder_code_type: u.holderCodeType,
          holder_code: u.holderCode,
          name: u.name,
          created_at: u.createdAt,
          updated_at: u.updatedAt,
        })
        .onConflict((oc) =>
          oc.column('username').doUpdateSet({
            password_hash: u.passwordHash,
            holder_code_type: u.holderCodeType,
            holder_code: u.holderCode,
            name: u.name,
            updated_at: u.updatedAt,
          }),
        )
        .execute();
    },
    async insertCode(c: DevIdpCode): Promise<void> {
      await db
        .insertInto('dev_idp_codes')
        .values({
          code_hash: c.codeHash,
          user_id: c.userId,
          client_id: c.clientId,
          redirect_uri: c.redirectUri,
          code_challenge: c.codeChallenge,
          nonce: c.nonce,
          created_at: c.createdAt,
          expires_at: c.expiresAt,
          used_at: c.usedAt,
        })
        .execute();
    },
    /** Marks the code used and returns it; null when unknown or already used (single use). */
    async useCode(codeHash: string, now: Date): Promise<DevIdpCode | null> {
      const r = await db
        .updateTable('dev_idp_codes')
        .set({ used_at: now })
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      return r
        ? {
            codeHash: r.code_hash,
            userId: r.user_id,
            clientId: r.client_id,
            redirectUri: r.redirect_uri,
            codeChallenge: r.code_challenge,
            nonce: r.nonce,
            createdAt: r.created_at,
            expiresAt: r.expires_at,
            usedAt: r.used_at,
          }
        : null;
    },
    async purgeCodes(before: Date): Promise<void> {
      await db.deleteFrom('dev_idp_codes').where('expires_at', '<', before).execute();
    },
  };
}

export type DevIdpStore = ReturnType<typeof devIdpStore>;
