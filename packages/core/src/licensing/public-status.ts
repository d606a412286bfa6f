import { maskValue } from '../catalog/data-items.js';
import type { DataItem } from '../catalog/types.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import { chinaDate } from './issue-licenses.js';
import { LONG_TERM } from './metadata.js';
import type { LicenseTokens } from './ports.js';
import { LICENSE_STATUS_NAMES, type License, type LicenseStatus } from './types.js';

/** The status a verifier sees now: a valid (or pledged) licence past its end date reads as expired. */
export function effectiveLicenseStatus(
  license: { readonly status: LicenseStatus; readonly validTo: string | null },
  now: Date,
): LicenseStatus {
  return (license.status === 'valid' || license.status === 'pledged') &&
    license.validTo !== null &&
    license.validTo < chinaDate(now)
    ? 'expired'
    : license.status;
}

/**
 * What anyone shown a licence may see (QR lookup, 亮证 scan): status now, type, issuer, validity, the
 * holder masked when a person, and the data items masked by the type's rules (images, tables and hidden
 * items left out).
 */
export function publicLicenseFacts(license: License, dataItems: readonly DataItem[], now: Date) {
  const status = effectiveLicenseStatus(license, now);
  const data: Record<string, string> = {};
  for (const item of dataItems) {
    const value = license.data[item.code];
    if (value === undefined || value === null || item.type === 'image' || item.type === 'table') continue;
    if (item.masking.kind === 'hidden') continue;
    data[item.labelZh] = maskValue(
      typeof value === 'boolean' ? (value ? '是' : '否') : String(value),
      item.masking,
    );
  }
  const person = license.holder.codeType === '111';
  return {
    identifier: license.identifier,
    status,
    statusName: LICENSE_STATUS_NAMES[status],
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
}

/**
 * What the licence QR code shows to anyone who scans it: the public facts, the newest version when
 * this one was superseded and whether an objection (异议) is open. Without the right token the licence
 * is reported as unknown, so identifiers cannot be probed.
 */
export async function lookupLicenseStatus(
  deps: Pick<CoreDeps, 'uow' | 'clock'> & { readonly tokens: LicenseTokens },
  input: { identifier: string; token: string },
) {
  const notFound = () => new AppError('LICENSE_NOT_FOUND', 'no such licence');
  if (!deps.tokens.verify(input.identifier, input.token)) throw notFound();
  const view = await deps.uow.read((r) => r.licenses.publicView(input.identifier));
  if (!view) throw notFound();
  const facts = publicLicenseFacts(view.license, view.dataItems, deps.clock.now());
  return {
    ...facts,
    supersededBy: facts.status === 'superseded' ? view.newestIdentifier : null,
    underObjection: view.underObjection,
  };
}
