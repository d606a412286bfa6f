import type { Permission } from '../accounts/policy.js';
import { authorize } from '../accounts/policy.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Repositories } from '../shared/unit-of-work.js';
import type { Seal } from './types.js';

export async function loadSeal(r: Repositories, id: string, forUpdate = false): Promise<Seal> {
  const seal = forUpdate ? await r.seals.getForUpdate(id) : await r.seals.get(id);
  if (!seal) throw new AppError('SEALS_NOT_FOUND', `seal ${id} not found`, { id });
  return seal;
}

export function authorizeOnSeal(actor: Actor, permission: Permission, seal: Seal): void {
  authorize(actor, permission, { regionCode: seal.regionCode, departmentId: seal.departmentId });
}

export const sealTarget = (seal: Seal) => ({ type: 'seal', id: seal.id, regionCode: seal.regionCode });

/** Writes the seal with optimistic concurrency. */
export async function saveSeal(r: Repositories, next: Seal, previous: Seal): Promise<void> {
  if (!(await r.seals.update(next, previous.version))) {
    throw new AppError('SEALS_VERSION_CONFLICT', 'seal changed meanwhile', { id: next.id });
  }
}
