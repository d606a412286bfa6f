import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import { authorizeGrants } from './grants.js';
import type { User, UserRepository } from './ports.js';
import type { UserView } from './user-view.js';
import { userView } from './user-view.js';

export async function getUserOrThrow(users: UserRepository, id: string): Promise<User> {
  const u = await users.get(id);
  if (!u) throw new AppError('ACCOUNTS_USER_NOT_FOUND', `user ${id} not found`, { id });
  return u;
}

export async function getUser(deps: Pick<CoreDeps, 'uow'>, actor: Actor, id: string): Promise<UserView> {
  return deps.uow.run(async (r) => {
    const user = await getUserOrThrow(r.users, id);
    if (!(actor.kind === 'user' && actor.id === user.id)) await authorizeGrants(r, actor, user.roles);
    return userView(user);
  });
}
