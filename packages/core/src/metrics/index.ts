export * from './types.js';
export * from './ports.js';
export * from './period.js';
export { METRICS_READERS, SERVICE_ITEM_MANAGERS, metricsRegion } from './scope.js';
export * from './service-items.js';
export { getMetricsSummary, TOP_FAILURE_REASONS } from './summary.js';
export * from './time-series.js';
export * from './quarterly-report.js';
export * from './record-verifications.js';
