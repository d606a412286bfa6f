import { auditEntry } from '../audit/entry.js';
import { SYSTEM_ACTOR } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import { generatePassword } from './password-policy.js';

/**
 * First start: when no account exists, creates the platform administrator with a one-time
 * password (given, or generated) that must be changed at first login.
 */
export async function bootstrapPlatform(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'passwords'>,
  input: { username: string; password?: string },
): Promise<{ created: false } | { created: true; username: string; password: string }> {
  const password = input.password ?? generatePassword(deps.ids);
  const passwordHash = await deps.passwords.hash(password);
  return deps.uow.run(async (r) => {
    const existing = await r.users.list({ page: 1, pageSize: 1, prefixes: null });
    if (existing.total > 0) return { created: false };
    const now = deps.clock.now();
    const id = deps.ids.uuid();
    const username = input.username.toLowerCase();
    await r.users.insert({
      id,
      username,
      displayName: '平台管理员 Platform administrator',
      passwordHash,
      mustChangePassword: true,
      failedLogins: 0,
      lockedUntil: null,
      totpSecretSealed: null,
      totpEnabled: false,
      active: true,
      roles: [{ role: 'platform_admin', regionCode: null, departmentId: null }],
      createdAt: now,
      updatedAt: now,
    });
    await r.audit.append(
      auditEntry(
        SYSTEM_ACTOR,
        { requestId: null, clientIp: null },
        now,
        'system.bootstrapped',
        { type: 'user', id },
        {
          username,
          passwordFrom: input.password ? 'config' : 'generated',
        },
      ),
    );
    return { created: true, username, password };
  });
}
