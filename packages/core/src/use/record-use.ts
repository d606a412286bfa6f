import type { Department } from '../orgs/ports.js';
import type { License } from '../licensing/types.js';
import type { Actor } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import type { Repositories } from '../shared/unit-of-work.js';
import { actorRef } from './access.js';
import type { UsageContext, UseRecord } from './types.js';

/** Writes the 用证记录 of one licence handed over (who, when, why, which licence, which fields, how). */
export async function recordUseIn(
  r: Repositories,
  deps: Pick<CoreDeps, 'clock' | 'ids'>,
  actor: Actor,
  use: { context: UsageContext; department: Department },
  license: License,
  fields: readonly string[],
  kind: UseRecord['kind'],
): Promise<UseRecord> {
  const by = actorRef(actor);
  const { context } = use;
  const record: UseRecord = {
    id: deps.ids.uuid(),
    contextId: context.id,
    departmentId: use.department.id,
    departmentName: use.department.name,
    regionCode: use.department.regionCode,
    actorKind: by.kind,
    actorId: by.id,
    operator: context.operator,
    cause: context.cause,
    itemCode: context.itemCode,
    itemName: context.itemName,
    businessNumber: context.businessNumber,
    holderCode: context.holderCode,
    holderCodeType: context.holderCodeType,
    licenseId: license.id,
    licenseIdentifier: license.identifier,
    licenseTypeCode: license.typeCode,
    licenseTypeName: license.typeName,
    fields,
    kind,
    at: deps.clock.now(),
  };
  await r.useRecords.insert(record);
  return record;
}
