import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Role, RoleGrant, User, UserRepository } from '@zhengyin/core';
import type { DB, UsersTable } from '../db/schema.js';
import { likePattern, pageBounds, toNumber } from './rows.js';

async function rolesOf(db: Kysely<DB>, userIds: string[]): Promise<Map<string, RoleGrant[]>> {
  const map = new Map<string, RoleGrant[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom('user_roles')
    .selectAll()
    .where('user_id', 'in', userIds)
    .orderBy('user_id')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    map
      .get(r.user_id)!
      .push({ role: r.role as Role, regionCode: r.region_code, departmentId: r.department_id });
  }
  return map;
}

const toUser = (r: Selectable<UsersTable>, roles: RoleGrant[]): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  mustChangePassword: r.must_change_password,
  failedLogins: r.failed_logins,
  lockedUntil: r.locked_until,
  totpSecretSealed: r.totp_secret_sealed,
  totpEnabled: r.totp_enabled,
  active: r.active,
  roles,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const columns = (u: User) => ({
  username: u.username,
  display_name: u.displayName,
  password_hash: u.passwordHash,
  must_change_password: u.mustChangePassword,
  failed_logins: u.failedLogins,
  locked_until: u.lockedUntil,
  totp_secret_sealed: u.totpSecretSealed,
  totp_enabled: u.totpEnabled,
  active: u.active,
  updated_at: u.updatedAt,
});

export function userRepository(db: Kysely<DB>): UserRepository {
  const one = async (row: Selectable<UsersTable> | undefined) =>
    row ? toUser(row, (await rolesOf(db, [row.id])).get(row.id)!) : null;
  const writeRoles = async (u: User) => {
    await db.deleteFrom('user_roles').where('user_id', '=', u.id).execute();
    if (u.roles.length === 0) return;
    await db
      .insertInto('user_roles')
      .values(
        u.roles.map((g, position) => ({
          user_id: u.id,
          position,
          role: g.role,
          region_code: g.regionCode,
          department_id: g.departmentId,
        })),
      )
      .execute();
  };
  return {
    get: async (id) => one(await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()),
    getByUsername: async (username) =>
      one(await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()),
    getByUsernameForUpdate: async (username) =>
      one(
        await db
          .selectFrom('users')
          .selectAll()
          .where('username', '=', username)
          .forUpdate()
          .executeTakeFirst(),
      ),
    async insert(u) {
      await db
        .insertInto('users')
        .values({ id: u.id, created_at: u.createdAt, ...columns(u) })
        .execute();
      await writeRoles(u);
    },
    async update(u) {
      await db.updateTable('users').set(columns(u)).where('id', '=', u.id).execute();
      await writeRoles(u);
    },
    async list({ q, prefixes, page, pageSize }) {
      let query = db.selectFrom('users');
      if (q) {
        query = query.where((eb) =>
          eb.or([eb('username', 'ilike', likePattern(q)), eb('display_name', 'ilike', likePattern(q))]),
        );
      }
      if (prefixes) {
        if (prefixes.length === 0) return { items: [], total: 0, page, pageSize };
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('user_roles')
              .leftJoin('departments', 'departments.id', 'user_roles.department_id')
              .select(sql`1`.as('one'))
              .whereRef('user_roles.user_id', '=', 'users.id')
              .where((inner) =>
                inner.or(
                  prefixes.flatMap((p) => [
                    inner('user_roles.region_code', 'like', `${p}%`),
                    inner('departments.region_code', 'like', `${p}%`),
                  ]),
                ),
              ),
          ),
        );
      }
      const { count } = await query.select(sql<string>`count(*)`.as('count')).executeTakeFirstOrThrow();
      const { limit, offset } = pageBounds(page, pageSize);
      const rows = await query.selectAll('users').orderBy('username').limit(limit).offset(offset).execute();
      const roles = await rolesOf(
        db,
        rows.map((r) => r.id),
      );
      return { items: rows.map((r) => toUser(r, roles.get(r.id)!)), total: toNumber(count), page, pageSize };
    },
    async departmentRegions(ids) {
      const rows = await db
        .selectFrom('departments')
        .select(['id', 'region_code'])
        .where('id', 'in', [...ids])
        .execute();
      return Object.fromEntries(rows.map((r) => [r.id, r.region_code]));
    },
  };
}
