import { auditEntry } from '../audit/entry.js';
import { authorize } from '../accounts/policy.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import type { Contact, Department } from './ports.js';
import { requireActiveParent } from './department-parent.js';
import { requireValidUscc } from './uscc.js';

export interface CreateDepartmentInput {
  readonly name: string;
  readonly uscc: string;
  readonly regionCode: string;
  readonly parentId?: string | null;
  readonly contact?: Contact;
}

export async function createDepartment(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'>,
  { actor, meta, input }: Call<CreateDepartmentInput>,
): Promise<Department> {
  requireValidUscc(input.uscc);
  authorize(actor, 'departments.manage', { regionCode: input.regionCode });
  return deps.uow.run(async (r) => {
    const region = await r.regions.get(input.regionCode);
    if (!region || !region.active) {
      throw new AppError('ORGS_REGION_NOT_FOUND', `region ${input.regionCode} not found or inactive`, {
        regionCode: input.regionCode,
      });
    }
    if (await r.departments.getByUscc(input.uscc)) {
      throw new AppError('ORGS_DEPARTMENT_EXISTS', `a department with ${input.uscc} exists`, {
        uscc: input.uscc,
      });
    }
    const id = deps.ids.uuid();
    const parentId = input.parentId ?? null;
    if (parentId) await requireActiveParent(r.departments, id, parentId);
    const now = deps.clock.now();
    const department: Department = {
      id,
      name: input.name,
      uscc: input.uscc,
      regionCode: input.regionCode,
      parentId,
      contact: input.contact ?? {},
      active: true,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await r.departments.insert(department);
    await r.audit.append(
      auditEntry(actor, meta, now, 'orgs.department.created', departmentTarget(department), {
        name: department.name,
        uscc: department.uscc,
        parentId,
      }),
    );
    return department;
  });
}

export function departmentTarget(d: Department) {
  return { type: 'department', id: d.id, regionCode: d.regionCode };
}
