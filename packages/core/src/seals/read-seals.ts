import { adminRegionScopes, hasRole } from '../accounts/policy.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import type { Page, PageRequest } from '../shared/page.js';
import { filingOverdue } from './lifecycle.js';
import type {
  SealAttachment,
  SealFiling,
  SealReview,
  SealStatusEvent,
  SealUsage,
  SealUseRequest,
  SealVersion,
} from './ports.js';
import { loadSeal } from './seal-access.js';
import type { Seal, SealStatus, SealType } from './types.js';

export interface SealDetail {
  readonly seal: Seal;
  readonly filing: (SealFiling & { readonly overdue: boolean }) | null;
  readonly reviews: SealReview[];
  readonly history: SealStatusEvent[];
  readonly versions: SealVersion[];
  readonly attachments: Omit<SealAttachment, 'bytes'>[];
}

/** Seal staff of the seal's department or region, the keeper, and approvers may read a seal. */
function canRead(actor: Actor, seal: Seal): boolean {
  if (actor.kind === 'user' && (actor.id === seal.keeperId || actor.id === seal.applicantId)) return true;
  return hasRole(actor, ['seal_admin', 'seal_keeper', 'approver', 'platform_admin'], {
    regionCode: seal.regionCode,
    departmentId: seal.departmentId,
  });
}

export async function getSeal(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  actor: Actor,
  id: string,
): Promise<SealDetail> {
  return deps.uow.run(async (r) => {
    const seal = await loadSeal(r, id);
    if (!canRead(actor, seal))
      throw new AppError('AUTH_FORBIDDEN', 'not allowed to read this seal', { regionCode: seal.regionCode });
    const filing = await r.seals.filing(seal.id);
    return {
      seal,
      filing: filing
        ? { ...filing, overdue: filingOverdue(filing.madeAt, filing.filedAt, deps.clock.now()) }
        : null,
      reviews: await r.seals.reviews(seal.id),
      history: await r.seals.statusEvents(seal.id),
      versions: await r.seals.versions(seal.id),
      attachments: await r.seals.attachments(seal.id),
    };
  });
}

export async function listSeals(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  query: { q?: string; status?: SealStatus; type?: SealType; departmentId?: string } & PageRequest,
): Promise<Page<Seal>> {
  const prefixes = adminRegionScopes(actor, 'seals.read');
  if (prefixes !== null && prefixes.length === 0) {
    // Department-scoped seal staff see their departments' seals.
    const departments =
      actor.kind === 'user' ? actor.roles.flatMap((g) => (g.departmentId ? [g.departmentId] : [])) : [];
    if (departments.length === 0 || (query.departmentId && !departments.includes(query.departmentId))) {
      throw new AppError('AUTH_FORBIDDEN', 'not allowed to list seals');
    }
    const departmentId = query.departmentId ?? departments[0]!;
    return deps.uow.run((r) => r.seals.list({ ...query, departmentId, prefixes: null }));
  }
  return deps.uow.run((r) => r.seals.list({ ...query, prefixes }));
}

/** Public status lookup by seal code: what anyone may know about a seal. */
export async function lookupSealStatus(deps: Pick<CoreDeps, 'uow' | 'clock'>, code: string) {
  return deps.uow.run(async (r) => {
    const seal = await r.seals.getByCode(code);
    if (!seal || ['applied', 'rejected', 'withdrawn', 'approved'].includes(seal.status)) {
      throw new AppError('SEALS_NOT_FOUND', `no seal ${code}`);
    }
    const filing = await r.seals.filing(seal.id);
    return {
      code: seal.code,
      name: seal.name,
      type: seal.type,
      purpose: seal.purpose,
      ownerName: seal.owner.name,
      status: seal.status,
      validFrom: seal.validFrom,
      validTo: seal.validTo,
      filed: Boolean(filing?.filedAt),
      sealVersion: seal.sealVersion,
    };
  });
}

/**
 * The seal's status at a moment (from its status history): for verifying past signatures. Signing
 * times are written in whole seconds (PDF /M, SES timeInfo), so events count from the start of
 * their second: a licence signed in the same second its seal was activated was signed when active.
 */
export function statusAt(history: readonly SealStatusEvent[], at: Date): SealStatus | null {
  let status: SealStatus | null = null;
  for (const event of history) {
    if (Math.floor(event.at.getTime() / 1000) * 1000 <= at.getTime()) status = event.status;
  }
  return status;
}

export async function listSealUse(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  sealId: string,
  page: PageRequest,
): Promise<{ requests: SealUseRequest[]; usages: Page<SealUsage> }> {
  return deps.uow.run(async (r) => {
    const seal = await loadSeal(r, sealId);
    if (
      !canRead(actor, seal) &&
      !hasRole(actor, ['issuer', 'user_operator'], {
        regionCode: seal.regionCode,
        departmentId: seal.departmentId,
      })
    ) {
      throw new AppError('AUTH_FORBIDDEN', 'not allowed to read this seal', { regionCode: seal.regionCode });
    }
    return { requests: await r.sealUses.list(seal.id), usages: await r.sealUses.usages(seal.id, page) };
  });
}
