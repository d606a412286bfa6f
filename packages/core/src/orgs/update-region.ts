import { auditEntry } from '../audit/entry.js';
import { authorize } from '../accounts/policy.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import type { Region } from './ports.js';

export interface UpdateRegionInput {
  readonly code: string;
  readonly name?: string;
  readonly active?: boolean;
}

export async function updateRegion(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<UpdateRegionInput>,
): Promise<Region> {
  return deps.uow.run(async (r) => {
    const current = await r.regions.get(input.code);
    if (!current)
      throw new AppError('ORGS_REGION_NOT_FOUND', `region ${input.code} not found`, { code: input.code });
    authorize(actor, 'regions.manage', { regionCode: current.parentCode ?? current.code });
    const next: Region = {
      ...current,
      name: input.name ?? current.name,
      active: input.active ?? current.active,
    };
    if (next.name === current.name && next.active === current.active) return current;
    const now = deps.clock.now();
    await r.regions.update(next, now);
    await r.audit.append(
      auditEntry(
        actor,
        meta,
        now,
        'orgs.region.updated',
        { type: 'region', id: next.code, regionCode: next.code },
        {
          before: { name: current.name, active: current.active },
          after: { name: next.name, active: next.active },
        },
      ),
    );
    return next;
  });
}
