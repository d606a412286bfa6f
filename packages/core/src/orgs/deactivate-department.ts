import { auditEntry } from '../audit/entry.js';
import { authorize } from '../accounts/policy.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { departmentTarget } from './create-department.js';
import { getDepartmentOrThrow } from './get-department.js';
import type { Department } from './ports.js';

/** Departments are never deleted: they are deactivated with a reason. */
export async function deactivateDepartment(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<{ id: string; reason: string }>,
): Promise<Department> {
  return deps.uow.run(async (r) => {
    const current = await getDepartmentOrThrow(r.departments, input.id);
    authorize(actor, 'departments.manage', { regionCode: current.regionCode, departmentId: current.id });
    if (!current.active)
      throw new AppError('ORGS_DEPARTMENT_INACTIVE', 'already deactivated', { id: current.id });
    const now = deps.clock.now();
    const next: Department = { ...current, active: false, version: current.version + 1, updatedAt: now };
    if (!(await r.departments.update(next, current.version))) {
      throw new AppError('ORGS_VERSION_CONFLICT', 'department changed meanwhile', { id: current.id });
    }
    await r.audit.append(
      auditEntry(actor, meta, now, 'orgs.department.deactivated', departmentTarget(next), {
        reason: input.reason,
      }),
    );
    return next;
  });
}
