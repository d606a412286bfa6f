import { auditEntry } from '../audit/entry.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { holderOwns, requireUseHolder } from './access.js';
import { contextTarget, effectiveStatus } from './context-rules.js';
import type { ConsentRequest } from './holder-consents.js';
import { consentRequest } from './holder-consents.js';
import type { UsePolicy } from './ports.js';
import { DEFAULT_USE_POLICY } from './ports.js';
import type { UsageContext } from './types.js';

/**
 * The holder approves or declines a consent request. Anything not the holder's own (holder code and
 * type) is reported as not found. An approved context may be used for `contextValidMinutes`.
 */
export async function decideConsent(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<{ contextId: string; approve: boolean; reason?: string | null }>,
  policy: Pick<UsePolicy, 'contextValidMinutes'> = DEFAULT_USE_POLICY,
): Promise<ConsentRequest & { readonly status: UsageContext['status'] }> {
  requireUseHolder(actor);
  return deps.uow.run(async (r) => {
    const current = await r.usageContexts.getForUpdate(input.contextId);
    if (!current || !holderOwns(actor, current))
      throw new AppError('USE_CONTEXT_NOT_FOUND', `usage context ${input.contextId} not found`, {
        id: input.contextId,
      });
    const now = deps.clock.now();
    const status = effectiveStatus(current, now);
    if (status === 'expired')
      throw new AppError('USE_CONTEXT_EXPIRED', 'the consent request has expired', { contextId: current.id });
    if (status !== 'pending_consent')
      throw new AppError('USE_CONTEXT_NOT_PENDING', `the request is ${status}, not waiting for consent`, {
        contextId: current.id,
        status,
      });
    const reason = input.reason?.trim() || null;
    const next: UsageContext = {
      ...current,
      status: input.approve ? 'approved' : 'declined',
      decidedAt: now,
      decisionReason: reason,
      expiresAt: input.approve
        ? new Date(now.getTime() + policy.contextValidMinutes * 60_000)
        : current.expiresAt,
    };
    await r.usageContexts.update(next);
    await r.audit.append(
      auditEntry(
        actor,
        meta,
        now,
        input.approve ? 'use.context.consented' : 'use.context.declined',
        contextTarget(next),
        {
          departmentId: next.departmentId,
          ...(reason ? { reason } : {}),
        },
      ),
    );
    return { ...(await consentRequest(r, next)), status: next.status };
  });
}
