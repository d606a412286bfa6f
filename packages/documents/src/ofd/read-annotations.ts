/**
 * Annotations (GB/T 33190 §15): Annotations.xml lists per page the PageAnnot files (FileLoc relative
 * to Annotations.xml); each Annot has a type, flags, parameters and an Appearance drawn in its Boundary.
 */
import { ofdError } from './errors.js';
import { parseBox } from './geometry.js';
import type { OfdPackage } from './package.js';
import { readGraphics } from './read-graphics.js';
import { parseBool } from './read-values.js';
import type { OfdAnnotation } from './types.js';
import { child, childText, childrenNamed, type XmlElement } from './xml.js';

/** Page ID → package paths of its annotation parts, in file order. */
export function readAnnotationIndex(pkg: OfdPackage, part: string): ReadonlyMap<string, readonly string[]> {
  const root = pkg.readXml(part);
  if (root.name !== 'Annotations') {
    throw ofdError('OFD_MALFORMED', `${part} is not an Annotations part`, { part, root: root.name });
  }
  const index = new Map<string, string[]>();
  for (const page of childrenNamed(root, 'Page')) {
    const pageId = page.attrs.PageID?.trim();
    const loc = childText(page, 'FileLoc');
    if (!pageId || !loc)
      throw ofdError('OFD_MALFORMED', `${part}: a Page without PageID or FileLoc`, { part });
    const list = index.get(pageId) ?? [];
    list.push(pkg.resolve(part, loc));
    index.set(pageId, list);
  }
  return index;
}

function readAnnot(el: XmlElement, part: string, index: number): OfdAnnotation {
  const a = el.attrs;
  const where = `${part} Annot ${a.ID ?? index}`;
  const parameters: Record<string, string> = {};
  for (const p of childrenNamed(child(el, 'Parameters'), 'Parameter')) {
    if (p.attrs.Name !== undefined) parameters[p.attrs.Name] = p.text.trim();
  }
  const appearance = child(el, 'Appearance');
  const remark = childText(el, 'Remark');
  return {
    ...(a.ID ? { id: a.ID } : {}),
    type: a.Type ?? '',
    ...(a.Subtype ? { subtype: a.Subtype } : {}),
    ...(a.Creator ? { creator: a.Creator } : {}),
    visible: parseBool(a.Visible, true),
    print: parseBool(a.Print, true),
    ...(a.NoRotate !== undefined ? { noRotate: parseBool(a.NoRotate, false) } : {}),
    ...(a.NoZoom !== undefined ? { noZoom: parseBool(a.NoZoom, false) } : {}),
    parameters,
    ...(remark ? { remark } : {}),
    ...(appearance?.attrs.Boundary
      ? { boundary: parseBox(appearance.attrs.Boundary, `${where} Appearance Boundary`) }
      : {}),
    objects: appearance ? readGraphics(appearance, part) : [],
  };
}

/** The annotations of the PageAnnot parts `parts`, in order. */
export function readPageAnnotations(pkg: OfdPackage, parts: readonly string[]): OfdAnnotation[] {
  const out: OfdAnnotation[] = [];
  for (const part of parts) {
    const root = pkg.readXml(part);
    if (root.name !== 'PageAnnot') {
      throw ofdError('OFD_MALFORMED', `${part} is not a PageAnnot part`, { part, root: root.name });
    }
    childrenNamed(root, 'Annot').forEach((el, i) => out.push(readAnnot(el, part, i)));
  }
  return out;
}
