import { AppError } from '../shared/app-error.js';
import type { SealStatus } from './types.js';

export const SEAL_ACTIONS = [
  'approve',
  'reject',
  'withdraw',
  'make',
  'file',
  'suspend',
  'resume',
  'report_lost',
  'revoke',
  'expire',
  'renew',
  'destroy_key',
] as const;
export type SealAction = (typeof SEAL_ACTIONS)[number];

/**
 * Every allowed edge of the seal lifecycle. `approve` on `applied` stays `applied` until the last
 * step of the approval chain (see `nextAfterApproval`); `renew` keeps the status and starts a new
 * seal version; report_lost suspends at once (挂失即停用).
 */
export const SEAL_TRANSITIONS: Readonly<Record<SealAction, Partial<Record<SealStatus, SealStatus>>>> = {
  approve: { applied: 'approved' },
  reject: { applied: 'rejected' },
  withdraw: { applied: 'withdrawn' },
  make: { approved: 'made' },
  file: { made: 'active' },
  suspend: { active: 'suspended' },
  resume: { suspended: 'active' },
  report_lost: { active: 'lost', suspended: 'lost' },
  revoke: { made: 'revoked', active: 'revoked', suspended: 'revoked', lost: 'revoked', expired: 'revoked' },
  expire: { active: 'expired', suspended: 'expired' },
  renew: { active: 'active', expired: 'active' },
  destroy_key: { revoked: 'destroyed' },
};

/** The status after `action`, or SEALS_INVALID_TRANSITION. */
export function nextSealStatus(status: SealStatus, action: SealAction): SealStatus {
  const next = SEAL_TRANSITIONS[action][status];
  if (!next) {
    throw new AppError('SEALS_INVALID_TRANSITION', `cannot ${action} a seal that is ${status}`, {
      status,
      action,
    });
  }
  return next;
}

/** After one more approval: still `applied` until every step of the chain has approved. */
export function nextAfterApproval(status: SealStatus, approvalsDone: number, steps: number): SealStatus {
  const next = nextSealStatus(status, 'approve');
  return approvalsDone + 1 >= steps ? next : status;
}

/** Only an active seal within its validity signs (suspended, lost, revoked, expired seals never do). */
export function canSign(status: SealStatus, validFrom: Date | null, validTo: Date | null, at: Date): boolean {
  return status === 'active' && validFrom !== null && validTo !== null && validFrom <= at && at < validTo;
}

/** Renewal window: from `windowDays` before expiry (configurable, 30 by default per local rules). */
export function canRenew(status: SealStatus, validTo: Date | null, at: Date, windowDays: number): boolean {
  if (status === 'expired') return true;
  if (status !== 'active' || validTo === null) return false;
  return validTo.getTime() - at.getTime() <= windowDays * 86_400_000;
}

/** 备案 must happen within 24 hours of making. */
export const FILING_DEADLINE_MS = 24 * 60 * 60 * 1000;

export function filingOverdue(madeAt: Date, filedAt: Date | null, now: Date): boolean {
  return filedAt === null && now.getTime() - madeAt.getTime() > FILING_DEADLINE_MS;
}
