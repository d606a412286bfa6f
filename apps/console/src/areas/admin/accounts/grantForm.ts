import type { RoleName } from '../../../session';
import type { RoleGrant } from '../shared/types';
import type { ScopeKind } from './roleScopes';
import { ROLE_SCOPES } from './roleScopes';

/** One row of the roles field. */
export interface GrantRow {
  role?: RoleName;
  scope?: ScopeKind;
  regionCode?: string;
  departmentId?: string;
}

export function toRows(grants: readonly RoleGrant[]): GrantRow[] {
  return grants.map((g) => ({
    role: g.role,
    scope: g.departmentId ? 'department' : g.regionCode ? 'region' : 'platform',
    regionCode: g.regionCode ?? undefined,
    departmentId: g.departmentId ?? undefined,
  }));
}

export function toGrants(rows: readonly GrantRow[]): RoleGrant[] {
  return rows
    .filter((r): r is GrantRow & { role: RoleName } => !!r.role)
    .map((r) => {
      const allowed = ROLE_SCOPES[r.role];
      const scope = r.scope && allowed.includes(r.scope) ? r.scope : allowed[0];
      return {
        role: r.role,
        regionCode: scope === 'region' ? (r.regionCode ?? null) : null,
        departmentId: scope === 'department' ? (r.departmentId ?? null) : null,
      };
    });
}
