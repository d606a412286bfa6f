import type { Actor, RoleGrant } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Repositories } from '../shared/unit-of-work.js';
import { authorize } from './policy.js';
import { validateGrants } from './roles.js';

/** Normalises and validates grants, and checks that `actor` may hand out every one of them. */
export async function authorizeGrants(
  r: Repositories,
  actor: Actor,
  grants: readonly { role: RoleGrant['role']; regionCode?: string | null; departmentId?: string | null }[],
): Promise<RoleGrant[]> {
  const normalised: RoleGrant[] = grants.map((g) => ({
    role: g.role,
    regionCode: g.regionCode ?? null,
    departmentId: g.departmentId ?? null,
  }));
  validateGrants(normalised);
  for (const g of normalised) {
    if (g.departmentId) {
      const d = await r.departments.get(g.departmentId);
      if (!d || !d.active) {
        throw new AppError(
          'ORGS_DEPARTMENT_NOT_FOUND',
          `department ${g.departmentId} not found or inactive`,
          {
            departmentId: g.departmentId,
          },
        );
      }
      authorize(actor, 'users.manage', { regionCode: d.regionCode, departmentId: d.id });
    } else if (g.regionCode) {
      if (!(await r.regions.get(g.regionCode))) {
        throw new AppError('ORGS_REGION_NOT_FOUND', `region ${g.regionCode} not found`, {
          regionCode: g.regionCode,
        });
      }
      authorize(actor, 'users.manage', { regionCode: g.regionCode });
    } else {
      authorize(actor, 'users.manage', { regionCode: null });
    }
  }
  return normalised;
}
