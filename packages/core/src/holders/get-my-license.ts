import type { License } from '../licensing/types.js';
import type { Actor } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import { requireHolder } from './holder-identity.js';
import { loadOwnLicense } from './own-license.js';

/** One of the holder's licence versions with its full data (it is the holder's own). */
export async function getMyLicense(deps: Pick<CoreDeps, 'uow'>, actor: Actor, id: string): Promise<License> {
  const holder = requireHolder(actor);
  return deps.uow.run((r) => loadOwnLicense(r, holder, id));
}
