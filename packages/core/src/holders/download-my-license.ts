import { auditEntry } from '../audit/entry.js';
import { readLicenseFile } from '../licensing/license-files.js';
import type { License } from '../licensing/types.js';
import type { Actor, RequestMeta } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import { requireHolder } from './holder-identity.js';
import { loadOwnLicense } from './own-license.js';

/** The signed file of one of the holder's licences; audited (`holder.license.downloaded`). */
export async function downloadMyLicense(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  actor: Actor,
  meta: RequestMeta,
  id: string,
): Promise<{ license: License; pdf: Uint8Array; sha256: string }> {
  const holder = requireHolder(actor);
  return deps.uow.run(async (r) => {
    const license = await loadOwnLicense(r, holder, id);
    const { bytes: pdf, sha256 } = await readLicenseFile(r, license, 'pdf');
    await r.audit.append(
      auditEntry(
        holder,
        meta,
        deps.clock.now(),
        'holder.license.downloaded',
        { type: 'license', id: license.id, regionCode: license.regionCode },
        { identifier: license.identifier, fileSha256: sha256 },
      ),
    );
    return { license, pdf, sha256 };
  });
}
