/**
 * Licence face rendering with pdfkit: fixed texts, data values, QR code and seal image on a
 * template page. Glyph coverage is checked first — a character no font covers is refused, never
 * drawn blank — and every text must fit its box (wrapping and shrinking within the template's limits).
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { DocumentError } from '../checks.js';
import { loadFontSet, missingCharacters, type LoadedFont } from './fonts.js';
import type { FontSubsetter } from './subset.js';
import { EM_ASCENT, LINE_HEIGHT, fitText, type Layout } from './layout.js';
import { attachMetadata, documentInfo, prepareMetadata } from './pdf-metadata.js';
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

const PT_PER_MM = 72 / 25.4;
/** Quiet zone around the QR symbol, in modules (white, inside the QR box). */
const QR_QUIET_ZONE = 2;

const invalid = (message: string, details?: Record<string, unknown>): DocumentError =>
  new DocumentError('LICENSE_TEMPLATE_INVALID', message, details);

function checkTemplate(t: FaceTemplate): void {
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

function formatDate(value: string, format: FaceDateFormat | undefined, item: string): string {
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

function isPng(bytes: Uint8Array | undefined): bytes is Uint8Array {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return !!bytes && bytes.length > 8 && sig.every((b, i) => bytes[i] === b);
}

function drawImage(
  doc: PDFKit.PDFDocument,
  png: Uint8Array,
  what: string,
  x: number,
  y: number,
  w: number,
  h: number,
) {
  if (!isPng(png))
    throw new DocumentError('LICENSE_IMAGE_INVALID', `${what} is not a PNG image`, { image: what });
  try {
    doc.image(Buffer.from(png.buffer, png.byteOffset, png.byteLength), x, y, {
      fit: [w, h],
      align: 'center',
      valign: 'center',
    });
  } catch (e) {
    throw new DocumentError('LICENSE_IMAGE_INVALID', `${what} is not a usable PNG: ${(e as Error).message}`, {
      image: what,
    });
  }
}

function drawLayout(
  doc: PDFKit.PDFDocument,
  layout: Layout,
  box: { x: number; y: number; width: number; height: number; align: FaceAlign; top: boolean },
): void {
  const size = layout.fontSize;
  // Wrapping boxes start at their top edge; single-line boxes are centred vertically.
  const top = box.top ? box.y : box.y + (box.height - layout.height) / 2;
  layout.lines.forEach((line, i) => {
    const baseline = top + i * size * LINE_HEIGHT + EM_ASCENT * size;
    let x =
      box.align === 'left'
        ? box.x
        : box.align === 'right'
          ? box.x + box.width - line.width
          : box.x + (box.width - line.width) / 2;
    for (const run of line.runs) {
      doc
        .font(`f${run.font}`)
        .fontSize(size)
        .text(run.text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
      x += run.width;
    }
  });
}

function drawQr(doc: PDFKit.PDFDocument, payload: string, x: number, y: number, size: number): void {
  let modules: { size: number; get(row: number, col: number): number | boolean };
  try {
    modules = QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules;
  } catch (e) {
    throw new DocumentError('LICENSE_QR_INVALID', `QR payload cannot be encoded: ${(e as Error).message}`);
  }
  const n = modules.size;
  const m = size / (n + 2 * QR_QUIET_ZONE);
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n;) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      doc.rect(x + (QR_QUIET_ZONE + start) * m, y + (QR_QUIET_ZONE + row) * m, (col - start) * m, m);
    }
  }
  doc.fill('#000000');
}

/**
 * With a subsetter pdfkit gets a HarfBuzz subset of each font holding just the characters it draws
 * (fast, see subset.ts); without one it subsets the parsed fontkit face itself (slow on CJK fonts).
 */
function registerFonts(
  doc: PDFKit.PDFDocument,
  fonts: readonly LoadedFont[],
  placed: readonly { layout: Layout }[],
  subsetter: FontSubsetter | undefined,
): void {
  if (!subsetter) {
    fonts.forEach((f, i) => doc.registerFont(`f${i}`, f.font as unknown as Buffer));
    return;
  }
  for (const [i, chars] of charactersByFont(placed.map((p) => p.layout))) {
    const f = fonts[i] as LoadedFont;
    doc.registerFont(`f${i}`, Buffer.from(subsetter.subset(f.spec.bytes, f.faceIndex, chars)));
  }
}

/** The code points each font of the chain draws, by font index. */
function charactersByFont(layouts: readonly Layout[]): Map<number, Set<number>> {
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
 * Render one licence face as a one-page PDF (fonts embedded as subsets).
 * Throws DocumentError: LICENSE_GLYPH_MISSING (`details.characters`: every character no font
 * covers), LICENSE_TEXT_OVERFLOW (`details.item` or `details.fixedText`), LICENSE_TEMPLATE_INVALID,
 * LICENSE_VALUE_INVALID, LICENSE_FONT_INVALID, LICENSE_IMAGE_INVALID, LICENSE_QR_INVALID,
 * LICENSE_METADATA_INVALID. Equal inputs with an equal `metadata.createdAt` give equal bytes.
 */
export async function renderFace(options: RenderFaceOptions): Promise<Uint8Array> {
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
  const placed: { layout: Layout; box: Parameters<typeof drawLayout>[2] }[] = [];
  const place = (
    text: string,
    b: FaceTemplate['textBoxes'][number] | FaceTemplate['fixedTexts'][number],
    fit: { minFontSize: number; wrap: boolean },
    where: Record<string, unknown>,
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
    placed.push({ layout, box });
  };
  template.fixedTexts.forEach((t, i) =>
    place(t.text, t, { minFontSize: t.fontSize, wrap: false }, { fixedText: i, text: t.text }),
  );
  template.textBoxes.forEach((b, i) =>
    place(boxTexts[i]!, b, { minFontSize: b.minFontSize, wrap: b.wrap }, { item: b.item }),
  );

  const doc = new PDFDocument({
    size: [pt(template.page.widthMm), pt(template.page.heightMm)],
    margin: 0,
    pdfVersion: '1.7',
    info: documentInfo(metadata),
    // No default Helvetica: every text uses the chain's fonts, and loading its metrics costs per document.
    font: null as unknown as string,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  try {
    attachMetadata(doc, metadata);
    registerFonts(doc, fonts, placed, options.subsetter);
    if (template.background) {
      drawImage(
        doc,
        template.background.png,
        'background',
        0,
        0,
        pt(template.page.widthMm),
        pt(template.page.heightMm),
      );
    }
    for (const p of placed) drawLayout(doc, p.layout, p.box);
    if (template.qr && qrPayload !== undefined)
      drawQr(doc, qrPayload, pt(template.qr.xMm), pt(template.qr.yMm), pt(template.qr.sizeMm));
    if (template.seal && sealPng !== undefined) {
      const s = template.seal;
      drawImage(doc, sealPng, 'seal', pt(s.xMm), pt(s.yMm), pt(s.sizeMm), pt(s.sizeMm));
    }
  } catch (e) {
    doc.end();
    await done.catch(() => undefined);
    throw e;
  }
  doc.end();
  return done;
}
