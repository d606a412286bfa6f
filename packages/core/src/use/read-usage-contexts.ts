import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import type { Page, PageRequest } from '../shared/page.js';
import { inScope, useReadScope } from './access.js';
import { effectiveStatus } from './context-rules.js';
import type { UsageContext, UsageContextStatus } from './types.js';

/** A context as read: the stored status, or `expired` past its end. */
export type UsageContextView = Omit<UsageContext, 'status'> & { readonly status: UsageContextStatus };

const view = (c: UsageContext, now: Date): UsageContextView => ({ ...c, status: effectiveStatus(c, now) });

export async function getUsageContext(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  actor: Actor,
  id: string,
): Promise<UsageContextView> {
  const scope = useReadScope(actor);
  const context = await deps.uow.run((r) => r.usageContexts.get(id));
  if (!context || !inScope(scope, context))
    throw new AppError('USE_CONTEXT_NOT_FOUND', `usage context ${id} not found`, { id });
  return view(context, deps.clock.now());
}

/** Contexts within the reader's scope, newest first; `status` filters (expired: past the end). */
export async function listUsageContexts(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  actor: Actor,
  query: { departmentId?: string; status?: UsageContextStatus } & PageRequest,
): Promise<Page<UsageContextView>> {
  const scope = useReadScope(actor);
  const now = deps.clock.now();
  const page = await deps.uow.run((r) => r.usageContexts.list({ ...query, scope, now }));
  return { ...page, items: page.items.map((c) => view(c, now)) };
}
