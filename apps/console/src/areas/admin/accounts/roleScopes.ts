import type { RoleName } from '../../../session';

export type ScopeKind = 'platform' | 'region' | 'department';

/**
 * Which scopes each role may be granted in, and its power group (三权分立). The server decides
 * (packages/core/src/accounts/roles.ts); the form uses this only to offer sensible choices.
 */
export const ROLE_SCOPES: Record<RoleName, readonly ScopeKind[]> = {
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

export type Power = 'administration' | 'use' | 'audit';

export const ROLE_POWER: Record<RoleName, Power> = {
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

export const POWER_NAMES: Record<Power, readonly [string, string]> = {
  administration: ['管理类', 'Administration'],
  use: ['业务类', 'Business use'],
  audit: ['审计类', 'Audit'],
};

export const SCOPE_NAMES: Record<ScopeKind, readonly [string, string]> = {
  platform: ['全平台', 'Whole platform'],
  region: ['行政区划', 'Region'],
  department: ['部门', 'Department'],
};
