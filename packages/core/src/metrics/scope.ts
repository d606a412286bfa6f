import { hasRole } from '../accounts/policy.js';
import { scopeKind, type Role } from '../accounts/roles.js';
import { regionLevel, regionPrefix } from '../orgs/region-code.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Repositories } from '../shared/unit-of-work.js';

/** Who reads performance supervision: administrators of the platform or region, and auditors. */
export const METRICS_READERS: readonly Role[] = [
  'platform_admin',
  'region_admin',
  'catalog_admin',
  'auditor',
];

/** Who keeps a region's 事项清单. */
export const SERVICE_ITEM_MANAGERS: readonly Role[] = ['platform_admin', 'region_admin'];

export interface MetricsRegion {
  /** null: every region (platform-wide readers only). */
  readonly region: { readonly code: string; readonly name: string } | null;
  readonly prefix: string | null;
}

/**
 * The region a reader asked for, checked against their grants: a region grant reads its region and
 * below, a platform grant everything. Without a region, platform readers read everything and region
 * readers their own (first) region.
 */
export async function metricsRegion(
  r: Repositories,
  actor: Actor,
  regionCode?: string,
): Promise<MetricsRegion> {
  if (actor.kind === 'anonymous') throw new AppError('AUTH_REQUIRED');
  if (actor.kind !== 'user' && actor.kind !== 'system') throw new AppError('AUTH_FORBIDDEN', 'staff only');
  let code = regionCode;
  if (code === undefined && actor.kind === 'user') {
    const grants = actor.roles.filter((g) => METRICS_READERS.includes(g.role));
    if (!grants.some((g) => scopeKind(g) === 'platform'))
      code = grants.find((g) => g.regionCode)?.regionCode ?? undefined;
  }
  if (code === undefined) {
    if (!hasRole(actor, METRICS_READERS, { regionCode: null })) {
      throw new AppError('AUTH_FORBIDDEN', 'not allowed to read performance supervision');
    }
    return { region: null, prefix: null };
  }
  regionLevel(code);
  if (!hasRole(actor, METRICS_READERS, { regionCode: code })) {
    throw new AppError('AUTH_FORBIDDEN', 'not allowed to read this region’s performance supervision', {
      regionCode: code,
    });
  }
  const region = await r.regions.get(code);
  if (!region) throw new AppError('ORGS_REGION_NOT_FOUND', `region ${code} not found`, { code });
  return { region: { code: region.code, name: region.name }, prefix: regionPrefix(code) };
}
