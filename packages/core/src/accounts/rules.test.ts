import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Actor } from '../shared/actor.js';
import type { AppError } from '../shared/app-error.js';
import type { Ids } from '../shared/runtime.js';
import { ipAllowed, ipMatches } from './ip-allow-list.js';
import { checkPasswordPolicy, generatePassword } from './password-policy.js';
import { can } from './policy.js';
import { validateGrants } from './roles.js';

const thrownCode = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as AppError).code;
  }
};

describe('password policy', () => {
  test('length, three character classes, not the username', () => {
    expect(thrownCode(() => checkPasswordPolicy('Str0ng-Passw0rd', 'alice', 12))).toBe('ok');
    expect(thrownCode(() => checkPasswordPolicy('Sh0rt-pw', 'alice', 12))).toBe('AUTH_PASSWORD_POLICY');
    expect(thrownCode(() => checkPasswordPolicy('alllowercaseletters', 'alice', 12))).toBe(
      'AUTH_PASSWORD_POLICY',
    );
    expect(thrownCode(() => checkPasswordPolicy('Alice-Passw0rd!', 'alice', 12))).toBe(
      'AUTH_PASSWORD_POLICY',
    );
  });
  test('generated passwords always satisfy the policy', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const ids: Ids = { uuid: () => '', token: () => '', randomBytes: () => bytes };
        const pw = generatePassword(ids);
        expect(pw).toHaveLength(16);
        checkPasswordPolicy(pw, 'oil', 12); // o, i, l are not in the generator's alphabet
      }),
    );
  });
});

describe('IP allow-list', () => {
  test('IPv4, IPv6, mapped addresses and bad rules', () => {
    expect(ipMatches('10.1.2.3', '10.1.0.0/16')).toBe(true);
    expect(ipMatches('10.2.2.3', '10.1.0.0/16')).toBe(false);
    expect(ipMatches('192.168.1.1', '192.168.1.1')).toBe(true);
    expect(ipMatches('::ffff:192.168.1.1', '192.168.1.0/24')).toBe(true);
    expect(ipMatches('2001:db8::1', '2001:db8::/32')).toBe(true);
    expect(ipMatches('2001:db9::1', '2001:db8::/32')).toBe(false);
    expect(ipMatches('::1', '::1')).toBe(true);
    expect(ipMatches('10.1.2.3', '10.1.0.0/33')).toBe(false);
    expect(ipMatches('300.1.2.3', '0.0.0.0/0')).toBe(false);
    expect(ipAllowed('8.8.8.8', [])).toBe(true);
    expect(ipAllowed(null, ['10.0.0.0/8'])).toBe(false);
  });
});

describe('roles and policy', () => {
  test('scope kinds and separation of powers', () => {
    expect(thrownCode(() => validateGrants([{ role: 'issuer', regionCode: null, departmentId: 'd' }]))).toBe(
      'ok',
    );
    expect(
      thrownCode(() => validateGrants([{ role: 'issuer', regionCode: '610100', departmentId: null }])),
    ).toBe('ACCOUNTS_ROLE_SCOPE_INVALID');
    expect(
      thrownCode(() =>
        validateGrants([{ role: 'platform_admin', regionCode: '610000', departmentId: null }]),
      ),
    ).toBe('ACCOUNTS_ROLE_SCOPE_INVALID');
    expect(
      thrownCode(() =>
        validateGrants([
          { role: 'region_admin', regionCode: '610000', departmentId: null },
          { role: 'issuer', regionCode: null, departmentId: 'd' },
        ]),
      ),
    ).toBe('ACCOUNTS_ROLES_CONFLICT');
  });
  test('region scope covers the region and below only', () => {
    const cityAdmin: Actor = {
      kind: 'user',
      id: 'u',
      username: 'u',
      roles: [{ role: 'region_admin', regionCode: '610100', departmentId: null }],
      departmentRegions: {},
    };
    expect(can(cityAdmin, 'departments.manage', { regionCode: '610113' })).toBe(true);
    expect(can(cityAdmin, 'departments.manage', { regionCode: '610100' })).toBe(true);
    expect(can(cityAdmin, 'departments.manage', { regionCode: '610200' })).toBe(false);
    expect(can(cityAdmin, 'departments.manage', { regionCode: '610000' })).toBe(false);
    expect(can(cityAdmin, 'audit.read', { regionCode: '610100' })).toBe(false);
    expect(can({ kind: 'anonymous' }, 'departments.manage', { regionCode: '610100' })).toBe(false);
    expect(
      can({ kind: 'app', id: 'a', departmentId: 'd', scopes: ['orgs:read'] }, 'departments.manage', {
        regionCode: '610100',
      }),
    ).toBe(false);
  });
});
