import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import type { Session } from './ports.js';
import { hashSessionToken } from './session-token.js';
import type { UserView } from './user-view.js';
import { userView } from './user-view.js';

export interface ResolvedSession {
  readonly actor: Extract<Actor, { kind: 'user' }>;
  readonly session: Session;
  readonly user: UserView;
}

/** Only write last-seen when it moved by this much, so reads do not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

/** Turns a session cookie token into the acting user; expired, idle, revoked or inactive → error. */
export async function resolveSession(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'policy'>,
  token: string,
): Promise<ResolvedSession> {
  return deps.uow.run(async (r) => {
    const now = deps.clock.now();
    const session = await r.sessions.getByTokenHash(hashSessionToken(token));
    if (!session || session.revokedAt) throw new AppError('AUTH_REQUIRED', 'no such session');
    const idleLimit = session.lastSeenAt.getTime() + deps.policy.sessionIdleMinutes * 60_000;
    if (session.expiresAt <= now || idleLimit <= now.getTime()) {
      throw new AppError('AUTH_SESSION_EXPIRED', 'session expired');
    }
    const user = await r.users.get(session.userId);
    if (!user || !user.active) throw new AppError('AUTH_ACCOUNT_INACTIVE', 'account deactivated');
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS)
      await r.sessions.touch(session.id, now);
    const departmentIds = user.roles.flatMap((g) => (g.departmentId ? [g.departmentId] : []));
    const departmentRegions = departmentIds.length ? await r.users.departmentRegions(departmentIds) : {};
    return {
      actor: { kind: 'user', id: user.id, username: user.username, roles: user.roles, departmentRegions },
      session,
      user: userView(user),
    };
  });
}
