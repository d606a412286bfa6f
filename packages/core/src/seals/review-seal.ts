import { auditEntry } from '../audit/entry.js';
import { hasRole } from '../accounts/policy.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { nextAfterApproval, nextSealStatus } from './lifecycle.js';
import { loadSeal, saveSeal, sealTarget } from './seal-access.js';
import type { Seal } from './types.js';

export interface ReviewSealInput {
  readonly id: string;
  readonly decision: 'approve' | 'reject';
  readonly comment?: string;
}

/**
 * 审核: the approver of the current step of the chain approves or rejects. A department step needs
 * an approver of the seal's department (or its region); a region step an approver of that region.
 * The applicant never reviews their own application.
 */
export async function reviewSeal(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<ReviewSealInput>,
): Promise<Seal> {
  return deps.uow.run(async (r) => {
    const seal = await loadSeal(r, input.id, true);
    const step = seal.approvalSteps[seal.approvalsDone];
    const target =
      step?.scope === 'region'
        ? { regionCode: step.regionCode }
        : { regionCode: seal.regionCode, departmentId: seal.departmentId };
    if (!hasRole(actor, ['approver'], target) || (actor.kind === 'user' && actor.id === seal.applicantId)) {
      throw new AppError('AUTH_FORBIDDEN', 'not an approver for this step', {
        ...target,
        step: seal.approvalsDone,
      });
    }
    const reviews = await r.seals.reviews(seal.id);
    if (actor.kind === 'user' && reviews.some((rv) => rv.reviewerId === actor.id)) {
      throw new AppError('SEALS_ALREADY_REVIEWED', 'each reviewer reviews once');
    }
    const now = deps.clock.now();
    const approved = input.decision === 'approve';
    const status = approved
      ? nextAfterApproval(seal.status, seal.approvalsDone, seal.approvalSteps.length)
      : nextSealStatus(seal.status, 'reject');
    const next: Seal = {
      ...seal,
      status,
      approvalsDone: approved ? seal.approvalsDone + 1 : seal.approvalsDone,
      updatedAt: now,
      version: seal.version + 1,
    };
    await saveSeal(r, next, seal);
    const reviewerId = actor.kind === 'user' ? actor.id : 'system';
    await r.seals.addReview({
      sealId: seal.id,
      step: seal.approvalsDone,
      reviewerId,
      decision: approved ? 'approved' : 'rejected',
      comment: input.comment ?? null,
      at: now,
    });
    if (status !== seal.status) {
      await r.seals.addStatusEvent({
        sealId: seal.id,
        status,
        action: input.decision,
        reason: input.comment ?? null,
        actorId: reviewerId,
        at: now,
      });
    }
    await r.audit.append(
      auditEntry(actor, meta, now, approved ? 'seals.approved' : 'seals.rejected', sealTarget(next), {
        step: seal.approvalsDone,
        of: seal.approvalSteps.length,
        status,
        comment: input.comment ?? null,
      }),
    );
    return next;
  });
}
