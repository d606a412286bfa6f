import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { App, AppRepository, NonceStore } from '@zhengyin/core';
import type { AppsTable, DB } from '../db/schema.js';
import { json, pageBounds, toNumber } from './rows.js';

const toApp = (r: Selectable<AppsTable>): App => ({
  id: r.id,
  name: r.name,
  appKey: r.app_key,
  departmentId: r.department_id,
  scopes: r.scopes,
  ipAllowList: r.ip_allow_list,
  secretSealed: r.secret_sealed,
  previousSecretSealed: r.previous_secret_sealed,
  previousSecretExpiresAt: r.previous_secret_expires_at,
  active: r.active,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const columns = (a: App) => ({
  name: a.name,
  department_id: a.departmentId,
  scopes: json(a.scopes),
  ip_allow_list: json(a.ipAllowList),
  secret_sealed: a.secretSealed,
  previous_secret_sealed: a.previousSecretSealed,
  previous_secret_expires_at: a.previousSecretExpiresAt,
  active: a.active,
  updated_at: a.updatedAt,
});

export function appRepository(db: Kysely<DB>): AppRepository {
  return {
    async get(id) {
      const r = await db.selectFrom('apps').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toApp(r) : null;
    },
    async getByKey(appKey) {
      const r = await db.selectFrom('apps').selectAll().where('app_key', '=', appKey).executeTakeFirst();
      return r ? toApp(r) : null;
    },
    async insert(a) {
      await db
        .insertInto('apps')
        .values({ id: a.id, app_key: a.appKey, created_at: a.createdAt, ...columns(a) })
        .execute();
    },
    async update(a) {
      await db.updateTable('apps').set(columns(a)).where('id', '=', a.id).execute();
    },
    async list({ prefixes, page, pageSize }) {
      let query = db.selectFrom('apps').innerJoin('departments', 'departments.id', 'apps.department_id');
      if (prefixes) {
        if (prefixes.length === 0) return { items: [], total: 0, page, pageSize };
        query = query.where((eb) =>
          eb.or(prefixes.map((p) => eb('departments.region_code', 'like', `${p}%`))),
        );
      }
      const { count } = await query.select(sql<string>`count(*)`.as('count')).executeTakeFirstOrThrow();
      const { limit, offset } = pageBounds(page, pageSize);
      const rows = await query
        .selectAll('apps')
        .orderBy('apps.name')
        .orderBy('apps.id')
        .limit(limit)
        .offset(offset)
        .execute();
      return { items: rows.map(toApp), total: toNumber(count), page, pageSize };
    },
  };
}

export function nonceStore(db: Kysely<DB>): NonceStore {
  return {
    async remember(appId, nonce, expiresAt, now) {
      await db.deleteFrom('app_nonces').where('app_id', '=', appId).where('expires_at', '<', now).execute();
      const result = await db
        .insertInto('app_nonces')
        .values({ app_id: appId, nonce, expires_at: expiresAt })
        .onConflict((oc) => oc.columns(['app_id', 'nonce']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
  };
}
