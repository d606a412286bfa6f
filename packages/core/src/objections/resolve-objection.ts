import { auditEntry } from '../audit/entry.js';
import type { IssueDeps } from '../licensing/issue-licenses.js';
import { updateLicense, type UpdateLicenseInput } from '../licensing/update-license.js';
import { actorId } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Call } from '../shared/deps.js';
import { authorizeHandler, invalidTransition, loadObjection } from './load-objection.js';
import { notifyRequester } from './notify-requester.js';
import { objectionTarget } from './raise-objection.js';
import type { Objection } from './types.js';

export interface ResolveObjectionInput {
  readonly id: string;
  readonly outcome: 'rejected' | 'corrected';
  /** Why the data stand (rejected), or what was corrected. Required either way. */
  readonly reasons: string;
  /** corrected: the changes of the new licence version (as 变更) and the seal to sign it with. */
  readonly correction?: {
    readonly changes: UpdateLicenseInput['changes'];
    readonly sealId?: string;
    readonly sealPin?: string;
    readonly timestamp?: boolean;
  };
  readonly rowVersion?: number;
}

/**
 * Resolves a marked objection within 5 working days: rejected with reasons, or corrected — a new
 * licence version issued through `updateLicense` (the objected version becomes superseded) and
 * linked from the objection. The requester is notified with the result.
 *
 * The new version is issued before the objection is closed (signing needs the key vault outside a
 * transaction); should the objection have changed meanwhile, the correction stands as an audited
 * 变更 and the call reports the conflict.
 */
export async function resolveObjection(
  deps: IssueDeps,
  { actor, meta, input }: Call<ResolveObjectionInput>,
): Promise<Objection> {
  const reasons = input.reasons?.trim() ?? '';
  if (!reasons || [...reasons].length > 1000)
    throw new AppError('OBJECTION_REASONS_REQUIRED', 'give the reasons (1–1000 characters)', {
      outcome: input.outcome,
    });
  if (input.outcome !== 'rejected' && input.outcome !== 'corrected')
    throw new AppError('OBJECTION_DATA_INVALID', 'outcome is rejected or corrected', {
      problems: [{ item: 'outcome', message: 'rejected | corrected' }],
    });
  if (input.outcome === 'corrected' && !input.correction)
    throw new AppError('OBJECTION_DATA_INVALID', 'a correction needs the changed data', {
      problems: [{ item: 'correction', message: 'required for corrected' }],
    });
  const before = await deps.uow.run(async (r) => {
    const o = await loadObjection(r, input.id);
    authorizeHandler(actor, o);
    if (o.status !== 'acknowledged') throw invalidTransition(o, 'resolve');
    if (input.rowVersion !== undefined && input.rowVersion !== o.rowVersion)
      throw new AppError('OBJECTION_VERSION_CONFLICT', 'the objection changed meanwhile', { id: o.id });
    return o;
  });

  let corrected: { id: string; identifier: string } | null = null;
  if (input.outcome === 'corrected' && input.correction) {
    const { correction } = input;
    const out = await updateLicense(deps, {
      actor,
      meta,
      input: {
        id: before.licenseId,
        reason: `异议更正：${reasons}`,
        changes: correction.changes,
        ...(correction.sealId ? { sealId: correction.sealId } : {}),
        ...(correction.sealPin !== undefined ? { sealPin: correction.sealPin } : {}),
        ...(correction.timestamp !== undefined ? { timestamp: correction.timestamp } : {}),
      },
    });
    corrected = { id: out.license.id, identifier: out.license.identifier };
  }

  return deps.uow.run(async (r) => {
    const current = await loadObjection(r, input.id, true);
    if (current.status !== 'acknowledged' || current.rowVersion !== before.rowVersion)
      throw new AppError('OBJECTION_VERSION_CONFLICT', 'the objection changed meanwhile', {
        id: current.id,
        correctedIdentifier: corrected?.identifier ?? null,
      });
    const now = deps.clock.now();
    const next: Objection = {
      ...current,
      status: input.outcome,
      resolvedAt: now,
      resolvedBy: actorId(actor),
      resolution: reasons,
      correctedLicenseId: corrected?.id ?? null,
      correctedIdentifier: corrected?.identifier ?? null,
      rowVersion: current.rowVersion + 1,
    };
    if (!(await r.objections.update(next, current.rowVersion)))
      throw new AppError('OBJECTION_VERSION_CONFLICT', 'the objection changed meanwhile', { id: current.id });
    await r.audit.append(
      auditEntry(
        actor,
        meta,
        now,
        input.outcome === 'corrected' ? 'objections.corrected' : 'objections.rejected',
        objectionTarget(next),
        {
          license: next.licenseIdentifier,
          reasons,
          late: now > next.resolveDueAt,
          ...(corrected ? { correctedIdentifier: corrected.identifier } : {}),
        },
      ),
    );
    await notifyRequester(r, deps.ids, next, 'resolved', now);
    return next;
  });
}
