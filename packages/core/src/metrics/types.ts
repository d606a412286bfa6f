/** Counts over time (运行监测), one series each. */
export const METRIC_SERIES = [
  /** New licences issued (version 1; 变更 versions are not new issuances). */
  'issued',
  /** 用证上下文 created. */
  'usageContexts',
  /** 用证码 redeemed. */
  'redeemedCodes',
  /** 用证记录: licences handed over (redemptions, duty-based use, sharing API). */
  'useRecords',
  /** 加注件 made. */
  'annotatedCopies',
  /** Public verifications (file and QR), any verdict. */
  'verifications',
  /** Verifications whose verdict was not VALID (INVALID, INDETERMINATE, REJECTED). */
  'verificationsFailed',
  /** 异议 raised. */
  'objections',
] as const;
export type MetricSeries = (typeof METRIC_SERIES)[number];

export type MetricCounts = Readonly<Record<MetricSeries, number>>;

export const METRIC_BUCKETS = ['day', 'week', 'month'] as const;
export type MetricBucket = (typeof METRIC_BUCKETS)[number];

/** China calendar dates (YYYY-MM-DD), both included. */
export interface MetricsPeriod {
  readonly from: string;
  readonly to: string;
}

/** A rate's parts: `rate` = part ÷ whole, null when the whole is 0. */
export interface RateLine {
  readonly whole: number;
  readonly part: number;
  readonly rate: number | null;
}

export interface DepartmentRate extends RateLine {
  readonly departmentId: string;
  readonly departmentName: string;
  readonly regionCode: string;
}

export interface RegionRate extends RateLine {
  readonly regionCode: string;
  readonly regionName: string;
}

/** A rate in total, per department and per region (the departments' own region codes). */
export interface RateBreakdown {
  readonly totals: RateLine;
  readonly departments: DepartmentRate[];
  readonly regions: RegionRate[];
}

/** 异议 raised in the period and how their working-day limits were kept. */
export interface ObjectionSla {
  readonly raised: number;
  /** Still submitted or acknowledged. */
  readonly open: number;
  /** Rejected or corrected. */
  readonly resolved: number;
  /** Resolved by the resolve deadline (5 working days). */
  readonly resolvedOnTime: number;
  readonly resolvedLate: number;
  /** Open and past a deadline now (acknowledge while submitted, or resolve). */
  readonly overdueOpen: number;
  /** SLA compliance: resolved on time ÷ (resolved + open overdue), null when both are 0. */
  readonly rate: number | null;
}

export interface FailureReason {
  readonly code: string;
  readonly count: number;
}

export interface MetricsSummary {
  /** The region read (null: every region, platform-wide). */
  readonly region: { readonly code: string; readonly name: string } | null;
  readonly period: MetricsPeriod;
  /** 证照电子化率: obligatory types opened ÷ listed (as of now). */
  readonly electronicRate: RateBreakdown;
  /** 电子证照使用率: service items accepting electronic licences ÷ all service items (as of now). */
  readonly usageRate: RateBreakdown;
  readonly counts: MetricCounts;
  readonly objections: ObjectionSla;
  /** Most frequent reasons of failed verifications, most frequent first. */
  readonly failureReasons: FailureReason[];
}

export interface MetricsPoint extends MetricCounts {
  /** First day of the bucket (YYYY-MM-DD; weeks start on Monday). */
  readonly start: string;
}

export interface MetricsTimeSeries {
  readonly region: { readonly code: string; readonly name: string } | null;
  readonly period: MetricsPeriod;
  readonly bucket: MetricBucket;
  readonly points: MetricsPoint[];
}
