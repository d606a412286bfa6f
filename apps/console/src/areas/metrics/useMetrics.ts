import { api } from '../../api';
import { useRequest } from '../../hooks';
import type { MetricsSelection, MetricsSummary, MetricsTimeSeries } from './model';
import { quarterRange } from './model';

/** The summary and time series of the selection, loaded together. */
export function useMetrics(selection: MetricsSelection) {
  const { regionCode, year, quarter, bucket } = selection;
  return useRequest<{ summary: MetricsSummary; series: MetricsTimeSeries }>(async () => {
    const query = { ...quarterRange(year, quarter), ...(regionCode ? { regionCode } : {}) };
    const [summary, series] = await Promise.all([
      api.getMetricsSummary({ query }),
      api.getMetricsTimeSeries({ query: { ...query, bucket } }),
    ]);
    return { summary, series };
  }, [regionCode, year, quarter, bucket]);
}
