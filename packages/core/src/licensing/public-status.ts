import { maskValue } from '../catalog/data-items.js';
import { hasOpenObjection } from '../objections/read-objections.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import { chinaDate } from './issue-licenses.js';
import { LONG_TERM } from './metadata.js';
import type { LicenseTokens } from './ports.js';
import { LICENSE_STATUS_NAMES, type LicenseStatus } from './types.js';

/**
 * What the licence QR code shows to anyone who scans it: status (with an end date already passed
 * reported as expired even before the job ran), type, issuer, validity, the newest version when
 * this one was superseded, and the data masked by the type's rules. Without the right token the
 * licence is reported as unknown, so identifiers cannot be probed.
 */
export async function lookupLicenseStatus(
  deps: Pick<CoreDeps, 'uow' | 'clock'> & { readonly tokens: LicenseTokens },
  input: { identifier: string; token: string },
) {
  const notFound = () => new AppError('LICENSE_NOT_FOUND', 'no such licence');
  if (!deps.tokens.verify(input.identifier, input.token)) throw notFound();
  return deps.uow.read(async (r) => {
    const license = await r.licenses.byIdentifier(input.identifier);
    if (!license) throw notFound();
    const dataItems = await r.licenseTypes.dataItems(license.typeVersionId);
    const today = chinaDate(deps.clock.now());
    const status: LicenseStatus =
      (license.status === 'valid' || license.status === 'pledged') &&
      license.validTo !== null &&
      license.validTo < today
        ? 'expired'
        : license.status;
    const newest =
      status === 'superseded'
        ? ((await r.licenses.versions(license.seriesId)).at(-1)?.identifier ?? null)
        : null;
    const data: Record<string, string> = {};
    for (const item of dataItems ?? []) {
      const value = license.data[item.code];
      if (value === undefined || value === null || item.type === 'image' || item.type === 'table') continue;
      if (item.masking.kind === 'hidden') continue;
      data[item.labelZh] = maskValue(
        typeof value === 'boolean' ? (value ? '是' : '否') : String(value),
        item.masking,
      );
    }
    // 异议中: an objection to this version is submitted or being handled.
    const underObjection = await hasOpenObjection(r, license.id);
    const person = license.holder.codeType === '111';
    return {
      identifier: license.identifier,
      status,
      statusName: LICENSE_STATUS_NAMES[status],
      supersededBy: newest,
      underObjection,
      typeName: license.typeName,
      typeCode: license.typeCode,
      licenseNumber: license.licenseNumber,
      issuerName: license.issuerName,
      issueDate: license.issueDate,
      validFrom: license.validFrom,
      validTo: license.longTerm ? LONG_TERM : license.validTo,
      holderName: person
        ? maskValue(license.holder.name, { kind: 'partial', keepStart: 1, keepEnd: 0 })
        : license.holder.name,
      holderCode: maskValue(license.holder.code, { kind: 'partial', keepStart: 4, keepEnd: 4 }),
      data,
    };
  });
}
