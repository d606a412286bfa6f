import { describe, expect, test } from 'vitest';
import type { Actor } from '../shared/actor.js';
import { SYSTEM_ACTOR } from '../shared/actor.js';
import type { AppError } from '../shared/app-error.js';
import {
  checkObligatoryTypeCode,
  obligatoryReadScope,
  summarizeObligatoryCoverage,
} from './obligatory-list.js';

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as AppError).code;
  }
  return undefined;
};

describe('type code of an obligatory entry', () => {
  test('the catalogue’s rules, the definer being the first 18 characters', () => {
    expect(checkObligatoryTypeCode('11100000000013338W011')).toEqual([]);
    expect(checkObligatoryTypeCode('11100000000013338W01')).toContain('type code must be 18 + 3 digits');
    expect(checkObligatoryTypeCode('11100000000013338W01A')).toContain('type code must be 18 + 3 digits');
    expect(checkObligatoryTypeCode('11100000000013338w011')).toContain('type code must be 18 + 3 digits');
    // A wrong check character of the 统一社会信用代码.
    expect(checkObligatoryTypeCode('91350203M0001QAY9B011')).toEqual([
      'definer code is not a valid 统一社会信用代码',
    ]);
  });
});

describe('证照电子化率', () => {
  const line = (departmentId: string, listed: number, opened: number) => ({
    departmentId,
    departmentName: departmentId,
    regionCode: '610100',
    listed,
    opened,
  });
  test('opened ÷ listed per department and in total; null when nothing is listed', () => {
    const coverage = summarizeObligatoryCoverage([line('a', 2, 1), line('b', 3, 0), line('c', 0, 0)]);
    expect(coverage.departments.map((d) => [d.departmentId, d.rate])).toEqual([
      ['a', 0.5],
      ['b', 0],
      ['c', null],
    ]);
    expect(coverage.totals).toEqual({ listed: 5, opened: 1, rate: 0.2 });
    expect(summarizeObligatoryCoverage([]).totals).toEqual({ listed: 0, opened: 0, rate: null });
    expect(summarizeObligatoryCoverage([line('a', 4, 4)]).totals.rate).toBe(1);
  });
});

describe('who reads the obligatory list', () => {
  const user = (roles: Extract<Actor, { kind: 'user' }>['roles']): Actor => ({
    kind: 'user',
    id: 'u1',
    username: 'u1',
    roles,
    departmentRegions: {},
  });
  test('platform grants and the system actor read everything', () => {
    expect(obligatoryReadScope(SYSTEM_ACTOR)).toBeNull();
    expect(obligatoryReadScope(user([{ role: 'auditor', regionCode: null, departmentId: null }]))).toBeNull();
  });
  test('region grants read their region and below; department grants their department', () => {
    expect(
      obligatoryReadScope(
        user([
          { role: 'auditor', regionCode: '610000', departmentId: null },
          { role: 'catalog_admin', regionCode: '610102', departmentId: null },
          { role: 'issuer', regionCode: null, departmentId: 'd1' },
        ]),
      ),
    ).toEqual({ prefixes: ['61', '610102'], departmentIds: ['d1'] });
    expect(obligatoryReadScope(user([]))).toEqual({ prefixes: [], departmentIds: [] });
  });
  test('anonymous callers and apps are refused', () => {
    expect(codeOf(() => obligatoryReadScope({ kind: 'anonymous' }))).toBe('AUTH_REQUIRED');
    expect(
      codeOf(() => obligatoryReadScope({ kind: 'app', id: 'a', departmentId: 'd1', scopes: ['orgs:read'] })),
    ).toBe('AUTH_FORBIDDEN');
  });
});
