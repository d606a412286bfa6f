import type { License } from '../licensing/types.js';
import type { Actor } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import type { DataItemLabel } from './data-item-labels.js';
import { dataItemLabels } from './data-item-labels.js';
import { requireHolder } from './holder-identity.js';
import { loadOwnLicense } from './own-license.js';

/** The holder's licence with the labels of its data items, in the order its type defines them. */
export type MyLicense = License & { readonly dataItems: readonly DataItemLabel[] };

/** One of the holder's licence versions with its full data (it is the holder's own). */
export async function getMyLicense(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  id: string,
): Promise<MyLicense> {
  const holder = requireHolder(actor);
  return deps.uow.run(async (r) => {
    const license = await loadOwnLicense(r, holder, id);
    const items = (await r.licenseTypes.dataItems(license.typeVersionId)) ?? [];
    const codes = [
      ...items.map((i) => i.code).filter((code) => code in license.data),
      ...Object.keys(license.data).filter((code) => !items.some((i) => i.code === code)),
    ];
    return { ...license, dataItems: dataItemLabels(codes, [items]) };
  });
}
