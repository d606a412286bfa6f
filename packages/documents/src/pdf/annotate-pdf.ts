/**
 * 加注件 (annotated copies): one more incremental update of a signed licence PDF, made by the
 * sealing engine (sealPdf), whose visible appearance is the statement "此件由××提供，仅供办理××事项时
 * 使用，有效期至×年×月×日" with the purpose (事由), and whose signature dictionary carries the
 * statement as /ZY_Annotation (GB/T 36903 items 16–19), covered by the annotator's signature. The
 * original bytes are untouched, so the issuer's signature stays valid ("signatures only" after it).
 *
 * The statement is drawn as glyph outlines (fontkit, via SealFont) in a vector form XObject, so
 * viewers need no fonts and the copy grows by a few kilobytes only. It is a band across the top of page 1, or the bottom
 * when an existing annotation (the issuing seal, say) occupies the top.
 */
import { DocumentError } from '../checks.js';
import type { SealFont } from '../seal-image/font.js';
import { PdfFile } from './parse-document.js';
import type { PageInfo } from './parse-document.js';
import { isArray, isDict, isNumber } from './parse-objects.js';
import { MM_TO_PT, displaySize, displayToUser, widgetAt } from './placement-geometry.js';
import type { Rect } from './placement-geometry.js';
import { DEFAULT_MAX_PDF_BYTES, sealPdf } from './seal-pdf.js';
import type { PdfAnnotationInfo, SealPdfResult, SignFunction } from './types.js';

export interface AnnotatePdfRequest {
  /** The signed original (the licence file). */
  readonly pdf: Uint8Array;
  readonly annotation: PdfAnnotationInfo;
  /** Fonts tried in order for each character of the statement (parse them with loadSealFont). */
  readonly fonts: readonly SealFont[];
  /** DER of the annotator's certificate and optional chain (issuer first). */
  readonly signerCertificate: Uint8Array;
  readonly chain?: readonly Uint8Array[];
  readonly sign: SignFunction;
  readonly signingTime: Date;
  readonly timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
  /** Where the band goes on page 1; `auto` (default): the top unless an annotation is there. */
  readonly position?: 'auto' | 'top' | 'bottom';
  /** Text and frame colour, `#RRGGBB` (default a dark blue, distinct from seal red). */
  readonly color?: string;
  readonly placeholderBytes?: number;
  readonly maxBytes?: number;
}

export interface AnnotatePdfResult extends SealPdfResult {
  /** The lines drawn, after wrapping. */
  readonly lines: readonly string[];
  readonly position: 'top' | 'bottom';
}

export const ANNOTATION_COLOR = '#1F3A7A';
/** Distance of the band from the page edges (mm). */
const MARGIN_MM = 8;
const STATEMENT_MM = 4.2;
const DETAIL_MM = 3;
const LINE_GAP = 1.3;
const PADDING_MM = 1.8;
const TIME = /^\d{14}$/;
const MAX_TEXT = 200;

const requestError = (message: string, details?: Record<string, unknown>): DocumentError =>
  new DocumentError('PDF_REQUEST_INVALID', message, details);

/** `yyyyMMddHHmmss` in China time (UTC+8), as GB/T 36903 writes 加注件 times. */
export function annotationTime(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3600_000);
  const p = (v: number, n = 2) => String(v).padStart(n, '0');
  return (
    `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}` +
    `${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`
  );
}

/** The instant of a `yyyyMMddHHmmss` China-time string, or null when it is not one. */
export function parseAnnotationTime(text: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const at = new Date(Date.UTC(y, mo - 1, d, h - 8, mi, s));
  return annotationTime(at) === text ? at : null;
}

function displayTime(text: string, withTime: boolean): string {
  const [y, mo, d, h, mi] = [
    text.slice(0, 4),
    Number(text.slice(4, 6)),
    Number(text.slice(6, 8)),
    text.slice(8, 10),
    text.slice(10, 12),
  ];
  return `${y}年${mo}月${d}日${withTime ? `${h}时${mi}分` : ''}`;
}

/**
 * The visible statement: the wording of 国办函〔2016〕108号 with the maker, the service item and the
 * expiry (its time of day too unless it is the end of the day), then the purpose, the making time
 * and the licence identifier.
 */
export function annotationStatement(a: PdfAnnotationInfo): { statement: string; detail: string } {
  const item = a.itemName?.trim() || '政务服务';
  const endOfDay = a.expiringTime.endsWith('235959');
  return {
    statement:
      `此件由${a.creator}提供，仅供办理${item}事项时使用，` +
      `有效期至${displayTime(a.expiringTime, !endOfDay)}`,
    detail:
      `事由：${a.cause}；制作时间：${displayTime(a.creationTime, true)}；` +
      `证照标识：${a.licenseIdentifier}${a.itemCode ? `；事项编码：${a.itemCode}` : ''}`,
  };
}

/** Checks the 加注件 items; `fail` makes the error of the caller's format (PDF or OFD). */
export function validateAnnotation(
  a: PdfAnnotationInfo,
  fail: (message: string, details?: Record<string, unknown>) => Error = requestError,
): void {
  if (typeof a !== 'object' || a === null) throw fail('annotation is required');
  for (const key of ['creationTime', 'expiringTime'] as const) {
    if (typeof a[key] !== 'string' || !TIME.test(a[key]) || !parseAnnotationTime(a[key]))
      throw fail(`annotation.${key} must be yyyyMMddHHmmss`, { [key]: a[key] });
  }
  for (const key of ['creator', 'cause', 'licenseIdentifier'] as const) {
    if (typeof a[key] !== 'string' || !a[key].trim() || a[key].length > MAX_TEXT)
      throw fail(`annotation.${key} must be 1–${MAX_TEXT} characters`, { field: key });
  }
  for (const key of ['itemCode', 'itemName'] as const) {
    const v = a[key];
    if (v !== null && (typeof v !== 'string' || v.length > MAX_TEXT))
      throw fail(`annotation.${key} must be null or at most ${MAX_TEXT} characters`, { field: key });
  }
}

interface Placed {
  readonly font: SealFont;
  readonly codePoint: number;
  readonly advanceMm: number;
}

/** Each character with the first font that draws it; DocumentError PDF_GLYPH_MISSING otherwise. */
function shape(fonts: readonly SealFont[], text: string, sizeMm: number): Placed[] {
  const missing: string[] = [];
  const out: Placed[] = [];
  for (const ch of text) {
    const codePoint = ch.codePointAt(0) as number;
    const font = fonts.find((f) => f.hasCodePoint(codePoint));
    if (!font) {
      if (!/\s/.test(ch) && !missing.includes(ch)) missing.push(ch);
      continue;
    }
    out.push({ font, codePoint, advanceMm: font.glyph(codePoint).advance * emScale(font, sizeMm) });
  }
  if (missing.length)
    throw new DocumentError('PDF_GLYPH_MISSING', `no annotation font draws ${missing.join(' ')}`, {
      characters: missing,
    });
  return out;
}

/** Millimetres per font unit when the font's em box (ascender to descender) is `sizeMm` tall. */
const emScale = (font: SealFont, sizeMm: number): number => sizeMm / (font.ascender - font.descender);

const isWordChar = (g: Placed): boolean => g.codePoint >= 0x21 && g.codePoint <= 0x7e;

/**
 * Greedy wrapping: CJK text breaks between any two characters, runs of ASCII (identifiers,
 * codes, numbers) only where a run longer than a line must.
 */
function wrap(glyphs: readonly Placed[], widthMm: number): Placed[][] {
  const units: Placed[][] = [];
  for (const g of glyphs) {
    const last = units[units.length - 1];
    if (last && isWordChar(g) && isWordChar(last[last.length - 1] as Placed)) last.push(g);
    else units.push([g]);
  }
  const lines: Placed[][] = [[]];
  let used = 0;
  const place = (g: Placed) => {
    const line = lines[lines.length - 1] as Placed[];
    if (used + g.advanceMm > widthMm && line.length > 0) {
      lines.push([g]);
      used = g.advanceMm;
    } else {
      line.push(g);
      used += g.advanceMm;
    }
  };
  for (const unit of units) {
    const width = unit.reduce((sum, g) => sum + g.advanceMm, 0);
    if (used > 0 && used + width > widthMm && width <= widthMm) {
      lines.push([]);
      used = 0;
    }
    unit.forEach(place);
  }
  return lines;
}

interface Band {
  /** PDF content operators, points, origin at the band's lower left. */
  readonly content: Uint8Array;
  readonly widthMm: number;
  readonly heightMm: number;
  readonly lines: string[];
}

const pdfNum = (x: number, digits = 3): string => {
  const v = Number(x.toFixed(digits));
  return Object.is(v, -0) ? '0' : String(v);
};

/**
 * SVG path data of a glyph outline (fontkit writes absolute M, L, Q, C, Z) as PDF path operators;
 * quadratic segments become cubic ones.
 */
export function svgPathToPdf(d: string): string {
  const tokens = d.match(/[MLQCZmlqcz]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g) ?? [];
  const out: string[] = [];
  let i = 0;
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  const next = (): number => {
    const t = tokens[i++];
    const v = Number(t);
    if (t === undefined || !Number.isFinite(v))
      throw new DocumentError('PDF_GLYPH_MISSING', 'unreadable glyph outline');
    return v;
  };
  let command = '';
  while (i < tokens.length) {
    const t = tokens[i] as string;
    if (/[A-Za-z]/.test(t)) {
      command = t;
      i++;
      if (command === 'Z' || command === 'z') {
        out.push('h');
        cx = sx;
        cy = sy;
        continue;
      }
    }
    switch (command) {
      case 'M': {
        cx = sx = next();
        cy = sy = next();
        out.push(`${pdfNum(cx)} ${pdfNum(cy)} m`);
        command = 'L';
        break;
      }
      case 'L': {
        cx = next();
        cy = next();
        out.push(`${pdfNum(cx)} ${pdfNum(cy)} l`);
        break;
      }
      case 'Q': {
        const [qx, qy, x, y] = [next(), next(), next(), next()];
        const c1x = cx + (2 / 3) * (qx - cx);
        const c1y = cy + (2 / 3) * (qy - cy);
        const c2x = x + (2 / 3) * (qx - x);
        const c2y = y + (2 / 3) * (qy - y);
        out.push(`${pdfNum(c1x)} ${pdfNum(c1y)} ${pdfNum(c2x)} ${pdfNum(c2y)} ${pdfNum(x)} ${pdfNum(y)} c`);
        cx = x;
        cy = y;
        break;
      }
      case 'C': {
        const v = [next(), next(), next(), next(), next(), next()];
        out.push(`${v.map((x) => pdfNum(x)).join(' ')} c`);
        cx = v[4] as number;
        cy = v[5] as number;
        break;
      }
      default:
        throw new DocumentError('PDF_GLYPH_MISSING', `unsupported outline command ${command || t}`);
    }
  }
  return out.join(' ');
}

const rgbOf = (color: string): string =>
  [1, 3, 5].map((i) => pdfNum(parseInt(color.slice(i, i + 2), 16) / 255)).join(' ');

function drawBand(fonts: readonly SealFont[], a: PdfAnnotationInfo, widthMm: number, color: string): Band {
  const { statement, detail } = annotationStatement(a);
  const inner = widthMm - 2 * PADDING_MM;
  const blocks = [
    { size: STATEMENT_MM, lines: wrap(shape(fonts, statement, STATEMENT_MM), inner) },
    { size: DETAIL_MM, lines: wrap(shape(fonts, detail, DETAIL_MM), inner) },
  ];
  const lineCount = blocks.reduce((n, b) => n + b.lines.length, 0);
  const heightMm =
    2 * PADDING_MM +
    blocks.reduce((sum, b) => sum + b.lines.length * b.size * LINE_GAP, 0) -
    DETAIL_MM * (LINE_GAP - 1);
  const pt = MM_TO_PT;
  const w = widthMm * pt;
  const h = heightMm * pt;
  const rgb = rgbOf(color);
  const ops: string[] = [
    // A white ground (88 % opaque) keeps the statement legible; a thin frame in the text colour.
    `q /GS0 gs 1 1 1 rg 0 0 ${pdfNum(w)} ${pdfNum(h)} re f Q`,
    `q ${rgb} RG 0.85 w 0.425 0.425 ${pdfNum(w - 0.85)} ${pdfNum(h - 0.85)} re S Q`,
    `${rgb} rg`,
  ];
  const texts: string[] = [];
  let y = PADDING_MM;
  for (const block of blocks) {
    for (const line of block.lines) {
      const lineWidth = line.reduce((sum, g) => sum + g.advanceMm, 0);
      // The statement is centred; the details start at the left edge.
      let x = block.size === STATEMENT_MM ? (widthMm - lineWidth) / 2 : PADDING_MM;
      const first = line[0]?.font ?? (fonts[0] as SealFont);
      const baseline = y + first.ascender * emScale(first, block.size);
      for (const g of line) {
        const outline = g.font.glyph(g.codePoint);
        if (outline.d) {
          const s = emScale(g.font, block.size) * pt;
          ops.push(
            `q ${pdfNum(s, 6)} 0 0 ${pdfNum(s, 6)} ${pdfNum(x * pt)} ${pdfNum(h - baseline * pt)} cm ` +
              `${svgPathToPdf(outline.d)} f Q`,
          );
        }
        x += g.advanceMm;
      }
      texts.push(line.map((g) => String.fromCodePoint(g.codePoint)).join(''));
      y += block.size * LINE_GAP;
    }
  }
  if (texts.length !== lineCount) throw new DocumentError('PDF_INTERNAL', 'annotation layout mismatch');
  return { content: new TextEncoder().encode(ops.join('\n')), widthMm, heightMm, lines: texts };
}

/** Rectangles (user space) of the annotations already on the page. */
function annotationRects(file: PdfFile, page: PageInfo): Rect[] {
  const annots = file.resolve(page.dict.get('Annots'));
  if (!isArray(annots)) return [];
  const rects: Rect[] = [];
  for (const item of annots.slice(0, 10_000)) {
    const annot = file.resolve(item);
    const rect = isDict(annot) ? file.resolve(annot.get('Rect')) : undefined;
    if (!isArray(rect) || rect.length !== 4) continue;
    const v = rect.map((x) => file.resolve(x));
    if (!v.every(isNumber)) continue;
    const [x0, y0, x1, y1] = v as number[] as [number, number, number, number];
    rects.push([Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)]);
  }
  return rects;
}

const overlaps = (a: Rect, b: Rect): boolean => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/**
 * Makes a 加注件 of `request.pdf`; see AnnotatePdfRequest. Throws DocumentError for bad input
 * (PDF_REQUEST_INVALID, PDF_GLYPH_MISSING, and sealPdf's codes); nothing is returned then.
 */
export async function annotatePdf(request: AnnotatePdfRequest): Promise<AnnotatePdfResult> {
  validateAnnotation(request.annotation);
  if (!Array.isArray(request.fonts) || request.fonts.length === 0)
    throw requestError('at least one font is required');
  const color = request.color ?? ANNOTATION_COLOR;
  if (!/^#[0-9A-Fa-f]{6}$/.test(color)) throw requestError('color must be #RRGGBB', { color });
  const position = request.position ?? 'auto';
  if (!['auto', 'top', 'bottom'].includes(position))
    throw requestError('position must be auto, top or bottom');
  const maxBytes = request.maxBytes ?? DEFAULT_MAX_PDF_BYTES;
  const file = PdfFile.open(request.pdf, { maxBytes });
  const page = file.pages[0] as PageInfo;
  const size = displaySize(page);
  const pageWidthMm = size.width / MM_TO_PT;
  const pageHeightMm = size.height / MM_TO_PT;
  const widthMm = pageWidthMm - 2 * Math.min(MARGIN_MM, pageWidthMm / 10);
  const band = drawBand(request.fonts, request.annotation, widthMm, color);
  const margin = Math.min(MARGIN_MM, pageHeightMm / 20);
  if (band.heightMm + margin > pageHeightMm / 3)
    throw requestError('the statement does not fit on the page', {
      bandHeightMm: band.heightMm,
      pageHeightMm,
    });

  const width = widthMm * MM_TO_PT;
  const height = band.heightMm * MM_TO_PT;
  const centres = {
    top: [size.width / 2, size.height - (margin + band.heightMm / 2) * MM_TO_PT] as const,
    bottom: [size.width / 2, (margin + band.heightMm / 2) * MM_TO_PT] as const,
  };
  let chosen: 'top' | 'bottom' = position === 'bottom' ? 'bottom' : 'top';
  if (position === 'auto') {
    const taken = annotationRects(file, page);
    const free = (where: 'top' | 'bottom') => {
      const [ux, uy] = displayToUser(page, ...centres[where]);
      const rect = widgetAt(page, ux, uy, width, height).rect;
      return !taken.some((r) => overlaps(r, rect));
    };
    if (!free('top') && free('bottom')) chosen = 'bottom';
  }
  const [x, y] = centres[chosen];
  const result = await sealPdf({
    pdf: request.pdf,
    signerCertificate: request.signerCertificate,
    ...(request.chain ? { chain: request.chain } : {}),
    sign: request.sign,
    appearance: {
      kind: 'vector',
      content: band.content,
      widthMm,
      heightMm: band.heightMm,
      opacities: [0.88],
    },
    placement: { kind: 'coordinates', page: 1, x, y },
    signingTime: request.signingTime,
    ...(request.timestamp ? { timestamp: request.timestamp } : {}),
    reason: `加注件：${request.annotation.cause}`,
    name: request.annotation.creator,
    annotation: request.annotation,
    ...(request.placeholderBytes !== undefined ? { placeholderBytes: request.placeholderBytes } : {}),
    maxBytes,
  });
  return { ...result, lines: band.lines, position: chosen };
}
