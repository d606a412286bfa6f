import { spawnSync } from 'node:child_process';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { renderFace } from '../license-face/index.js';
import { SAMPLE_TEMPLATE, sampleFonts, sampleRequest } from '../license-face/testing/sample-licence.js';
import { workspace } from '../pdf/testing/tools.js';
import type { Workspace } from '../pdf/testing/tools.js';
import { RASTER_MAX_PAGES, rasterizePdfPage, renderPdfPage } from './index.js';

let face: Uint8Array;
let ws: Workspace;

beforeAll(async () => {
  face = await renderFace(sampleRequest(sampleFonts()));
  ws = workspace('pdf-raster-');
});
afterAll(() => ws?.remove());

async function expectRejects(p: Promise<unknown>, code: string): Promise<DocumentError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DocumentError);
  expect((e as DocumentError).code, (e as Error).message).toBe(code);
  return e as DocumentError;
}

/** A PDF whose pages have the given sizes in points, each with a black square at its lower left. */
function pagesPdf(sizes: readonly (readonly [number, number])[]): Promise<Uint8Array> {
  const doc = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (const [w, h] of sizes)
    doc
      .addPage({ size: [w, h], margin: 0 })
      .rect(0, h - 20, 20, 20)
      .fill('#000000');
  doc.end();
  return done;
}

const mmToPx = (mm: number, dpi: number): number => Math.round((mm / 25.4) * dpi);

/** Fraction of pixels darker than `level` (all channels) in a rectangle given in millimetres. */
function darkShare(
  png: PNG,
  box: { xMm: number; yMm: number; widthMm: number; heightMm: number },
  dpi: number,
  level = 110,
) {
  let dark = 0;
  let all = 0;
  for (let y = mmToPx(box.yMm, dpi); y < mmToPx(box.yMm + box.heightMm, dpi); y++) {
    for (let x = mmToPx(box.xMm, dpi); x < mmToPx(box.xMm + box.widthMm, dpi); x++) {
      const i = (y * png.width + x) * 4;
      all++;
      if (png.data[i]! < level && png.data[i + 1]! < level && png.data[i + 2]! < level) dark++;
    }
  }
  return dark / all;
}

/** Mean absolute difference of the RGB averages of 8 × 8 pixel blocks, in 0–255 units. */
function blockDifference(a: PNG, b: PNG, size = 8): number {
  let sum = 0;
  let blocks = 0;
  for (let by = 0; by + size <= a.height; by += size) {
    for (let bx = 0; bx + size <= a.width; bx += size) {
      for (let c = 0; c < 3; c++) {
        let d = 0;
        for (let y = by; y < by + size; y++) {
          for (let x = bx; x < bx + size; x++)
            d += a.data[(y * a.width + x) * 4 + c]! - b.data[(y * b.width + x) * 4 + c]!;
        }
        sum += Math.abs(d) / (size * size);
        blocks++;
      }
    }
  }
  return sum / blocks;
}

describe('rasterizePdfPage', () => {
  it('draws the licence face at 72 dpi: page size in pixels, text dark in its box, white elsewhere', async () => {
    const png = PNG.sync.read(Buffer.from(await rasterizePdfPage(face, { dpi: 72 })));
    expect([png.width, png.height]).toEqual([842, 596]); // 297 × 210 mm = 841.89 × 595.28 pt
    const holder = SAMPLE_TEMPLATE.textBoxes[0]!; // CZZT, a 14 pt name in a 130 × 8 mm box
    expect(darkShare(png, { ...holder, widthMm: 40 }, 72)).toBeGreaterThan(0.05);
    const qr = SAMPLE_TEMPLATE.qr!;
    expect(
      darkShare(png, { xMm: qr.xMm, yMm: qr.yMm, widthMm: qr.sizeMm, heightMm: qr.sizeMm }, 72),
    ).toBeGreaterThan(0.25);
    // Empty areas: left margin below the labels, and the right of the page under the QR code.
    expect(darkShare(png, { xMm: 5, yMm: 160, widthMm: 50, heightMm: 40 }, 72, 250)).toBe(0);
    expect(darkShare(png, { xMm: 240, yMm: 90, widthMm: 50, heightMm: 40 }, 72, 250)).toBe(0);
  });

  it('agrees with pdftoppm at the same resolution', async () => {
    const ours = PNG.sync.read(Buffer.from(await rasterizePdfPage(face, { dpi: 72 })));
    const path = ws.write('face.pdf', face);
    const r = spawnSync('pdftoppm', ['-r', '72', '-png', '-singlefile', path, ws.path('poppler')], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const theirs = PNG.sync.read(Buffer.from(ws.read('poppler.png')));
    expect([ours.width, ours.height]).toEqual([theirs.width, theirs.height]);
    const white = { ...theirs, data: Buffer.alloc(theirs.data.length, 255) } as PNG;
    // Compared over 8 × 8 pixel blocks, so that anti-aliasing differences average out.
    expect(blockDifference(ours, theirs)).toBeLessThan(1.5); // measured: about 0.6
    expect(blockDifference(white, theirs)).toBeGreaterThan(4); // a blank page would fail (about 6)
  });

  it('scales with dpi and picks the requested page', async () => {
    const png = PNG.sync.read(Buffer.from(await rasterizePdfPage(face, { dpi: 36 })));
    expect([png.width, png.height]).toEqual([421, 298]);
    const two = await pagesPdf([
      [200, 100],
      [100, 300],
    ]);
    const second = PNG.sync.read(Buffer.from(await rasterizePdfPage(two, { page: 2, dpi: 144 })));
    expect([second.width, second.height]).toEqual([200, 600]);
    // The black square of page 2 is at its lower left: 40 × 40 pixels at 144 dpi.
    const at = (x: number, y: number) => second.data[(y * second.width + x) * 4]!;
    expect(at(5, 595)).toBeLessThan(30);
    expect(at(60, 540)).toBeGreaterThan(225);
    // What a viewer needs to map clicks back to points: the page count and the displayed size.
    const rendered = await renderPdfPage(two, { page: 2, dpi: 72 });
    expect(rendered).toMatchObject({ pageCount: 2, widthPt: 100, heightPt: 300 });
    expect(PNG.sync.read(Buffer.from(rendered.png)).width).toBe(100);
  });

  it('refuses a missing page, bad options, too many pages and files that are not PDFs', async () => {
    for (const page of [2, 0, -1, 1.5, Number.NaN]) {
      const e = await expectRejects(rasterizePdfPage(face, { page }), 'PDF_RASTER_OPTIONS_INVALID');
      if (page === 2) expect(e.details).toEqual({ page: 2, pageCount: 1 });
    }
    for (const dpi of [35, 301, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expectRejects(rasterizePdfPage(face, { dpi }), 'PDF_RASTER_OPTIONS_INVALID');
    }
    const many = await pagesPdf(Array.from({ length: RASTER_MAX_PAGES + 1 }, () => [50, 50] as const));
    await expectRejects(rasterizePdfPage(many), 'PDF_LIMIT_EXCEEDED');
    await expectRejects(rasterizePdfPage(new TextEncoder().encode('%PDF-1.7 nothing here')), 'PDF_MALFORMED');
    await expectRejects(rasterizePdfPage(face, { maxBytes: 1000 }), 'PDF_TOO_LARGE');
    const huge = await pagesPdf([[14400, 14400]]); // 200 × 200 inches
    await expectRejects(rasterizePdfPage(huge, { dpi: 72 }), 'PDF_LIMIT_EXCEEDED');
  });
});
