/**
 * Resource parts (PublicRes, DocumentRes, PageRes; GB/T 33190 §7.9): fonts, multimedia, drawing
 * parameters, colour spaces and composite units. Files named by a resource (FontFile, MediaFile) are
 * relative to the Res part's BaseLoc directory, itself relative to the Res part.
 */
import { ofdError } from './errors.js';
import type { OfdPackage } from './package.js';
import { directoryOf } from './paths.js';
import { readColor, readGraphics } from './read-graphics.js';
import { parseBool, parseNumber, parseNumbers } from './read-values.js';
import type {
  OfdColorSpace,
  OfdCompositeUnit,
  OfdDrawParam,
  OfdFont,
  OfdMultiMedia,
  OfdResources,
} from './types.js';
import { child, childText, childrenNamed, type XmlElement } from './xml.js';

interface ResourceMaps {
  fonts: Map<string, OfdFont>;
  multiMedias: Map<string, OfdMultiMedia>;
  drawParams: Map<string, OfdDrawParam>;
  compositeUnits: Map<string, OfdCompositeUnit>;
  colorSpaces: Map<string, OfdColorSpace>;
}

const emptyMaps = (): ResourceMaps => ({
  fonts: new Map(),
  multiMedias: new Map(),
  drawParams: new Map(),
  compositeUnits: new Map(),
  colorSpaces: new Map(),
});

export const EMPTY_RESOURCES: OfdResources = emptyMaps();

/** Resources of several parts by id; a later part wins over an earlier one for the same id. */
export function mergeResources(...list: readonly OfdResources[]): OfdResources {
  const nonEmpty = list.filter(
    (r) =>
      r.fonts.size + r.multiMedias.size + r.drawParams.size + r.compositeUnits.size + r.colorSpaces.size > 0,
  );
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  const out = emptyMaps();
  for (const r of nonEmpty) {
    for (const key of Object.keys(out) as (keyof ResourceMaps)[]) {
      const target = out[key] as Map<string, unknown>;
      for (const [id, value] of r[key]) target.set(id, value);
    }
  }
  return out;
}

/**
 * Package path of a file a resource names. Producers differ on whether the name already includes
 * the BaseLoc directory, so the Res part's own directory is tried when the first guess is absent.
 */
function resourceFile(pkg: OfdPackage, baseDir: string, resPart: string, location: string): string {
  const first = pkg.resolve(`${baseDir}_`, location);
  if (pkg.has(first) || location.trim().startsWith('/')) return first;
  const second = pkg.resolve(resPart, location);
  return pkg.has(second) ? second : first;
}

function requireId(el: XmlElement, where: string): string {
  const id = el.attrs.ID?.trim();
  if (!id) throw ofdError('OFD_MALFORMED', `${where}: a ${el.name} without ID`, { where });
  return id;
}

function readFont(el: XmlElement, file: (loc: string) => string, where: string): OfdFont {
  const a = el.attrs;
  const fontFile = childText(el, 'FontFile');
  const flag = (name: string) =>
    a[name] !== undefined ? { [name.toLowerCase()]: parseBool(a[name], false) } : {};
  return {
    id: requireId(el, where),
    fontName: a.FontName ?? '',
    ...(a.FamilyName ? { familyName: a.FamilyName } : {}),
    ...flag('Bold'),
    ...flag('Italic'),
    ...flag('Serif'),
    ...(a.FixedWidth !== undefined ? { fixedWidth: parseBool(a.FixedWidth, false) } : {}),
    ...(fontFile ? { fontFile: file(fontFile) } : {}),
  };
}

function readDrawParam(el: XmlElement, where: string): OfdDrawParam {
  const a = el.attrs;
  const lineWidth = parseNumber(a.LineWidth, `${where} LineWidth`);
  const miterLimit = parseNumber(a.MiterLimit, `${where} MiterLimit`);
  const dashPattern = parseNumbers(a.DashPattern, `${where} DashPattern`);
  const fillColor = readColor(child(el, 'FillColor'), `${where} FillColor`);
  const strokeColor = readColor(child(el, 'StrokeColor'), `${where} StrokeColor`);
  return {
    id: requireId(el, where),
    ...(a.Relative ? { relative: a.Relative } : {}),
    ...(lineWidth !== undefined ? { lineWidth } : {}),
    ...(fillColor ? { fillColor } : {}),
    ...(strokeColor ? { strokeColor } : {}),
    ...(a.Cap ? { cap: a.Cap } : {}),
    ...(a.Join ? { join: a.Join } : {}),
    ...(miterLimit !== undefined ? { miterLimit } : {}),
    ...(dashPattern ? { dashPattern } : {}),
  };
}

function readColorSpace(el: XmlElement, where: string): OfdColorSpace {
  const bits = parseNumber(el.attrs.BitsPerComponent, `${where} BitsPerComponent`);
  const palette = childrenNamed(child(el, 'Palette'), 'CV').map(
    (cv, i) => parseNumbers(cv.text, `${where} Palette CV ${i}`) ?? [],
  );
  return {
    id: requireId(el, where),
    type: el.attrs.Type ?? 'RGB',
    ...(bits !== undefined ? { bitsPerComponent: bits } : {}),
    ...(palette.length > 0 ? { palette } : {}),
  };
}

function readCompositeUnit(el: XmlElement, part: string, where: string): OfdCompositeUnit {
  const content = child(el, 'Content');
  return {
    id: requireId(el, where),
    width: parseNumber(el.attrs.Width, `${where} Width`) ?? 0,
    height: parseNumber(el.attrs.Height, `${where} Height`) ?? 0,
    content: content ? readGraphics(content, part) : [],
  };
}

/** One Res part, parsed. */
export function readResourcePart(pkg: OfdPackage, part: string): OfdResources {
  const root = pkg.readXml(part);
  if (root.name !== 'Res')
    throw ofdError('OFD_MALFORMED', `${part} is not a Res part`, { part, root: root.name });
  const baseDir = root.attrs.BaseLoc?.trim()
    ? `${pkg.resolve(part, root.attrs.BaseLoc)}/`
    : directoryOf(part);
  const file = (loc: string) => resourceFile(pkg, baseDir, part, loc);
  const maps = emptyMaps();
  const each = (group: string, name: string, read: (el: XmlElement, where: string) => void) => {
    for (const g of childrenNamed(root, group)) {
      for (const el of childrenNamed(g, name)) read(el, `${part} ${name} ${el.attrs.ID ?? ''}`.trimEnd());
    }
  };
  each('Fonts', 'Font', (el, where) => {
    const font = readFont(el, file, where);
    maps.fonts.set(font.id, font);
  });
  each('MultiMedias', 'MultiMedia', (el, where) => {
    const media = childText(el, 'MediaFile');
    if (!media) throw ofdError('OFD_MALFORMED', `${where}: no MediaFile`, { where });
    const id = requireId(el, where);
    const format = el.attrs.Format?.trim();
    maps.multiMedias.set(id, {
      id,
      type: el.attrs.Type ?? 'Image',
      ...(format ? { format } : {}),
      file: file(media),
    });
  });
  each('DrawParams', 'DrawParam', (el, where) => {
    const dp = readDrawParam(el, where);
    maps.drawParams.set(dp.id, dp);
  });
  each('ColorSpaces', 'ColorSpace', (el, where) => {
    const cs = readColorSpace(el, where);
    maps.colorSpaces.set(cs.id, cs);
  });
  each('CompositeGraphicUnits', 'CompositeGraphicUnit', (el, where) => {
    const unit = readCompositeUnit(el, part, where);
    maps.compositeUnits.set(unit.id, unit);
  });
  return maps;
}

/**
 * Several Res parts named by `locations` relative to `fromPart`, merged in order. A Res part that is
 * named but absent is skipped: real files do that (V4RideRight.ofd names a PublicRes.xml it lacks),
 * and an object using one of its resources then finds no resource, which the renderer handles.
 */
export function readResourceParts(
  pkg: OfdPackage,
  fromPart: string,
  locations: readonly string[],
): OfdResources {
  const parts = locations.map((loc) => pkg.resolve(fromPart, loc)).filter((part) => pkg.has(part));
  return mergeResources(...parts.map((part) => readResourcePart(pkg, part)));
}
