import { auditEntry } from '../audit/entry.js';
import type { Actor, RequestMeta } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import { userTarget } from './create-user.js';
import type { Session, User } from './ports.js';
import { hashSessionToken } from './session-token.js';
import type { UserView } from './user-view.js';
import { userView } from './user-view.js';

export interface LoginInput {
  readonly username: string;
  readonly password: string;
  readonly totp?: string;
}

export interface LoginResult {
  readonly token: string;
  readonly session: Session;
  readonly user: UserView;
}

// Verified against when the username does not exist, so both paths take the same time.
const DUMMY_HASH_PASSWORD = 'zhengyin-dummy-password';

const ANONYMOUS: Actor = { kind: 'anonymous' };

/**
 * Password (+ TOTP when enabled) login. Failures are counted and audited in their own committed
 * transaction; the account locks after `lockoutThreshold` failures for `lockoutMinutes`.
 */
export async function login(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'passwords' | 'secrets' | 'totp' | 'policy'>,
  meta: RequestMeta,
  input: LoginInput,
): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const outcome = await deps.uow.run(async (r): Promise<LoginResult | AppError> => {
    const now = deps.clock.now();
    const user = await r.users.getByUsernameForUpdate(username);
    const fail = async (code: string, reason: string, u: User | null) => {
      await r.audit.append(
        auditEntry(ANONYMOUS, meta, now, 'accounts.login.failed', u ? userTarget(u) : null, {
          username,
          reason,
        }),
      );
      return new AppError(code, reason);
    };
    if (!user) {
      await deps.passwords.verify(input.password, await dummyHash(deps));
      return fail('AUTH_INVALID_CREDENTIALS', 'unknown username', null);
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      return fail('AUTH_ACCOUNT_LOCKED', 'account locked', user);
    }
    const passwordOk = await deps.passwords.verify(input.password, user.passwordHash);
    const totpNeeded = passwordOk && user.totpEnabled;
    if (totpNeeded && !input.totp) return fail('AUTH_TOTP_REQUIRED', 'TOTP code required', user);
    const totpOk =
      !totpNeeded ||
      deps.totp.verify(new TextDecoder().decode(deps.secrets.open(user.totpSecretSealed!)), input.totp!, now);
    if (!passwordOk || !totpOk) {
      const failedLogins = user.failedLogins + 1;
      const lock = failedLogins >= deps.policy.lockoutThreshold;
      const lockedUntil = lock
        ? new Date(now.getTime() + deps.policy.lockoutMinutes * 60_000)
        : user.lockedUntil;
      await r.users.update({ ...user, failedLogins: lock ? 0 : failedLogins, lockedUntil, updatedAt: now });
      if (lock) {
        await r.audit.append(
          auditEntry(ANONYMOUS, meta, now, 'accounts.user.locked', userTarget(user), {
            until: lockedUntil!.toISOString(),
          }),
        );
      }
      return fail(
        passwordOk ? 'AUTH_TOTP_INVALID' : 'AUTH_INVALID_CREDENTIALS',
        passwordOk ? 'wrong TOTP code' : 'wrong password',
        user,
      );
    }
    if (!user.active) return fail('AUTH_ACCOUNT_INACTIVE', 'account deactivated', user);

    await r.users.update({ ...user, failedLogins: 0, lockedUntil: null, updatedAt: now });
    const token = deps.ids.token(32);
    const session: Session = {
      id: deps.ids.uuid(),
      tokenHash: hashSessionToken(token),
      userId: user.id,
      csrfToken: deps.ids.token(24),
      createdAt: now,
      expiresAt: new Date(now.getTime() + deps.policy.sessionTtlMinutes * 60_000),
      lastSeenAt: now,
      revokedAt: null,
    };
    await r.sessions.insert(session);
    const actor: Actor = {
      kind: 'user',
      id: user.id,
      username: user.username,
      roles: user.roles,
      departmentRegions: {},
    };
    await r.audit.append(
      auditEntry(actor, meta, now, 'accounts.login.succeeded', userTarget(user), { sessionId: session.id }),
    );
    return { token, session, user: userView(user) };
  });
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}

let dummy: Promise<string> | null = null;
function dummyHash(deps: Pick<CoreDeps, 'passwords'>): Promise<string> {
  dummy ??= deps.passwords.hash(DUMMY_HASH_PASSWORD);
  return dummy;
}
