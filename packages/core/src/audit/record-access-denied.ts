import type { Actor, RequestMeta } from '../shared/actor.js';
import type { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import { auditEntry } from './entry.js';

/**
 * Records a refused request (authentication or authorisation) in its own transaction: the
 * refused work was rolled back, the refusal itself must stay on record.
 */
export async function recordAccessDenied(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  actor: Actor,
  meta: RequestMeta,
  request: { method: string; path: string },
  error: AppError,
): Promise<void> {
  await deps.uow.run(async (r) => {
    const regionCode = typeof error.details?.regionCode === 'string' ? error.details.regionCode : null;
    await r.audit.append(
      auditEntry(actor, meta, deps.clock.now(), 'access.denied', null, {
        code: error.code,
        reason: error.message,
        method: request.method,
        path: request.path,
        ...(regionCode ? { regionCode } : {}),
      }),
    );
  });
}
