import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pngjs from 'pngjs';
import { SaxesParser } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { bundledSealFontPath, loadSealFont } from './font.js';
import type { SealFont } from './font.js';
import { generateSealSvg, renderSealPng } from './generate.js';
import type { SealImageSpec } from './spec.js';
import { validateSealUpload } from './upload.js';

const SERIF_TTC = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc';
const SAMPLES = join(tmpdir(), 'zhengyin-seal-samples');
const GOLDEN = fileURLToPath(new URL('./testdata/round-golden.png', import.meta.url));

let sans: SealFont;
let serif: SealFont;
beforeAll(() => {
  sans = loadSealFont(readFileSync(bundledSealFontPath()));
  serif = loadSealFont(readFileSync(SERIF_TTC), { postscriptName: 'NotoSerifCJKsc-Bold' });
});

interface Image {
  width: number;
  height: number;
  data: Uint8Array;
}

function decode(png: Uint8Array): Image {
  const img = pngjs.PNG.sync.read(Buffer.from(png));
  return { width: img.width, height: img.height, data: img.data };
}

function alpha(img: Image, x: number, y: number): number {
  return img.data[(Math.round(y) * img.width + Math.round(x)) * 4 + 3] as number;
}

/** Opaque and close to #E60012. */
function isRed(img: Image, x: number, y: number): boolean {
  const i = (Math.round(y) * img.width + Math.round(x)) * 4;
  const [r, g, b, a] = [img.data[i], img.data[i + 1], img.data[i + 2], img.data[i + 3]] as number[];
  return (a as number) > 200 && (r as number) > 200 && (g as number) < 60 && (b as number) < 60;
}

/** Count pixels with alpha > threshold whose centre satisfies `where` (coordinates in mm). */
function countInk(
  img: Image,
  pxPerMm: number,
  where: (x: number, y: number) => boolean,
  threshold = 16,
): number {
  let n = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (
        (img.data[(y * img.width + x) * 4 + 3] as number) > threshold &&
        where((x + 0.5) / pxPerMm, (y + 0.5) / pxPerMm)
      )
        n++;
    }
  }
  return n;
}

function countPixels(img: Image, pxPerMm: number, where: (x: number, y: number) => boolean): number {
  return countInk(img, pxPerMm, where, -1);
}

/** Bounding box of pixels with any opacity. */
function inkBox(img: Image): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if ((img.data[(y * img.width + x) * 4 + 3] as number) > 0) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  }
  return { minX, minY, maxX, maxY };
}

function expectDocumentError(fn: () => unknown, code: string): DocumentError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentError);
    expect((e as DocumentError).code).toBe(code);
    return e as DocumentError;
  }
  throw new Error(`expected DocumentError ${code}`);
}

/** Glyph placements of an SVG made by generateSealSvg: the matrix of each <path transform>. */
function glyphMatrices(svg: string): number[][] {
  return [...svg.matchAll(/<path transform="matrix\(([^)]*)\)"/g)].map((m) =>
    (m[1] as string).split(' ').map(Number),
  );
}

/** Centre (mm) and rotation (degrees, clockwise from upright) of a placed glyph. */
function glyphPlacement(m: number[], font: SealFont, advance: number) {
  const [a, b, c, d, e, f] = m as [number, number, number, number, number, number];
  const u = advance / 2;
  const v = (font.ascender + font.descender) / 2;
  return { x: a * u + c * v + e, y: b * u + d * v + f, rotation: (Math.atan2(b, a) * 180) / Math.PI };
}

const NAME = '北京市某某科技有限公司';

describe('round official seal', () => {
  const px = 12;
  let img: Image;
  let svg: string;
  beforeAll(() => {
    const spec: SealImageSpec = {
      shape: 'round',
      font: sans,
      name: NAME,
      bottomText: '合同专用章',
      code: '1101080012345',
    };
    svg = generateSealSvg(spec);
    img = decode(renderSealPng(spec, { pxPerMm: px }).png);
    // a sample to look at: $TMPDIR/zhengyin-seal-samples/round.png
    mkdirSync(SAMPLES, { recursive: true });
    writeFileSync(join(SAMPLES, 'round.png'), renderSealPng(spec, { pxPerMm: px }).png);
  });

  it('has the physical size at the requested resolution and a transparent background', () => {
    expect([img.width, img.height]).toEqual([504, 504]);
    expect(inkBox(img)).toEqual({ minX: 0, minY: 0, maxX: 503, maxY: 503 });
    for (const [x, y] of [
      [0, 0],
      [503, 0],
      [0, 503],
      [503, 503],
      [40, 40],
      [460, 460],
    ])
      expect(alpha(img, x as number, y as number)).toBe(0);
  });

  it('draws a 1.2 mm ring at the outer edge, all the way round', () => {
    for (let deg = 0; deg < 360; deg += 3) {
      const t = (deg * Math.PI) / 180;
      expect(isRed(img, (21 + 20.4 * Math.sin(t)) * px, (21 - 20.4 * Math.cos(t)) * px)).toBe(true);
    }
    // nothing between the ring and the text on the left and right of the bottom (no text there)
    const gapRing = countInk(img, px, (x, y) => {
      const r = Math.hypot(x - 21, y - 21);
      return r > 19.05 && r < 19.65;
    });
    expect(gapRing).toBe(0);
  });

  it('puts a red five-pointed star in the centre', () => {
    expect(isRed(img, 21 * px, 21 * px)).toBe(true);
    for (let k = 0; k < 5; k++) {
      const t = (k * 72 * Math.PI) / 180;
      // near each of the five points, inside the star
      expect(isRed(img, (21 + 6 * Math.sin(t)) * px, (21 - 6 * Math.cos(t)) * px)).toBe(true);
      // between two points, outside the star
      const t2 = ((k * 72 + 36) * Math.PI) / 180;
      expect(alpha(img, (21 + 5.5 * Math.sin(t2)) * px, (21 - 5.5 * Math.cos(t2)) * px)).toBe(0);
    }
  });

  it('draws the name in the upper arc band', () => {
    const band = (x: number, y: number) => {
      const r = Math.hypot(x - 21, y - 21);
      return r > 12.5 && r < 19 && y < 21;
    };
    const ink = countInk(img, px, band);
    const total = countPixels(img, px, band);
    expect(ink / total).toBeGreaterThan(0.2);
    // nothing of the name at the top of the ring band outside its span: the lowest 60° are free except code
  });

  it('SVG has paths only, no <text>, parses as XML, and passes the upload rules', () => {
    expect(svg).not.toMatch(/<text/);
    expect(svg).toMatch(/^<\?xml/);
    const parser = new SaxesParser({ xmlns: true });
    let elements = 0;
    parser.on('opentag', () => elements++);
    parser.write(svg).close();
    expect(elements).toBeGreaterThan(20);
    expect(svg).toMatch(/width="42mm" height="42mm" viewBox="0 0 42 42"/);
    const info = validateSealUpload(new TextEncoder().encode(svg));
    expect(info.type).toBe('svg');
    expect(info.widthPx).toBe(Math.round((42 * 96) / 25.4));
  });

  it('places the name upright along the arc, evenly spaced, over a span fitted to its length', () => {
    const matrices = glyphMatrices(svg).slice(0, [...NAME].length);
    const advance = sans.glyph('国'.codePointAt(0) as number).advance;
    const placed = matrices.map((m) => glyphPlacement(m, sans, advance));
    const positionAngles = placed.map((p) => (Math.atan2(p.x - 21, -(p.y - 21)) * 180) / Math.PI);
    placed.forEach((p, i) => {
      // upright relative to the arc: the glyph's rotation equals its angle around the centre
      expect(p.rotation).toBeCloseTo(positionAngles[i] as number, 0);
      // on the band: centre at the same distance from the seal centre
      expect(Math.hypot(p.x - 21, p.y - 21)).toBeCloseTo(
        placed[0] ? Math.hypot(placed[0].x - 21, placed[0].y - 21) : 0,
        1,
      );
    });
    const steps = positionAngles.slice(1).map((a, i) => a - (positionAngles[i] as number));
    for (const s of steps) expect(s).toBeCloseTo(steps[0] as number, 1);
    const span = (steps[0] as number) * [...NAME].length;
    expect(span).toBeGreaterThanOrEqual(200);
    expect(span).toBeLessThanOrEqual(260);
    expect(positionAngles[0]).toBeCloseTo(-(positionAngles.at(-1) as number), 1); // symmetric about the top

    const short = glyphMatrices(generateSealSvg({ shape: 'round', font: sans, name: '某某公司' })).map((m) =>
      glyphPlacement(m, sans, advance),
    );
    const shortAngles = short.map((p) => (Math.atan2(p.x - 21, -(p.y - 21)) * 180) / Math.PI);
    const shortSpan = (((shortAngles[1] as number) - (shortAngles[0] as number)) * 4) as number;
    expect(shortSpan).toBeLessThan(span);
  });

  it('condenses long names horizontally and keeps them inside the ring', () => {
    const long = '中华人民共和国某某省某某市某某区人民政府办公室行政审批服务中心';
    const out = decode(
      renderSealPng(
        { shape: 'round', font: serif, name: long, bottomText: '行政审批专用章' },
        { pxPerMm: px },
      ).png,
    );
    // no ink outside the outer edge of the ring
    expect(countInk(out, px, (x, y) => Math.hypot(x - 21, y - 21) > 21.05, 0)).toBe(0);
    // nothing crosses the gap between the ring's inner edge (19.8) and the text's outer edge (19.0)
    expect(
      countInk(out, px, (x, y) => {
        const r = Math.hypot(x - 21, y - 21);
        return r > 19.1 && r < 19.7;
      }),
    ).toBe(0);
    // the glyphs are narrower than they are tall
    const m = glyphMatrices(generateSealSvg({ shape: 'round', font: serif, name: long }))[0] as number[];
    const sx = Math.hypot(m[0] as number, m[1] as number);
    const sy = Math.hypot(m[2] as number, m[3] as number);
    expect(sx / sy).toBeLessThan(0.5);
    const normal = glyphMatrices(
      generateSealSvg({ shape: 'round', font: serif, name: '某某公司' }),
    )[0] as number[];
    expect(
      Math.hypot(normal[0] as number, normal[1] as number) /
        Math.hypot(normal[2] as number, normal[3] as number),
    ).toBeCloseTo(1, 3);
  });

  it('draws no text pixels in the arc band when the name is empty', () => {
    const empty = decode(renderSealPng({ shape: 'round', font: sans, name: '' }, { pxPerMm: px }).png);
    const band = (x: number, y: number) => {
      const r = Math.hypot(x - 21, y - 21);
      return r > 12.3 && r < 19.3;
    };
    expect(countInk(empty, px, band, 0)).toBe(0);
    expect(isRed(empty, 21 * px, 21 * px)).toBe(true); // star still there
  });

  it('follows the configured diameter, colour and star option', () => {
    for (const d of [38, 40]) {
      const out = decode(
        renderSealPng({ shape: 'round', font: sans, name: NAME, diameterMm: d }, { pxPerMm: 10 }).png,
      );
      expect([out.width, out.height]).toEqual([d * 10, d * 10]);
      const box = inkBox(out);
      expect([box.minX, box.maxX]).toEqual([0, d * 10 - 1]);
    }
    const blue = decode(
      renderSealPng({ shape: 'round', font: sans, name: NAME, color: '#1030C0', star: false }, { pxPerMm: 6 })
        .png,
    );
    const i = (3 * blue.width + 126) * 4; // top of the ring
    expect([...blue.data.subarray(i, i + 4)]).toEqual([0x10, 0x30, 0xc0, 255]);
    expect(alpha(blue, 126, 126)).toBe(0); // no star
  });

  it('renders the same pixels from the SVG text as from the spec', () => {
    const fromSvg = decode(renderSealPng(svg, { pxPerMm: px }).png);
    expect(fromSvg.width).toBe(504);
    expect(Buffer.from(fromSvg.data).equals(Buffer.from(img.data))).toBe(true);
  });

  it('matches the committed golden image within tolerance', () => {
    const spec: SealImageSpec = {
      shape: 'round',
      font: sans,
      name: NAME,
      bottomText: '合同专用章',
      code: '1101080012345',
    };
    const png = renderSealPng(spec, { pxPerMm: 4 }).png;
    if (process.env.UPDATE_SEAL_GOLDEN === '1') writeFileSync(GOLDEN, png);
    expect(existsSync(GOLDEN)).toBe(true);
    const golden = decode(readFileSync(GOLDEN));
    const diff = (a: Image, b: Image) => {
      expect([a.width, a.height]).toEqual([b.width, b.height]);
      let differing = 0;
      for (let i = 0; i < a.data.length; i += 4) {
        let worst = 0;
        for (let c = 0; c < 4; c++)
          worst = Math.max(worst, Math.abs((a.data[i + c] as number) - (b.data[i + c] as number)));
        if (worst > 48) differing++;
      }
      return differing / (a.width * a.height);
    };
    expect(diff(decode(png), golden)).toBeLessThan(0.005);
    // the comparison does notice drift: a different name or a moved star fails it
    const drifted = renderSealPng({ ...spec, name: '北京市某某信息有限公司' }, { pxPerMm: 4 }).png;
    expect(diff(decode(drifted), golden)).toBeGreaterThan(0.005);
    const noStar = renderSealPng({ ...spec, star: false }, { pxPerMm: 4 }).png;
    expect(diff(decode(noStar), golden)).toBeGreaterThan(0.005);
  });
});

describe('oval finance seal', () => {
  const px = 12;
  it('is 45 × 30 mm with the ring on the ellipse, name on the upper arc and horizontal texts', () => {
    const spec: SealImageSpec = {
      shape: 'oval',
      font: serif,
      name: NAME,
      middleText: '91110108MA01ABCD2X',
      bottomText: '发票专用章',
    };
    const png = renderSealPng(spec, { pxPerMm: px });
    writeFileSync(join(SAMPLES, 'oval.png'), png.png);
    const img = decode(png.png);
    expect([img.width, img.height]).toEqual([540, 360]);
    expect(img.width / img.height).toBeCloseTo(1.5, 5);
    expect(inkBox(img)).toEqual({ minX: 0, minY: 0, maxX: 539, maxY: 359 });
    for (const [x, y] of [
      [0, 0],
      [539, 0],
      [0, 359],
      [539, 359],
    ])
      expect(alpha(img, x as number, y as number)).toBe(0);
    for (let deg = 0; deg < 360; deg += 5) {
      const t = (deg * Math.PI) / 180;
      expect(isRed(img, (22.5 + 22 * Math.sin(t)) * px, (15 - 14.5 * Math.cos(t)) * px)).toBe(true);
    }
    // nothing outside the ellipse
    expect(countInk(img, px, (x, y) => ((x - 22.5) / 22.6) ** 2 + ((y - 15) / 15.1) ** 2 > 1)).toBe(0);
    // the name in the upper band, the USCC across the middle, the bottom text below
    const upper = (x: number, y: number) => y < 9 && ((x - 22.5) / 20.8) ** 2 + ((y - 15) / 13.3) ** 2 < 1;
    expect(countInk(img, px, upper) / countPixels(img, px, upper)).toBeGreaterThan(0.1);
    const middle = (x: number, y: number) => y > 14 && y < 17 && Math.abs(x - 22.5) < 12;
    expect(countInk(img, px, middle) / countPixels(img, px, middle)).toBeGreaterThan(0.1);
    const bottom = (x: number, y: number) => y > 20 && y < 23 && Math.abs(x - 22.5) < 6;
    expect(countInk(img, px, bottom) / countPixels(img, px, bottom)).toBeGreaterThan(0.1);
    // a clear line between the middle and the bottom text
    expect(countInk(img, px, (x, y) => y > 18.3 && y < 19.4 && Math.abs(x - 22.5) < 10)).toBe(0);
  });

  it('follows a configured size', () => {
    const img = decode(
      renderSealPng(
        { shape: 'oval', font: sans, name: '某某有限公司', widthMm: 40, heightMm: 28 },
        { pxPerMm: 10 },
      ).png,
    );
    expect([img.width, img.height]).toEqual([400, 280]);
  });
});

describe('square personal name seal', () => {
  const px = 12;
  const size = 20;
  it('puts four characters in a 2 × 2 grid read top-right, bottom-right, top-left, bottom-left', () => {
    const name = '欧阳文华';
    const spec: SealImageSpec = { shape: 'square', font: serif, name };
    const svg = generateSealSvg(spec);
    const cells = glyphMatrices(svg).map((m) => glyphPlacement(m, serif, 1000));
    expect(cells).toHaveLength(4);
    const where = cells.map(
      (p) => `${p.y < size / 2 ? 'top' : 'bottom'}-${p.x > size / 2 ? 'right' : 'left'}`,
    );
    expect(where).toEqual(['top-right', 'bottom-right', 'top-left', 'bottom-left']);
    // each path is that character's outline
    for (const ch of name) expect(svg).toContain(`d="${serif.glyph(ch.codePointAt(0) as number).d}"`);

    const png = renderSealPng(spec, { pxPerMm: px });
    writeFileSync(join(SAMPLES, 'square.png'), png.png);
    const img = decode(png.png);
    expect([img.width, img.height]).toEqual([240, 240]);
    expect(inkBox(img)).toEqual({ minX: 0, minY: 0, maxX: 239, maxY: 239 });
    // border on all four sides
    for (let t = 6; t < 234; t += 6) {
      for (const [x, y] of [
        [t, 6],
        [t, 233],
        [6, t],
        [233, t],
      ])
        expect(isRed(img, x as number, y as number)).toBe(true);
    }
    // ink in each quadrant, a clear cross between the cells
    for (const [x0, y0] of [
      [2.5, 2.5],
      [10.5, 2.5],
      [2.5, 10.5],
      [10.5, 10.5],
    ]) {
      const cell = (x: number, y: number) =>
        x > (x0 as number) && x < (x0 as number) + 7 && y > (y0 as number) && y < (y0 as number) + 7;
      expect(countInk(img, px, cell) / countPixels(img, px, cell)).toBeGreaterThan(0.1);
    }
    expect(countInk(img, px, (x, y) => Math.abs(x - 10) < 0.2 && y > 2.2 && y < 17.8)).toBe(0);
    expect(countInk(img, px, (x, y) => Math.abs(y - 10) < 0.2 && x > 2.2 && x < 17.8)).toBe(0);
  });

  it('completes three characters with 印 and stacks two characters in one column', () => {
    const three = generateSealSvg({ shape: 'square', font: serif, name: '王小明' });
    expect(glyphMatrices(three)).toHaveLength(4);
    expect(three).toContain(`d="${serif.glyph('印'.codePointAt(0) as number).d}"`);
    const last = glyphPlacement(glyphMatrices(three)[3] as number[], serif, 1000);
    expect([last.x < 10, last.y > 10]).toEqual([true, true]); // 印 bottom-left

    const two = generateSealSvg({ shape: 'square', font: serif, name: '张三' });
    const placed = glyphMatrices(two).map((m) => glyphPlacement(m, serif, 1000));
    expect(placed).toHaveLength(2);
    expect(placed[0]?.x).toBeCloseTo(10, 3);
    expect(placed[1]?.x).toBeCloseTo(10, 3);
    expect((placed[0]?.y as number) < 10 && (placed[1]?.y as number) > 10).toBe(true);
    const img = decode(renderSealPng({ shape: 'square', font: serif, name: '张三' }, { pxPerMm: px }).png);
    expect(countInk(img, px, (x, y) => Math.abs(y - 10) < 0.2 && x > 2.2 && x < 17.8)).toBe(0);
    expect(countInk(img, px, (x, y) => Math.abs(x - 10) < 0.2 && y > 2.2 && y < 17.8)).toBeGreaterThan(0);
  });

  it('refuses names of 1 or 5 characters', () => {
    expectDocumentError(
      () => generateSealSvg({ shape: 'square', font: serif, name: '张' }),
      'SEAL_IMAGE_INVALID_SPEC',
    );
    expectDocumentError(
      () => generateSealSvg({ shape: 'square', font: serif, name: '欧阳文华明' }),
      'SEAL_IMAGE_INVALID_SPEC',
    );
  });
});

describe('fonts and glyph coverage', () => {
  it('refuses characters the font lacks, listing exactly those characters', () => {
    const e = expectDocumentError(
      () => generateSealSvg({ shape: 'round', font: sans, name: '𠮷野家𠀀有限公司', bottomText: '𠮷' }),
      'SEAL_IMAGE_GLYPH_MISSING',
    );
    expect(e.details?.characters).toEqual(['𠮷', '𠀀']);
    expectDocumentError(
      () => renderSealPng({ shape: 'square', font: sans, name: '𠮷田' }),
      'SEAL_IMAGE_GLYPH_MISSING',
    );
    // the Song-style face from the TTC has the Ext-B character
    expect(serif.missingCharacters('𠮷野家')).toEqual([]);
    expect(generateSealSvg({ shape: 'round', font: serif, name: '𠮷野家有限公司' })).toContain(
      serif.glyph(0x20bb7).d,
    );
  });

  it('loads a face from a collection by name and refuses bad font bytes', () => {
    expect(serif.postscriptName).toBe('NotoSerifCJKsc-Bold');
    expect(loadSealFont(readFileSync(SERIF_TTC)).postscriptName).toBe('NotoSerifCJKsc-Bold');
    expect(sans.postscriptName).toBe('NotoSansHans-Bold');
    expectDocumentError(
      () => loadSealFont(readFileSync(SERIF_TTC), { postscriptName: 'NoSuchFace' }),
      'SEAL_IMAGE_FONT_INVALID',
    );
    expectDocumentError(
      () => loadSealFont(new TextEncoder().encode('not a font at all')),
      'SEAL_IMAGE_FONT_INVALID',
    );
  });

  it('refuses invalid specs with SEAL_IMAGE_INVALID_SPEC', () => {
    const bad: unknown[] = [
      { shape: 'round', font: sans, name: NAME, diameterMm: 100 },
      { shape: 'round', font: sans, name: NAME, color: 'red' },
      { shape: 'round', font: sans, name: 'a\u0007b' },
      { shape: 'round', font: sans, name: '某'.repeat(61) },
      { shape: 'round', font: sans, name: '某'.repeat(50) }, // cannot be condensed enough
      { shape: 'round', font: {}, name: NAME },
      { shape: 'oval', font: sans, name: NAME, widthMm: 30, heightMm: 40 },
      { shape: 'triangle', font: sans, name: NAME },
    ];
    for (const spec of bad)
      expectDocumentError(() => generateSealSvg(spec as SealImageSpec), 'SEAL_IMAGE_INVALID_SPEC');
    expectDocumentError(
      () => renderSealPng({ shape: 'round', font: sans, name: NAME }, { pxPerMm: 0 }),
      'SEAL_IMAGE_INVALID_SPEC',
    );
  });
});

describe('rendering speed', () => {
  it('renders a round seal as SVG and as PNG at 12 px/mm quickly', () => {
    const spec: SealImageSpec = {
      shape: 'round',
      font: sans,
      name: NAME,
      bottomText: '合同专用章',
      code: '1101080012345',
    };
    renderSealPng(spec);
    const rate = (fn: () => unknown, ms: number) => {
      const start = performance.now();
      let n = 0;
      while (performance.now() - start < ms) {
        fn();
        n++;
      }
      return n / ((performance.now() - start) / 1000);
    };
    const svgRate = rate(() => generateSealSvg(spec), 500);
    const pngRate = rate(() => renderSealPng(spec), 1500);
    console.log(`seal images: ${svgRate.toFixed(0)} SVG/s, ${pngRate.toFixed(1)} PNG/s (504×504)`);
    // target 50 PNG/s; the floor leaves room for a loaded machine
    expect(pngRate).toBeGreaterThan(20);
    expect(svgRate).toBeGreaterThan(200);
  });
});
