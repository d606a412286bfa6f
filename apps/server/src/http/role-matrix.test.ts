import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '@zhengyin/core';
import { ApiError } from '@zhengyin/sdk';
import type { Client } from '@zhengyin/sdk';
import type { TestPlatform } from '../testing/index.js';
import { createTestPlatform } from '../testing/index.js';

let p: TestPlatform;
let orgs: Awaited<ReturnType<TestPlatform['seedOrgs']>>;
beforeAll(async () => {
  p = await createTestPlatform();
  orgs = await p.seedOrgs();
});
afterAll(() => p.close());

type Action =
  'createRegion' | 'createDepartment' | 'createUser' | 'createApp' | 'readAudit' | 'readDepartments';
let n = 0;
// Valid codes not used by seedOrgs; each successful creation consumes one.
const freeUsccs = [
  '11100000000013338W',
  '11220000013544541J',
  '11430000006122244L',
  '113700000045046442',
  '92330781MA2EDMFU50',
];
const attempts: Record<Action, (c: Client) => Promise<unknown>> = {
  createRegion: (c) =>
    c.createRegion({
      body: { code: `6101${String(20 + ++n).padStart(2, '0')}`, name: '测试区', parentCode: '610100' },
    }),
  createDepartment: async (c) => {
    await c.createDepartment({ body: { name: `测试部门${++n}`, uscc: freeUsccs[0]!, regionCode: '610100' } });
    freeUsccs.shift();
  },
  createUser: (c) =>
    c.createUser({
      body: {
        username: `matrix${++n}`,
        displayName: '矩阵',
        roles: [{ role: 'issuer', departmentId: orgs.deptA }],
      },
    }),
  createApp: (c) => c.createApp({ body: { name: `系统${++n}`, departmentId: orgs.deptA } }),
  readAudit: (c) => c.listAuditEvents({ query: {} }),
  readDepartments: (c) => c.listDepartments({ query: {} }),
};

// Expected: which actions each role may take (scope in parentheses).
const MATRIX: [Role, { regionCode?: string; departmentId?: 'A' }, Action[]][] = [
  ['platform_admin', {}, ['createRegion', 'createDepartment', 'createUser', 'createApp', 'readDepartments']],
  [
    'region_admin',
    { regionCode: '610100' },
    ['createRegion', 'createDepartment', 'createUser', 'createApp', 'readDepartments'],
  ],
  ['catalog_admin', { regionCode: '610000' }, ['readDepartments']],
  ['issuer', { departmentId: 'A' }, ['readDepartments']],
  ['user_operator', { departmentId: 'A' }, ['readDepartments']],
  ['seal_admin', { regionCode: '610100' }, ['readDepartments']],
  ['seal_keeper', { departmentId: 'A' }, ['readDepartments']],
  ['approver', { departmentId: 'A' }, ['readDepartments']],
  ['auditor', {}, ['readAudit', 'readDepartments']],
];

describe('authorisation matrix: each role allowed and denied where it should be', () => {
  test.each(MATRIX)('%s', async (role, scope, allowed) => {
    const { client } = await p.userWithRole(role, {
      ...(scope.regionCode ? { regionCode: scope.regionCode } : {}),
      ...(scope.departmentId ? { departmentId: orgs.deptA } : {}),
    });
    const outcome: Partial<Record<Action, string>> = {};
    for (const action of Object.keys(attempts) as Action[]) {
      try {
        await attempts[action](client);
        outcome[action] = 'allowed';
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        outcome[action] = e.code;
      }
    }
    const expected = Object.fromEntries(
      (Object.keys(attempts) as Action[]).map((a) => [a, allowed.includes(a) ? 'allowed' : 'AUTH_FORBIDDEN']),
    );
    expect(outcome).toEqual(expected);
  });

  test('administration, use and audit cannot be held by one account', async () => {
    const admin = await p.adminClient();
    const e = await admin
      .createUser({
        body: {
          username: 'mixed',
          displayName: '混合',
          roles: [{ role: 'platform_admin' }, { role: 'auditor' }],
        },
      })
      .catch((err: unknown) => err as ApiError);
    expect((e as ApiError).code).toBe('ACCOUNTS_ROLES_CONFLICT');
    const scopeErr = await admin
      .createUser({
        body: { username: 'badscope', displayName: 'x', roles: [{ role: 'issuer', regionCode: '610100' }] },
      })
      .catch((err: unknown) => err as ApiError);
    expect((scopeErr as ApiError).code).toBe('ACCOUNTS_ROLE_SCOPE_INVALID');
  });
});
