import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { renderOfdPage } from './render.js';
import {
  isDark,
  isNotWhite,
  isRed,
  isWhite,
  modelDocument,
  Raster,
  testFonts,
} from './testing/render-model.js';
import type { OfdGraphic, OfdPath, OfdText } from './types.js';

const BLACK = { value: [0, 0, 0] };
const RED = { value: [255, 0, 0] };
const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

const square = (size: number, at = 0) =>
  `M ${at} ${at} L ${at + size} ${at} L ${at + size} ${at + size} L ${at} ${at + size} C`;

function path(extra: Partial<OfdPath> & { data: string }): OfdPath {
  return {
    kind: 'path',
    boundary: box(0, 0, 50, 50),
    visible: true,
    fill: true,
    stroke: false,
    rule: 'NonZero',
    fillColor: BLACK,
    ...extra,
  };
}

function text(extra: Partial<OfdText> & { codes: OfdText['codes'] }): OfdText {
  return {
    kind: 'text',
    boundary: box(0, 0, 50, 50),
    visible: true,
    font: 'f1',
    size: 8,
    fill: true,
    stroke: false,
    ...extra,
  };
}

/** 1 px = 1/96 inch: at 254 dpi one millimetre is exactly 10 pixels. */
async function render(objects: readonly OfdGraphic[], spec: Parameters<typeof modelDocument>[0] = {}) {
  return new Raster(
    await renderOfdPage(modelDocument({ objects, ...spec }), 0, { dpi: 254, fonts: testFonts() }),
    254,
  );
}

describe('renderOfdPage on hand-built pages', () => {
  it('gives a PNG of the page size at the dpi, white where nothing is drawn', async () => {
    const png = await renderOfdPage(modelDocument({ size: { width: 30, height: 20 } }), 0, { dpi: 254 });
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const raster = new Raster(png, 254);
    expect([raster.width, raster.height]).toEqual([300, 200]);
    expect(raster.count([0, 0, 30, 20], (p) => !isWhite(p))).toBe(0);
  });

  it('fills with the Even-Odd rule (the inner square stays a hole) and NonZero (filled)', async () => {
    const data = `${square(20)} ${square(10, 5)}`;
    const evenOdd = await render([path({ data, rule: 'Even-Odd' })]);
    expect(evenOdd.at(2, 2)).toEqual([0, 0, 0]);
    expect(evenOdd.at(10, 10)).toEqual([255, 255, 255]);
    const nonZero = await render([path({ data })]);
    expect(nonZero.at(10, 10)).toEqual([0, 0, 0]);
    expect(nonZero.at(25, 25)).toEqual([255, 255, 255]);
  });

  it('places objects at their Boundary origin and applies the CTM inside it', async () => {
    const raster = await render([
      path({ data: square(5), boundary: box(10, 20, 10, 10), ctm: [2, 0, 0, 2, 0, 0] }),
    ]);
    expect(raster.at(10.5, 20.5)).toEqual([0, 0, 0]);
    expect(raster.at(19.5, 29.5)).toEqual([0, 0, 0]);
    expect(raster.at(9.5, 20.5)).toEqual([255, 255, 255]);
    expect(raster.at(20.5, 29.5)).toEqual([255, 255, 255]);
  });

  it('strokes with the default 0.353 mm line and the stroke colour, and draws no fill unless coloured', async () => {
    const raster = await render([
      path({ data: square(20, 5), fill: true, fillColor: undefined, stroke: true, strokeColor: RED }),
    ]);
    expect(isRed(raster.at(5, 15))).toBe(true);
    expect(raster.count([4, 10, 2, 1], isRed)).toBe(raster.count([4.7, 10, 0.6, 1], isRed));
    expect(raster.at(15, 15)).toEqual([255, 255, 255]);
  });

  it('inherits colours and line width through DrawParam Relative chains (cycles cut)', async () => {
    const drawParams = new Map([
      ['base', { id: 'base', fillColor: RED, lineWidth: 2 }],
      ['child', { id: 'child', relative: 'base', strokeColor: { value: [0, 0, 255] } }],
      ['loop1', { id: 'loop1', relative: 'loop2', fillColor: RED }],
      ['loop2', { id: 'loop2', relative: 'loop1' }],
    ]);
    const raster = await render(
      [
        path({ data: square(10, 5), fillColor: undefined, stroke: true, drawParam: 'child' }),
        path({ data: square(10, 30), fillColor: undefined, drawParam: 'loop2' }),
      ],
      { resources: { drawParams } },
    );
    expect(isRed(raster.at(10, 10))).toBe(true);
    expect(raster.at(5, 10)).toEqual([0, 0, 255]);
    expect(raster.at(4.2, 10)).toEqual([0, 0, 255]); // 2 mm line: 1 mm each side
    expect(isRed(raster.at(35, 35))).toBe(true);
  });

  it('cuts objects to their clip areas (in the Boundary space, through the area CTM)', async () => {
    const raster = await render([
      path({
        data: square(20),
        boundary: box(5, 5, 20, 20),
        clips: [{ path: square(5), ctm: [2, 0, 0, 2, 0, 0] }],
      }),
    ]);
    expect(raster.at(6, 6)).toEqual([0, 0, 0]);
    expect(raster.at(14.5, 14.5)).toEqual([0, 0, 0]);
    expect(raster.at(16, 16)).toEqual([255, 255, 255]);
    expect(raster.at(20, 6)).toEqual([255, 255, 255]);
  });

  it('draws each character at X plus the running DeltaX, Size millimetres tall', async () => {
    // ■ (U+25A0) is a solid square in the fallback font: easy to find.
    const raster = await render([
      text({
        boundary: box(5, 5, 40, 20),
        codes: [{ x: 0, y: 8, deltaX: [20], text: '■■' }],
        fillColor: RED,
      }),
    ]);
    const column = (x: number) => raster.count([x, 5, 1, 10], isRed);
    expect(column(8)).toBeGreaterThan(30);
    expect(column(28)).toBeGreaterThan(30);
    expect(column(18)).toBe(0);
    expect(column(38)).toBe(0);
    // Baseline at y = 5 + 8 = 13 mm: the square sits above it.
    expect(raster.count([5, 14, 40, 6], isRed)).toBe(0);
  });

  it('draws no text in a font that is neither embedded nor covered by the fallback fonts', async () => {
    const doc = modelDocument({ objects: [text({ codes: [{ x: 5, y: 20, text: '■■' }] })] });
    const raster = new Raster(await renderOfdPage(doc, 0, { dpi: 254 }), 254);
    expect(raster.count([0, 0, 50, 50], isNotWhite)).toBe(0);
  });

  it('applies the text CTM and HScale to glyphs', async () => {
    const plain = await render([text({ codes: [{ x: 5, y: 20, text: '■' }] })]);
    const wide = await render([text({ hScale: 2, codes: [{ x: 5, y: 20, text: '■' }] })]);
    const scaled = await render([text({ ctm: [2, 0, 0, 2, 0, 0], codes: [{ x: 2.5, y: 10, text: '■' }] })]);
    const widthOf = (r: Raster) => r.count([0, 17, 50, 0.1], isDark);
    expect(widthOf(wide) / widthOf(plain)).toBeCloseTo(2, 1);
    expect(widthOf(scaled) / widthOf(plain)).toBeCloseTo(2, 1);
    expect(scaled.count([0, 0, 50, 50], isDark) / plain.count([0, 0, 50, 50], isDark)).toBeCloseTo(4, 0);
  });

  it('draws images over the unit square mapped by the CTM; unknown formats draw nothing', async () => {
    const canvas = createCanvas(4, 4);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ff0000';
    ctx.fillRect(0, 0, 4, 4);
    ctx.fillStyle = '#000000';
    ctx.fillRect(0, 0, 2, 2);
    const png = new Uint8Array(await canvas.encode('png'));
    const multiMedias = new Map([
      ['img', { id: 'img', type: 'Image', format: 'PNG', file: 'Res/a.png' }],
      ['jb2', { id: 'jb2', type: 'Image', format: 'GBIG2', file: 'Res/b.jb2' }],
      ['gone', { id: 'gone', type: 'Image', file: 'Res/missing.png' }],
    ]);
    const image = (resourceId: string, x: number): OfdGraphic => ({
      kind: 'image',
      resourceId,
      boundary: box(x, 10, 20, 20),
      ctm: [20, 0, 0, 20, 0, 0],
      visible: true,
    });
    const raster = await render([image('img', 0), image('jb2', 25), image('gone', 25)], {
      size: { width: 50, height: 40 },
      resources: { multiMedias },
      parts: { 'Res/a.png': png, 'Res/b.jb2': Uint8Array.of(0x97, 0x4a, 0x42, 0x32, 1, 2, 3) },
    });
    expect(raster.at(5, 15)).toEqual([0, 0, 0]);
    expect(isRed(raster.at(15, 25))).toBe(true);
    expect(raster.count([25, 10, 20, 20], isNotWhite)).toBe(0);
  });

  it('draws composite units through the object CTM, page blocks, annotations; hidden objects not', async () => {
    const compositeUnits = new Map([
      [
        'u',
        {
          id: 'u',
          width: 10,
          height: 10,
          content: [path({ data: square(10), boundary: box(0, 0, 10, 10) })],
        },
      ],
    ]);
    const raster = await render(
      [
        {
          kind: 'composite',
          resourceId: 'u',
          boundary: box(0, 0, 10, 10),
          ctm: [0.5, 0, 0, 0.5, 0, 0],
          visible: true,
        },
        { kind: 'block', objects: [path({ data: square(5), boundary: box(20, 0, 5, 5) })] },
        path({ data: square(5), boundary: box(40, 0, 5, 5), visible: false }),
      ],
      {
        resources: { compositeUnits },
        annotations: [
          {
            type: 'Stamp',
            visible: true,
            print: true,
            parameters: {},
            boundary: box(30, 30, 10, 10),
            objects: [path({ data: square(4), boundary: box(1, 1, 4, 4), fillColor: RED })],
          },
          {
            type: 'Stamp',
            visible: false,
            print: true,
            parameters: {},
            boundary: box(0, 40, 10, 10),
            objects: [path({ data: square(4), boundary: box(1, 1, 4, 4) })],
          },
        ],
      },
    );
    expect(raster.at(4.5, 4.5)).toEqual([0, 0, 0]);
    expect(raster.at(5.5, 5.5)).toEqual([255, 255, 255]);
    expect(raster.at(22, 2)).toEqual([0, 0, 0]);
    expect(raster.count([40, 0, 5, 5], isNotWhite)).toBe(0);
    expect(isRed(raster.at(33, 33))).toBe(true);
    expect(raster.at(30.5, 30.5)).toEqual([255, 255, 255]);
    expect(raster.count([0, 40, 10, 10], isNotWhite)).toBe(0);
  });

  it('skips malformed path data and keeps drawing the rest', async () => {
    const raster = await render([path({ data: 'M 0 0 L 10' }), path({ data: square(5, 20) })]);
    expect(raster.count([0, 0, 15, 15], isNotWhite)).toBe(0);
    expect(raster.at(22, 22)).toEqual([0, 0, 0]);
  });

  it('draws a page of 100 000 objects in bounded time', { timeout: 60_000 }, async () => {
    const objects = Array.from({ length: 100_000 }, (_, i) =>
      path({
        data: 'M 0 0 L 0.2 0 L 0.2 0.2 C',
        boundary: box((i % 250) * 0.2, Math.floor(i / 250) * 0.1, 1, 1),
      }),
    );
    const raster = new Raster(await renderOfdPage(modelDocument({ objects }), 0, { dpi: 96 }));
    expect(raster.count([0, 0, 50, 40], isNotWhite)).toBeGreaterThan(1000);
  });

  it(
    'refuses a composite fan-out beyond the drawing budget with OFD_LIMIT_EXCEEDED',
    { timeout: 60_000 },
    async () => {
      const leaf = path({ data: square(1), boundary: box(0, 0, 1, 1) });
      const use = (id: string): OfdGraphic => ({
        kind: 'composite',
        resourceId: id,
        boundary: box(0, 0, 1, 1),
        visible: true,
      });
      const compositeUnits = new Map([
        ['a', { id: 'a', width: 1, height: 1, content: Array.from({ length: 2_500 }, () => use('b')) }],
        ['b', { id: 'b', width: 1, height: 1, content: Array.from({ length: 2_500 }, () => leaf) }],
      ]);
      const doc = modelDocument({ objects: [use('a')], resources: { compositeUnits } });
      const error = await renderOfdPage(doc, 0).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DocumentError);
      expect((error as DocumentError).code).toBe('OFD_LIMIT_EXCEEDED');
    },
  );

  it('ignores composite units that contain themselves', async () => {
    const compositeUnits = new Map([
      [
        'self',
        {
          id: 'self',
          width: 5,
          height: 5,
          content: [
            path({ data: square(5), boundary: box(0, 0, 5, 5) }),
            { kind: 'composite', resourceId: 'self', boundary: box(0, 0, 5, 5), visible: true },
          ] as OfdGraphic[],
        },
      ],
    ]);
    const raster = await render(
      [{ kind: 'composite', resourceId: 'self', boundary: box(10, 10, 5, 5), visible: true }],
      { resources: { compositeUnits } },
    );
    expect(raster.at(12, 12)).toEqual([0, 0, 0]);
  });
});

describe('renderOfdPage options', () => {
  const doc = modelDocument({ size: { width: 100, height: 100 } });

  it.each([35, 301, Number.NaN, Infinity])('refuses dpi %s with OFD_INPUT_INVALID', async (dpi) => {
    await expect(renderOfdPage(doc, 0, { dpi })).rejects.toMatchObject({ code: 'OFD_INPUT_INVALID' });
  });

  it.each([-1, 1, 0.5])('refuses page index %s with OFD_INPUT_INVALID', async (index) => {
    await expect(renderOfdPage(doc, index)).rejects.toMatchObject({
      code: 'OFD_INPUT_INVALID',
      details: { pageCount: 1 },
    });
  });

  it('refuses pages larger than maxPixels with OFD_LIMIT_EXCEEDED, and accepts the exact size', async () => {
    // 100 mm at 254 dpi: 1000 × 1000 pixels.
    await expect(renderOfdPage(doc, 0, { dpi: 254, maxPixels: 999_999 })).rejects.toMatchObject({
      code: 'OFD_LIMIT_EXCEEDED',
      details: { width: 1000, height: 1000 },
    });
    const raster = new Raster(await renderOfdPage(doc, 0, { dpi: 254, maxPixels: 1_000_000 }), 254);
    expect([raster.width, raster.height]).toEqual([1000, 1000]);
    await expect(renderOfdPage(doc, 0, { maxPixels: 0 })).rejects.toMatchObject({
      code: 'OFD_INPUT_INVALID',
    });
  });
});
