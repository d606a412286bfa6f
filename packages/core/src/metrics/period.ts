import { AppError } from '../shared/app-error.js';
import type { MetricBucket, MetricsPeriod } from './types.js';

/** Longest period read at once (a little over two years). */
export const MAX_PERIOD_DAYS = 800;
/** Most buckets of one time series. */
export const MAX_POINTS = 400;

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const invalid = (message: string, details: Record<string, unknown>) =>
  new AppError('METRICS_PERIOD_INVALID', message, details);

/** The China calendar date (UTC+8) of an instant. */
export const chinaDay = (at: Date): string =>
  new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** 00:00 China time of a date. */
export const chinaMidnight = (day: string): Date =>
  new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS);

export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

function checkDate(field: 'from' | 'to', day: string): void {
  // A real calendar date: 2026-02-30 does not survive the round trip.
  if (!ISO_DATE.test(day) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
    throw invalid(`${field}: not a calendar date (YYYY-MM-DD)`, { field, value: day });
  }
}

/** Checks a period (real dates, from ≤ to, at most MAX_PERIOD_DAYS) and returns its instants. */
export function checkPeriod(period: MetricsPeriod): MetricsPeriod & { start: Date; end: Date } {
  checkDate('from', period.from);
  checkDate('to', period.to);
  const days = daysBetween(period.from, period.to) + 1;
  if (days < 1) throw invalid('from must not be after to', { from: period.from, to: period.to });
  if (days > MAX_PERIOD_DAYS) {
    throw invalid(`at most ${MAX_PERIOD_DAYS} days at once`, { days, maxDays: MAX_PERIOD_DAYS });
  }
  return { ...period, start: chinaMidnight(period.from), end: chinaMidnight(addDays(period.to, 1)) };
}

/** A calendar quarter (1–4) of a year as a period. */
export function quarterPeriod(year: number, quarter: number): MetricsPeriod {
  if (!Number.isInteger(year) || year < 2000 || year > 9999 || ![1, 2, 3, 4].includes(quarter)) {
    throw invalid('a year from 2000 and a quarter 1–4', { year, quarter });
  }
  const month = (quarter - 1) * 3 + 1;
  const from = `${year}-${String(month).padStart(2, '0')}-01`;
  const nextQuarter =
    quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(month + 3).padStart(2, '0')}-01`;
  return { from, to: addDays(nextQuarter, -1) };
}

/** The first day of the bucket holding `day`: itself, its week's Monday, or its month's first day. */
export function bucketStart(day: string, bucket: MetricBucket): string {
  if (bucket === 'day') return day;
  if (bucket === 'month') return `${day.slice(0, 8)}01`;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** The start of every bucket overlapping the period, in order. */
export function bucketStarts(period: MetricsPeriod, bucket: MetricBucket): string[] {
  const starts: string[] = [];
  let start = bucketStart(period.from, bucket);
  while (start <= period.to) {
    starts.push(start);
    if (starts.length > MAX_POINTS) {
      throw invalid(`at most ${MAX_POINTS} points: choose a longer bucket`, {
        bucket,
        maxPoints: MAX_POINTS,
      });
    }
    if (bucket === 'day') start = addDays(start, 1);
    else if (bucket === 'week') start = addDays(start, 7);
    else start = bucketStart(addDays(start, 31), 'month');
  }
  return starts;
}
