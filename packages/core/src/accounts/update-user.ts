import { auditEntry } from '../audit/entry.js';
import type { RoleGrant } from '../shared/actor.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { userTarget } from './create-user.js';
import { authorizeGrants } from './grants.js';
import type { User } from './ports.js';
import { getUserOrThrow } from './get-user.js';
import type { UserView } from './user-view.js';
import { userView } from './user-view.js';

export interface UpdateUserInput {
  readonly id: string;
  readonly displayName?: string;
  readonly roles?: readonly {
    role: RoleGrant['role'];
    regionCode?: string | null;
    departmentId?: string | null;
  }[];
  readonly active?: boolean;
}

export async function updateUser(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<UpdateUserInput>,
): Promise<UserView> {
  return deps.uow.run(async (r) => {
    const current = await getUserOrThrow(r.users, input.id);
    await authorizeGrants(r, actor, current.roles);
    const roles = input.roles ? await authorizeGrants(r, actor, input.roles) : current.roles;
    const now = deps.clock.now();
    const next: User = {
      ...current,
      displayName: input.displayName ?? current.displayName,
      roles,
      active: input.active ?? current.active,
      updatedAt: now,
    };
    await r.users.update(next);
    if (!next.active && current.active) await r.sessions.revokeAllForUser(next.id, now);
    await r.audit.append(
      auditEntry(actor, meta, now, 'accounts.user.updated', userTarget(next), {
        before: { displayName: current.displayName, roles: current.roles, active: current.active },
        after: { displayName: next.displayName, roles: next.roles, active: next.active },
      }),
    );
    return userView(next);
  });
}
