import { AppError } from '../shared/app-error.js';
import type { LicenseStatus } from './types.js';

/**
 * Lifecycle transitions of an issued licence version. `update` supersedes the version (a new
 * version is issued); `inspect` (年检) and `extend` (延期) keep the status;
 * extending an expired licence makes it valid again.
 */
export const LICENSE_ACTIONS = [
  'issue',
  'update',
  'cancel',
  'revoke',
  'suspend',
  'resume',
  'report_lost',
  'recover',
  'pledge',
  'release',
  'inspect',
  'extend',
  'expire',
] as const;
export type LicenseAction = (typeof LICENSE_ACTIONS)[number];

const LIVE: readonly LicenseStatus[] = ['valid', 'suspended', 'lost', 'pledged'];

const TRANSITIONS: Record<LicenseAction, { from: readonly LicenseStatus[]; to: LicenseStatus | 'same' }> = {
  issue: { from: ['made'], to: 'valid' },
  update: { from: ['valid'], to: 'superseded' },
  cancel: { from: [...LIVE, 'expired'], to: 'cancelled' },
  revoke: { from: LIVE, to: 'revoked' },
  suspend: { from: ['valid'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'valid' },
  report_lost: { from: ['valid'], to: 'lost' },
  recover: { from: ['lost'], to: 'valid' },
  pledge: { from: ['valid'], to: 'pledged' },
  release: { from: ['pledged'], to: 'valid' },
  inspect: { from: ['valid', 'pledged'], to: 'same' },
  extend: { from: ['valid', 'pledged', 'expired'], to: 'same' },
  expire: { from: ['valid', 'pledged'], to: 'expired' },
};

/** The status after `action`, or LICENSE_INVALID_TRANSITION. */
export function nextLicenseStatus(status: LicenseStatus, action: LicenseAction): LicenseStatus {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) {
    throw new AppError('LICENSE_INVALID_TRANSITION', `cannot ${action} a licence that is ${status}`, {
      status,
      action,
    });
  }
  if (action === 'extend' && status === 'expired') return 'valid';
  return t.to === 'same' ? status : t.to;
}

/** Whether a verifier should accept the licence as in force (status only; dates are separate). */
export const isInForce = (status: LicenseStatus): boolean => status === 'valid' || status === 'pledged';
