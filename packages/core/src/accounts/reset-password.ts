import { auditEntry } from '../audit/entry.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { userTarget } from './create-user.js';
import { getUserOrThrow } from './get-user.js';
import { authorizeGrants } from './grants.js';
import { generatePassword } from './password-policy.js';

/** Sets a one-time password, forces a change, unlocks the account and ends its sessions. */
export async function resetPassword(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'passwords'>,
  { actor, meta, input }: Call<{ id: string; password?: string }>,
): Promise<{ temporaryPassword: string }> {
  const temporaryPassword = input.password ?? generatePassword(deps.ids);
  const passwordHash = await deps.passwords.hash(temporaryPassword);
  return deps.uow.run(async (r) => {
    const user = await getUserOrThrow(r.users, input.id);
    await authorizeGrants(r, actor, user.roles);
    const now = deps.clock.now();
    await r.users.update({
      ...user,
      passwordHash,
      mustChangePassword: true,
      failedLogins: 0,
      lockedUntil: null,
      updatedAt: now,
    });
    await r.sessions.revokeAllForUser(user.id, now);
    await r.audit.append(auditEntry(actor, meta, now, 'accounts.user.password_reset', userTarget(user)));
    return { temporaryPassword };
  });
}
