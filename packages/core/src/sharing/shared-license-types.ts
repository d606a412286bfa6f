import type { CoreDeps } from '../shared/deps.js';

const PAGE = 200;

/** getCertificateType: every published licence type with its data items (public catalogue facts). */
export async function sharedLicenseTypes(deps: Pick<CoreDeps, 'uow'>) {
  const types = [];
  for (let page = 1; ; page++) {
    const found = await deps.uow.read((r) =>
      r.licenseTypes.list({ status: 'published', prefixes: null, page, pageSize: PAGE }),
    );
    types.push(
      ...found.items.map((t) => ({
        typeCode: t.typeCode,
        name: t.name,
        version: t.version,
        holderCategory: t.holderCategory,
        dataItems: t.dataItems.map((d) => ({ code: d.code, labelZh: d.labelZh, type: d.type })),
      })),
    );
    if (page * PAGE >= found.total) return types;
  }
}
