import { z } from 'zod';
import { endpoint } from '../endpoint.js';
import { AreaCode, IdParams, PageQuery, Uuid, pageOf } from '../common.js';

/** A China calendar date; the domain checks that it exists (METRICS_PERIOD_INVALID). */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Period = { regionCode: AreaCode.optional(), from: Day, to: Day };

const Region = z.object({ code: z.string(), name: z.string() }).nullable();
const RatePart = { whole: z.number().int(), part: z.number().int(), rate: z.number().nullable() };

/** A rate (part ÷ whole, null when the whole is 0) in total, per department and per region. */
const RateBreakdown = z.object({
  totals: z.object(RatePart),
  departments: z.array(
    z.object({ departmentId: z.string(), departmentName: z.string(), regionCode: z.string(), ...RatePart }),
  ),
  regions: z.array(z.object({ regionCode: z.string(), regionName: z.string(), ...RatePart })),
});

const Counts = {
  issued: z.number().int(),
  usageContexts: z.number().int(),
  redeemedCodes: z.number().int(),
  useRecords: z.number().int(),
  annotatedCopies: z.number().int(),
  verifications: z.number().int(),
  verificationsFailed: z.number().int(),
  objections: z.number().int(),
};

const Period_ = z.object({ from: z.string(), to: z.string() });

export const MetricsSummary = z.object({
  region: Region,
  period: Period_,
  /** 证照电子化率: obligatory licence types opened ÷ listed (as of now). */
  electronicRate: RateBreakdown,
  /** 电子证照使用率: service items with an approved use-list entry ÷ all service items (as of now). */
  usageRate: RateBreakdown,
  counts: z.object(Counts),
  objections: z.object({
    raised: z.number().int(),
    open: z.number().int(),
    resolved: z.number().int(),
    resolvedOnTime: z.number().int(),
    resolvedLate: z.number().int(),
    overdueOpen: z.number().int(),
    /** Resolved on time ÷ (resolved + open overdue), null when both are 0. */
    rate: z.number().nullable(),
  }),
  failureReasons: z.array(z.object({ code: z.string(), count: z.number().int() })),
});

export const MetricsTimeSeries = z.object({
  region: Region,
  period: Period_,
  bucket: z.enum(['day', 'week', 'month']),
  points: z.array(z.object({ start: z.string(), ...Counts })),
});

export const ServiceItem = z.object({
  id: z.string(),
  regionCode: z.string(),
  departmentId: z.string(),
  code: z.string(),
  name: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  removedAt: z.string().nullable(),
  removedBy: z.string().nullable(),
  removalReason: z.string().nullable(),
});

const ItemCode = z.string().trim().min(1).max(64);
const ItemName = z.string().trim().min(1).max(256);

export const metricsEndpoints = {
  getMetricsSummary: endpoint({
    id: 'getMetricsSummary',
    method: 'GET',
    path: '/api/v1/metrics/summary',
    summary:
      '运行监测: 证照电子化率 and 电子证照使用率 (now), counts, objection SLA and failure reasons of a period; administrators and auditors of the region',
    tag: 'metrics',
    auth: 'user',
    query: z.object(Period).strict(),
    response: MetricsSummary,
  }),
  getMetricsTimeSeries: endpoint({
    id: 'getMetricsTimeSeries',
    method: 'GET',
    path: '/api/v1/metrics/time-series',
    summary: 'Issuance, use, verification and objection counts per day, week (from Monday) or month',
    tag: 'metrics',
    auth: 'user',
    query: z.object({ ...Period, bucket: z.enum(['day', 'week', 'month']).default('day') }).strict(),
    response: MetricsTimeSeries,
  }),
  exportQuarterlyReport: endpoint({
    id: 'exportQuarterlyReport',
    method: 'GET',
    path: '/api/v1/metrics/quarterly-report',
    summary: '季度报告 of a region as XLSX or PDF (base64), with the numbers of the summary and time series',
    tag: 'metrics',
    auth: 'user',
    query: z
      .object({
        regionCode: AreaCode.optional(),
        year: z.coerce.number().int().min(2000).max(9999),
        quarter: z.coerce.number().int().min(1).max(4),
        format: z.enum(['xlsx', 'pdf']),
      })
      .strict(),
    response: z.object({ filename: z.string(), contentType: z.string(), base64: z.string() }),
  }),
  listServiceItems: endpoint({
    id: 'listServiceItems',
    method: 'GET',
    path: '/api/v1/metrics/service-items',
    summary: '事项清单 of a region; `accepting` = true / false filters items that accept electronic licences',
    tag: 'metrics',
    auth: 'user',
    query: PageQuery.extend({
      regionCode: AreaCode.optional(),
      departmentId: Uuid.optional(),
      accepting: z.enum(['true', 'false']).optional(),
    }).strict(),
    response: pageOf(ServiceItem.extend({ departmentName: z.string(), accepting: z.boolean() })),
  }),
  addServiceItem: endpoint({
    id: 'addServiceItem',
    method: 'POST',
    path: '/api/v1/metrics/service-items',
    summary: 'Enter a department’s service item (事项) on the region’s 事项清单; region administrators',
    tag: 'metrics',
    auth: 'user',
    status: 201,
    body: z.object({ departmentId: Uuid, code: ItemCode, name: ItemName }).strict(),
    response: ServiceItem,
  }),
  updateServiceItem: endpoint({
    id: 'updateServiceItem',
    method: 'PATCH',
    path: '/api/v1/metrics/service-items/:id',
    summary: 'Correct a service item’s code or name',
    tag: 'metrics',
    auth: 'user',
    params: IdParams,
    body: z
      .object({ code: ItemCode.optional(), name: ItemName.optional() })
      .strict()
      .refine((b) => Object.keys(b).length > 0, 'nothing to change'),
    response: ServiceItem,
  }),
  removeServiceItem: endpoint({
    id: 'removeServiceItem',
    method: 'DELETE',
    path: '/api/v1/metrics/service-items/:id',
    summary: 'Take a service item off the 事项清单 (kept as removed, with the reason)',
    tag: 'metrics',
    auth: 'user',
    params: IdParams,
    body: z.object({ reason: z.string().trim().min(1).max(500) }).strict(),
    response: ServiceItem,
  }),
};
