/**
 * One OFD page as a PNG (GB/T 33190), for previews and tests: good enough that a licence face and
 * real invoices are recognisable, not a print-exact viewer. White background, then the page's
 * layers (Background, Body, Foreground), visible annotations and the seals of its signatures.
 */
import { createCanvas } from '@napi-rs/canvas';
import type { FontSet } from '../license-face/types.js';
import { multiply, type Matrix } from '../seal-image/draw.js';
import { ofdError } from './errors.js';
import { MAX_DRAW_OPERATIONS, PageDrawer, scale, translate, type DrawSession } from './render-draw.js';
import { fallbackFonts } from './render-fonts.js';
import { drawStamps } from './render-stamp.js';
import type { OfdDocument } from './types.js';

export interface RenderOfdOptions {
  /** Dots per inch, OFD_RENDER_MIN_DPI…OFD_RENDER_MAX_DPI; default 96. */
  readonly dpi?: number;
  /**
   * Fonts for text whose font is not embedded (or lacks a character): for each character the first
   * font of the style the OFD font name suggests (Song/Kai/Fangsong → serif, else sans), then any.
   * Without fonts, only text in embedded fonts is drawn (the package reads no files: pass e.g. the
   * licence font chain, or the bundled Noto Sans SC from `bundledSealFontPath('regular')`).
   */
  readonly fonts?: FontSet;
  /** Draw the seals of the document's signatures; default true. */
  readonly stamps?: boolean;
  /** Largest image (width × height); default OFD_RENDER_MAX_PIXELS. */
  readonly maxPixels?: number;
}

export const OFD_RENDER_MIN_DPI = 36;
export const OFD_RENDER_MAX_DPI = 300;
export const OFD_RENDER_DEFAULT_DPI = 96;
export const OFD_RENDER_MAX_PIXELS = 40_000_000;

const MM_PER_INCH = 25.4;

function checkOptions(doc: OfdDocument, pageIndex: number, options: RenderOfdOptions) {
  const dpi = options.dpi ?? OFD_RENDER_DEFAULT_DPI;
  if (typeof dpi !== 'number' || !(dpi >= OFD_RENDER_MIN_DPI && dpi <= OFD_RENDER_MAX_DPI)) {
    throw ofdError(
      'OFD_INPUT_INVALID',
      `dpi must be from ${OFD_RENDER_MIN_DPI} to ${OFD_RENDER_MAX_DPI}, not ${String(dpi)}`,
      { dpi: String(dpi), min: OFD_RENDER_MIN_DPI, max: OFD_RENDER_MAX_DPI },
    );
  }
  const maxPixels = options.maxPixels ?? OFD_RENDER_MAX_PIXELS;
  if (typeof maxPixels !== 'number' || !(maxPixels >= 1)) {
    throw ofdError('OFD_INPUT_INVALID', `maxPixels must be a positive number, not ${String(maxPixels)}`, {
      maxPixels: String(maxPixels),
    });
  }
  if (!Number.isInteger(pageIndex) || pageIndex < 0 || pageIndex >= doc.pages.length) {
    throw ofdError(
      'OFD_INPUT_INVALID',
      `page ${String(pageIndex)} does not exist: the document has ${doc.pages.length} (counted from 0)`,
      { page: String(pageIndex), pageCount: doc.pages.length },
    );
  }
  return { dpi, maxPixels };
}

/**
 * Renders page `pageIndex` (0-based) of `doc` and returns the PNG: `ceil(size in mm × dpi / 25.4)`
 * pixels each way for the page's PhysicalBox. Unsupported images (JBIG2, TIFF), unreadable fonts,
 * malformed paths and undecodable seals are skipped, the rest is drawn.
 * Throws DocumentError: OFD_INPUT_INVALID (dpi, maxPixels, page index), OFD_LIMIT_EXCEEDED (more
 * pixels than maxPixels, more than MAX_DRAW_OPERATIONS objects and glyphs), OFD_MALFORMED (a page
 * that cannot be read or has no usable size), LICENSE_FONT_INVALID (a font of `options.fonts`).
 */
export async function renderOfdPage(
  doc: OfdDocument,
  pageIndex: number,
  options: RenderOfdOptions = {},
): Promise<Uint8Array> {
  const { dpi, maxPixels } = checkOptions(doc, pageIndex, options);
  const page = doc.page(pageIndex);
  const box = page.physicalBox;
  if (![box.x, box.y, box.width, box.height].every(Number.isFinite) || box.width <= 0 || box.height <= 0) {
    throw ofdError('OFD_MALFORMED', `page ${pageIndex + 1} has no usable PhysicalBox`, { page: pageIndex });
  }
  const k = dpi / MM_PER_INCH;
  // Partial pixels count (as pdftoppm), rounding error tolerated.
  const width = Math.max(1, Math.ceil(box.width * k - 1e-6));
  const height = Math.max(1, Math.ceil(box.height * k - 1e-6));
  if (width * height > maxPixels) {
    throw ofdError('OFD_LIMIT_EXCEEDED', `the page would be ${width}×${height} pixels`, {
      width,
      height,
      maxPixels,
    });
  }
  const fonts = fallbackFonts(options.fonts ?? []);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const session: DrawSession = { ctx, fallback: fonts, operations: MAX_DRAW_OPERATIONS };
  const pageMatrix: Matrix = multiply(scale(k), translate(-box.x, -box.y));
  await new PageDrawer(doc, page, session).drawContent(pageMatrix);
  if (options.stamps ?? true) await drawStamps(doc, page, pageMatrix, session, 0);
  return new Uint8Array(await canvas.encode('png'));
}
