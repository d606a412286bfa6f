import { auditEntry } from '../audit/entry.js';
import { authorize } from '../accounts/policy.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import type { Region } from './ports.js';
import { checkRegionParent, regionLevel } from './region-code.js';

export interface CreateRegionInput {
  readonly code: string;
  readonly name: string;
  readonly parentCode?: string | null;
}

export async function createRegion(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<CreateRegionInput>,
): Promise<Region> {
  const parentCode = input.parentCode ?? null;
  const level = regionLevel(input.code);
  checkRegionParent(input.code, parentCode);
  authorize(actor, 'regions.manage', { regionCode: parentCode ?? input.code });
  return deps.uow.run(async (r) => {
    if (await r.regions.get(input.code)) {
      throw new AppError('ORGS_REGION_EXISTS', `region ${input.code} exists`, { code: input.code });
    }
    if (parentCode) {
      const parent = await r.regions.get(parentCode);
      if (!parent || !parent.active) {
        throw new AppError('ORGS_REGION_NOT_FOUND', `parent region ${parentCode} not found or inactive`, {
          parentCode,
        });
      }
    }
    const now = deps.clock.now();
    const region: Region = { code: input.code, name: input.name, level, parentCode, active: true };
    await r.regions.insert(region, now);
    await r.audit.append(
      auditEntry(
        actor,
        meta,
        now,
        'orgs.region.created',
        { type: 'region', id: region.code, regionCode: region.code },
        {
          name: region.name,
          parentCode,
        },
      ),
    );
    return region;
  });
}
