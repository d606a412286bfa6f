import { chinaDate } from '../licensing/issue-licenses.js';
import { LONG_TERM } from '../licensing/metadata.js';
import type { License } from '../licensing/types.js';
import { AppError } from '../shared/app-error.js';
import type { Repositories } from '../shared/unit-of-work.js';
import type { UsageContext } from './types.js';

/** In force today: valid (or pledged) and not past its end date. */
export function inForce(l: License, now: Date): boolean {
  return (
    (l.status === 'valid' || l.status === 'pledged') && (l.validTo === null || l.validTo >= chinaDate(now))
  );
}

/**
 * The context holder's licences of the context's types that are in force (optionally the one with
 * `identifier`): USE_LICENSE_NOT_FOUND when there is none.
 */
export async function matchingLicenses(
  r: Repositories,
  context: UsageContext,
  now: Date,
  identifier?: string,
): Promise<License[]> {
  const found: License[] = [];
  for (const typeCode of context.licenseTypeCodes) {
    const page = await r.licenses.search({
      holderCode: context.holderCode,
      typeCode,
      ...(identifier ? { identifier } : {}),
      prefixes: null,
      page: 1,
      pageSize: 100,
    });
    found.push(
      ...page.items.filter(
        (l) => l.holder.codeType === context.holderCodeType && l.holder.code === context.holderCode,
      ),
    );
  }
  const usable = found.filter((l) => inForce(l, now) && (!identifier || l.identifier === identifier));
  if (!usable.length)
    throw new AppError('USE_LICENSE_NOT_FOUND', 'the holder has no licence in force matching the context', {
      contextId: context.id,
      ...(identifier ? { licenseIdentifier: identifier } : {}),
    });
  return usable;
}

/** The metadata every use returns next to the data items. */
export function licenseSummary(l: License) {
  return {
    licenseId: l.id,
    identifier: l.identifier,
    typeCode: l.typeCode,
    typeName: l.typeName,
    licenseNumber: l.licenseNumber,
    issuerName: l.issuerName,
    issuerCode: l.issuerCode,
    issueDate: l.issueDate,
    validFrom: l.validFrom,
    validTo: l.longTerm ? LONG_TERM : l.validTo,
    holderName: l.holder.name,
    holderCode: l.holder.code,
    holderCodeType: l.holder.codeType,
  };
}
