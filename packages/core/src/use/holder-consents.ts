import type { Actor } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
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
  readonly dataItems: readonly string[];
  readonly stage: string | null;
  readonly place: string | null;
  readonly operator: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export function consentRequest(c: UsageContext, departmentName: string): ConsentRequest {
  return {
    contextId: c.id,
    departmentId: c.departmentId,
    departmentName,
    cause: c.cause,
    itemCode: c.itemCode,
    itemName: c.itemName,
    businessNumber: c.businessNumber,
    licenseTypeCodes: c.licenseTypeCodes,
    dataItems: c.dataItems,
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
    const names = new Map<string, string>();
    for (const c of contexts)
      if (!names.has(c.departmentId))
        names.set(c.departmentId, (await r.departments.get(c.departmentId))?.name ?? '');
    return contexts.map((c) => consentRequest(c, names.get(c.departmentId) ?? ''));
  });
}
