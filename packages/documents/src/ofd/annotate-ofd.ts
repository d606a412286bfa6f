/**
 * 加注件 (annotated copies) of OFD licences, the counterpart of annotatePdf: a page annotation on
 * the first page (`Annot Type="Watermark" Subtype="ZY_Annotation"`) showing the statement "此件由××
 * 提供，仅供办理××事项时使用，有效期至×年×月×日" and the purpose, with the GB/T 36903 items 16–19 as
 * `Parameter Name="ZY_Annotation.…"`, sealed in the same step by the annotator's seal (annotation
 * parts covered). The statement is drawn as glyph outlines (PathObjects), so no font is embedded.
 *
 * The issuing seal of a licence leaves the annotation index and page annotation files unprotected
 * (sealOfd coverAnnotations false) and the face writer writes an empty index, so adding the layer
 * changes no protected part: the issuer's signature stays valid. When a protected part would have
 * to change, the copy is refused.
 */
import { decodeSeal } from '@zhengyin/gm';
import { annotationStatement, validateAnnotation } from '../pdf/annotate-pdf.js';
import type { PdfAnnotationInfo } from '../pdf/types.js';
import type { SealFont } from '../seal-image/font.js';
import { DocumentError } from '../checks.js';
import { ofdError } from './errors.js';
import { OfdPackage, ofdLimits } from './package.js';
import { directoryOf } from './paths.js';
import { openOfd } from './read.js';
import {
  DEFAULT_MAX_OFD_SEAL_BYTES,
  pageBoxOf,
  readStructure,
  sealOfdPackage,
  validateSealRequest,
  type SealOfdRequest,
  type SealOfdResult,
  type SealPage,
} from './seal-ofd.js';
import { readOfdSignatures, signaturesPartOf } from './signatures.js';
import type { OfdBox, OfdGraphic } from './types.js';
import { XmlTextPart } from './write-edit.js';
import { el, nums, textEl, xmlPart } from './write-xml.js';
import { childText, childrenNamed } from './xml.js';

export interface AnnotateOfdRequest extends Omit<
  SealOfdRequest,
  'ofd' | 'placement' | 'coverAnnotations' | 'protection'
> {
  /** The sealed original (the licence file). */
  readonly ofd: Uint8Array;
  readonly annotation: PdfAnnotationInfo;
  /** Fonts tried in order for each character of the statement (parse them with loadSealFont). */
  readonly fonts: readonly SealFont[];
  /** Where the band goes on the first page; `auto` (default): the top unless a seal is there. */
  readonly position?: 'auto' | 'top' | 'bottom';
  /** Text and frame colour, `#RRGGBB` (default a dark blue, distinct from seal red). */
  readonly color?: string;
}

export interface AnnotateOfdResult extends SealOfdResult {
  /** The lines drawn, after wrapping. */
  readonly lines: readonly string[];
  readonly position: 'top' | 'bottom';
}

export const OFD_ANNOTATION_COLOR = '#1F3A7A';
export const ANNOTATION_SUBTYPE = 'ZY_Annotation';
const MARGIN_MM = 8;
const STATEMENT_MM = 4.2;
const DETAIL_MM = 3;
const LINE_GAP = 1.3;
const PADDING_MM = 1.8;
const FRAME_MM = 0.3;

const invalid = (message: string, details?: Record<string, unknown>) =>
  ofdError('OFD_INPUT_INVALID', message, details);

interface Glyph {
  readonly font: SealFont;
  readonly codePoint: number;
  readonly advanceMm: number;
}

/** Millimetres per font unit when the font's em box (ascender to descender) is `sizeMm` tall. */
const emScale = (font: SealFont, sizeMm: number): number => sizeMm / (font.ascender - font.descender);

/** Each character with the first font drawing it; OFD_INPUT_INVALID lists those none draws. */
function shape(fonts: readonly SealFont[], text: string, sizeMm: number): Glyph[] {
  const missing: string[] = [];
  const out: Glyph[] = [];
  for (const ch of text) {
    const codePoint = ch.codePointAt(0) as number;
    const font = fonts.find((f) => f.hasCodePoint(codePoint));
    if (!font) {
      if (!/\s/.test(ch) && !missing.includes(ch)) missing.push(ch);
      continue;
    }
    out.push({ font, codePoint, advanceMm: font.glyph(codePoint).advance * emScale(font, sizeMm) });
  }
  if (missing.length > 0)
    throw invalid(`no annotation font draws ${missing.join(' ')}`, { characters: missing });
  return out;
}

const isWordChar = (g: Glyph): boolean => g.codePoint >= 0x21 && g.codePoint <= 0x7e;

/** Greedy wrapping: CJK breaks anywhere, ASCII runs (codes, numbers) only when longer than a line. */
function wrap(glyphs: readonly Glyph[], widthMm: number): Glyph[][] {
  const units: Glyph[][] = [];
  for (const g of glyphs) {
    const last = units.at(-1);
    if (last && isWordChar(g) && isWordChar(last.at(-1) as Glyph)) last.push(g);
    else units.push([g]);
  }
  const lines: Glyph[][] = [[]];
  let used = 0;
  for (const unit of units) {
    const width = unit.reduce((sum, g) => sum + g.advanceMm, 0);
    if (used > 0 && used + width > widthMm && width <= widthMm) {
      lines.push([]);
      used = 0;
    }
    for (const g of unit) {
      if (used + g.advanceMm > widthMm && (lines.at(-1) as Glyph[]).length > 0) {
        lines.push([g]);
        used = g.advanceMm;
      } else {
        (lines.at(-1) as Glyph[]).push(g);
        used += g.advanceMm;
      }
    }
  }
  return lines;
}

/**
 * SVG path data of a glyph (fontkit: absolute M, L, Q, C, Z in font units, y up) as OFD
 * AbbreviatedData (M, L, Q, B, C) in mm, y down: `x0`, `baseline` place the glyph, `scale` sizes it.
 */
export function glyphPathToOfd(d: string, x0: number, baseline: number, scale: number): string {
  const tokens = d.match(/[MLQCZmlqcz]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g) ?? [];
  const out: string[] = [];
  let i = 0;
  const next = (): number => {
    const v = Number(tokens[i++]);
    if (!Number.isFinite(v)) throw invalid('unreadable glyph outline');
    return v;
  };
  const point = (): string => {
    const x = x0 + next() * scale;
    const y = baseline - next() * scale;
    return `${x.toFixed(3)} ${y.toFixed(3)}`;
  };
  let command = '';
  while (i < tokens.length) {
    const t = tokens[i] as string;
    if (/[A-Za-z]/.test(t)) {
      command = t.toUpperCase();
      i++;
      if (command === 'Z') {
        out.push('C');
        continue;
      }
    }
    if (command === 'M') {
      out.push(`M ${point()}`);
      command = 'L';
    } else if (command === 'L') out.push(`L ${point()}`);
    else if (command === 'Q') out.push(`Q ${point()} ${point()}`);
    else if (command === 'C') out.push(`B ${point()} ${point()} ${point()}`);
    else throw invalid(`unsupported outline command ${command || t}`);
  }
  return out.join(' ');
}

const rgbOf = (color: string): string =>
  [1, 3, 5].map((i) => String(parseInt(color.slice(i, i + 2), 16))).join(' ');

const rect = (x: number, y: number, w: number, h: number): string =>
  `M ${nums(x, y)} L ${nums(x + w, y)} L ${nums(x + w, y + h)} L ${nums(x, y + h)} C`;

interface Band {
  readonly widthMm: number;
  readonly heightMm: number;
  readonly lines: string[];
  /** Objects of the Appearance (coordinates relative to the band), IDs from `nextId`. */
  objects(nextId: () => number): string[];
}

/** `sealMm`: room kept free at the right end of the band for the annotation seal. */
function layoutBand(
  fonts: readonly SealFont[],
  a: PdfAnnotationInfo,
  widthMm: number,
  sealMm: number,
  color: string,
): Band {
  const { statement, detail } = annotationStatement(a);
  const inner = widthMm - 2 * PADDING_MM - sealMm;
  const blocks = [
    { size: STATEMENT_MM, centred: true, lines: wrap(shape(fonts, statement, STATEMENT_MM), inner) },
    { size: DETAIL_MM, centred: false, lines: wrap(shape(fonts, detail, DETAIL_MM), inner) },
  ];
  const heightMm =
    2 * PADDING_MM +
    blocks.reduce((sum, b) => sum + b.lines.length * b.size * LINE_GAP, 0) -
    DETAIL_MM * (LINE_GAP - 1);
  const lines = blocks.flatMap((b) =>
    b.lines.map((l) => l.map((g) => String.fromCodePoint(g.codePoint)).join('')),
  );
  const rgb = rgbOf(color);
  return {
    widthMm,
    heightMm,
    lines,
    objects(nextId) {
      const boundary = nums(0, 0, widthMm, heightMm);
      const out = [
        // A white ground (88 % opaque) keeps the statement legible; a thin frame in the text colour.
        el(
          'PathObject',
          { ID: nextId(), Boundary: boundary, Fill: 'true', Stroke: 'false', Alpha: 224 },
          el('FillColor', { Value: '255 255 255' }),
          textEl('AbbreviatedData', rect(0, 0, widthMm, heightMm)),
        ),
        el(
          'PathObject',
          { ID: nextId(), Boundary: boundary, LineWidth: FRAME_MM, Fill: 'false', Stroke: 'true' },
          el('StrokeColor', { Value: rgb }),
          textEl(
            'AbbreviatedData',
            rect(FRAME_MM / 2, FRAME_MM / 2, widthMm - FRAME_MM, heightMm - FRAME_MM),
          ),
        ),
      ];
      let y = PADDING_MM;
      for (const block of blocks) {
        for (const line of block.lines) {
          const lineWidth = line.reduce((sum, g) => sum + g.advanceMm, 0);
          let x = block.centred ? (widthMm - sealMm - lineWidth) / 2 : PADDING_MM;
          const first = line[0]?.font ?? (fonts[0] as SealFont);
          const baseline = y + first.ascender * emScale(first, block.size);
          const paths: string[] = [];
          for (const g of line) {
            const outline = g.font.glyph(g.codePoint);
            if (outline.d) paths.push(glyphPathToOfd(outline.d, x, baseline, emScale(g.font, block.size)));
            x += g.advanceMm;
          }
          if (paths.length > 0) {
            out.push(
              el(
                'PathObject',
                { ID: nextId(), Boundary: boundary, Fill: 'true', Stroke: 'false', Rule: 'NonZero' },
                el('FillColor', { Value: rgb }),
                textEl('AbbreviatedData', paths.join(' ')),
              ),
            );
          }
          y += block.size * LINE_GAP;
        }
      }
      return out;
    },
  };
}

const overlaps = (a: OfdBox, b: OfdBox): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Area two boxes share, in mm². */
const sharedArea = (a: OfdBox, b: OfdBox): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/** Boundaries of the text objects of page 1 (templates included); none when the page cannot be read. */
function textBoxesOf(pkg: OfdPackage): OfdBox[] {
  const boxes: OfdBox[] = [];
  const walk = (objects: readonly OfdGraphic[]) => {
    for (const o of objects) {
      if (o.kind === 'block') walk(o.objects);
      else if (o.kind === 'text') boxes.push(o.boundary);
    }
  };
  try {
    for (const layer of openOfd(pkg).page(0).layers) walk(layer.objects);
  } catch (e) {
    if (!(e instanceof DocumentError)) throw e;
  }
  return boxes;
}

/** Highest numeric ID in the document's XML parts (signatures apart), for new object IDs. */
function maxObjectId(pkg: OfdPackage, documentPart: string): number {
  const dir = directoryOf(documentPart).toLowerCase();
  let max = 0;
  for (const f of pkg.files()) {
    const name = f.toLowerCase();
    if (!name.endsWith('.xml') || !name.startsWith(dir) || name.includes('/signs/')) continue;
    const text = new TextDecoder().decode(pkg.read(f));
    for (const m of text.matchAll(/\sID\s*=\s*["'](\d+)["']/g)) max = Math.max(max, Number(m[1]));
  }
  return max;
}

/** A free package path `dir + base + n + ext`. */
function freePath(pkg: OfdPackage, make: (n: number) => string): string {
  for (let n = 0; ; n++) if (!pkg.has(make(n))) return make(n);
}

/**
 * The annotation layer's parts: the new or extended page annotation file, the annotation index
 * (created or extended) and Document.xml when it names no index yet.
 */
function annotationChanges(
  pkg: OfdPackage,
  documentPart: string,
  page: SealPage,
  annotXml: string,
): Map<string, Uint8Array> {
  const changes = new Map<string, Uint8Array>();
  const documentXml = pkg.readXml(documentPart);
  const docDir = directoryOf(documentPart);
  let indexPart: string;
  const loc = childText(documentXml, 'Annotations');
  if (loc) {
    indexPart = pkg.resolve(documentPart, loc);
  } else {
    indexPart = freePath(pkg, (n) => `${docDir}Annots${n || ''}/Annotations.xml`);
    const doc = new XmlTextPart(documentPart, pkg.read(documentPart));
    const p = doc.prefix;
    const element = `<${p}Annotations>${indexPart.slice(docDir.length)}</${p}Annotations>`;
    const after = ['Attachments', 'CustomTags', 'Extensions'].find((n) => doc.has(['Document', n]));
    if (after) doc.before(['Document', after], element);
    else doc.append(['Document'], element);
    changes.set(documentPart, doc.bytes());
  }
  const indexDir = directoryOf(indexPart);
  if (pkg.has(indexPart)) {
    const pages = childrenNamed(pkg.readXml(indexPart), 'Page');
    const mine = pages.find((p) => p.attrs.PageID?.trim() === page.id && childText(p, 'FileLoc'));
    if (mine) {
      const filePart = pkg.resolve(indexPart, childText(mine, 'FileLoc') as string);
      const file = new XmlTextPart(filePart, pkg.read(filePart));
      file.append(['PageAnnot'], annotXml.replaceAll('ofd:', file.prefix));
      changes.set(filePart, file.bytes());
      return changes;
    }
  }
  const filePart = freePath(pkg, (n) => `${indexDir}Page_${page.index}${n ? `_${n}` : ''}/Annotation.xml`);
  const pageEntry = el('Page', { PageID: page.id }, textEl('FileLoc', filePart.slice(indexDir.length)));
  if (pkg.has(indexPart)) {
    const index = new XmlTextPart(indexPart, pkg.read(indexPart));
    index.append(['Annotations'], pageEntry.replaceAll('ofd:', index.prefix));
    changes.set(indexPart, index.bytes());
  } else {
    changes.set(indexPart, xmlPart('Annotations', {}, pageEntry));
  }
  changes.set(filePart, xmlPart('PageAnnot', {}, annotXml));
  return changes;
}

/**
 * Makes a 加注件 of `request.ofd`; see AnnotateOfdRequest. Throws DocumentError OFD_INPUT_INVALID
 * (bad annotation or request, characters no font draws, a statement that does not fit, a protected
 * part that would change) and sealOfd's errors; nothing is returned then.
 */
export async function annotateOfd(request: AnnotateOfdRequest): Promise<AnnotateOfdResult> {
  const sealRequest: SealOfdRequest = {
    ...request,
    placement: { kind: 'box', page: 0, xMm: 0, yMm: 0 },
    coverAnnotations: true,
    protection: 'continue',
  };
  validateSealRequest(sealRequest);
  validateAnnotation(request.annotation, invalid);
  if (!Array.isArray(request.fonts) || request.fonts.length === 0)
    throw invalid('at least one font is required');
  const color = request.color ?? OFD_ANNOTATION_COLOR;
  if (!/^#[0-9A-Fa-f]{6}$/.test(color)) throw invalid('color must be #RRGGBB', { color });
  const position = request.position ?? 'auto';
  if (!['auto', 'top', 'bottom'].includes(position)) throw invalid('position must be auto, top or bottom');

  const pkg = OfdPackage.open(
    request.ofd,
    ofdLimits({ maxBytes: request.maxBytes ?? DEFAULT_MAX_OFD_SEAL_BYTES }),
  );
  const structure = readStructure(pkg);
  const page = structure.pages[0]!;
  const pageBox = pageBoxOf(pkg, page);
  const widthMm = pageBox.width - 2 * Math.min(MARGIN_MM, pageBox.width / 10);
  const picture = decodeSeal(request.sesSeal).sealInfo.picture;
  const band = layoutBand(request.fonts, request.annotation, widthMm, picture.width + PADDING_MM, color);
  const margin = Math.min(MARGIN_MM, pageBox.height / 20);
  if (band.heightMm + margin > pageBox.height / 3) {
    throw invalid('the statement does not fit on the page', {
      bandHeightMm: band.heightMm,
      pageHeightMm: pageBox.height,
    });
  }
  const x = pageBox.x + (pageBox.width - widthMm) / 2;
  const boxes = {
    top: { x, y: pageBox.y + margin, width: widthMm, height: band.heightMm },
    bottom: {
      x,
      y: pageBox.y + pageBox.height - margin - band.heightMm,
      width: widthMm,
      height: band.heightMm,
    },
  };
  let chosen: 'top' | 'bottom' = position === 'bottom' ? 'bottom' : 'top';
  if (position === 'auto') {
    const signaturesPart = signaturesPartOf(pkg);
    const taken =
      signaturesPart && pkg.has(signaturesPart)
        ? readOfdSignatures(pkg, signaturesPart)
            .entries.flatMap((e) => e.stampAnnots)
            .filter((s) => s.pageRef === page.id)
            .map((s) => s.boundary)
        : [];
    const free = (where: 'top' | 'bottom') => !taken.some((b) => overlaps(b, boxes[where]));
    // Never over a seal; otherwise where the band covers less of the page's text (the top on a tie).
    const text = textBoxesOf(pkg);
    const covered = (where: 'top' | 'bottom') => text.reduce((n, b) => n + sharedArea(b, boxes[where]), 0);
    if (!free('top') && free('bottom')) chosen = 'bottom';
    else if (free('bottom') && covered('bottom') < covered('top')) chosen = 'bottom';
  }
  const box = boxes[chosen];

  let lastId = maxObjectId(pkg, structure.documentPart);
  const nextId = () => ++lastId;
  const a = request.annotation;
  const parameters: [string, string | null][] = [
    ['creationTime', a.creationTime],
    ['creator', a.creator],
    ['cause', a.cause],
    ['expiringTime', a.expiringTime],
    ['licenseIdentifier', a.licenseIdentifier],
    ['itemCode', a.itemCode],
    ['itemName', a.itemName],
  ];
  const { statement } = annotationStatement(a);
  const annotId = nextId();
  const annotXml = el(
    'Annot',
    {
      ID: annotId,
      Type: 'Watermark',
      Subtype: ANNOTATION_SUBTYPE,
      Creator: a.creator,
      LastModDate: `${a.creationTime.slice(0, 4)}-${a.creationTime.slice(4, 6)}-${a.creationTime.slice(6, 8)}`,
      ReadOnly: 'true',
      Print: 'true',
    },
    textEl('Remark', statement),
    el(
      'Parameters',
      {},
      ...parameters
        .filter((p): p is [string, string] => p[1] !== null)
        .map(([name, value]) => textEl('Parameter', value, { Name: `${ANNOTATION_SUBTYPE}.${name}` })),
    ),
    el('Appearance', { Boundary: nums(box.x, box.y, box.width, box.height) }, ...band.objects(nextId)),
  );
  const changes = annotationChanges(pkg, structure.documentPart, page, annotXml);

  const sealX = Math.max(pageBox.x, box.x + box.width - picture.width - PADDING_MM);
  const sealY = Math.min(
    Math.max(pageBox.y, box.y + box.height / 2 - picture.height / 2),
    pageBox.y + pageBox.height - picture.height,
  );
  const result = await sealOfdPackage(
    pkg,
    { ...sealRequest, placement: { kind: 'box', page: 0, xMm: sealX, yMm: sealY } },
    changes,
  );
  return { ...result, lines: band.lines, position: chosen };
}
