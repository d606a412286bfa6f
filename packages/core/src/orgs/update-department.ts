import { auditEntry } from '../audit/entry.js';
import { authorize } from '../accounts/policy.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { departmentTarget } from './create-department.js';
import { requireActiveParent } from './department-parent.js';
import type { Contact, Department } from './ports.js';
import { getDepartmentOrThrow } from './get-department.js';

export interface UpdateDepartmentInput {
  readonly id: string;
  readonly version: number;
  readonly name?: string;
  readonly parentId?: string | null;
  readonly contact?: Contact;
}

export async function updateDepartment(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<UpdateDepartmentInput>,
): Promise<Department> {
  return deps.uow.run(async (r) => {
    const current = await getDepartmentOrThrow(r.departments, input.id);
    authorize(actor, 'departments.manage', { regionCode: current.regionCode, departmentId: current.id });
    if (!current.active)
      throw new AppError('ORGS_DEPARTMENT_INACTIVE', 'department is deactivated', { id: current.id });
    if (input.version !== current.version) {
      throw new AppError('ORGS_VERSION_CONFLICT', 'department changed meanwhile', {
        expected: input.version,
        actual: current.version,
      });
    }
    const parentId = input.parentId === undefined ? current.parentId : input.parentId;
    if (parentId && parentId !== current.parentId)
      await requireActiveParent(r.departments, current.id, parentId);
    const now = deps.clock.now();
    const next: Department = {
      ...current,
      name: input.name ?? current.name,
      parentId,
      contact: input.contact ?? current.contact,
      version: current.version + 1,
      updatedAt: now,
    };
    if (!(await r.departments.update(next, current.version))) {
      throw new AppError('ORGS_VERSION_CONFLICT', 'department changed meanwhile', { id: current.id });
    }
    await r.audit.append(
      auditEntry(actor, meta, now, 'orgs.department.updated', departmentTarget(next), {
        before: { name: current.name, parentId: current.parentId, contact: current.contact },
        after: { name: next.name, parentId: next.parentId, contact: next.contact },
        version: next.version,
      }),
    );
    return next;
  });
}
