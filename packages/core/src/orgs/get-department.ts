import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import type { Department, DepartmentRepository } from './ports.js';

export async function getDepartmentOrThrow(
  departments: DepartmentRepository,
  id: string,
): Promise<Department> {
  const d = await departments.get(id);
  if (!d) throw new AppError('ORGS_DEPARTMENT_NOT_FOUND', `department ${id} not found`, { id });
  return d;
}

/** The department directory is readable by every staff user and by apps holding `orgs:read`. */
export async function getDepartment(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  id: string,
): Promise<Department> {
  if (actor.kind === 'anonymous') throw new AppError('AUTH_REQUIRED');
  return deps.uow.run((r) => getDepartmentOrThrow(r.departments, id));
}
