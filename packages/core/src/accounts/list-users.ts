import type { Actor } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import type { Page, PageRequest } from '../shared/page.js';
import { adminRegionScopes, authorize } from './policy.js';
import type { UserView } from './user-view.js';
import { userView } from './user-view.js';

/** Platform administrators see every account; region administrators those with a grant in their region. */
export async function listUsers(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  query: { q?: string } & PageRequest,
): Promise<Page<UserView>> {
  const prefixes = adminRegionScopes(actor, 'users.manage');
  if (prefixes !== null && prefixes.length === 0) authorize(actor, 'users.manage', { regionCode: null });
  return deps.uow.run(async (r) => {
    const page = await r.users.list({ ...query, prefixes });
    return { ...page, items: page.items.map(userView) };
  });
}
