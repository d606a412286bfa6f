import type { License, LicenseStatus } from '../licensing/types.js';
import type { Actor } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import type { Page, PageRequest } from '../shared/page.js';
import { requireHolder } from './holder-identity.js';

/** 我的证照: the holder's current licence versions (superseded ones leave the list), newest first. */
export async function listMyLicenses(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  query: PageRequest & { readonly status?: LicenseStatus; readonly typeCode?: string },
): Promise<Page<License>> {
  const holder = requireHolder(actor);
  return deps.uow.run((r) =>
    r.holderLicenses.list({
      ...query,
      holderCodeType: holder.holderCodeType,
      holderCode: holder.holderCode,
    }),
  );
}
