import type { License } from '../licensing/types.js';
import { AppError } from '../shared/app-error.js';
import type { Repositories } from '../shared/unit-of-work.js';
import type { HolderActor } from './holder-identity.js';

/** True when the licence belongs to the holder (code type and code). */
export function ownsLicense(holder: HolderActor, license: License): boolean {
  return license.holder.codeType === holder.holderCodeType && license.holder.code === holder.holderCode;
}

/**
 * The holder's own licence version, or LICENSE_NOT_FOUND — the same answer for another holder's
 * licence as for none, so identifiers cannot be probed.
 */
export async function loadOwnLicense(r: Repositories, holder: HolderActor, id: string): Promise<License> {
  const license = await r.licenses.get(id);
  if (!license || !ownsLicense(holder, license) || license.status === 'made')
    throw new AppError('LICENSE_NOT_FOUND', `licence ${id} not found`, { id });
  return license;
}
