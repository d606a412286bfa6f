import { describe, expect, it } from 'vitest';
import { isInForce, LICENSE_ACTIONS, nextLicenseStatus, type LicenseAction } from './lifecycle.js';
import { LICENSE_STATUSES, type LicenseStatus } from './types.js';

/** Every allowed edge; every other (status, action) pair must be refused. */
const EDGES: Record<string, LicenseStatus> = {
  'made/issue': 'valid',
  'valid/update': 'superseded',
  'valid/cancel': 'cancelled',
  'suspended/cancel': 'cancelled',
  'lost/cancel': 'cancelled',
  'pledged/cancel': 'cancelled',
  'expired/cancel': 'cancelled',
  'valid/revoke': 'revoked',
  'suspended/revoke': 'revoked',
  'lost/revoke': 'revoked',
  'pledged/revoke': 'revoked',
  'valid/suspend': 'suspended',
  'suspended/resume': 'valid',
  'valid/report_lost': 'lost',
  'lost/recover': 'valid',
  'valid/pledge': 'pledged',
  'pledged/release': 'valid',
  'valid/inspect': 'valid',
  'pledged/inspect': 'pledged',
  'valid/extend': 'valid',
  'pledged/extend': 'pledged',
  'expired/extend': 'valid',
  'valid/expire': 'expired',
  'pledged/expire': 'expired',
};

describe('licence lifecycle', () => {
  for (const status of LICENSE_STATUSES) {
    for (const action of LICENSE_ACTIONS) {
      const key = `${status}/${action}`;
      const expected = EDGES[key];
      it(`${key} → ${expected ?? 'refused'}`, () => {
        if (expected) expect(nextLicenseStatus(status, action as LicenseAction)).toBe(expected);
        else
          expect(() => nextLicenseStatus(status, action as LicenseAction)).toThrow(
            expect.objectContaining({ code: 'LICENSE_INVALID_TRANSITION' }),
          );
      });
    }
  }

  it('terminal statuses accept nothing', () => {
    for (const status of ['cancelled', 'revoked', 'superseded'] as const) {
      expect(LICENSE_ACTIONS.filter((a) => Object.hasOwn(EDGES, `${status}/${a}`))).toEqual([]);
    }
  });

  it('only valid and pledged licences are in force', () => {
    expect(LICENSE_STATUSES.filter(isInForce)).toEqual(['valid', 'pledged']);
  });
});
