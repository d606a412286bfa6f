/**
 * Licence face rendering with pdfkit: fixed texts, data values, QR code and seal image on a
 * template page, as planned by face-plan.ts (checks, glyph coverage, text fitting).
 */
import PDFDocument from 'pdfkit';
import type { LoadedFont } from './fonts.js';
import type { FontSubsetter } from './subset.js';
import { EM_ASCENT, LINE_HEIGHT, type Layout } from './layout.js';
import { attachMetadata, documentInfo } from './pdf-metadata.js';
import {
  PT_PER_MM,
  QR_QUIET_ZONE,
  charactersByFont,
  imageInvalid,
  isPng,
  planFace,
  qrModules,
  type PlacedBox,
  type RenderFaceOptions,
} from './face-plan.js';

export type { RenderFaceOptions } from './face-plan.js';

function drawImage(
  doc: PDFKit.PDFDocument,
  png: Uint8Array,
  what: string,
  x: number,
  y: number,
  w: number,
  h: number,
) {
  if (!isPng(png)) throw imageInvalid(what);
  try {
    doc.image(Buffer.from(png.buffer, png.byteOffset, png.byteLength), x, y, {
      fit: [w, h],
      align: 'center',
      valign: 'center',
    });
  } catch (e) {
    throw imageInvalid(what, (e as Error).message);
  }
}

function drawLayout(doc: PDFKit.PDFDocument, layout: Layout, box: PlacedBox): void {
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
  const modules = qrModules(payload);
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

/**
 * Render one licence face as a one-page PDF (fonts embedded as subsets).
 * Throws DocumentError: LICENSE_GLYPH_MISSING (`details.characters`: every character no font
 * covers), LICENSE_TEXT_OVERFLOW (`details.item` or `details.fixedText`), LICENSE_TEMPLATE_INVALID,
 * LICENSE_VALUE_INVALID, LICENSE_FONT_INVALID, LICENSE_IMAGE_INVALID, LICENSE_QR_INVALID,
 * LICENSE_METADATA_INVALID. Equal inputs with an equal `metadata.createdAt` give equal bytes.
 */
export async function renderFace(options: RenderFaceOptions): Promise<Uint8Array> {
  const { template, qrPayload, sealPng } = options;
  const { fonts, placed, metadata } = planFace(options);
  const pt = (mm: number): number => mm * PT_PER_MM;

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
