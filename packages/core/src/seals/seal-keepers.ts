import { authorize } from '../accounts/policy.js';
import { getDepartmentOrThrow } from '../orgs/get-department.js';
import type { Actor } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import type { SealKeeper } from './ports.js';

/**
 * The seal keepers of a department, for the seal application form: who applies for a seal must name
 * its keeper, and may not otherwise list the department's accounts.
 */
export async function listSealKeepers(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  departmentId: string,
): Promise<SealKeeper[]> {
  return deps.uow.run(async (r) => {
    const department = await getDepartmentOrThrow(r.departments, departmentId);
    authorize(actor, 'seals.apply', { regionCode: department.regionCode, departmentId: department.id });
    return r.seals.keepers(department.id);
  });
}
