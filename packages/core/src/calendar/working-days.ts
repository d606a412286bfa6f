import { AppError } from '../shared/app-error.js';

/**
 * The working-day calendar (工作日历), pure. A date is a working day when it is a Monday–Friday not
 * marked as a holiday, or a Saturday / Sunday marked as a make-up working day (调休上班). Dates are
 * calendar dates in China time (UTC+8, no daylight saving), as ISO strings YYYY-MM-DD.
 *
 * Deadlines of "n working days": the day of the event does not count (期间开始之日不计算在内); the
 * deadline is the end (24:00 China time, i.e. 16:00 UTC) of the n-th working day after the event's
 * China date. So one working day after a Friday 15:00 submission ends Monday 24:00 (Tuesday 00:00
 * China time) unless Monday is a holiday; a submission on a Saturday counts from Sunday on.
 */
export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  /** ISO date (China time). */
  readonly date: string;
  /** holiday: a weekday off (法定节假日); workday: a weekend day worked (调休上班). */
  readonly kind: CalendarDayKind;
  readonly name: string;
}

/** The overrides of the weekday / weekend rule, by date. */
export type WorkingCalendar = ReadonlyMap<string, CalendarDayKind>;

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
/** A deadline never lies further than this many calendar days ahead (guards against an all-holiday calendar). */
const MAX_SPAN_DAYS = 366;

export function workingCalendar(days: readonly Pick<CalendarDay, 'date' | 'kind'>[]): WorkingCalendar {
  return new Map(days.map((d) => [d.date, d.kind]));
}

export function isIsoDateString(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The China (UTC+8) calendar date of an instant. */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** `date` plus `days` calendar days. */
export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  const override = calendar.get(date);
  if (override) return override === 'workday';
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The instant at which China date `date` ends (24:00 UTC+8). */
export function endOfChinaDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - CHINA_OFFSET_MS);
}

/** The n-th working day after `date` (n ≥ 1), as an ISO date. */
export function nthWorkingDayAfter(date: string, n: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(n) || n < 1)
    throw new AppError('CALENDAR_DATE_INVALID', 'n must be a whole number ≥ 1');
  let day = date;
  let counted = 0;
  for (let i = 0; i < MAX_SPAN_DAYS; i++) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day, calendar) && ++counted === n) return day;
  }
  throw new AppError('CALENDAR_DATE_INVALID', `no ${n} working days within a year after ${date}`);
}

/**
 * The deadline n working days after the instant `start`: the end (24:00 China time) of the n-th
 * working day after `start`'s China date.
 */
export function addWorkingDays(start: Date, n: number, calendar: WorkingCalendar): Date {
  return endOfChinaDay(nthWorkingDayAfter(chinaDateOf(start), n, calendar));
}
