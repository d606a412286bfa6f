import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import type { Page, PageRequest } from '../shared/page.js';
import type { Department } from './ports.js';

export async function listDepartments(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  query: { q?: string; regionCode?: string; active?: boolean } & PageRequest,
): Promise<Page<Department>> {
  if (actor.kind === 'anonymous') throw new AppError('AUTH_REQUIRED');
  return deps.uow.run((r) => r.departments.list(query));
}
