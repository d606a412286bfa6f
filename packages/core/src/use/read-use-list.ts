import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import type { Page, PageRequest } from '../shared/page.js';
import { inScope, useReadScope } from './access.js';
import { loadUseListEntry } from './use-list-fields.js';
import type { UseListEntry, UseListStatus } from './types.js';

export async function getUseListEntry(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  id: string,
): Promise<UseListEntry> {
  const scope = useReadScope(actor);
  return deps.uow.run(async (r) => {
    const entry = await loadUseListEntry(r, id);
    if (!inScope(scope, entry))
      throw new AppError('USE_LIST_ENTRY_NOT_FOUND', `use list entry ${id} not found`, { id });
    return entry;
  });
}

/** Use-list entries within the reader's scope (department staff and apps: their department; region: below). */
export async function listUseListEntries(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  query: {
    departmentId?: string;
    status?: UseListStatus;
    itemCode?: string;
    licenseTypeCode?: string;
  } & PageRequest,
): Promise<Page<UseListEntry>> {
  const scope = useReadScope(actor);
  return deps.uow.run((r) => r.useLists.list({ ...query, scope }));
}
