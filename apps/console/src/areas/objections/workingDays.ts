/**
 * Working-day arithmetic in China time (UTC+8), as the server counts deadlines: Monday–Friday unless
 * marked a holiday, Saturday / Sunday only when marked a make-up working day (调休).
 */
export type CalendarOverrides = ReadonlyMap<string, 'holiday' | 'workday'>;

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export const chinaDate = (instant: Date | number): string =>
  new Date(new Date(instant).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export function isWorkingDay(date: string, overrides: CalendarOverrides): boolean {
  const override = overrides.get(date);
  if (override) return override === 'workday';
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Working days d with from < d ≤ to (0 when to ≤ from). */
export function workingDaysBetween(from: string, to: string, overrides: CalendarOverrides): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, overrides)) n++;
  return n;
}

/** The China date whose end (24:00) is the deadline instant. */
export const deadlineDate = (due: string): string => chinaDate(Date.parse(due) - 1);

export type SlaState =
  { kind: 'left'; workingDays: number } | { kind: 'today' } | { kind: 'overdue'; workingDays: number };

/**
 * Where `now` stands against a deadline: working days left after today, due today, or working days
 * past it. `overdue` (the server's verdict) wins over the browser's clock.
 */
export function slaState(due: string, now: Date, overrides: CalendarOverrides, overdue: boolean): SlaState {
  const today = chinaDate(now);
  const dueDate = deadlineDate(due);
  if (overdue || now.getTime() > Date.parse(due))
    return { kind: 'overdue', workingDays: workingDaysBetween(dueDate, today, overrides) };
  const left = workingDaysBetween(today, dueDate, overrides);
  return left === 0 ? { kind: 'today' } : { kind: 'left', workingDays: left };
}
