import { auditEntry } from '../audit/entry.js';
import { actorId } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { authorizeHandler, invalidTransition, loadObjection } from './load-objection.js';
import { notifyRequester } from './notify-requester.js';
import { objectionTarget } from './raise-objection.js';
import type { Objection } from './types.js';

/**
 * 异议标注: the issuing department marks the objection (due within 1 working day). The licence shows
 * "under objection" from submission until resolution. The requester is notified.
 */
export async function acknowledgeObjection(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'>,
  { actor, meta, input }: Call<{ id: string; note?: string; rowVersion?: number }>,
): Promise<Objection> {
  const note = input.note?.trim() || null;
  if (note && [...note].length > 1000)
    throw new AppError('OBJECTION_DATA_INVALID', 'a note of at most 1000 characters', {
      problems: [{ item: 'note', message: 'too long' }],
    });
  return deps.uow.run(async (r) => {
    const current = await loadObjection(r, input.id, true);
    authorizeHandler(actor, current);
    if (current.status !== 'submitted') throw invalidTransition(current, 'acknowledge');
    if (input.rowVersion !== undefined && input.rowVersion !== current.rowVersion)
      throw new AppError('OBJECTION_VERSION_CONFLICT', 'the objection changed meanwhile', { id: current.id });
    const now = deps.clock.now();
    const next: Objection = {
      ...current,
      status: 'acknowledged',
      acknowledgedAt: now,
      acknowledgedBy: actorId(actor),
      rowVersion: current.rowVersion + 1,
    };
    if (!(await r.objections.update(next, current.rowVersion)))
      throw new AppError('OBJECTION_VERSION_CONFLICT', 'the objection changed meanwhile', { id: current.id });
    await r.audit.append(
      auditEntry(actor, meta, now, 'objections.acknowledged', objectionTarget(next), {
        license: next.licenseIdentifier,
        late: now > next.acknowledgeDueAt,
        note,
      }),
    );
    await notifyRequester(r, deps.ids, next, 'acknowledged', now);
    return next;
  });
}
