/**
 * Graphic objects of a page block (GB/T 33190 §8–§13): text, path, image, composite objects and
 * nested PageBlocks, with colours, CTMs, clips and TextCode deltas ("g 3 1.5" unrolled). Unknown
 * elements are skipped, so files with later additions still read.
 */
import { parseBox, parseMatrix } from './geometry.js';
import { expandDeltas, parseBool, parseNumber, parseNumbers } from './read-values.js';
import { ofdError } from './errors.js';
import type {
  OfdClip,
  OfdColor,
  OfdGraphic,
  OfdGraphicBase,
  OfdImage,
  OfdPath,
  OfdText,
  OfdTextCode,
} from './types.js';
import { child, childText, childrenNamed, type XmlElement } from './xml.js';

/** A colour component: decimal, or "#FF" hexadecimal as some producers write. */
function component(token: string, where: string): number {
  const n = token.startsWith('#') ? Number.parseInt(token.slice(1), 16) : Number(token);
  if (!Number.isFinite(n) || (token.startsWith('#') && !/^#[0-9a-f]+$/i.test(token))) {
    throw ofdError('OFD_MALFORMED', `${where}: "${token}" is not a colour component`, { where });
  }
  return n;
}

/** FillColor / StrokeColor (CT_Color); shadings and patterns are not modelled. */
export function readColor(el: XmlElement | undefined, where: string): OfdColor | undefined {
  if (!el) return undefined;
  const { Value, Index, ColorSpace, Alpha } = el.attrs;
  const value = Value?.trim()
    ? Value.trim()
        .split(/\s+/)
        .map((t) => component(t, where))
    : undefined;
  const index = parseNumber(Index, `${where} Index`);
  const alpha = parseNumber(Alpha, `${where} Alpha`);
  return {
    ...(value ? { value } : {}),
    ...(index !== undefined ? { index } : {}),
    ...(ColorSpace ? { colorSpace: ColorSpace } : {}),
    ...(alpha !== undefined ? { alpha } : {}),
  };
}

function readClips(el: XmlElement, where: string): OfdClip[] | undefined {
  const clips: OfdClip[] = [];
  for (const clip of childrenNamed(child(el, 'Clips'), 'Clip')) {
    for (const area of childrenNamed(clip, 'Area')) {
      const path = child(area, 'Path');
      const data = childText(path, 'AbbreviatedData');
      if (!path || !data) continue; // a text clip area is not modelled
      const ctm = parseMatrix(area.attrs.CTM, `${where} Clip CTM`);
      clips.push({
        path: data,
        ...(ctm ? { ctm } : {}),
        ...(path.attrs.Boundary ? { boundary: parseBox(path.attrs.Boundary, `${where} Clip Boundary`) } : {}),
      });
    }
  }
  return clips.length > 0 ? clips : undefined;
}

function readBase(el: XmlElement, where: string): OfdGraphicBase {
  const a = el.attrs;
  const ctm = parseMatrix(a.CTM, `${where} CTM`);
  const lineWidth = parseNumber(a.LineWidth, `${where} LineWidth`);
  const alpha = parseNumber(a.Alpha, `${where} Alpha`);
  const clips = readClips(el, where);
  return {
    ...(a.ID ? { id: a.ID } : {}),
    boundary: parseBox(a.Boundary, `${where} Boundary`),
    ...(ctm ? { ctm } : {}),
    ...(a.DrawParam ? { drawParam: a.DrawParam } : {}),
    ...(lineWidth !== undefined ? { lineWidth } : {}),
    ...(alpha !== undefined ? { alpha } : {}),
    visible: parseBool(a.Visible, true),
    ...(clips ? { clips } : {}),
  };
}

function readTextCodes(el: XmlElement, where: string): OfdTextCode[] {
  const codes: OfdTextCode[] = [];
  let x = 0;
  let y = 0;
  for (const code of childrenNamed(el, 'TextCode')) {
    const text = code.text;
    const max = Math.max(0, [...text].length - 1);
    const deltaX = expandDeltas(code.attrs.DeltaX, max, `${where} DeltaX`);
    const deltaY = expandDeltas(code.attrs.DeltaY, max, `${where} DeltaY`);
    // X and Y may be left out: the code then continues where the previous one ended.
    x = parseNumber(code.attrs.X, `${where} TextCode X`) ?? x;
    y = parseNumber(code.attrs.Y, `${where} TextCode Y`) ?? y;
    codes.push({ x, y, ...(deltaX ? { deltaX } : {}), ...(deltaY ? { deltaY } : {}), text });
    x += (deltaX ?? []).reduce((s, d) => s + d, 0);
    y += (deltaY ?? []).reduce((s, d) => s + d, 0);
  }
  return codes;
}

function readText(el: XmlElement, where: string): OfdText {
  const a = el.attrs;
  const size = parseNumber(a.Size, `${where} Size`);
  if (size === undefined) throw ofdError('OFD_MALFORMED', `${where}: a text object without Size`, { where });
  const number = (name: string) => parseNumber(a[name], `${where} ${name}`);
  const fillColor = readColor(child(el, 'FillColor'), `${where} FillColor`);
  const strokeColor = readColor(child(el, 'StrokeColor'), `${where} StrokeColor`);
  const glyphTransforms = childrenNamed(el, 'CGTransform').map((t) => ({
    codePosition: parseNumber(t.attrs.CodePosition, `${where} CodePosition`) ?? 0,
    codeCount: parseNumber(t.attrs.CodeCount, `${where} CodeCount`) ?? 1,
    glyphCount: parseNumber(t.attrs.GlyphCount, `${where} GlyphCount`) ?? 1,
    glyphs: parseNumbers(childText(t, 'Glyphs'), `${where} Glyphs`) ?? [],
  }));
  const hScale = number('HScale');
  const weight = number('Weight');
  const readDirection = number('ReadDirection');
  const charDirection = number('CharDirection');
  return {
    kind: 'text',
    ...readBase(el, where),
    font: a.Font ?? '',
    size,
    fill: parseBool(a.Fill, true),
    stroke: parseBool(a.Stroke, false),
    ...(fillColor ? { fillColor } : {}),
    ...(strokeColor ? { strokeColor } : {}),
    ...(hScale !== undefined ? { hScale } : {}),
    ...(weight !== undefined ? { weight } : {}),
    ...(a.Italic ? { italic: parseBool(a.Italic, false) } : {}),
    ...(readDirection !== undefined ? { readDirection } : {}),
    ...(charDirection !== undefined ? { charDirection } : {}),
    codes: readTextCodes(el, where),
    ...(glyphTransforms.length > 0 ? { glyphTransforms } : {}),
  };
}

function readPath(el: XmlElement, where: string): OfdPath {
  const a = el.attrs;
  const fillColor = readColor(child(el, 'FillColor'), `${where} FillColor`);
  const strokeColor = readColor(child(el, 'StrokeColor'), `${where} StrokeColor`);
  const miterLimit = parseNumber(a.MiterLimit, `${where} MiterLimit`);
  const dashPattern = parseNumbers(a.DashPattern, `${where} DashPattern`);
  const dashOffset = parseNumber(a.DashOffset, `${where} DashOffset`);
  return {
    kind: 'path',
    ...readBase(el, where),
    data: childText(el, 'AbbreviatedData') ?? '',
    fill: parseBool(a.Fill, false),
    stroke: parseBool(a.Stroke, true),
    rule: a.Rule === 'Even-Odd' ? 'Even-Odd' : 'NonZero',
    ...(fillColor ? { fillColor } : {}),
    ...(strokeColor ? { strokeColor } : {}),
    ...(a.Cap ? { cap: a.Cap } : {}),
    ...(a.Join ? { join: a.Join } : {}),
    ...(miterLimit !== undefined ? { miterLimit } : {}),
    ...(dashPattern ? { dashPattern } : {}),
    ...(dashOffset !== undefined ? { dashOffset } : {}),
  };
}

function readImage(el: XmlElement, where: string): OfdImage {
  return {
    kind: 'image',
    ...readBase(el, where),
    resourceId: el.attrs.ResourceID ?? '',
    ...(el.attrs.Substitution ? { substitution: el.attrs.Substitution } : {}),
  };
}

/** The graphic objects directly inside `container` (a Layer, PageBlock, Appearance or Content). */
export function readGraphics(container: XmlElement, part: string): OfdGraphic[] {
  const out: OfdGraphic[] = [];
  for (const el of container.children) {
    const where = `${part} ${el.name} ${el.attrs.ID ?? ''}`.trimEnd();
    switch (el.name) {
      case 'TextObject':
        out.push(readText(el, where));
        break;
      case 'PathObject':
        out.push(readPath(el, where));
        break;
      case 'ImageObject':
        out.push(readImage(el, where));
        break;
      case 'CompositeObject':
        out.push({ kind: 'composite', ...readBase(el, where), resourceId: el.attrs.ResourceID ?? '' });
        break;
      case 'PageBlock':
        out.push({
          kind: 'block',
          ...(el.attrs.ID ? { id: el.attrs.ID } : {}),
          objects: readGraphics(el, part),
        });
        break;
      default:
        break;
    }
  }
  return out;
}
