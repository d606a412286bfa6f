import { AppError } from '../shared/app-error.js';
import type { DepartmentRepository } from './ports.js';

const MAX_DEPTH = 32;

/** The parent must exist, be active and not be the department itself or one of its descendants. */
export async function requireActiveParent(
  departments: DepartmentRepository,
  departmentId: string,
  parentId: string,
): Promise<void> {
  let cursor: string | null = parentId;
  for (let depth = 0; cursor; depth++) {
    if (cursor === departmentId || depth > MAX_DEPTH) {
      throw new AppError('ORGS_PARENT_INVALID', 'a department cannot be its own ancestor', { parentId });
    }
    const node = await departments.get(cursor);
    if (!node || (cursor === parentId && !node.active)) {
      throw new AppError('ORGS_PARENT_INVALID', 'parent department not found or inactive', { parentId });
    }
    cursor = node.parentId;
  }
}
