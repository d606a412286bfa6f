/**
 * Custom tags (自定义标引, GB/T 33190 §16): CustomTags.xml names tag files (FileLoc relative to it);
 * a tag file is any XML whose elements hold ObjectRef children (PageRef attribute, object ID as text).
 * Tag files are parsed without namespace resolution: real invoices write `<:eInvoice xmlns:="">` and
 * unbound `ofd:` prefixes.
 */
import { ofdError } from './errors.js';
import type { OfdPackage } from './package.js';
import type { OfdCustomTag } from './types.js';
import { childText, childrenNamed, parseXml, type XmlElement } from './xml.js';

type TagEntry = OfdCustomTag['entries'][number];

function collectEntries(el: XmlElement, out: TagEntry[]): void {
  const refs = childrenNamed(el, 'ObjectRef').map((r) => ({
    ...(r.attrs.PageRef ? { pageRef: r.attrs.PageRef.trim() } : {}),
    objectId: r.text.trim(),
  }));
  if (refs.length > 0) out.push({ name: el.name, refs });
  for (const c of el.children) if (c.name !== 'ObjectRef') collectEntries(c, out);
}

export function readCustomTags(pkg: OfdPackage, part: string): OfdCustomTag[] {
  const root = pkg.readXml(part);
  if (root.name !== 'CustomTags') {
    throw ofdError('OFD_MALFORMED', `${part} is not a CustomTags part`, { part, root: root.name });
  }
  return childrenNamed(root, 'CustomTag').map((tag) => {
    const loc = childText(tag, 'FileLoc');
    const file = loc ? pkg.resolve(part, loc) : undefined;
    const entries: TagEntry[] = [];
    if (file) collectEntries(parseXml(pkg.read(file), file, pkg.limits.xml, { namespaces: false }), entries);
    return {
      ...(tag.attrs.NameSpace ? { nameSpace: tag.attrs.NameSpace } : {}),
      ...(tag.attrs.TypeID ? { typeId: tag.attrs.TypeID } : {}),
      ...(file ? { file } : {}),
      entries,
    };
  });
}
