import { auditEntry } from '../audit/entry.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { userTarget } from './create-user.js';
import { getUserOrThrow } from './get-user.js';
import { checkPasswordPolicy } from './password-policy.js';

/** Changes the actor's own password; clears the forced-change flag and ends other sessions. */
export async function changePassword(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'passwords' | 'policy'>,
  { actor, meta, input }: Call<{ currentPassword: string; newPassword: string; keepSessionId: string }>,
): Promise<void> {
  if (actor.kind !== 'user') throw new AppError('AUTH_REQUIRED');
  checkPasswordPolicy(input.newPassword, actor.username, deps.policy.passwordMinLength);
  if (input.newPassword === input.currentPassword) {
    throw new AppError('AUTH_PASSWORD_POLICY', 'the new password must differ from the current one', {
      problems: ['must differ from the current password'],
    });
  }
  const newHash = await deps.passwords.hash(input.newPassword);
  await deps.uow.run(async (r) => {
    const user = await getUserOrThrow(r.users, actor.id);
    if (!(await deps.passwords.verify(input.currentPassword, user.passwordHash))) {
      throw new AppError('AUTH_INVALID_CREDENTIALS', 'current password is wrong');
    }
    const now = deps.clock.now();
    await r.users.update({ ...user, passwordHash: newHash, mustChangePassword: false, updatedAt: now });
    await r.sessions.revokeAllForUser(user.id, now, input.keepSessionId);
    await r.audit.append(auditEntry(actor, meta, now, 'accounts.user.password_changed', userTarget(user)));
  });
}
