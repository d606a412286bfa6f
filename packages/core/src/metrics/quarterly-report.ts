import type { ReportDocument, ReportSection } from '@zhengyin/documents';
import type { Actor } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import { quarterPeriod } from './period.js';
import { getMetricsSummary } from './summary.js';
import { getMetricsTimeSeries } from './time-series.js';
import type { MetricCounts, MetricsPoint, MetricsSummary, RateBreakdown } from './types.js';

export const REPORT_FORMATS = ['xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Writes a report document as a file (documents/reports through the server's fonts). */
export interface ReportWriter {
  xlsx(document: ReportDocument): Promise<Uint8Array>;
  pdf(document: ReportDocument): Promise<Uint8Array>;
}

export interface ReportFile {
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** A rate as the report prints it: percent with two decimals, "—" when nothing is counted. */
export const formatRate = (rate: number | null): string =>
  rate === null ? '—' : `${(rate * 100).toFixed(2)}%`;

/** Labels of the count series, in report order. */
export const SERIES_LABELS: readonly [keyof MetricCounts, string][] = [
  ['issued', '签发证照数'],
  ['usageContexts', '用证上下文数'],
  ['redeemedCodes', '用证码兑换数'],
  ['useRecords', '用证记录数'],
  ['annotatedCopies', '加注件数'],
  ['verifications', '核验次数'],
  ['verificationsFailed', '核验未通过次数'],
  ['objections', '异议数'],
];

function rateSections(name: string, whole: string, part: string, b: RateBreakdown): ReportSection[] {
  return [
    {
      heading: `${name}（按部门）`,
      columns: ['部门', '行政区划', whole, part, name],
      rows: b.departments.map((d) => [
        d.departmentName,
        d.regionCode,
        String(d.whole),
        String(d.part),
        formatRate(d.rate),
      ]),
    },
    {
      heading: `${name}（按地区）`,
      columns: ['地区', whole, part, name],
      rows: b.regions.map((g) => [
        `${g.regionName}（${g.regionCode}）`,
        String(g.whole),
        String(g.part),
        formatRate(g.rate),
      ]),
    },
  ];
}

/** The quarterly report's sections: every number as the summary and time-series endpoints give it. */
export function quarterlyReportDocument(
  summary: MetricsSummary,
  months: readonly MetricsPoint[],
  quarter: { year: number; quarter: number },
  generatedAt: Date,
): ReportDocument {
  const regionName = summary.region ? `${summary.region.name}（${summary.region.code}）` : '全部地区';
  const o = summary.objections;
  return {
    title: `电子证照运行监测季度报告`,
    subtitle: `${regionName} · ${quarter.year}年第${quarter.quarter}季度（${summary.period.from} 至 ${summary.period.to}）`,
    generatedAt: generatedAt.toISOString(),
    sections: [
      {
        heading: '概况',
        columns: ['指标', '数值'],
        rows: [
          ['证照电子化率', formatRate(summary.electronicRate.totals.rate)],
          ['应开通证照种数', String(summary.electronicRate.totals.whole)],
          ['已开通证照种数', String(summary.electronicRate.totals.part)],
          ['电子证照使用率', formatRate(summary.usageRate.totals.rate)],
          ['事项总数', String(summary.usageRate.totals.whole)],
          ['可用证事项数', String(summary.usageRate.totals.part)],
          ...SERIES_LABELS.map(([key, label]) => [label, String(summary.counts[key])]),
        ],
      },
      ...rateSections('证照电子化率', '应开通', '已开通', summary.electronicRate),
      ...rateSections('电子证照使用率', '事项总数', '可用证事项', summary.usageRate),
      {
        heading: '按月统计',
        columns: ['月份', ...SERIES_LABELS.map(([, label]) => label)],
        rows: months.map((m) => [m.start.slice(0, 7), ...SERIES_LABELS.map(([key]) => String(m[key]))]),
      },
      {
        heading: '异议处理',
        columns: ['指标', '数值'],
        rows: [
          ['受理异议数', String(o.raised)],
          ['未办结', String(o.open)],
          ['已办结', String(o.resolved)],
          ['按时办结', String(o.resolvedOnTime)],
          ['超时办结', String(o.resolvedLate)],
          ['未办结已超时', String(o.overdueOpen)],
          ['按时办结率', formatRate(o.rate)],
        ],
      },
      {
        heading: '核验失败原因',
        columns: ['原因代码', '次数'],
        rows: summary.failureReasons.map((f) => [f.code, String(f.count)]),
      },
    ],
  };
}

/** 季度报告: a region's (or everything's) performance supervision for a quarter, as XLSX or PDF. */
export async function exportQuarterlyReport(
  deps: Pick<CoreDeps, 'uow' | 'clock'> & { readonly reports: ReportWriter },
  actor: Actor,
  query: { regionCode?: string; year: number; quarter: number; format: ReportFormat },
): Promise<ReportFile> {
  const period = quarterPeriod(query.year, query.quarter);
  const region = query.regionCode ? { regionCode: query.regionCode } : {};
  const summary = await getMetricsSummary(deps, actor, { ...region, ...period });
  const series = await getMetricsTimeSeries(deps, actor, { ...region, ...period, bucket: 'month' });
  const document = quarterlyReportDocument(summary, series.points, query, deps.clock.now());
  const bytes =
    query.format === 'xlsx' ? await deps.reports.xlsx(document) : await deps.reports.pdf(document);
  const name = `metrics-${summary.region?.code ?? 'all'}-${query.year}-Q${query.quarter}.${query.format}`;
  return { filename: name, contentType: CONTENT_TYPES[query.format], bytes };
}
