import { summarizeObligatoryCoverage } from '../catalog/obligatory-list.js';
import type { Actor } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import type { Repositories } from '../shared/unit-of-work.js';
import { checkPeriod } from './period.js';
import type { DailyCount, MetricsWindow } from './ports.js';
import { rateBreakdown, rateOf } from './rates.js';
import { metricsRegion } from './scope.js';
import type { MetricCounts, MetricsPeriod, MetricsSummary, ObjectionSla, RateBreakdown } from './types.js';
import { METRIC_SERIES } from './types.js';

/** How many failure reasons the summary lists. */
export const TOP_FAILURE_REASONS = 10;

export const zeroCounts = (): Record<keyof MetricCounts, number> =>
  Object.fromEntries(METRIC_SERIES.map((s) => [s, 0])) as Record<keyof MetricCounts, number>;

export function totalCounts(daily: readonly DailyCount[]): MetricCounts {
  const counts = zeroCounts();
  for (const d of daily) counts[d.series] += d.count;
  return counts;
}

/** 证照电子化率 through the obligatory list's own coverage (the obligatoryCoverage endpoint's numbers). */
async function electronicRate(r: Repositories, prefix: string | null): Promise<RateBreakdown> {
  const coverage = summarizeObligatoryCoverage(
    await r.obligatoryList.coverage({ scope: null, ...(prefix ? { regionPrefix: prefix } : {}) }),
  );
  return rateBreakdown(
    r,
    coverage.departments.map((d) => ({
      departmentId: d.departmentId,
      departmentName: d.departmentName,
      regionCode: d.regionCode,
      whole: d.listed,
      part: d.opened,
    })),
  );
}

/** 电子证照使用率: service items with an approved use-list entry ÷ all service items. */
async function usageRate(r: Repositories, prefix: string | null): Promise<RateBreakdown> {
  const counts = await r.serviceItems.coverage(prefix ? { regionPrefix: prefix } : {});
  return rateBreakdown(
    r,
    counts.map((c) => ({
      departmentId: c.departmentId,
      departmentName: c.departmentName,
      regionCode: c.regionCode,
      whole: c.items,
      part: c.accepting,
    })),
  );
}

export function metricsWindow(prefix: string | null, period: MetricsPeriod): MetricsWindow {
  const checked = checkPeriod(period);
  return {
    regionPrefix: prefix,
    from: checked.start,
    to: checked.end,
    fromDay: period.from,
    toDay: period.to,
  };
}

async function objectionSla(r: Repositories, window: MetricsWindow, now: Date): Promise<ObjectionSla> {
  const c = await r.metrics.objectionSla(window, now);
  return {
    ...c,
    resolvedLate: c.resolved - c.resolvedOnTime,
    rate: rateOf(c.resolvedOnTime, c.resolved + c.overdueOpen).rate,
  };
}

/**
 * Performance supervision of a region (or everything) for a period: the two rates as of now, the
 * counts within the period, objections raised in it with their SLA, and the top failure reasons.
 */
export async function getMetricsSummary(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  actor: Actor,
  query: { regionCode?: string } & MetricsPeriod,
): Promise<MetricsSummary> {
  const period = { from: query.from, to: query.to };
  return deps.uow.run(async (r) => {
    const { region, prefix } = await metricsRegion(r, actor, query.regionCode);
    const window = metricsWindow(prefix, period);
    return {
      region,
      period,
      electronicRate: await electronicRate(r, prefix),
      usageRate: await usageRate(r, prefix),
      counts: totalCounts(await r.metrics.dailyCounts(window)),
      objections: await objectionSla(r, window, deps.clock.now()),
      failureReasons: await r.metrics.failureReasons(window, TOP_FAILURE_REASONS),
    };
  });
}
