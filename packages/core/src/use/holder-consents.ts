import type { LicenseTypeVersion } from '../catalog/types.js';
import type { DataItemLabel } from '../holders/data-item-labels.js';
import { dataItemLabels } from '../holders/data-item-labels.js';
import type { Actor } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import type { Repositories } from '../shared/unit-of-work.js';
import { requireUseHolder } from './access.js';
import type { UsageContext } from './types.js';

/** What a holder is asked to consent to. */
export interface ConsentRequest {
  readonly contextId: string;
  readonly departmentId: string;
  readonly departmentName: string;
  readonly cause: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly businessNumber: string;
  readonly licenseTypeCodes: readonly string[];
  /** Names of the licence types, in the order of `licenseTypeCodes` (the code when unpublished). */
  readonly licenseTypeNames: readonly string[];
  readonly dataItems: readonly string[];
  /** What the holder is asked to share, in words (order of `dataItems`). */
  readonly dataItemLabels: readonly DataItemLabel[];
  readonly stage: string | null;
  readonly place: string | null;
  readonly operator: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/** The consent request as the holder sees it: department, licence type and data item names. */
export async function consentRequest(r: Repositories, c: UsageContext): Promise<ConsentRequest> {
  const departmentName = (await r.departments.get(c.departmentId))?.name ?? '';
  const types: (LicenseTypeVersion | null)[] = [];
  for (const code of c.licenseTypeCodes) types.push(await r.licenseTypes.published(code));
  return {
    contextId: c.id,
    departmentId: c.departmentId,
    departmentName,
    cause: c.cause,
    itemCode: c.itemCode,
    itemName: c.itemName,
    businessNumber: c.businessNumber,
    licenseTypeCodes: c.licenseTypeCodes,
    licenseTypeNames: c.licenseTypeCodes.map((code, i) => types[i]?.name ?? code),
    dataItems: c.dataItems,
    dataItemLabels: dataItemLabels(
      c.dataItems,
      types.flatMap((t) => (t ? [t.dataItems] : [])),
    ),
    stage: c.stage,
    place: c.place,
    operator: c.operator,
    createdAt: c.createdAt,
    expiresAt: c.expiresAt,
  };
}

/** The holder's consent requests still open, newest first. */
export async function listPendingConsents(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor }: { actor: Actor },
): Promise<ConsentRequest[]> {
  const holder = requireUseHolder(actor);
  return deps.uow.run(async (r) => {
    const contexts = await r.usageContexts.pendingForHolder(
      holder.holderCodeType,
      holder.holderCode.trim().toUpperCase(),
      deps.clock.now(),
    );
    const requests: ConsentRequest[] = [];
    for (const c of contexts) requests.push(await consentRequest(r, c));
    return requests;
  });
}
