import { auditEntry } from '../audit/entry.js';
import type { Actor, RequestMeta } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import { canSign } from './lifecycle.js';
import type { SealUsage, SealUseRequest } from './ports.js';
import { loadSeal, sealTarget } from './seal-access.js';
import type { Seal } from './types.js';

/** A seal ready to sign under an approved use request. */
export interface AuthorisedUse {
  readonly seal: Seal & { readonly keyRef: string; readonly certificate: Uint8Array };
  readonly request: SealUseRequest;
}

/**
 * Checks, before anything is signed, that the actor is the seal's keeper, the use request is
 * approved with uses left and (when it names one) for this document digest, and the seal can sign now.
 */
export async function authoriseUse(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  actor: Actor,
  useRequestId: string,
  documentSha256: string,
): Promise<AuthorisedUse> {
  const { seal, request } = await deps.uow.run(async (r) => {
    const request = await r.sealUses.get(useRequestId);
    if (!request) throw new AppError('SEALS_USE_NOT_FOUND', `use request ${useRequestId} not found`);
    return { seal: await loadSeal(r, request.sealId), request };
  });
  if (!(actor.kind === 'user' && actor.id === seal.keeperId)) {
    throw new AppError('AUTH_FORBIDDEN', 'only the keeper signs with the seal', {
      regionCode: seal.regionCode,
    });
  }
  if (request.status === 'exhausted') throw new AppError('SEALS_USE_EXHAUSTED', 'all approved uses are used');
  if (request.status !== 'approved') {
    throw new AppError('SEALS_USE_NOT_APPROVED', `the use request is ${request.status}`);
  }
  if (request.documentSha256 && request.documentSha256 !== documentSha256) {
    throw new AppError('SEALS_DOCUMENT_MISMATCH', 'not the document approved for sealing', {
      approved: request.documentSha256,
      given: documentSha256,
    });
  }
  const { keyRef, certificate } = seal;
  if (!canSign(seal.status, seal.validFrom, seal.validTo, deps.clock.now()) || !keyRef || !certificate) {
    throw new AppError('SEALS_CANNOT_SIGN', `the seal is ${seal.status}`, {
      status: seal.status,
      validTo: seal.validTo?.toISOString() ?? null,
    });
  }
  return { seal: { ...seal, keyRef, certificate }, request };
}

/**
 * After signing: consumes one use (re-checked under a row lock, so concurrent signings cannot
 * exceed the approval), enters the usage register and writes the audit event, in one transaction.
 */
export async function consumeUse(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'>,
  by: { actor: Actor; meta: RequestMeta },
  use: AuthorisedUse,
  record: {
    documentSha256: string;
    resultSha256: string;
    action: 'seals.document_sealed' | 'seals.data_signed';
    details: Record<string, unknown>;
  },
): Promise<SealUsage> {
  return deps.uow.run(async (r) => {
    const current = await r.sealUses.getForUpdate(use.request.id);
    if (!current || current.status !== 'approved')
      throw new AppError('SEALS_USE_EXHAUSTED', 'all approved uses are used');
    const usesDone = current.usesDone + 1;
    await r.sealUses.update({
      ...current,
      usesDone,
      status: usesDone >= current.usesAllowed ? 'exhausted' : 'approved',
    });
    const now = deps.clock.now();
    const usage: SealUsage = {
      id: deps.ids.uuid(),
      sealId: use.seal.id,
      useRequestId: current.id,
      signerId: by.actor.kind === 'user' ? by.actor.id : 'system',
      approverId: current.approverId,
      reason: current.reason,
      documentSha256: record.documentSha256,
      sealedSha256: record.resultSha256,
      at: now,
    };
    await r.sealUses.addUsage(usage);
    await r.audit.append(
      auditEntry(by.actor, by.meta, now, record.action, sealTarget(use.seal), {
        useRequestId: current.id,
        usage: usesDone,
        of: current.usesAllowed,
        documentSha256: record.documentSha256,
        resultSha256: record.resultSha256,
        ...record.details,
      }),
    );
    return usage;
  });
}
