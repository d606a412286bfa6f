import { auditEntry } from '../audit/entry.js';
import type { License } from '../licensing/types.js';
import type { Actor, RequestMeta } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { CoreDeps } from '../shared/deps.js';
import { requireHolder } from './holder-identity.js';
import { loadOwnLicense } from './own-license.js';

/** The signed file of one of the holder's licences; audited (`holder.license.downloaded`). */
export async function downloadMyLicense(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  actor: Actor,
  meta: RequestMeta,
  id: string,
): Promise<{ license: License; pdf: Uint8Array }> {
  const holder = requireHolder(actor);
  return deps.uow.run(async (r) => {
    const license = await loadOwnLicense(r, holder, id);
    const pdf = await r.blobs.get(license.fileSha256);
    if (!pdf) throw new AppError('LICENSE_FILE_MISSING', 'the licence file is missing', { id });
    await r.audit.append(
      auditEntry(
        holder,
        meta,
        deps.clock.now(),
        'holder.license.downloaded',
        { type: 'license', id: license.id, regionCode: license.regionCode },
        { identifier: license.identifier, fileSha256: license.fileSha256 },
      ),
    );
    return { license, pdf };
  });
}
