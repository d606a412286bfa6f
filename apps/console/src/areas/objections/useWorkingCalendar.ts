import { api } from '../../api';
import { useRequest } from '../../hooks';
import { addDays, chinaDate, type CalendarOverrides } from './workingDays';

/** Holidays and make-up working days from a year back to two months ahead (deadlines lie in there). */
export function useWorkingCalendar() {
  return useRequest<CalendarOverrides>(async () => {
    const today = chinaDate(Date.now());
    const { items } = await api.listCalendarDays({
      query: { from: addDays(today, -366), to: addDays(today, 62) },
    });
    return new Map(items.map((d) => [d.date, d.kind]));
  }, []);
}
