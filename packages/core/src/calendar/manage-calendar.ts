import { auditEntry } from '../audit/entry.js';
import type { Actor } from '../shared/actor.js';
import { actorId } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import type { Repositories } from '../shared/unit-of-work.js';
import type { StoredCalendarDay } from './ports.js';
import {
  addCalendarDays,
  daysBetween,
  isIsoDateString,
  workingCalendar,
  type CalendarDayKind,
  type WorkingCalendar,
} from './working-days.js';

type Deps = Pick<CoreDeps, 'uow' | 'clock'>;

/**
 * The calendar is national (法定节假日 and 调休 are set by the State Council): platform
 * administrators and region administrators maintain it.
 */
function authorizeCalendar(actor: Actor): void {
  const allowed =
    actor.kind === 'system' ||
    (actor.kind === 'user' &&
      actor.roles.some((g) => g.role === 'platform_admin' || g.role === 'region_admin'));
  if (!allowed)
    throw new AppError('AUTH_FORBIDDEN', 'only platform or region administrators maintain the calendar', {
      permission: 'calendar.manage',
    });
}

const invalid = (message: string, details: Record<string, unknown> = {}) =>
  new AppError('CALENDAR_DATE_INVALID', message, details);

export interface SetCalendarDayInput {
  readonly date: string;
  readonly kind: CalendarDayKind;
  readonly name: string;
}

/** Marks a weekday as a holiday or a weekend day as a make-up working day (调休上班); audited. */
export async function setCalendarDay(
  deps: Deps,
  { actor, meta, input }: Call<SetCalendarDayInput>,
): Promise<StoredCalendarDay> {
  authorizeCalendar(actor);
  if (!isIsoDateString(input.date)) throw invalid('a real date YYYY-MM-DD', { date: input.date });
  const name = input.name?.trim() ?? '';
  if (!name || [...name].length > 50) throw invalid('a name of 1–50 characters', { date: input.date });
  const weekday = new Date(`${input.date}T00:00:00Z`).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  if (input.kind === 'holiday' && weekend)
    throw invalid('a weekend day is off anyway; holidays are weekdays', { date: input.date });
  if (input.kind === 'workday' && !weekend)
    throw invalid('a weekday is worked anyway; make-up working days (调休) are weekend days', {
      date: input.date,
    });
  const now = deps.clock.now();
  return deps.uow.run(async (r) => {
    const previous = await r.calendar.get(input.date);
    const day: StoredCalendarDay = {
      date: input.date,
      kind: input.kind,
      name,
      updatedAt: now,
      updatedBy: actorId(actor),
    };
    await r.calendar.upsert(day);
    await r.audit.append(
      auditEntry(
        actor,
        meta,
        now,
        'calendar.day_set',
        { type: 'calendar_day', id: input.date },
        {
          kind: input.kind,
          name,
          previous: previous ? { kind: previous.kind, name: previous.name } : null,
        },
      ),
    );
    return day;
  });
}

/** Removes the override of a date (it follows the weekday / weekend rule again); audited. */
export async function removeCalendarDay(deps: Deps, { actor, meta, input }: Call<{ date: string }>) {
  authorizeCalendar(actor);
  if (!isIsoDateString(input.date)) throw invalid('a real date YYYY-MM-DD', { date: input.date });
  const now = deps.clock.now();
  return deps.uow.run(async (r) => {
    const previous = await r.calendar.get(input.date);
    if (!previous || !(await r.calendar.remove(input.date)))
      throw new AppError('CALENDAR_DAY_NOT_FOUND', `no override for ${input.date}`, { date: input.date });
    await r.audit.append(
      auditEntry(
        actor,
        meta,
        now,
        'calendar.day_removed',
        { type: 'calendar_day', id: input.date },
        {
          kind: previous.kind,
          name: previous.name,
        },
      ),
    );
    return { ok: true as const };
  });
}

/** The overrides between two dates (at most 3 years); any signed-in caller may read them. */
export async function listCalendarDays(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  range: { from: string; to: string },
): Promise<StoredCalendarDay[]> {
  if (actor.kind === 'anonymous') throw new AppError('AUTH_REQUIRED');
  if (!isIsoDateString(range.from) || !isIsoDateString(range.to))
    throw invalid('real dates YYYY-MM-DD', { from: range.from, to: range.to });
  const span = daysBetween(range.from, range.to);
  if (span < 0 || span > 3 * 366) throw invalid('from ≤ to, at most three years apart', { ...range });
  return deps.uow.run((r) => r.calendar.list(range.from, range.to));
}

/** The overrides from `from` on for `days` calendar days, as a calendar for deadline arithmetic. */
export async function loadWorkingCalendar(
  r: Repositories,
  from: string,
  days = 400,
): Promise<WorkingCalendar> {
  return workingCalendar(await r.calendar.list(from, addCalendarDays(from, days)));
}
