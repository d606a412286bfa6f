import { describe, expect, test } from 'vitest';
import type { AppError } from '../shared/app-error.js';
import { checkRegionParent, regionLevel, regionPrefix } from './region-code.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as AppError).code;
  }
  return 'ok';
};

describe('GB/T 2260 region codes', () => {
  test('levels and prefixes', () => {
    expect([regionLevel('610000'), regionLevel('610100'), regionLevel('610113')]).toEqual([
      'province',
      'city',
      'county',
    ]);
    expect([regionPrefix('610000'), regionPrefix('610100'), regionPrefix('610113')]).toEqual([
      '61',
      '6101',
      '610113',
    ]);
  });
  test('malformed codes are refused', () => {
    for (const bad of ['61000', '6100000', '61a000', '000000', ''])
      expect(code(() => regionLevel(bad))).toBe('ORGS_REGION_CODE_INVALID');
  });
  test('parents must match the hierarchy', () => {
    expect(code(() => checkRegionParent('610000', null))).toBe('ok');
    expect(code(() => checkRegionParent('610100', '610000'))).toBe('ok');
    expect(code(() => checkRegionParent('610113', '610100'))).toBe('ok');
    expect(code(() => checkRegionParent('429004', '420000'))).toBe('ok'); // 省直辖县级行政区划
    expect(code(() => checkRegionParent('610000', '110000'))).toBe('ORGS_REGION_PARENT_MISMATCH');
    expect(code(() => checkRegionParent('610100', null))).toBe('ORGS_REGION_PARENT_MISMATCH');
    expect(code(() => checkRegionParent('610100', '620000'))).toBe('ORGS_REGION_PARENT_MISMATCH');
    expect(code(() => checkRegionParent('610113', '610200'))).toBe('ORGS_REGION_PARENT_MISMATCH');
    expect(code(() => checkRegionParent('610100', '610113'))).toBe('ORGS_REGION_PARENT_MISMATCH');
  });
});
