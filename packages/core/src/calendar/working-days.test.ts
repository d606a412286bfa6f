import { describe, expect, test } from 'vitest';
import {
  addWorkingDays,
  chinaDateOf,
  endOfChinaDay,
  isWorkingDay,
  nthWorkingDayAfter,
  workingCalendar,
} from './working-days.js';

// 2026-11-20 is a Friday. The overrides are made up for the test, not the real 2026 calendar.
const FRIDAY_15H = new Date('2026-11-20T07:00:00Z'); // 15:00 China time
const none = workingCalendar([]);
const holidayMonday = workingCalendar([{ date: '2026-11-23', kind: 'holiday' }]);
const holidayAndMakeUp = workingCalendar([
  { date: '2026-11-23', kind: 'holiday' },
  { date: '2026-11-28', kind: 'workday' },
]);

describe('working-day calendar (工作日)', () => {
  test('weekends are off, overrides win', () => {
    expect(isWorkingDay('2026-11-20', none)).toBe(true);
    expect(isWorkingDay('2026-11-21', none)).toBe(false);
    expect(isWorkingDay('2026-11-22', none)).toBe(false);
    expect(isWorkingDay('2026-11-23', holidayMonday)).toBe(false);
    expect(isWorkingDay('2026-11-28', holidayAndMakeUp)).toBe(true);
  });

  test('a day ends at 24:00 China time (16:00 UTC); China dates of instants near midnight', () => {
    expect(endOfChinaDay('2026-11-23').toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(chinaDateOf(new Date('2026-11-19T15:59:59Z'))).toBe('2026-11-19');
    expect(chinaDateOf(new Date('2026-11-19T16:00:00Z'))).toBe('2026-11-20');
  });

  test('Friday 15:00 + 1 working day = end of Monday; with Monday a holiday, end of Tuesday', () => {
    expect(addWorkingDays(FRIDAY_15H, 1, none).toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(addWorkingDays(FRIDAY_15H, 1, holidayMonday).toISOString()).toBe('2026-11-24T16:00:00.000Z');
  });

  test('Friday + 5 working days across the weekend, a holiday and a make-up working Saturday', () => {
    // No overrides: Mon 23 … Fri 27.
    expect(addWorkingDays(FRIDAY_15H, 5, none).toISOString()).toBe('2026-11-27T16:00:00.000Z');
    // Monday off: Tue 24 … Fri 27 are four, the fifth is Monday 30.
    expect(addWorkingDays(FRIDAY_15H, 5, holidayMonday).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    // …unless Saturday 28 is worked (调休上班): then it is the fifth.
    expect(addWorkingDays(FRIDAY_15H, 5, holidayAndMakeUp).toISOString()).toBe('2026-11-28T16:00:00.000Z');
  });

  test('the day of the event does not count, whatever the hour; weekend submissions count from the next day', () => {
    // Thursday 23:59 China → Friday is the first working day.
    expect(addWorkingDays(new Date('2026-11-19T15:59:00Z'), 1, none).toISOString()).toBe(
      '2026-11-20T16:00:00.000Z',
    );
    // Friday 00:00 China (Thursday 16:00 UTC) → Monday.
    expect(addWorkingDays(new Date('2026-11-19T16:00:00Z'), 1, none).toISOString()).toBe(
      '2026-11-23T16:00:00.000Z',
    );
    // Saturday and Sunday submissions: Monday.
    expect(nthWorkingDayAfter('2026-11-21', 1, none)).toBe('2026-11-23');
    expect(nthWorkingDayAfter('2026-11-22', 1, none)).toBe('2026-11-23');
  });

  test('n must be a whole number ≥ 1', () => {
    expect(() => nthWorkingDayAfter('2026-11-20', 0, none)).toThrow(/n must be/);
    expect(() => nthWorkingDayAfter('2026-11-20', 1.5, none)).toThrow(/n must be/);
  });
});
