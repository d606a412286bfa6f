import { validateCitizenId, validateUscc } from '@zhengyin/gm';
import { hasRole } from '../accounts/policy.js';
import { scopeKind } from '../accounts/roles.js';
import type { HolderCodeType } from '../catalog/types.js';
import { getDepartmentOrThrow } from '../orgs/get-department.js';
import type { Department } from '../orgs/ports.js';
import { regionPrefix } from '../orgs/region-code.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Repositories } from '../shared/unit-of-work.js';
import type { UseReadScope } from './ports.js';

/** The app scope a business system needs to use licences. */
export const USE_SCOPE = 'licenses:use';

/** Holder code types the use service accepts, checked with their check digits. */
export const USE_HOLDER_CODE_TYPES = ['001', '111'] as const;

/** Problem with a holder code (type 001 统一社会信用代码, 111 公民身份号码), or null when valid. */
export function holderCodeProblem(codeType: string, code: string): string | null {
  if (codeType === '001') {
    const r = validateUscc(code);
    return r.valid ? null : `统一社会信用代码 invalid: ${r.message}`;
  }
  if (codeType === '111') {
    const r = validateCitizenId(code);
    return r.valid ? null : `公民身份号码 invalid: ${r.message}`;
  }
  return `holder code type ${codeType} is not accepted (001 or 111)`;
}

export function normalizeHolderCode(code: string): string {
  return code.trim().toUpperCase();
}

/** The department a staff member or app acts for; staff with several departments must name one. */
export async function actingDepartment(
  r: Repositories,
  actor: Actor,
  departmentId?: string,
): Promise<Department> {
  let id: string;
  if (actor.kind === 'app') {
    if (!actor.scopes.includes(USE_SCOPE))
      throw new AppError('AUTH_SCOPE_MISSING', `scope ${USE_SCOPE} required`, { scope: USE_SCOPE });
    if (departmentId && departmentId !== actor.departmentId)
      throw new AppError('AUTH_FORBIDDEN', 'an app acts for its own department only', { departmentId });
    id = actor.departmentId;
  } else if (actor.kind === 'user') {
    const own = [
      ...new Set(
        actor.roles.filter((g) => g.role === 'user_operator' && g.departmentId).map((g) => g.departmentId!),
      ),
    ];
    if (departmentId) {
      if (!own.includes(departmentId))
        throw new AppError('AUTH_FORBIDDEN', 'not a 用证人员 (user_operator) of this department', {
          departmentId,
        });
      id = departmentId;
    } else if (own.length === 1) {
      id = own[0]!;
    } else if (own.length === 0) {
      throw new AppError('AUTH_FORBIDDEN', 'only 用证人员 (user_operator) of a department use licences');
    } else {
      throw new AppError('USE_DEPARTMENT_REQUIRED', 'you act for several departments: name one', {
        departmentIds: own,
      });
    }
  } else if (actor.kind === 'system') {
    if (!departmentId) throw new AppError('USE_DEPARTMENT_REQUIRED', 'name the using department');
    id = departmentId;
  } else if (actor.kind === 'anonymous') {
    throw new AppError('AUTH_REQUIRED');
  } else {
    throw new AppError('AUTH_FORBIDDEN', 'staff or business systems only');
  }
  const department = await getDepartmentOrThrow(r.departments, id);
  if (!department.active) throw new AppError('ORGS_DEPARTMENT_INACTIVE', 'department is deactivated');
  return department;
}

/** Staff of the department (用证人员) manage its use list; the system actor may too. */
export function authorizeUseListManage(actor: Actor, department: { id: string; regionCode: string }): void {
  if (
    !hasRole(actor, ['user_operator'], { regionCode: department.regionCode, departmentId: department.id })
  ) {
    throw new AppError('AUTH_FORBIDDEN', 'only 用证人员 of the department manage its use list', {
      regionCode: department.regionCode,
      departmentId: department.id,
    });
  }
}

/** A region administrator of the department's region (or the platform administrator) reviews. */
export function authorizeUseListReview(actor: Actor, regionCode: string): void {
  if (!hasRole(actor, ['region_admin', 'platform_admin'], { regionCode })) {
    throw new AppError('AUTH_FORBIDDEN', 'only region administrators of the department’s region approve', {
      regionCode,
    });
  }
}

/**
 * Who reads use lists and contexts: department staff and apps their department, region administrators
 * and auditors their region, platform grants everything.
 */
export function useReadScope(actor: Actor): UseReadScope {
  if (actor.kind === 'system') return null;
  if (actor.kind === 'anonymous') throw new AppError('AUTH_REQUIRED');
  if (actor.kind === 'app') {
    if (!actor.scopes.includes(USE_SCOPE))
      throw new AppError('AUTH_SCOPE_MISSING', `scope ${USE_SCOPE} required`, { scope: USE_SCOPE });
    return { prefixes: [], departmentIds: [actor.departmentId] };
  }
  if (actor.kind !== 'user') throw new AppError('AUTH_FORBIDDEN', 'staff or business systems only');
  const grants = actor.roles.filter((g) =>
    ['user_operator', 'region_admin', 'platform_admin', 'auditor'].includes(g.role),
  );
  if (grants.some((g) => scopeKind(g) === 'platform')) return null;
  const scope = {
    prefixes: grants.flatMap((g) => (scopeKind(g) === 'region' ? [regionPrefix(g.regionCode!)] : [])),
    departmentIds: grants.flatMap((g) =>
      g.role === 'user_operator' && g.departmentId ? [g.departmentId] : [],
    ),
  };
  if (!scope.prefixes.length && !scope.departmentIds.length)
    throw new AppError('AUTH_FORBIDDEN', 'not allowed to read use lists or contexts');
  return scope;
}

export function inScope(scope: UseReadScope, target: { regionCode: string; departmentId: string }): boolean {
  return (
    scope === null ||
    scope.departmentIds.includes(target.departmentId) ||
    scope.prefixes.some((p) => target.regionCode.startsWith(p))
  );
}

/** The 404-style refusal a holder gets for anything not theirs. */
export function holderOwns(
  actor: Actor,
  holder: { holderCodeType: string; holderCode: string },
): actor is Extract<Actor, { kind: 'holder' }> {
  return (
    actor.kind === 'holder' &&
    actor.holderCodeType === holder.holderCodeType &&
    normalizeHolderCode(actor.holderCode) === holder.holderCode
  );
}

export function requireUseHolder(actor: Actor): Extract<Actor, { kind: 'holder' }> {
  if (actor.kind === 'holder') return actor;
  if (actor.kind === 'anonymous') throw new AppError('AUTH_REQUIRED', 'log in as a holder first');
  throw new AppError('AUTH_FORBIDDEN', 'holders only');
}

export const holderCodeTypeOf = (t: string) => t as HolderCodeType;

/** Who acted, for use records and code bookkeeping. */
export function actorRef(actor: Actor): { kind: 'user' | 'app' | 'system'; id: string } {
  if (actor.kind === 'user' || actor.kind === 'app' || actor.kind === 'system')
    return { kind: actor.kind, id: actor.id };
  throw new AppError('AUTH_FORBIDDEN', 'staff or business systems only');
}
