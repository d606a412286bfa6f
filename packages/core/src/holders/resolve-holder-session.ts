import { hashSessionToken } from '../accounts/session-token.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import type { HolderActor } from './holder-identity.js';
import type { HolderSession } from './ports.js';

export interface ResolvedHolderSession {
  readonly actor: HolderActor;
  readonly session: HolderSession;
}

/** Only write last-seen when it moved by this much, so reads do not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

/** Turns a holder session cookie token into the acting holder; unknown, revoked, expired or idle → error. */
export async function resolveHolderSession(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'policy'>,
  token: string,
): Promise<ResolvedHolderSession> {
  return deps.uow.run(async (r) => {
    const now = deps.clock.now();
    const session = await r.holderSessions.getByTokenHash(hashSessionToken(token));
    if (!session || session.revokedAt) throw new AppError('AUTH_REQUIRED', 'no such holder session');
    const idleLimit = session.lastSeenAt.getTime() + deps.policy.sessionIdleMinutes * 60_000;
    if (session.expiresAt <= now || idleLimit <= now.getTime())
      throw new AppError('AUTH_SESSION_EXPIRED', 'holder session expired');
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS)
      await r.holderSessions.touch(session.id, now);
    return {
      actor: {
        kind: 'holder',
        id: session.id,
        holderCodeType: session.holderCodeType,
        holderCode: session.holderCode,
        name: session.holderName,
      },
      session,
    };
  });
}
