import type { Actor, RoleGrant } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import { regionPrefix } from '../orgs/region-code.js';
import type { Role } from './roles.js';
import { scopeKind } from './roles.js';

/**
 * Declarative authorisation: pure functions that say whether an actor may act on a target in a
 * region / department. Use cases call them; the HTTP layer never decides.
 */
export interface Target {
  readonly regionCode: string | null;
  readonly departmentId?: string | null;
}

function grantCovers(grant: RoleGrant, target: Target): boolean {
  switch (scopeKind(grant)) {
    case 'platform':
      return true;
    case 'region':
      return target.regionCode !== null && target.regionCode.startsWith(regionPrefix(grant.regionCode!));
    case 'department':
      return Boolean(target.departmentId) && target.departmentId === grant.departmentId;
  }
}

export function hasRole(actor: Actor, roles: readonly Role[], target: Target): boolean {
  // The system actor is an operator on the database host (CLI, bootstrap): it may administer.
  if (actor.kind === 'system') return !roles.includes('auditor') || roles.length > 1;
  if (actor.kind !== 'user') return false;
  return actor.roles.some((g) => roles.includes(g.role) && grantCovers(g, target));
}

export type Permission =
  | 'regions.manage'
  | 'departments.manage'
  | 'users.manage'
  | 'apps.manage'
  | 'audit.read'
  | 'seals.apply'
  | 'seals.administer'
  | 'seals.review'
  | 'seals.read'
  | 'seals.use.request'
  | 'seals.use.approve'
  | 'licenses.read';

const HOLDERS: Record<Permission, readonly Role[]> = {
  'regions.manage': ['platform_admin', 'region_admin'],
  'departments.manage': ['platform_admin', 'region_admin'],
  'users.manage': ['platform_admin', 'region_admin'],
  'apps.manage': ['platform_admin', 'region_admin'],
  'audit.read': ['auditor'],
  'seals.apply': ['seal_admin'],
  'seals.administer': ['seal_admin'],
  'seals.review': ['approver'],
  'seals.read': ['seal_admin', 'seal_keeper', 'approver'],
  'seals.use.request': ['seal_admin', 'seal_keeper', 'issuer', 'user_operator'],
  'seals.use.approve': ['approver'],
  'licenses.read': ['issuer', 'auditor', 'catalog_admin'],
};

export function can(actor: Actor, permission: Permission, target: Target): boolean {
  return hasRole(actor, HOLDERS[permission], target);
}

/** Throws AUTH_FORBIDDEN (audited by the caller's error path) when the actor may not act. */
export function authorize(actor: Actor, permission: Permission, target: Target): void {
  if (!can(actor, permission, target)) {
    throw new AppError('AUTH_FORBIDDEN', `not allowed: ${permission}`, {
      permission,
      regionCode: target.regionCode,
      departmentId: target.departmentId ?? null,
    });
  }
}

/** The narrowest region the actor administers, for listing: null = everything. */
export function adminRegionScopes(actor: Actor, permission: Permission): string[] | null {
  if (actor.kind === 'system') return null;
  if (actor.kind !== 'user') return [];
  const grants = actor.roles.filter((g) => HOLDERS[permission].includes(g.role));
  if (grants.some((g) => scopeKind(g) === 'platform')) return null;
  return grants.filter((g) => g.regionCode).map((g) => regionPrefix(g.regionCode!));
}
