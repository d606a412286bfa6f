import type { Kysely, RawBuilder } from 'kysely';
import { sql } from 'kysely';
import type { DailyCount, MetricSeries, MetricsRepository, MetricsWindow } from '@zhengyin/core';
import type { DB } from '../db/schema.js';
import { json, toNumber } from './rows.js';

/** The China calendar date (UTC+8) of a timestamptz column, as YYYY-MM-DD. */
const chinaDay = (column: RawBuilder<unknown>) =>
  sql<string>`to_char((${column} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`;

/** `column` lies in the region (code prefix), or any region when the window has none. */
const inRegion = (column: RawBuilder<unknown>, w: MetricsWindow) =>
  w.regionPrefix ? sql`${column} like ${`${w.regionPrefix}%`}` : sql`true`;

/** Instants of one series: its timestamp column, table and conditions (as SQL). */
function eventDays(series: MetricSeries, w: MetricsWindow): RawBuilder<unknown> {
  const between = (column: RawBuilder<unknown>) => sql`${column} >= ${w.from} and ${column} < ${w.to}`;
  const ref = sql.ref;
  switch (series) {
    case 'issued':
      return sql`select ${chinaDay(ref('l.created_at'))} as day from licenses l
        where l.version = 1 and ${between(ref('l.created_at'))} and ${inRegion(ref('l.region_code'), w)}`;
    case 'usageContexts':
      return sql`select ${chinaDay(ref('c.created_at'))} as day from usage_contexts c
        where ${between(ref('c.created_at'))} and ${inRegion(ref('c.region_code'), w)}`;
    case 'redeemedCodes':
      return sql`select ${chinaDay(ref('u.used_at'))} as day from use_codes u
        join departments d on d.id = u.department_id
        where u.used_at is not null and ${between(ref('u.used_at'))} and ${inRegion(ref('d.region_code'), w)}`;
    case 'useRecords':
      return sql`select ${chinaDay(ref('r.at'))} as day from use_records r
        where ${between(ref('r.at'))} and ${inRegion(ref('r.region_code'), w)}`;
    case 'annotatedCopies':
      // A copy made for a usage context counts for the using department's region, else the licence's.
      return sql`select ${chinaDay(ref('a.created_at'))} as day from annotated_copies a
        join licenses l on l.id = a.license_id
        left join usage_contexts c on c.id = a.use_context_id
        where ${between(ref('a.created_at'))}
          and ${inRegion(sql`coalesce(c.region_code, l.region_code)`, w)}`;
    case 'objections':
      return sql`select ${chinaDay(ref('o.submitted_at'))} as day from objections o
        where ${between(ref('o.submitted_at'))} and ${inRegion(ref('o.region_code'), w)}`;
    case 'verifications':
    case 'verificationsFailed':
      throw new Error('tallied per day, not per event');
  }
}

const EVENT_SERIES = [
  'issued',
  'usageContexts',
  'redeemedCodes',
  'useRecords',
  'annotatedCopies',
  'objections',
] as const satisfies readonly MetricSeries[];

export function metricsRepository(db: Kysely<DB>): MetricsRepository {
  return {
    async dailyCounts(w) {
      const events = EVENT_SERIES.map(
        (series) =>
          sql`select ${series}::text as series, e.day, count(*) as count from (${eventDays(series, w)}) e group by e.day`,
      );
      const tallies = sql`select case when verdict = 'VALID' then 'ok' else 'failed' end as outcome,
          to_char(day, 'YYYY-MM-DD') as day, sum(count) as count
        from verification_tallies
        where day between ${w.fromDay}::date and ${w.toDay}::date and ${inRegion(sql.ref('region_code'), w)}
        group by 1, 2`;
      const query = sql<{ series: MetricSeries; day: string; count: string }>`
        ${sql.join(events, sql` union all `)}
        union all select 'verifications', t.day, sum(t.count) from (${tallies}) t group by t.day
        union all select 'verificationsFailed', t.day, t.count from (${tallies}) t where t.outcome = 'failed'`;
      const { rows } = await query.execute(db);
      return rows
        .map((r): DailyCount => ({ day: r.day, series: r.series, count: toNumber(r.count) }))
        .filter((r) => r.count > 0);
    },
    async objectionSla(w, now) {
      const open = sql`o.status in ('submitted', 'acknowledged')`;
      const resolved = sql`o.status in ('rejected', 'corrected')`;
      const { rows } = await sql<Record<string, string>>`
        select count(*) as raised,
          count(*) filter (where ${open}) as open,
          count(*) filter (where ${resolved}) as resolved,
          count(*) filter (where ${resolved} and o.resolved_at <= o.resolve_due_at) as on_time,
          count(*) filter (where ${open} and (${now} > o.resolve_due_at
            or (o.status = 'submitted' and ${now} > o.acknowledge_due_at))) as overdue
        from objections o
        where o.submitted_at >= ${w.from} and o.submitted_at < ${w.to}
          and ${inRegion(sql.ref('o.region_code'), w)}`.execute(db);
      const r = rows[0]!;
      return {
        raised: toNumber(r.raised!),
        open: toNumber(r.open!),
        resolved: toNumber(r.resolved!),
        resolvedOnTime: toNumber(r.on_time!),
        overdueOpen: toNumber(r.overdue!),
      };
    },
    async failureReasons(w, limit) {
      const { rows } = await sql<{ code: string; count: string }>`
        select reason as code, sum(count) as count from verification_tallies
        where day between ${w.fromDay}::date and ${w.toDay}::date and verdict <> 'VALID' and reason <> ''
          and ${inRegion(sql.ref('region_code'), w)}
        group by reason order by sum(count) desc, reason limit ${limit}`.execute(db);
      return rows.map((r) => ({ code: r.code, count: toNumber(r.count) }));
    },
    async tallyVerifications(outcomes) {
      const records = outcomes.map((o) => ({
        day: new Date(o.at.getTime() + 8 * 3600_000).toISOString().slice(0, 10),
        kind: o.kind,
        verdict: o.verdict,
        reason: o.reason ?? '',
        identifier: o.licenseIdentifier,
      }));
      await sql`
        insert into verification_tallies (day, kind, verdict, reason, region_code, count)
        select v.day::date, v.kind, v.verdict, v.reason, coalesce(l.region_code, ''), count(*)
        from jsonb_to_recordset(${json(records)}::jsonb)
          as v(day text, kind text, verdict text, reason text, identifier text)
        left join licenses l on l.identifier = v.identifier
        group by 1, 2, 3, 4, 5
        on conflict (day, kind, verdict, reason, region_code)
        do update set count = verification_tallies.count + excluded.count`.execute(db);
    },
  };
}
