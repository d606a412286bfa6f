import { AppError } from '../shared/app-error.js';
import type { RoleGrant } from '../shared/actor.js';

export const ROLES = [
  'platform_admin',
  'region_admin',
  'catalog_admin',
  'issuer',
  'user_operator',
  'seal_admin',
  'seal_keeper',
  'approver',
  'auditor',
] as const;

export type Role = (typeof ROLES)[number];

type ScopeKind = 'platform' | 'region' | 'department';

/** Which kinds of scope each role may be granted in. */
const ALLOWED_SCOPES: Record<Role, readonly ScopeKind[]> = {
  platform_admin: ['platform'],
  region_admin: ['region'],
  catalog_admin: ['platform', 'region'],
  issuer: ['department'],
  user_operator: ['department'],
  seal_admin: ['region', 'department'],
  seal_keeper: ['department'],
  approver: ['region', 'department'],
  auditor: ['platform', 'region'],
};

/**
 * Separation of powers (三权分立): administration, business use and audit are held by
 * different accounts. All roles of one account must come from one group.
 */
const POWER: Record<Role, 'administration' | 'use' | 'audit'> = {
  platform_admin: 'administration',
  region_admin: 'administration',
  catalog_admin: 'administration',
  seal_admin: 'administration',
  issuer: 'use',
  user_operator: 'use',
  seal_keeper: 'use',
  approver: 'use',
  auditor: 'audit',
};

export function scopeKind(grant: Pick<RoleGrant, 'regionCode' | 'departmentId'>): ScopeKind {
  if (grant.departmentId) return 'department';
  if (grant.regionCode) return 'region';
  return 'platform';
}

/** Checks the shape of a set of grants; throws ACCOUNTS_ROLE_SCOPE_INVALID / ACCOUNTS_ROLES_CONFLICT. */
export function validateGrants(grants: readonly RoleGrant[]): void {
  for (const g of grants) {
    if (g.departmentId && g.regionCode) {
      throw new AppError('ACCOUNTS_ROLE_SCOPE_INVALID', 'give either a region or a department, not both', {
        role: g.role,
      });
    }
    const kind = scopeKind(g);
    if (!ALLOWED_SCOPES[g.role].includes(kind)) {
      throw new AppError('ACCOUNTS_ROLE_SCOPE_INVALID', `${g.role} cannot be granted with ${kind} scope`, {
        role: g.role,
        scope: kind,
        allowed: ALLOWED_SCOPES[g.role],
      });
    }
  }
  const powers = new Set(grants.map((g) => POWER[g.role]));
  if (powers.size > 1) {
    throw new AppError('ACCOUNTS_ROLES_CONFLICT', 'administration, use and audit must be separate accounts', {
      powers: [...powers],
    });
  }
}
