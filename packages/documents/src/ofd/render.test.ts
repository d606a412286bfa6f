import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFontSubsetter, harfbuzzSubsetWasmPath } from '../license-face/subset.js';
import { renderFace } from '../license-face/render.js';
import { sampleRequest, SAMPLE_VALUES } from '../license-face/testing/sample-licence.js';
import { rasterizePdfPage } from '../pdf-raster/rasterize.js';
import { openOfd } from './read.js';
import { renderOfdPage } from './render.js';
import { readOfdFixture } from './testing/ofd-files.js';
import { isNotWhite, isRed, isWhite, Raster, testFonts, withPage, type Rgb } from './testing/render-model.js';
import { renderFaceOfd } from './write-face.js';

const fixture = (name: string) => openOfd(readOfdFixture(name));
const render = async (doc: ReturnType<typeof fixture>, page: number, stamps = true) =>
  new Raster(await renderOfdPage(doc, page, { stamps, fonts: testFonts() }));

/** The brown of the invoice title (156 82 35) and other dark print, not the seal's pure red. */
const isBrownOrDark = ([r, g, b]: Rgb): boolean => r + g + b < 600 && !(r > 200 && g < 60 && b < 60);

describe('renderOfdPage on the real fixtures', () => {
  it('1.ofd: page size at 96 dpi, seal (an OFD inside the SES picture) in its StampAnnot, title, blank areas', async () => {
    const doc = fixture('1.ofd');
    const png = await renderOfdPage(doc, 0, { fonts: testFonts() });
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const page = new Raster(png);
    // 210 × 140 mm at 96 dpi: 793.7 × 529.1 → 794 × 530.
    expect([page.width, page.height]).toEqual([794, 530]);
    const stampBox = [90, 8, 30, 20] as const;
    const stampPixels = page.count(stampBox, () => true);
    expect(page.count(stampBox, isRed)).toBeGreaterThan(stampPixels * 0.1);
    expect(page.count([69, 7, 72, 7.67], isBrownOrDark)).toBeGreaterThan(1500);
    expect(page.count([60, 60, 10, 10], (p) => !isWhite(p))).toBe(0);
    expect(page.count([5, 130, 10, 8], (p) => !isWhite(p))).toBe(0);
    // The red comes from the seal: without stamps the box has none, and nothing else changed outside it.
    const unsealed = await render(doc, 0, false);
    expect(unsealed.count(stampBox, isRed)).toBe(0);
    expect(unsealed.count([0, 0, 210, 140], isRed)).toBe(0);
    expect(page.count([0, 0, 210, 140], isRed)).toBe(page.count(stampBox, isRed));
  });

  it('1.ofd: draws the JBIG2 QR code of the invoice', async () => {
    const page = await render(fixture('1.ofd'), 0);
    const dark = page.count([8.5, 3.5, 20, 20], ([r]) => r < 80);
    expect(dark).toBeGreaterThan(page.count([8.5, 3.5, 20, 20], () => true) * 0.3);
  });

  it('V4RideRight.ofd: one slice of the riding seal on each of the 5 pages, at the clip, and nowhere else', async () => {
    const doc = fixture('V4RideRight.ofd');
    expect(doc.pages).toHaveLength(5);
    const slices = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const sealed = await render(doc, i);
      const plain = await render(doc, i, false);
      const slice = [202, 40, 8, 40] as const;
      expect(sealed.count(slice, isRed), `page ${i}`).toBeGreaterThan(300);
      expect(plain.count(slice, isRed), `page ${i}`).toBe(0);
      // Every red pixel the seal adds lies in the slice (pages 1–4 have red boxes of their own).
      const all = [0, 0, 210, 297] as const;
      expect(sealed.count(all, isRed) - plain.count(all, isRed), `page ${i}`).toBe(
        sealed.count(slice, isRed),
      );
      expect(sealed.count([150, 40, 51.5, 40], isRed), `page ${i}`).toBe(0);
      slices.add(sealed.area(slice));
    }
    // Each page shows a different 8 mm part of the seal.
    expect(slices.size).toBe(5);
  });

  it('signout.ofd: vector stamp annotations and large embedded fonts are drawn', async () => {
    const doc = fixture('signout.ofd');
    const page = await render(doc, 0);
    const all = [0, 0, 210, 297] as const;
    expect(page.count(all, isNotWhite)).toBeGreaterThan(20_000);
    const bare = await render(
      withPage(doc, (p) => ({ ...p, annotations: [] })),
      0,
    );
    // The handwritten annotation "6.17" (98.37 112.49 34.09 × 28.01 mm) is annotation-only ink.
    const annotation = [98.37, 112.49, 34.09, 28.01] as const;
    expect(page.count(annotation, isNotWhite) - bare.count(annotation, isNotWhite)).toBeGreaterThan(500);
  });

  it('z.ofd (pre-standard namespace): every page draws', async () => {
    const doc = fixture('z.ofd');
    for (let i = 0; i < doc.pages.length; i++) {
      const page = await render(doc, i);
      expect(page.count([0, 0, 210, 297], isNotWhite), `page ${i}`).toBeGreaterThan(5_000);
    }
  });

  it.each(['999.ofd', 'SignScaleError.ofd', 'SESV4SignDoc.ofd', 'n.ofd', '20240531141733.ofd'])(
    '%s: the first page draws with its seal (or seal image) in red',
    async (name) => {
      const page = await render(fixture(name), 0);
      expect(page.count([0, 0, 210, 297], isNotWhite)).toBeGreaterThan(5_000);
      expect(page.count([0, 0, 210, 297], isRed)).toBeGreaterThan(200);
    },
  );
});

describe('OFD licence face against the PDF face', () => {
  const fonts = testFonts();
  const CHANNEL_TOLERANCE = 64;

  /** Share of pixels whose channels differ by more than the tolerance. */
  function differing(a: Raster, b: Raster, box?: readonly [number, number, number, number]): number {
    const area = box ?? ([0, 0, (a.width * 25.4) / 96, (a.height * 25.4) / 96] as const);
    let total = 0;
    let different = 0;
    const k = 96 / 25.4;
    for (let y = Math.floor(area[1] * k); y < Math.min(a.height, Math.ceil((area[1] + area[3]) * k)); y++) {
      for (let x = Math.floor(area[0] * k); x < Math.min(a.width, Math.ceil((area[0] + area[2]) * k)); x++) {
        const p = a.pixel(x, y);
        const q = b.pixel(x, y);
        total++;
        if (p.some((v, i) => Math.abs(v - q[i]!) > CHANNEL_TOLERANCE)) different++;
      }
    }
    return different / total;
  }

  it('renders like pdf.js renders the PDF of the same face; a different holder changes the holder box', async () => {
    const subsetter = createFontSubsetter(new Uint8Array(readFileSync(harfbuzzSubsetWasmPath())));
    const request = sampleRequest(fonts, { subsetter });
    const pdf = new Raster(await rasterizePdfPage(await renderFace(request), { dpi: 96 }));
    const ofd = new Raster(await renderOfdPage(openOfd(await renderFaceOfd(request)), 0, { fonts }));
    expect([ofd.width, ofd.height]).toEqual([pdf.width, pdf.height]);
    // Measured: 0.03 % of the page, 0 % in the holder box (antialiasing differences only).
    expect(differing(pdf, ofd)).toBeLessThan(0.005);
    const holderBox = [62, 45, 130, 8] as const;
    expect(differing(pdf, ofd, holderBox)).toBeLessThan(0.005);
    expect(ofd.count(holderBox, isNotWhite)).toBeGreaterThan(500);

    const other = sampleRequest(fonts, {
      subsetter,
      values: { ...SAMPLE_VALUES, CZZT: '闽侯县青口镇张三饭店' },
    });
    const changed = new Raster(await renderOfdPage(openOfd(await renderFaceOfd(other)), 0, { fonts }));
    // Measured: 10 % of the holder box.
    expect(differing(ofd, changed, holderBox)).toBeGreaterThan(0.05);
    expect(differing(ofd, changed, [62, 60, 130, 100])).toBe(0);
  });
});
