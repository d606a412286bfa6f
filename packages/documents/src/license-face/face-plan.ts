/**
 * Planning a licence face, independent of the output format (PDF with pdfkit, OFD written by hand):
 * the template and values are checked, glyph coverage is checked — a character no font covers is
 * refused, never drawn blank — and every text is fitted into its box (wrapping and shrinking within
 * the template's limits). Positions are in PDF points from the top-left corner of the page.
 */
import QRCode from 'qrcode';
import { DocumentError } from '../checks.js';
import { loadFontSet, missingCharacters, type LoadedFont } from './fonts.js';
import { fitText, type Layout } from './layout.js';
import { prepareMetadata, type PreparedMetadata } from './pdf-metadata.js';
import type { FontSubsetter } from './subset.js';
import type { FaceAlign, FaceDateFormat, FaceMetadata, FaceTemplate, FontSet } from './types.js';

export interface RenderFaceOptions {
  readonly template: FaceTemplate;
  /** Data-item values by item code (display strings; ISO dates for boxes with a dateFormat). */
  readonly values: Readonly<Record<string, string>>;
  readonly fonts: FontSet;
  /** Text encoded in the QR code (e.g. the verification URL); needs `template.qr`. */
  readonly qrPayload?: string;
  /** Seal image (PNG) drawn in `template.seal`. */
  readonly sealPng?: Uint8Array;
  /** Fast font subsetting (`createFontSubsetter`); strongly advised for CJK fonts. */
  readonly subsetter?: FontSubsetter;
  /** XMP metadata, JSON attachment and Info dictionary (docs/LICENSE-FILE.md). */
  readonly metadata?: FaceMetadata;
}

export const PT_PER_MM = 72 / 25.4;
/** Quiet zone around the QR symbol, in modules (white, inside the QR box). */
export const QR_QUIET_ZONE = 2;

/** A text box on the page, in points from the top-left corner. */
export interface PlacedBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly align: FaceAlign;
  /** Wrapping boxes start at their top edge; single-line boxes are centred vertically. */
  readonly top: boolean;
}

export interface PlacedText {
  readonly layout: Layout;
  readonly box: PlacedBox;
  /** What the text shows: a fixed text of the template (by index) or a data item (by code). */
  readonly source: { readonly fixedText: number } | { readonly item: string };
}

export interface FacePlan {
  readonly template: FaceTemplate;
  readonly fonts: readonly LoadedFont[];
  /** Fixed texts first, then data values, in template order; empty texts are left out. */
  readonly placed: readonly PlacedText[];
  readonly metadata: PreparedMetadata | undefined;
}

const invalid = (message: string, details?: Record<string, unknown>): DocumentError =>
  new DocumentError('LICENSE_TEMPLATE_INVALID', message, details);

export function checkTemplate(t: FaceTemplate): void {
  const pos = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v > 0;
  const fin = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
  if (!pos(t.page?.widthMm) || !pos(t.page?.heightMm))
    throw invalid('page size must be positive millimetres');
  const boxes = [
    ...t.fixedTexts.map((b, i) => ({ b, where: `fixedTexts[${i}]` })),
    ...t.textBoxes.map((b, i) => ({ b, where: `textBoxes[${i}]` })),
  ];
  for (const { b, where } of boxes) {
    if (!fin(b.xMm) || !fin(b.yMm) || !pos(b.widthMm) || !pos(b.heightMm) || !pos(b.fontSize)) {
      throw invalid(`${where}: position, size and font size must be finite, sizes positive`, { where });
    }
    if (!['left', 'center', 'right'].includes(b.align)) throw invalid(`${where}: bad align`, { where });
  }
  t.textBoxes.forEach((b, i) => {
    if (!pos(b.minFontSize) || b.minFontSize > b.fontSize) {
      throw invalid(`textBoxes[${i}]: minFontSize must be positive and at most fontSize`, { item: b.item });
    }
  });
  for (const [key, sq] of [
    ['qr', t.qr],
    ['seal', t.seal],
  ] as const) {
    if (sq && (!fin(sq.xMm) || !fin(sq.yMm) || !pos(sq.sizeMm)))
      throw invalid(`${key}: bad position or size`);
  }
}

export function formatDate(value: string, format: FaceDateFormat | undefined, item: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!format || !m) return value;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    throw new DocumentError('LICENSE_VALUE_INVALID', `item ${item}: ${value} is not a calendar date`, {
      item,
    });
  }
  return format === 'yyyy-MM-dd' ? value : `${y}年${mo}月${d}日`;
}

export function isPng(bytes: Uint8Array | undefined): bytes is Uint8Array {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return !!bytes && bytes.length > 8 && sig.every((b, i) => bytes[i] === b);
}

export const imageInvalid = (what: string, reason?: string): DocumentError =>
  new DocumentError(
    'LICENSE_IMAGE_INVALID',
    reason ? `${what} is not a usable PNG: ${reason}` : `${what} is not a PNG image`,
    { image: what },
  );

export interface QrModules {
  readonly size: number;
  get(row: number, col: number): number | boolean;
}

/** The QR symbol (error correction M); LICENSE_QR_INVALID when the payload cannot be encoded. */
export function qrModules(payload: string): QrModules {
  try {
    return QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules;
  } catch (e) {
    throw new DocumentError('LICENSE_QR_INVALID', `QR payload cannot be encoded: ${(e as Error).message}`);
  }
}

/** The code points each font of the chain draws, by font index. */
export function charactersByFont(layouts: readonly Layout[]): Map<number, Set<number>> {
  const used = new Map<number, Set<number>>();
  for (const layout of layouts)
    for (const line of layout.lines)
      for (const run of line.runs) {
        let set = used.get(run.font);
        if (!set) used.set(run.font, (set = new Set()));
        for (const ch of run.text) set.add(ch.codePointAt(0) as number);
      }
  return used;
}

/**
 * Checks the request and lays every text out. Throws DocumentError LICENSE_TEMPLATE_INVALID,
 * LICENSE_METADATA_INVALID, LICENSE_FONT_INVALID, LICENSE_VALUE_INVALID, LICENSE_GLYPH_MISSING
 * (`details.characters`) and LICENSE_TEXT_OVERFLOW (`details.item` or `details.fixedText`).
 */
export function planFace(options: RenderFaceOptions): FacePlan {
  const { template, values, qrPayload, sealPng } = options;
  checkTemplate(template);
  if (qrPayload !== undefined && !template.qr)
    throw invalid('a QR payload was given but the template has no QR position');
  if (sealPng !== undefined && !template.seal)
    throw invalid('a seal image was given but the template has no seal position');
  const metadata = options.metadata ? prepareMetadata(options.metadata) : undefined;
  const fonts: readonly LoadedFont[] = loadFontSet(options.fonts);

  const boxTexts = template.textBoxes.map((b) => formatDate(values[b.item] ?? '', b.dateFormat, b.item));
  const missing = missingCharacters([...template.fixedTexts.map((t) => t.text), ...boxTexts], fonts);
  if (missing.length > 0) {
    throw new DocumentError('LICENSE_GLYPH_MISSING', `no configured font covers: ${missing.join(' ')}`, {
      characters: missing,
    });
  }

  const pt = (mm: number): number => mm * PT_PER_MM;
  const placed: PlacedText[] = [];
  const place = (
    text: string,
    b: FaceTemplate['textBoxes'][number] | FaceTemplate['fixedTexts'][number],
    fit: { minFontSize: number; wrap: boolean },
    where: { fixedText: number; text: string } | { item: string },
  ): void => {
    if (text === '') return;
    const box = {
      x: pt(b.xMm),
      y: pt(b.yMm),
      width: pt(b.widthMm),
      height: pt(b.heightMm),
      align: b.align,
      top: fit.wrap,
    };
    const layout = fitText(text, fonts, b.font ?? 'serif', { ...box, fontSize: b.fontSize, ...fit });
    if (!layout) {
      throw new DocumentError(
        'LICENSE_TEXT_OVERFLOW',
        `text does not fit its box: ${JSON.stringify(where)}`,
        {
          ...where,
          minFontSize: fit.minFontSize,
        },
      );
    }
    placed.push({
      layout,
      box,
      source: 'item' in where ? { item: where.item } : { fixedText: where.fixedText },
    });
  };
  template.fixedTexts.forEach((t, i) =>
    place(t.text, t, { minFontSize: t.fontSize, wrap: false }, { fixedText: i, text: t.text }),
  );
  template.textBoxes.forEach((b, i) =>
    place(boxTexts[i]!, b, { minFontSize: b.minFontSize, wrap: b.wrap }, { item: b.item }),
  );
  return { template, fonts, placed, metadata };
}
