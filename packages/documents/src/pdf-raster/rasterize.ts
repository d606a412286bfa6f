/**
 * One PDF page as a PNG, drawn by pdf.js (legacy build, runs on Node) on an @napi-rs/canvas
 * canvas: the template designer's preview of a sample licence face. Embedded fonts are drawn as
 * glyph outlines; nothing is read from the system's fonts.
 */
import { createCanvas } from '@napi-rs/canvas';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DocumentError } from '../checks.js';

export interface RasterizeOptions {
  /** 1-based page number; default 1. */
  readonly page?: number;
  /** Resolution in dots per inch, RASTER_MIN_DPI…RASTER_MAX_DPI; default 96. */
  readonly dpi?: number;
  /** Larger inputs are refused before parsing; default 64 MiB. */
  readonly maxBytes?: number;
}

export const RASTER_MIN_DPI = 36;
export const RASTER_MAX_DPI = 300;
export const RASTER_DEFAULT_DPI = 96;
/** Documents with more pages are refused (a preview is of a licence face, not a book). */
export const RASTER_MAX_PAGES = 100;
/** Largest image drawn (pixels): an A3 page at 300 dpi is about 17.4 million. */
export const RASTER_MAX_PIXELS = 40_000_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

const optionsInvalid = (message: string, details: Record<string, unknown>): DocumentError =>
  new DocumentError('PDF_RASTER_OPTIONS_INVALID', message, details);

/** pdf.js data shipped in pdfjs-dist (standard 14 font programs, CMaps), as directory paths. */
function pdfjsDataDirs(): { standardFontDataUrl: string; cMapUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return { standardFontDataUrl: `${join(root, 'standard_fonts')}/`, cMapUrl: `${join(root, 'cmaps')}/` };
}

function checkOptions(options: RasterizeOptions): { page: number; dpi: number } {
  const page = options.page ?? 1;
  const dpi = options.dpi ?? RASTER_DEFAULT_DPI;
  if (!Number.isInteger(page) || page < 1) {
    throw optionsInvalid(`page must be a whole number from 1, not ${page}`, { page });
  }
  if (!Number.isFinite(dpi) || dpi < RASTER_MIN_DPI || dpi > RASTER_MAX_DPI) {
    throw optionsInvalid(`dpi must be from ${RASTER_MIN_DPI} to ${RASTER_MAX_DPI}, not ${dpi}`, {
      dpi,
      min: RASTER_MIN_DPI,
      max: RASTER_MAX_DPI,
    });
  }
  return { page, dpi };
}

/**
 * Renders page `page` of the PDF at `dpi` (white background, annotations with appearances drawn,
 * as a viewer shows it) and returns the PNG. The image is the page's visible area, rotated as
 * displayed, `ceil(size in points × dpi / 72)` pixels each way (as pdftoppm).
 * Throws DocumentError: PDF_RASTER_OPTIONS_INVALID (bad dpi, page missing: `details.pageCount`),
 * PDF_TOO_LARGE, PDF_LIMIT_EXCEEDED (too many pages or pixels), PDF_ENCRYPTED, PDF_MALFORMED.
 */
export async function rasterizePdfPage(pdf: Uint8Array, options: RasterizeOptions = {}): Promise<Uint8Array> {
  return (await renderPdfPage(pdf, options)).png;
}

/** A drawn page with what a viewer needs to map a click on the image back to PDF points. */
export interface RenderedPdfPage {
  readonly png: Uint8Array;
  readonly pageCount: number;
  /** The page as displayed (visible area, after /Rotate), in points. */
  readonly widthPt: number;
  readonly heightPt: number;
}

/** `rasterizePdfPage` plus the page count and the displayed page size in points. */
export async function renderPdfPage(
  pdf: Uint8Array,
  options: RasterizeOptions = {},
): Promise<RenderedPdfPage> {
  const { page: pageNumber, dpi } = checkOptions(options);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (pdf.length > maxBytes) {
    throw new DocumentError('PDF_TOO_LARGE', `the PDF is larger than ${maxBytes} bytes`, {
      size: pdf.length,
      maxBytes,
    });
  }
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js may take over the buffer it is given: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(pdf),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    ...pdfjsDataDirs(),
    cMapPacked: true,
  });
  try {
    let doc: Awaited<typeof task.promise>;
    try {
      doc = await task.promise;
    } catch (error) {
      if ((error as Error).name === 'PasswordException')
        throw new DocumentError('PDF_ENCRYPTED', 'the PDF is encrypted');
      throw error;
    }
    if (doc.numPages > RASTER_MAX_PAGES) {
      throw new DocumentError('PDF_LIMIT_EXCEEDED', `the PDF has more than ${RASTER_MAX_PAGES} pages`, {
        pageCount: doc.numPages,
        maxPages: RASTER_MAX_PAGES,
      });
    }
    if (pageNumber > doc.numPages) {
      throw optionsInvalid(`page ${pageNumber} does not exist: the PDF has ${doc.numPages}`, {
        page: pageNumber,
        pageCount: doc.numPages,
      });
    }
    const page = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale: dpi / 72 });
    // Partial pixels count, as in pdftoppm (rounding error tolerated).
    const width = Math.max(1, Math.ceil(viewport.width - 1e-6));
    const height = Math.max(1, Math.ceil(viewport.height - 1e-6));
    if (width * height > RASTER_MAX_PIXELS) {
      throw new DocumentError('PDF_LIMIT_EXCEEDED', `the page would be ${width}×${height} pixels`, {
        width,
        height,
        maxPixels: RASTER_MAX_PIXELS,
      });
    }
    const canvas = createCanvas(width, height);
    type RenderCanvas = Parameters<typeof page.render>[0]['canvas'];
    await page.render({ canvas: canvas as unknown as RenderCanvas, viewport, background: '#ffffff' }).promise;
    const size = page.getViewport({ scale: 1 });
    page.cleanup();
    return {
      png: new Uint8Array(await canvas.encode('png')),
      pageCount: doc.numPages,
      widthPt: size.width,
      heightPt: size.height,
    };
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError('PDF_MALFORMED', `the page cannot be drawn: ${(error as Error).message}`);
  } finally {
    await task.destroy();
  }
}
