import type { Repositories } from '../shared/unit-of-work.js';
import type { DepartmentRate, RateBreakdown, RateLine, RegionRate } from './types.js';

export const rateOf = (part: number, whole: number): RateLine => ({
  whole,
  part,
  rate: whole === 0 ? null : part / whole,
});

type DepartmentCount = Omit<DepartmentRate, 'rate'>;

/** Totals, department lines and lines per region (summed over the departments of each region code). */
export async function rateBreakdown(
  r: Repositories,
  departments: readonly DepartmentCount[],
): Promise<RateBreakdown> {
  const byRegion = new Map<string, { whole: number; part: number }>();
  for (const d of departments) {
    const sum = byRegion.get(d.regionCode) ?? { whole: 0, part: 0 };
    byRegion.set(d.regionCode, { whole: sum.whole + d.whole, part: sum.part + d.part });
  }
  const regions: RegionRate[] = [];
  for (const [regionCode, sum] of [...byRegion].sort(([a], [b]) => a.localeCompare(b))) {
    const region = await r.regions.get(regionCode);
    regions.push({ regionCode, regionName: region?.name ?? regionCode, ...rateOf(sum.part, sum.whole) });
  }
  const whole = departments.reduce((n, d) => n + d.whole, 0);
  const part = departments.reduce((n, d) => n + d.part, 0);
  return {
    totals: rateOf(part, whole),
    departments: departments.map((d) => ({ ...d, ...rateOf(d.part, d.whole) })),
    regions,
  };
}
