import { describe, expect, test } from 'vitest';
import type { AppError } from '../shared/app-error.js';
import {
  SEAL_ACTIONS,
  SEAL_TRANSITIONS,
  canRenew,
  canSign,
  filingOverdue,
  nextAfterApproval,
  nextSealStatus,
} from './lifecycle.js';
import { SEAL_STATUSES } from './types.js';

// The whole table, written out independently: every (status, action) pair is either this edge or refused.
const EXPECTED: Record<string, string> = {
  'applied approve': 'approved',
  'applied reject': 'rejected',
  'applied withdraw': 'withdrawn',
  'approved make': 'made',
  'made file': 'active',
  'active suspend': 'suspended',
  'suspended resume': 'active',
  'active report_lost': 'lost',
  'suspended report_lost': 'lost',
  'made revoke': 'revoked',
  'active revoke': 'revoked',
  'suspended revoke': 'revoked',
  'lost revoke': 'revoked',
  'expired revoke': 'revoked',
  'active expire': 'expired',
  'suspended expire': 'expired',
  'active renew': 'active',
  'expired renew': 'active',
  'revoked destroy_key': 'destroyed',
};

describe('seal lifecycle state machine', () => {
  for (const status of SEAL_STATUSES) {
    for (const action of SEAL_ACTIONS) {
      const key = `${status} ${action}`;
      test(key, () => {
        if (EXPECTED[key]) expect(nextSealStatus(status, action)).toBe(EXPECTED[key]);
        else {
          let error: AppError | undefined;
          try {
            nextSealStatus(status, action);
          } catch (e) {
            error = e as AppError;
          }
          expect(error?.code).toBe('SEALS_INVALID_TRANSITION');
        }
      });
    }
  }

  test('the table has exactly the expected edges', () => {
    const edges = Object.entries(SEAL_TRANSITIONS).flatMap(([action, map]) =>
      Object.keys(map).map((status) => `${status} ${action}`),
    );
    expect(edges.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test('a two-step approval chain stays applied after the first approval', () => {
    expect(nextAfterApproval('applied', 0, 2)).toBe('applied');
    expect(nextAfterApproval('applied', 1, 2)).toBe('approved');
    expect(nextAfterApproval('applied', 0, 1)).toBe('approved');
  });

  test('only an active seal within validity signs', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2027-01-01T00:00:00Z');
    const mid = new Date('2026-06-01T00:00:00Z');
    expect(canSign('active', from, to, mid)).toBe(true);
    for (const status of ['suspended', 'lost', 'revoked', 'expired', 'made'] as const) {
      expect(canSign(status, from, to, mid)).toBe(false);
    }
    expect(canSign('active', from, to, to)).toBe(false);
    expect(canSign('active', from, to, new Date('2025-12-31T23:59:59Z'))).toBe(false);
  });

  test('renewal from 30 days before expiry; expired seals may renew', () => {
    const to = new Date('2027-01-31T00:00:00Z');
    expect(canRenew('active', to, new Date('2027-01-01T00:00:00Z'), 30)).toBe(true);
    expect(canRenew('active', to, new Date('2026-12-31T23:59:59Z'), 30)).toBe(false);
    expect(canRenew('expired', to, new Date('2027-03-01T00:00:00Z'), 30)).toBe(true);
    expect(canRenew('suspended', to, new Date('2027-01-20T00:00:00Z'), 30)).toBe(false);
  });

  test('备案 is overdue after 24 hours', () => {
    const made = new Date('2026-11-20T08:00:00Z');
    expect(filingOverdue(made, null, new Date('2026-11-21T08:00:00Z'))).toBe(false);
    expect(filingOverdue(made, null, new Date('2026-11-21T08:00:01Z'))).toBe(true);
    expect(filingOverdue(made, new Date('2026-11-20T09:00:00Z'), new Date('2026-11-25T00:00:00Z'))).toBe(
      false,
    );
  });
});
