import type { CoreDeps } from '../shared/deps.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Page, PageRequest } from '../shared/page.js';
import type { Region } from './ports.js';

/** The region directory is readable by every staff user and by apps holding `orgs:read`. */
export async function listRegions(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  query: { parentCode?: string; q?: string } & PageRequest,
): Promise<Page<Region>> {
  if (actor.kind === 'anonymous') throw new AppError('AUTH_REQUIRED');
  return deps.uow.run((r) => r.regions.list(query));
}
