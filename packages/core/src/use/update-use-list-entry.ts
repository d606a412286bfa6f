import { auditEntry } from '../audit/entry.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import { authorizeUseListManage } from './access.js';
import type { UseListFields } from './use-list-fields.js';
import { checkUseListFields, duplicateEntry, loadUseListEntry, useListTarget } from './use-list-fields.js';
import type { UseListEntry } from './types.js';

/**
 * Edits an entry; any change sends it back to draft (an approved entry stops authorising use until it
 * is approved again). Undefined fields stay as they are.
 */
export async function updateUseListEntry(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<{ id: string; rowVersion?: number } & Partial<UseListFields>>,
): Promise<UseListEntry> {
  return deps.uow.run(async (r) => {
    const current = await loadUseListEntry(r, input.id, true);
    authorizeUseListManage(actor, { id: current.departmentId, regionCode: current.regionCode });
    if (input.rowVersion !== undefined && input.rowVersion !== current.rowVersion)
      throw new AppError('USE_LIST_ENTRY_CONFLICT', 'the entry was changed by someone else; reload it', {
        id: current.id,
        rowVersion: current.rowVersion,
      });
    const fields = await checkUseListFields(r, {
      itemCode: input.itemCode ?? current.itemCode,
      itemName: input.itemName ?? current.itemName,
      licenseTypeCode: input.licenseTypeCode ?? current.licenseTypeCode,
      dataItems: input.dataItems ?? current.dataItems,
      purpose: input.purpose ?? current.purpose,
      dutyBased: input.dutyBased ?? current.dutyBased,
    });
    const changes = Object.fromEntries(
      (Object.keys(fields) as (keyof UseListFields)[])
        .filter((k) => JSON.stringify(fields[k]) !== JSON.stringify(current[k]))
        .map((k) => [k, { from: current[k], to: fields[k] }]),
    );
    if (Object.keys(changes).length === 0) return current;
    const now = deps.clock.now();
    const next: UseListEntry = {
      ...current,
      ...fields,
      status: 'draft',
      updatedAt: now,
      rowVersion: current.rowVersion + 1,
    };
    if (!(await r.useLists.update(next, current.rowVersion))) throw duplicateEntry(next);
    await r.audit.append(
      auditEntry(actor, meta, now, 'use.list.updated', useListTarget(next), {
        departmentId: next.departmentId,
        fromStatus: current.status,
        changes,
      }),
    );
    return next;
  });
}
