import type { Check } from '@zhengyin/documents';
import { effectiveLicenseStatus } from '../licensing/public-status.js';

export { effectiveLicenseStatus };
import { LICENSE_STATUS_NAMES, type LicenseStatus } from '../licensing/types.js';

/** What the status check needs of a licence version (a registry row or the QR lookup's answer). */
export interface LicenseStatusInput {
  readonly identifier: string;
  readonly status: LicenseStatus;
  /** Last valid day (ISO date, China time); null for long-term licences. */
  readonly validTo: string | null;
  /** The newest version's identifier when this one was superseded (变更). */
  readonly supersededBy?: string | null;
}

const INVALID_STATUS: Partial<Record<LicenseStatus, { code: string; en: string }>> = {
  expired: { code: 'LICENSE_EXPIRED', en: 'the licence has expired' },
  cancelled: { code: 'LICENSE_CANCELLED', en: 'the licence was cancelled' },
  revoked: { code: 'LICENSE_REVOKED', en: 'the licence was revoked' },
  suspended: { code: 'LICENSE_SUSPENDED', en: 'the licence is suspended' },
  lost: { code: 'LICENSE_LOST', en: 'the licence was reported lost' },
  superseded: { code: 'LICENSE_SUPERSEDED', en: 'a newer version of the licence replaces this one' },
  made: { code: 'LICENSE_NOT_ISSUED', en: 'the licence was never issued' },
};

/**
 * The registry status of a licence as checks (pure): LICENSE_STATUS (VALID for a licence in force,
 * INVALID with LICENSE_EXPIRED / CANCELLED / REVOKED / SUSPENDED / LOST / SUPERSEDED otherwise)
 * and LICENSE_OBJECTION (an objection (异议) being handled is reported, not failed: the licence
 * stays in force until the issuer corrects it).
 */
export function licenseStatusChecks(
  license: LicenseStatusInput,
  options: { readonly now: Date; readonly underObjection: boolean },
): Check[] {
  const status = effectiveLicenseStatus(license, options.now);
  const details: Record<string, unknown> = { status, statusName: LICENSE_STATUS_NAMES[status] };
  if (license.validTo) details.validTo = license.validTo;
  const checks: Check[] = [];
  const bad = INVALID_STATUS[status];
  if (bad) {
    const newer = status === 'superseded' ? (license.supersededBy ?? null) : null;
    checks.push({
      name: 'LICENSE_STATUS',
      status: 'INVALID',
      code: bad.code,
      message:
        status === 'superseded'
          ? `证照${LICENSE_STATUS_NAMES[status]}${newer ? `，最新版本 ${newer}` : ''} / ${bad.en}${newer ? `: ${newer}` : ''}`
          : `证照${LICENSE_STATUS_NAMES[status]} / ${bad.en}`,
      details: newer ? { ...details, supersededBy: newer } : details,
    });
  } else {
    checks.push({
      name: 'LICENSE_STATUS',
      status: 'VALID',
      code: status === 'pledged' ? 'LICENSE_PLEDGED' : 'LICENSE_VALID',
      message:
        status === 'pledged'
          ? '证照有效（质押中） / the licence is in force (pledged)'
          : '证照有效 / the licence is in force',
      details,
    });
  }
  checks.push(
    options.underObjection
      ? {
          name: 'LICENSE_OBJECTION',
          status: 'VALID',
          code: 'LICENSE_UNDER_OBJECTION',
          message:
            '证照数据存在异议，正在核实处理中（证照仍有效） / an objection to the licence data is being handled; the licence stays in force meanwhile',
          details: { warning: true },
        }
      : {
          name: 'LICENSE_OBJECTION',
          status: 'VALID',
          code: 'LICENSE_NO_OBJECTION',
          message: '无未决异议 / no open objection',
        },
  );
  return checks;
}
