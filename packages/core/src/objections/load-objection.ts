import { authorizeIssuer } from '../licensing/change-license.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Repositories } from '../shared/unit-of-work.js';
import type { Objection } from './types.js';

export async function loadObjection(r: Repositories, id: string, forUpdate = false): Promise<Objection> {
  const o = forUpdate ? await r.objections.getForUpdate(id) : await r.objections.get(id);
  if (!o) throw new AppError('OBJECTION_NOT_FOUND', `objection ${id} not found`, { id });
  return o;
}

/** Objections are handled by issuers of the licence's issuing department. */
export function authorizeHandler(actor: Actor, o: Objection): void {
  authorizeIssuer(actor, { regionCode: o.regionCode, departmentId: o.departmentId });
}

export function invalidTransition(o: Objection, action: string): AppError {
  return new AppError('OBJECTION_INVALID_TRANSITION', `cannot ${action} an objection that is ${o.status}`, {
    id: o.id,
    status: o.status,
    action,
  });
}
