import { auditEntry } from '../audit/entry.js';
import type { Actor, RequestMeta } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import { holderTarget, requireHolder } from './holder-identity.js';

/** Ends the holder's session (the actor's id is the session id). */
export async function logoutHolder(deps: Pick<CoreDeps, 'uow' | 'clock'>, actor: Actor, meta: RequestMeta) {
  const holder = requireHolder(actor);
  await deps.uow.run(async (r) => {
    const now = deps.clock.now();
    await r.holderSessions.revoke(holder.id, now);
    await r.audit.append(
      auditEntry(holder, meta, now, 'holder.logout', holderTarget(holder.holderCodeType, holder.holderCode), {
        sessionId: holder.id,
      }),
    );
  });
}
