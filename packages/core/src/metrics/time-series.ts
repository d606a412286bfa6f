import type { Actor } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import { bucketStart, bucketStarts } from './period.js';
import { metricsRegion } from './scope.js';
import { metricsWindow, zeroCounts } from './summary.js';
import type { MetricBucket, MetricsPeriod, MetricsTimeSeries } from './types.js';

/** The counts of a region (or everything) per day, week (from Monday) or month; empty buckets are 0. */
export async function getMetricsTimeSeries(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  query: { regionCode?: string; bucket: MetricBucket } & MetricsPeriod,
): Promise<MetricsTimeSeries> {
  const period = { from: query.from, to: query.to };
  return deps.uow.run(async (r) => {
    const { region, prefix } = await metricsRegion(r, actor, query.regionCode);
    const window = metricsWindow(prefix, period);
    const points = new Map(bucketStarts(period, query.bucket).map((start) => [start, zeroCounts()]));
    for (const d of await r.metrics.dailyCounts(window)) {
      const counts = points.get(bucketStart(d.day, query.bucket));
      if (counts) counts[d.series] += d.count;
    }
    return {
      region,
      period,
      bucket: query.bucket,
      points: [...points].map(([start, counts]) => ({ start, ...counts })),
    };
  });
}
