import { auditEntry } from '../audit/entry.js';
import { hasRole } from '../accounts/policy.js';
import type { AuditAction } from '../audit/actions.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import type { Repositories } from '../shared/unit-of-work.js';
import { licenseTarget } from './issue-licenses.js';
import { nextLicenseStatus, type LicenseAction } from './lifecycle.js';
import { isIsoDate } from './prepare.js';
import { CANCEL_REASONS, type License } from './types.js';

/** Actions staff take on an issued version (update and expiry have their own use cases). */
export type StaffLicenseAction = Exclude<LicenseAction, 'issue' | 'update' | 'expire'>;

const AUDIT: Record<StaffLicenseAction, AuditAction> = {
  cancel: 'licenses.cancelled',
  revoke: 'licenses.revoked',
  suspend: 'licenses.suspended',
  resume: 'licenses.resumed',
  report_lost: 'licenses.reported_lost',
  recover: 'licenses.recovered',
  pledge: 'licenses.pledged',
  release: 'licenses.released',
  inspect: 'licenses.inspected',
  extend: 'licenses.extended',
};

export interface ChangeLicenseInput {
  readonly id: string;
  readonly action: StaffLicenseAction;
  /** Required for every action: why (shown to holders and verifiers where the status shows). */
  readonly reason: string;
  /** 注销: normal / issued_in_error / other (then `reason` says what). */
  readonly reasonCode?: string;
  /** 延期: the new end of validity (after the current one). */
  readonly validTo?: string;
  /** 年检: the inspection's result and date. */
  readonly inspection?: { readonly result: string; readonly date: string };
  /** 质押: the pledgee. */
  readonly pledgee?: string;
  readonly rowVersion?: number;
}

export async function loadLicense(r: Repositories, id: string, forUpdate = false): Promise<License> {
  const license = forUpdate ? await r.licenses.getForUpdate(id) : await r.licenses.get(id);
  if (!license) throw new AppError('LICENSE_NOT_FOUND', `licence ${id} not found`, { id });
  return license;
}

export function authorizeIssuer(actor: Actor, l: { regionCode: string; departmentId: string }): void {
  if (!hasRole(actor, ['issuer'], { regionCode: l.regionCode, departmentId: l.departmentId }))
    throw new AppError('AUTH_FORBIDDEN', 'only issuers of the issuing department manage its licences', {
      regionCode: l.regionCode,
      departmentId: l.departmentId,
    });
}

function details(input: ChangeLicenseInput, current: License): Record<string, unknown> {
  const invalid = (field: string, message: string) =>
    new AppError('LICENSE_DATA_INVALID', message, {
      problems: [{ item: field, problem: 'INVALID', message }],
    });
  switch (input.action) {
    case 'cancel':
      if (!input.reasonCode || !(CANCEL_REASONS as readonly string[]).includes(input.reasonCode))
        throw invalid('reasonCode', `one of ${CANCEL_REASONS.join(', ')}`);
      return {};
    case 'extend':
      if (current.longTerm || current.validTo === null)
        throw invalid('validTo', 'the licence has no end date');
      if (!input.validTo || !isIsoDate(input.validTo) || input.validTo <= current.validTo)
        throw invalid('validTo', `a real date after ${current.validTo}`);
      return { previousValidTo: current.validTo, validTo: input.validTo };
    case 'inspect':
      if (!input.inspection?.result.trim() || !isIsoDate(input.inspection.date))
        throw invalid('inspection', 'an inspection result and a real date');
      return { inspection: input.inspection };
    case 'pledge':
      if (!input.pledgee?.trim()) throw invalid('pledgee', 'name the pledgee');
      return { pledgee: input.pledgee };
    default:
      return {};
  }
}

/**
 * 注销, 吊销, 暂扣/恢复, 挂失/找回, 质押/解押, 年检, 延期 on the current version: the state machine
 * decides, the issuing department's issuers act, and the event with actor, reason and time is
 * recorded and audited in the same transaction.
 */
export async function changeLicense(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'>,
  { actor, meta, input }: Call<ChangeLicenseInput>,
): Promise<License> {
  if (!input.reason?.trim() || [...input.reason].length > 500)
    throw new AppError('LICENSE_DATA_INVALID', 'a reason (1–500 characters) is required', {
      problems: [{ item: 'reason', problem: 'REQUIRED', message: 'reason required' }],
    });
  return deps.uow.run(async (r) => {
    const current = await loadLicense(r, input.id, true);
    authorizeIssuer(actor, current);
    if (input.rowVersion !== undefined && input.rowVersion !== current.rowVersion)
      throw new AppError('LICENSE_VERSION_CONFLICT', 'the licence changed meanwhile', { id: current.id });
    const status = nextLicenseStatus(current.status, input.action);
    const extra = details(input, current);
    const now = deps.clock.now();
    const next: License = {
      ...current,
      status,
      ...(input.action === 'extend' ? { validTo: input.validTo as string } : {}),
      updatedAt: now,
      rowVersion: current.rowVersion + 1,
    };
    if (!(await r.licenses.update(next, current.rowVersion)))
      throw new AppError('LICENSE_VERSION_CONFLICT', 'the licence changed meanwhile', { id: current.id });
    await r.licenses.addEvent({
      id: deps.ids.uuid(),
      licenseId: current.id,
      seriesId: current.seriesId,
      action: input.action,
      fromStatus: current.status,
      toStatus: status,
      reasonCode: input.reasonCode ?? null,
      reason: input.reason,
      actorId: actor.kind === 'user' ? actor.id : null,
      details: extra,
      at: now,
    });
    await r.audit.append(
      auditEntry(actor, meta, now, AUDIT[input.action], licenseTarget(next), {
        identifier: current.identifier,
        from: current.status,
        to: status,
        reasonCode: input.reasonCode ?? null,
        reason: input.reason,
        ...extra,
      }),
    );
    return next;
  });
}
