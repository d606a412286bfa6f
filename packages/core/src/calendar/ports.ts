import type { CalendarDay } from './working-days.js';

export interface StoredCalendarDay extends CalendarDay {
  readonly updatedAt: Date;
  readonly updatedBy: string | null;
}

/** The national working-day overrides (table calendar_days). */
export interface CalendarRepository {
  /** Overrides with from ≤ date ≤ to, by date. */
  list(from: string, to: string): Promise<StoredCalendarDay[]>;
  get(date: string): Promise<StoredCalendarDay | null>;
  upsert(day: StoredCalendarDay): Promise<void>;
  /** False when there was no override for the date. */
  remove(date: string): Promise<boolean>;
}
