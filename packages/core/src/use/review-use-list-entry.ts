import { auditEntry } from '../audit/entry.js';
import type { AuditAction } from '../audit/actions.js';
import { actorId } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { authorizeUseListManage, authorizeUseListReview } from './access.js';
import { checkUseListFields, loadUseListEntry, useListTarget } from './use-list-fields.js';
import type { UseListEntry, UseListStatus } from './types.js';

export type UseListAction = 'submit' | 'approve' | 'reject';

const MOVES: Record<
  UseListAction,
  { from: readonly UseListStatus[]; to: UseListStatus; audit: AuditAction }
> = {
  submit: { from: ['draft', 'rejected'], to: 'submitted', audit: 'use.list.submitted' },
  approve: { from: ['submitted'], to: 'approved', audit: 'use.list.approved' },
  reject: { from: ['submitted'], to: 'rejected', audit: 'use.list.rejected' },
};

/**
 * The use-list workflow: the department's 用证人员 submit; a region administrator of the department's
 * region approves or rejects (with a comment). Approval checks the entry against the published type again.
 */
export async function advanceUseListEntry(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<{ id: string; action: UseListAction; comment?: string | null }>,
): Promise<UseListEntry> {
  return deps.uow.run(async (r) => {
    const current = await loadUseListEntry(r, input.id, true);
    const move = MOVES[input.action];
    if (input.action === 'submit')
      authorizeUseListManage(actor, { id: current.departmentId, regionCode: current.regionCode });
    else authorizeUseListReview(actor, current.regionCode);
    if (!move.from.includes(current.status)) {
      throw new AppError(
        'USE_LIST_INVALID_TRANSITION',
        `cannot ${input.action} an entry that is ${current.status}`,
        {
          id: current.id,
          status: current.status,
          action: input.action,
        },
      );
    }
    const comment = input.comment?.trim() || null;
    if (input.action === 'reject' && !comment)
      throw new AppError('USE_LIST_ENTRY_INVALID', 'comment: give the reason for the rejection', {
        problems: [{ field: 'comment', message: 'a reason is required' }],
      });
    if (input.action === 'approve') await checkUseListFields(r, current);
    const now = deps.clock.now();
    const review = input.action !== 'submit';
    const next: UseListEntry = {
      ...current,
      status: move.to,
      ...(review ? { reviewComment: comment, reviewedBy: actorId(actor), reviewedAt: now } : {}),
      updatedAt: now,
      rowVersion: current.rowVersion + 1,
    };
    if (!(await r.useLists.update(next, current.rowVersion)))
      throw new AppError('USE_LIST_ENTRY_CONFLICT', 'the entry was changed by someone else; reload it', {
        id: current.id,
      });
    await r.audit.append(
      auditEntry(actor, meta, now, move.audit, useListTarget(next), {
        departmentId: next.departmentId,
        itemCode: next.itemCode,
        licenseTypeCode: next.licenseTypeCode,
        fromStatus: current.status,
        toStatus: next.status,
        ...(comment ? { comment } : {}),
      }),
    );
    return next;
  });
}
