import type { EndpointOutput, Endpoints } from '@zhengyin/contract';

export type MetricsSummary = EndpointOutput<Endpoints['getMetricsSummary']>;
export type MetricsTimeSeries = EndpointOutput<Endpoints['getMetricsTimeSeries']>;
export type RateBreakdown = MetricsSummary['electronicRate'];
export type CountKey = keyof MetricsSummary['counts'];
export type Bucket = MetricsTimeSeries['bucket'];

/** What the page shows: a region (undefined = the reader's default), a quarter and a bucket. */
export interface MetricsSelection {
  readonly regionCode: string | undefined;
  readonly year: number;
  readonly quarter: number;
  readonly bucket: Bucket;
}

/** The count series in display order, with their labels. */
export const COUNT_LABELS: readonly (readonly [CountKey, string, string])[] = [
  ['issued', '签发证照数', 'Licences issued'],
  ['usageContexts', '用证上下文数', 'Usage contexts'],
  ['redeemedCodes', '用证码兑换数', 'Use-codes redeemed'],
  ['useRecords', '用证记录数', 'Use records'],
  ['annotatedCopies', '加注件数', 'Annotated copies'],
  ['verifications', '核验次数', 'Verifications'],
  ['verificationsFailed', '核验未通过次数', 'Failed verifications'],
  ['objections', '异议数', 'Objections'],
];

/** A rate as a percentage with two decimals; "—" when nothing is counted. */
export const formatRate = (rate: number | null): string =>
  rate === null ? '—' : `${(rate * 100).toFixed(2)}%`;

/** First and last day (YYYY-MM-DD) of a calendar quarter. */
export function quarterRange(year: number, quarter: number): { from: string; to: string } {
  const startMonth = (quarter - 1) * 3 + 1;
  const lastDay = new Date(Date.UTC(year, startMonth + 2, 0)).getUTCDate();
  const mm = (m: number) => String(m).padStart(2, '0');
  return { from: `${year}-${mm(startMonth)}-01`, to: `${year}-${mm(startMonth + 2)}-${lastDay}` };
}
