import { auditEntry } from '../audit/entry.js';
import { AppError } from '../shared/app-error.js';
import type { RoleGrant } from '../shared/actor.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { authorizeGrants } from './grants.js';
import { generatePassword } from './password-policy.js';
import type { User } from './ports.js';
import type { UserView } from './user-view.js';
import { userView } from './user-view.js';

export interface CreateUserInput {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly {
    role: RoleGrant['role'];
    regionCode?: string | null;
    departmentId?: string | null;
  }[];
  /** Only for bootstrap and the CLI; otherwise a one-time password is generated. */
  readonly password?: string;
}

/** Creates a staff account with a one-time password that must be changed at first login. */
export async function createUser(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'passwords'>,
  { actor, meta, input }: Call<CreateUserInput>,
): Promise<{ user: UserView; initialPassword: string }> {
  const initialPassword = input.password ?? generatePassword(deps.ids);
  const passwordHash = await deps.passwords.hash(initialPassword);
  return deps.uow.run(async (r) => {
    const roles = await authorizeGrants(r, actor, input.roles);
    const username = input.username.toLowerCase();
    if (await r.users.getByUsername(username)) {
      throw new AppError('ACCOUNTS_USERNAME_TAKEN', `username ${username} is taken`, { username });
    }
    const now = deps.clock.now();
    const user: User = {
      id: deps.ids.uuid(),
      username,
      displayName: input.displayName,
      passwordHash,
      mustChangePassword: true,
      failedLogins: 0,
      lockedUntil: null,
      totpSecretSealed: null,
      totpEnabled: false,
      active: true,
      roles,
      createdAt: now,
      updatedAt: now,
    };
    await r.users.insert(user);
    await r.audit.append(
      auditEntry(actor, meta, now, 'accounts.user.created', userTarget(user), {
        username,
        displayName: user.displayName,
        roles,
      }),
    );
    return { user: userView(user), initialPassword };
  });
}

export function userTarget(u: User) {
  const regionCode = u.roles.find((g) => g.regionCode)?.regionCode ?? null;
  return { type: 'user', id: u.id, regionCode };
}
