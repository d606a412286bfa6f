import { AppError } from '../shared/app-error.js';

export type RegionLevel = 'province' | 'city' | 'county';

/** Level of a GB/T 2260 code: XX0000 province, XXXX00 city (prefecture), otherwise county. */
export function regionLevel(code: string): RegionLevel {
  if (!/^\d{6}$/.test(code) || code.startsWith('00')) {
    throw new AppError('ORGS_REGION_CODE_INVALID', `not a GB/T 2260 area code: ${code}`, { code });
  }
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** The code prefix every region below (and including) `code` shares. */
export function regionPrefix(code: string): string {
  switch (regionLevel(code)) {
    case 'province':
      return code.slice(0, 2);
    case 'city':
      return code.slice(0, 4);
    case 'county':
      return code;
  }
}

/** Checks that `parentCode` is the region directly above `code` in the code hierarchy. */
export function checkRegionParent(code: string, parentCode: string | null): void {
  const level = regionLevel(code);
  if (level === 'province') {
    if (parentCode !== null)
      throw new AppError('ORGS_REGION_PARENT_MISMATCH', 'a province has no parent', { code });
    return;
  }
  if (parentCode === null) {
    throw new AppError('ORGS_REGION_PARENT_MISMATCH', `${code} needs its parent region`, { code });
  }
  const parentLevel = regionLevel(parentCode);
  // A county may sit directly under a province (省直辖县级行政区划, e.g. 4290xx) or under a city.
  const ok =
    (level === 'city' && parentLevel === 'province' && code.slice(0, 2) === parentCode.slice(0, 2)) ||
    (level === 'county' && parentLevel === 'city' && code.slice(0, 4) === parentCode.slice(0, 4)) ||
    (level === 'county' && parentLevel === 'province' && code.slice(0, 2) === parentCode.slice(0, 2));
  if (!ok) {
    throw new AppError('ORGS_REGION_PARENT_MISMATCH', `${parentCode} is not the parent of ${code}`, {
      code,
      parentCode,
    });
  }
}
