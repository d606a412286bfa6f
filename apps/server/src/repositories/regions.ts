import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Region, RegionRepository } from '@zhengyin/core';
import type { DB, RegionsTable } from '../db/schema.js';
import { likePattern, pageBounds, toNumber } from './rows.js';

const toRegion = (r: Selectable<RegionsTable>): Region => ({
  code: r.code,
  name: r.name,
  level: r.level,
  parentCode: r.parent_code,
  active: r.active,
});

export function regionRepository(db: Kysely<DB>): RegionRepository {
  return {
    async get(code) {
      const row = await db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
      return row ? toRegion(row) : null;
    },
    async insert(region, at) {
      await db
        .insertInto('regions')
        .values({
          code: region.code,
          name: region.name,
          level: region.level,
          parent_code: region.parentCode,
          active: region.active,
          created_at: at,
          updated_at: at,
        })
        .execute();
    },
    async update(region, at) {
      await db
        .updateTable('regions')
        .set({ name: region.name, active: region.active, updated_at: at })
        .where('code', '=', region.code)
        .execute();
    },
    async list({ parentCode, q, prefixes, page, pageSize }) {
      let query = db.selectFrom('regions');
      if (parentCode) query = query.where('parent_code', '=', parentCode);
      if (q) {
        query = query.where((eb) =>
          eb.or([
            eb('name', 'ilike', likePattern(q)),
            ...(/^\d{1,6}$/.test(q) ? [eb('code', 'like', `${q}%`)] : []),
          ]),
        );
      }
      if (prefixes) {
        if (prefixes.length === 0) return { items: [], total: 0, page, pageSize };
        query = query.where((eb) => eb.or(prefixes.map((p) => eb('code', 'like', `${p}%`))));
      }
      const { count } = await query.select(sql<string>`count(*)`.as('count')).executeTakeFirstOrThrow();
      const { limit, offset } = pageBounds(page, pageSize);
      const rows = await query.selectAll().orderBy('code').limit(limit).offset(offset).execute();
      return { items: rows.map(toRegion), total: toNumber(count), page, pageSize };
    },
  };
}
