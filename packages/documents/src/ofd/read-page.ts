/**
 * One page (GB/T 33190 §7.7): its Area (or the document's PageArea), templates with their ZOrder,
 * PageRes, Content layers and annotations. Nothing is cached: every call parses the parts again.
 */
import { ofdError } from './errors.js';
import { parseBox } from './geometry.js';
import type { OfdPackage } from './package.js';
import { readPageAnnotations } from './read-annotations.js';
import { readGraphics } from './read-graphics.js';
import { mergeResources, readResourceParts } from './read-resources.js';
import type { OfdBox, OfdLayer, OfdPage, OfdPageRef, OfdResources } from './types.js';
import { child, childText, childrenNamed, type XmlElement } from './xml.js';

export interface OfdTemplateRef {
  readonly id: string;
  readonly part: string;
  /** ZOrder written on TemplatePage (the page's Template element may override it). */
  readonly zOrder?: string;
}

/** What every page of a document shares, read once by openOfd. */
export interface PageContext {
  readonly pkg: OfdPackage;
  readonly pageArea: OfdBox;
  /** Public and document resources merged. */
  readonly resources: OfdResources;
  readonly templates: ReadonlyMap<string, OfdTemplateRef>;
  /** Page ID → annotation parts. */
  readonly annotations: ReadonlyMap<string, readonly string[]>;
}

type LayerType = OfdLayer['type'];
const LAYER_RANK: Record<LayerType, number> = { Background: 0, Body: 1, Foreground: 2 };
const layerType = (text: string | undefined): LayerType =>
  text === 'Background' || text === 'Foreground' ? text : 'Body';

function readPagePart(pkg: OfdPackage, part: string): XmlElement {
  const root = pkg.readXml(part);
  if (root.name !== 'Page')
    throw ofdError('OFD_MALFORMED', `${part} is not a Page part`, { part, root: root.name });
  return root;
}

function readLayers(root: XmlElement, part: string, template?: { id: string; type: LayerType }): OfdLayer[] {
  return childrenNamed(child(root, 'Content'), 'Layer').map((layer) => ({
    ...(layer.attrs.ID ? { id: layer.attrs.ID } : {}),
    type: template ? template.type : layerType(layer.attrs.Type),
    ...(template ? { templateId: template.id } : {}),
    ...(layer.attrs.DrawParam ? { drawParam: layer.attrs.DrawParam } : {}),
    objects: readGraphics(layer, part),
  }));
}

const pageResLocations = (root: XmlElement): string[] =>
  childrenNamed(root, 'PageRes')
    .map((r) => r.text.trim())
    .filter(Boolean);

export function readPage(ctx: PageContext, ref: OfdPageRef, index: number): OfdPage {
  const { pkg } = ctx;
  const root = readPagePart(pkg, ref.part);
  const boxText = childText(child(root, 'Area'), 'PhysicalBox');
  const physicalBox = boxText ? parseBox(boxText, `${ref.part} Area PhysicalBox`) : ctx.pageArea;

  const resources: OfdResources[] = [ctx.resources];
  const templateLayers: OfdLayer[] = [];
  for (const use of childrenNamed(root, 'Template')) {
    const id = use.attrs.TemplateID?.trim() ?? '';
    const template = ctx.templates.get(id);
    if (!template) {
      throw ofdError('OFD_MALFORMED', `${ref.part}: template ${id} is not in Document.xml`, {
        part: ref.part,
        templateId: id,
      });
    }
    const templateRoot = readPagePart(pkg, template.part);
    resources.push(readResourceParts(pkg, template.part, pageResLocations(templateRoot)));
    const type = layerType(use.attrs.ZOrder ?? template.zOrder ?? 'Background');
    templateLayers.push(...readLayers(templateRoot, template.part, { id, type }));
  }
  resources.push(readResourceParts(pkg, ref.part, pageResLocations(root)));

  const layers = [...templateLayers, ...readLayers(root, ref.part)];
  layers.sort((a, b) => LAYER_RANK[a.type] - LAYER_RANK[b.type]); // stable: templates stay first
  return {
    id: ref.id,
    index,
    part: ref.part,
    physicalBox,
    layers,
    annotations: readPageAnnotations(pkg, ctx.annotations.get(ref.id) ?? []),
    resources: mergeResources(...resources),
  };
}
