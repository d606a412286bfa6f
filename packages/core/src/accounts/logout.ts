import { auditEntry } from '../audit/entry.js';
import type { Actor, RequestMeta } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';

export async function logout(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  actor: Actor,
  meta: RequestMeta,
  sessionId: string,
): Promise<void> {
  await deps.uow.run(async (r) => {
    const now = deps.clock.now();
    await r.sessions.revoke(sessionId, now);
    await r.audit.append(auditEntry(actor, meta, now, 'accounts.logout', { type: 'session', id: sessionId }));
  });
}
