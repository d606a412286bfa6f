import type { ColumnType, Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { CalendarDayKind, CalendarRepository, StoredCalendarDay } from '@zhengyin/core';
import type { DB } from '../db/schema.js';

/** Table of migration 0013. */
export interface CalendarDaysTable {
  /** Read as YYYY-MM-DD text (see `date` below). */
  date: ColumnType<string, string, string>;
  kind: string;
  name: string;
  updated_at: ColumnType<Date, Date, Date>;
  updated_by: string | null;
}

type Tables = DB & { calendar_days: CalendarDaysTable };

const toDay = (r: Selectable<CalendarDaysTable>): StoredCalendarDay => ({
  date: r.date,
  kind: r.kind as CalendarDayKind,
  name: r.name,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

const columns = [
  sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'),
  'kind',
  'name',
  'updated_at',
  'updated_by',
] as const;

export function calendarRepository(kdb: Kysely<DB>): CalendarRepository {
  const db = kdb as unknown as Kysely<Tables>;
  return {
    async list(from, to) {
      const rows = await db
        .selectFrom('calendar_days')
        .select(columns)
        .where(sql<boolean>`date between ${from}::date and ${to}::date`)
        .orderBy('calendar_days.date')
        .execute();
      return rows.map(toDay);
    },
    async get(date) {
      const row = await db
        .selectFrom('calendar_days')
        .select(columns)
        .where(sql<boolean>`date = ${date}::date`)
        .executeTakeFirst();
      return row ? toDay(row) : null;
    },
    async upsert(day) {
      await db
        .insertInto('calendar_days')
        .values({
          date: day.date,
          kind: day.kind,
          name: day.name,
          updated_at: day.updatedAt,
          updated_by: day.updatedBy,
        })
        .onConflict((oc) =>
          oc.column('date').doUpdateSet({
            kind: day.kind,
            name: day.name,
            updated_at: day.updatedAt,
            updated_by: day.updatedBy,
          }),
        )
        .execute();
    },
    async remove(date) {
      const r = await db
        .deleteFrom('calendar_days')
        .where(sql<boolean>`date = ${date}::date`)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
