import { auditEntry } from '../audit/entry.js';
import { getDepartmentOrThrow } from '../orgs/get-department.js';
import { actorId } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { authorizeUseListManage } from './access.js';
import type { UseListFields } from './use-list-fields.js';
import { checkUseListFields, duplicateEntry, useListTarget } from './use-list-fields.js';
import type { UseListEntry } from './types.js';

/** 用证清单: a department's 用证人员 adds a line (a draft, to be submitted and approved by the region). */
export async function createUseListEntry(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'>,
  { actor, meta, input }: Call<{ departmentId: string } & UseListFields>,
): Promise<UseListEntry> {
  return deps.uow.run(async (r) => {
    const department = await getDepartmentOrThrow(r.departments, input.departmentId);
    authorizeUseListManage(actor, department);
    if (!department.active) throw new AppError('ORGS_DEPARTMENT_INACTIVE', 'department is deactivated');
    const fields = await checkUseListFields(r, input);
    const now = deps.clock.now();
    const entry: UseListEntry = {
      ...fields,
      id: deps.ids.uuid(),
      departmentId: department.id,
      regionCode: department.regionCode,
      status: 'draft',
      reviewComment: null,
      reviewedBy: null,
      reviewedAt: null,
      createdAt: now,
      createdBy: actorId(actor)!,
      updatedAt: now,
      rowVersion: 1,
    };
    if (!(await r.useLists.insert(entry))) throw duplicateEntry(entry);
    await r.audit.append(
      auditEntry(actor, meta, now, 'use.list.created', useListTarget(entry), {
        departmentId: entry.departmentId,
        itemCode: entry.itemCode,
        licenseTypeCode: entry.licenseTypeCode,
        dataItems: entry.dataItems,
        dutyBased: entry.dutyBased,
      }),
    );
    return entry;
  });
}
