import { scopeKind } from '../accounts/roles.js';
import { regionPrefix } from '../orgs/region-code.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import type { Page } from '../shared/page.js';
import type { Repositories } from '../shared/unit-of-work.js';
import { loadObjection } from './load-objection.js';
import type { ObjectionQuery } from './ports.js';
import type { Objection, ObjectionState } from './types.js';

/** Roles that see objections of their region / department (besides the departments that raised them). */
const READERS = [
  'platform_admin',
  'region_admin',
  'issuer',
  'auditor',
  'catalog_admin',
  'user_operator',
] as const;

type Scope = ObjectionQuery['scope'];

/** What the actor may see: null = everything. Holders see only their own (handled by the caller). */
function scopeOf(actor: Actor): Scope {
  if (actor.kind === 'system') return null;
  if (actor.kind === 'app') return { prefixes: [], departmentIds: [actor.departmentId] };
  if (actor.kind !== 'user') throw new AppError('AUTH_FORBIDDEN', 'not allowed: objections.read');
  const grants = actor.roles.filter((g) => (READERS as readonly string[]).includes(g.role) || g.departmentId);
  if (grants.some((g) => scopeKind(g) === 'platform')) return null;
  const scope = {
    prefixes: grants.filter((g) => g.regionCode).map((g) => regionPrefix(g.regionCode as string)),
    departmentIds: grants.filter((g) => g.departmentId).map((g) => g.departmentId as string),
  };
  if (!scope.prefixes.length && !scope.departmentIds.length)
    throw new AppError('AUTH_FORBIDDEN', 'not allowed: objections.read');
  return scope;
}

export function canSeeObjection(actor: Actor, o: Objection): boolean {
  if (actor.kind === 'holder')
    return o.requester.holderCodeType === actor.holderCodeType && o.requester.holderCode === actor.holderCode;
  if (actor.kind === 'anonymous') return false;
  const scope = scopeOf(actor);
  if (scope === null) return true;
  return (
    scope.prefixes.some((p) => o.regionCode.startsWith(p)) ||
    scope.departmentIds.includes(o.departmentId) ||
    (o.requester.departmentId !== null && scope.departmentIds.includes(o.requester.departmentId))
  );
}

export interface ListObjectionsInput {
  readonly page: number;
  readonly pageSize: number;
  readonly overdue?: boolean;
  readonly status?: ObjectionState;
  readonly licenseId?: string;
  readonly departmentId?: string;
}

/**
 * Objections the caller may see, newest first: staff by region / department (the handling
 * department and the department that raised it), apps by their department, holders their own.
 * `overdue: true` lists the open ones whose acknowledge or resolve deadline has passed.
 */
export async function listObjections(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  actor: Actor,
  input: ListObjectionsInput,
): Promise<Page<Objection>> {
  if (actor.kind === 'anonymous') throw new AppError('AUTH_REQUIRED');
  const holder =
    actor.kind === 'holder' ? { codeType: actor.holderCodeType, code: actor.holderCode } : undefined;
  const scope = holder ? null : scopeOf(actor);
  return deps.uow.run((r) =>
    r.objections.search({ ...input, now: deps.clock.now(), scope, ...(holder ? { holder } : {}) }),
  );
}

export async function getObjection(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  id: string,
): Promise<Objection> {
  const o = await deps.uow.run((r) => loadObjection(r, id));
  if (!canSeeObjection(actor, o))
    throw new AppError('AUTH_FORBIDDEN', 'not allowed to read this objection', {
      permission: 'objections.read',
    });
  return o;
}

/** One evidence file of an objection, for those who may see the objection. */
export async function objectionEvidenceFile(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  id: string,
  seq: number,
) {
  const o = await getObjection(deps, actor, id);
  const file = o.evidence.find((e) => e.seq === seq);
  if (!file) throw new AppError('OBJECTION_NOT_FOUND', `no evidence file ${seq}`, { id, seq });
  const bytes = await deps.uow.run((r) => r.blobs.get(file.sha256));
  if (!bytes) throw new AppError('LICENSE_FILE_MISSING', 'the evidence file is missing', { id, seq });
  return { file, bytes };
}

/** "Under objection" (异议中): the licence version has an objection still submitted or acknowledged. */
export async function hasOpenObjection(r: Repositories, licenseId: string): Promise<boolean> {
  return (await r.objections.openCountForLicense(licenseId)) > 0;
}

/** The verification module's objection port: "under objection" from the objections repository. */
export function objectionStatusOf(deps: Pick<CoreDeps, 'uow'>): {
  underObjection(license: { readonly id: string }): Promise<boolean>;
} {
  return { underObjection: (license) => deps.uow.run((r) => hasOpenObjection(r, license.id)) };
}
