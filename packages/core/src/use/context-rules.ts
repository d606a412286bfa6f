import { AppError } from '../shared/app-error.js';
import type { Repositories } from '../shared/unit-of-work.js';
import type { UsageContext, UsageContextStatus, UseListEntry } from './types.js';

/** Pending and approved contexts past their end are reported as expired. */
export function effectiveStatus(context: UsageContext, now: Date): UsageContextStatus {
  if ((context.status === 'pending_consent' || context.status === 'approved') && context.expiresAt <= now)
    return 'expired';
  return context.status;
}

export const contextTarget = (c: UsageContext) => ({
  type: 'usage_context',
  id: c.id,
  regionCode: c.regionCode,
});

/**
 * The department's approved use-list entries covering the item, each licence type and the data items:
 * every type needs an approved entry, every data item must be in one of them, and a duty-based use needs
 * every entry to allow it.
 */
export async function requireUseListCover(
  r: Repositories,
  request: {
    departmentId: string;
    itemCode: string;
    licenseTypeCodes: readonly string[];
    dataItems: readonly string[];
    mode: UsageContext['mode'];
  },
): Promise<UseListEntry[]> {
  const entries = await r.useLists.approvedFor(
    request.departmentId,
    request.itemCode,
    request.licenseTypeCodes,
  );
  const missing = request.licenseTypeCodes.filter((t) => !entries.some((e) => e.licenseTypeCode === t));
  if (missing.length)
    throw new AppError(
      'USE_NOT_IN_USE_LIST',
      'no approved use-list entry of the department covers this use',
      {
        departmentId: request.departmentId,
        itemCode: request.itemCode,
        licenseTypeCodes: missing,
      },
    );
  const allowed = new Set(entries.flatMap((e) => e.dataItems));
  const outside = request.dataItems.filter((d) => !allowed.has(d));
  if (outside.length)
    throw new AppError('USE_DATA_ITEM_NOT_ALLOWED', 'data items outside the department’s use list', {
      dataItems: outside,
    });
  if (request.mode === 'duty' && entries.some((e) => !e.dutyBased))
    throw new AppError('USE_DUTY_NOT_ALLOWED', 'the use list does not allow duty-based use (依职能) here', {
      itemCode: request.itemCode,
      licenseTypeCodes: entries.filter((e) => !e.dutyBased).map((e) => e.licenseTypeCode),
    });
  return entries;
}

/** An approved context still in its validity. */
export function requireUsable(context: UsageContext, now: Date): void {
  const status = effectiveStatus(context, now);
  if (status === 'expired')
    throw new AppError('USE_CONTEXT_EXPIRED', 'the usage context has expired', { contextId: context.id });
  if (status !== 'approved')
    throw new AppError('USE_CONTEXT_NOT_APPROVED', `the usage context is ${status}`, {
      contextId: context.id,
      status,
    });
}
