import { auditEntry } from '../audit/entry.js';
import { hasRole } from '../accounts/policy.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import type { SealUseRequest } from './ports.js';
import { authorizeOnSeal, loadSeal, sealTarget } from './seal-access.js';

export interface RequestSealUseInput {
  readonly sealId: string;
  readonly reason: string;
  readonly documentName: string;
  readonly documentSha256?: string;
  readonly uses: number;
}

/** 用印申请: a member of the seal's department asks to use it for a document (or a batch of uses). */
export async function requestSealUse(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'>,
  { actor, meta, input }: Call<RequestSealUseInput>,
): Promise<SealUseRequest> {
  return deps.uow.run(async (r) => {
    const seal = await loadSeal(r, input.sealId);
    authorizeOnSeal(actor, 'seals.use.request', seal);
    if (seal.status !== 'active') {
      throw new AppError('SEALS_CANNOT_SIGN', `the seal is ${seal.status}`, { status: seal.status });
    }
    const now = deps.clock.now();
    const request: SealUseRequest = {
      id: deps.ids.uuid(),
      sealId: seal.id,
      requesterId: actor.kind === 'user' ? actor.id : 'system',
      reason: input.reason,
      documentName: input.documentName,
      documentSha256: input.documentSha256?.toLowerCase() ?? null,
      usesAllowed: input.uses,
      usesDone: 0,
      status: 'pending',
      approverId: null,
      decidedAt: null,
      createdAt: now,
    };
    await r.sealUses.insert(request);
    await r.audit.append(
      auditEntry(actor, meta, now, 'seals.use_requested', sealTarget(seal), {
        useRequestId: request.id,
        reason: request.reason,
        documentName: request.documentName,
        documentSha256: request.documentSha256,
        uses: request.usesAllowed,
      }),
    );
    return request;
  });
}

/** An approver of the seal's department or region approves or rejects a use request (not their own). */
export async function reviewSealUse(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<{ id: string; decision: 'approve' | 'reject'; comment?: string }>,
): Promise<SealUseRequest> {
  return deps.uow.run(async (r) => {
    const request = await r.sealUses.getForUpdate(input.id);
    if (!request) throw new AppError('SEALS_USE_NOT_FOUND', `use request ${input.id} not found`);
    const seal = await loadSeal(r, request.sealId);
    const target = { regionCode: seal.regionCode, departmentId: seal.departmentId };
    if (
      !hasRole(actor, ['approver'], target) ||
      (actor.kind === 'user' && actor.id === request.requesterId)
    ) {
      throw new AppError('AUTH_FORBIDDEN', 'not an approver of this seal', target);
    }
    if (request.status !== 'pending') {
      throw new AppError('SEALS_INVALID_TRANSITION', `the use request is ${request.status}`, {
        status: request.status,
      });
    }
    const now = deps.clock.now();
    const approved = input.decision === 'approve';
    const next: SealUseRequest = {
      ...request,
      status: approved ? 'approved' : 'rejected',
      approverId: actor.kind === 'user' ? actor.id : 'system',
      decidedAt: now,
    };
    await r.sealUses.update(next);
    await r.audit.append(
      auditEntry(actor, meta, now, approved ? 'seals.use_approved' : 'seals.use_rejected', sealTarget(seal), {
        useRequestId: request.id,
        comment: input.comment ?? null,
      }),
    );
    return next;
  });
}
