import { readFileSync } from 'node:fs';
import pngjs from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { bundledSealFontPath, loadSealFont } from './font.js';
import type { SealFont } from './font.js';
import { generateSealSvg, renderSealPng } from './generate.js';
import { crc32 } from './png-header.js';
import { inspectSvg, validateSealUpload } from './upload.js';

let font: SealFont;
let sealPng: Uint8Array;
let sealSvg: string;
beforeAll(() => {
  font = loadSealFont(readFileSync(bundledSealFontPath()));
  const spec = { shape: 'round', font, name: '北京市某某科技有限公司', bottomText: '合同专用章' } as const;
  sealPng = renderSealPng(spec).png;
  sealSvg = generateSealSvg(spec);
});

const utf8 = (s: string) => new TextEncoder().encode(s);

function expectCode(fn: () => unknown, code: string): DocumentError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentError);
    expect((e as DocumentError).code).toBe(code);
    return e as DocumentError;
  }
  throw new Error(`expected DocumentError ${code}`);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(utf8(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function ihdr(width: number, height: number, colorType = 6): Uint8Array {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  data[8] = 8;
  data[9] = colorType;
  return chunk('IHDR', data);
}

/** A real PNG drawn with pngjs: a red disc on a background of the given alpha. */
function drawPng(size: number, opts: { colorType?: 2 | 6; backgroundAlpha?: number } = {}): Uint8Array {
  const png = new pngjs.PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const inside = Math.hypot(x - size / 2, y - size / 2) < size / 3;
      png.data[i] = inside ? 230 : 255;
      png.data[i + 1] = inside ? 0 : 255;
      png.data[i + 2] = inside ? 18 : 255;
      png.data[i + 3] = inside ? 255 : (opts.backgroundAlpha ?? 0);
    }
  }
  const colorType = opts.colorType ?? 6;
  return new Uint8Array(pngjs.PNG.sync.write(png, { colorType, inputHasAlpha: true }));
}

/** Insert a chunk right after IHDR. */
function withChunkAfterIhdr(png: Uint8Array, extra: Uint8Array): Uint8Array {
  return concat(png.subarray(0, 33), extra, png.subarray(33));
}

describe('validateSealUpload: PNG', () => {
  it('accepts a generated seal PNG', () => {
    const info = validateSealUpload(sealPng);
    expect(info).toMatchObject({ type: 'png', widthPx: 504, heightPx: 504, hasTransparency: true });
    expect(info.transparentFraction).toBeGreaterThan(0.3);
  });

  it('accepts an RGB PNG whose background is made transparent by tRNS', () => {
    const rgb = drawPng(200, { colorType: 2 });
    expectCode(() => validateSealUpload(rgb), 'SEAL_IMAGE_NOT_TRANSPARENT');
    const trns = chunk('tRNS', Uint8Array.of(0, 255, 0, 255, 0, 255)); // white is transparent
    const info = validateSealUpload(withChunkAfterIhdr(rgb, trns));
    expect(info.type).toBe('png');
    expect(info.transparentFraction).toBeGreaterThan(0.5);
  });

  it('rejects JPEG bytes and text files as not an image', () => {
    const jpeg = concat(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16), utf8('JFIF\0'), new Uint8Array(200));
    expect(expectCode(() => validateSealUpload(jpeg), 'SEAL_IMAGE_NOT_AN_IMAGE').details?.detected).toBe(
      'jpeg',
    );
    expectCode(() => validateSealUpload(utf8('just some text, not an image\n')), 'SEAL_IMAGE_NOT_AN_IMAGE');
    expectCode(() => validateSealUpload(new Uint8Array(0)), 'SEAL_IMAGE_NOT_AN_IMAGE');
  });

  it('rejects a 10,000 × 10,000 PNG header and a too small image by dimensions', () => {
    const huge = concat(SIGNATURE, ihdr(10_000, 10_000), chunk('IEND', new Uint8Array(0)));
    const e = expectCode(() => validateSealUpload(huge), 'SEAL_IMAGE_DIMENSIONS');
    expect(e.details).toMatchObject({ widthPx: 10_000, heightPx: 10_000 });
    expectCode(() => validateSealUpload(drawPng(50)), 'SEAL_IMAGE_DIMENSIONS');
    expect(validateSealUpload(drawPng(50), { minPx: 40 }).widthPx).toBe(50);
  });

  it('rejects opaque PNGs: no alpha channel, or an alpha channel that is never used', () => {
    expectCode(() => validateSealUpload(drawPng(200, { colorType: 2 })), 'SEAL_IMAGE_NOT_TRANSPARENT');
    const e = expectCode(
      () => validateSealUpload(drawPng(200, { backgroundAlpha: 255 })),
      'SEAL_IMAGE_NOT_TRANSPARENT',
    );
    expect(e.details?.transparentFraction).toBe(0);
  });

  it('rejects oversized files before looking inside', () => {
    const big = concat(SIGNATURE, new Uint8Array(2 * 1024 * 1024));
    expect(expectCode(() => validateSealUpload(big), 'SEAL_IMAGE_TOO_LARGE').details?.maxBytes).toBe(
      2 * 1024 * 1024,
    );
    expectCode(() => validateSealUpload(sealPng, { maxBytes: 1000 }), 'SEAL_IMAGE_TOO_LARGE');
  });

  it('rejects damaged PNGs: bad checksum, truncation, missing IEND, bad IHDR', () => {
    const flipped = sealPng.slice();
    flipped[100] = (flipped[100] as number) ^ 0xff;
    expectCode(() => validateSealUpload(flipped), 'SEAL_IMAGE_CORRUPT');
    expectCode(() => validateSealUpload(sealPng.subarray(0, sealPng.length - 20)), 'SEAL_IMAGE_CORRUPT');
    expectCode(() => validateSealUpload(sealPng.subarray(0, 20)), 'SEAL_IMAGE_CORRUPT');
    const noData = concat(SIGNATURE, ihdr(200, 200), chunk('IEND', new Uint8Array(0)));
    expectCode(() => validateSealUpload(noData), 'SEAL_IMAGE_CORRUPT');
    const badDepth = ihdr(200, 200, 5);
    expectCode(
      () => validateSealUpload(concat(SIGNATURE, badDepth, chunk('IEND', new Uint8Array(0)))),
      'SEAL_IMAGE_CORRUPT',
    );
    // checksums right but the compressed data is garbage
    const garbage = concat(
      SIGNATURE,
      ihdr(200, 200),
      chunk('IDAT', utf8('not zlib data')),
      chunk('IEND', new Uint8Array(0)),
    );
    expectCode(() => validateSealUpload(garbage), 'SEAL_IMAGE_CORRUPT');
  });
});

describe('validateSealUpload: SVG', () => {
  const svg = (body: string, attrs = 'width="42mm" height="42mm" viewBox="0 0 42 42"') =>
    utf8(
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${attrs}>${body}</svg>`,
    );
  const disc = '<circle cx="21" cy="21" r="15" fill="#E60012"/>';

  it('accepts a generated seal SVG and a plain one with local references', () => {
    expect(validateSealUpload(utf8(sealSvg))).toMatchObject({
      type: 'svg',
      widthPx: 159,
      heightPx: 159,
      hasTransparency: true,
    });
    const local = svg(
      `<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient><path id="p" d="M1 1L5 5"/></defs>` +
        `<use href="#p"/><use xlink:href="#p"/><circle cx="21" cy="21" r="10" fill="url(#g)" style="fill: url('#g')"/>`,
    );
    expect(validateSealUpload(local).type).toBe('svg');
    const tinyPng = Buffer.from(drawPng(100)).toString('base64');
    expect(
      validateSealUpload(svg(`<image width="10" height="10" href="data:image/png;base64,${tinyPng}"/>`)).type,
    ).toBe('svg');
  });

  it('reads the size from width/height in any unit or from the viewBox', () => {
    expect(validateSealUpload(svg(disc, 'viewBox="0 0 300 200"'))).toMatchObject({
      widthPx: 300,
      heightPx: 200,
    });
    expect(validateSealUpload(svg(disc, 'width="2in" viewBox="0 0 300 150"'))).toMatchObject({
      widthPx: 192,
      heightPx: 96,
    });
    expect(validateSealUpload(svg(disc, 'width="120" height="80pt"'))).toMatchObject({
      widthPx: 120,
      heightPx: 107,
    });
    expect(inspectSvg(svg(disc)).widthMm).toBeCloseTo(42, 6);
    expectCode(() => validateSealUpload(svg(disc, '')), 'SEAL_IMAGE_DIMENSIONS');
    expectCode(() => validateSealUpload(svg(disc, 'width="100%" height="100%"')), 'SEAL_IMAGE_DIMENSIONS');
    expectCode(() => validateSealUpload(svg(disc, 'viewBox="0 0 0 10"')), 'SEAL_IMAGE_DIMENSIONS');
  });

  it('rejects scripts, event attributes and foreign content', () => {
    const cases = [
      svg(`<script>alert(1)</script>${disc}`),
      svg(`<script xlink:href="#x"/>${disc}`),
      svg(disc, 'width="42mm" height="42mm" onload="alert(1)"'),
      svg(`<circle cx="1" cy="1" r="1" ONCLICK="alert(1)"/>`),
      svg(
        `<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>`,
      ),
      svg(`<a href="javascript:alert(1)">${disc}</a>`),
      svg(`<set attributeName="href" to="http://evil.example/x"/>${disc}`),
      svg(`<animate attributeName="onclick" values="alert(1)"/>${disc}`),
      utf8(
        `<?xml version="1.0"?><?xml-stylesheet href="http://evil.example/s.css"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`,
      ),
    ];
    for (const bytes of cases) expectCode(() => validateSealUpload(bytes), 'SEAL_IMAGE_UNSAFE_SVG');
  });

  it('rejects external references of every kind', () => {
    const cases = [
      svg(`<image width="10" height="10" href="http://evil.example/x.png"/>`),
      svg(`<image width="10" height="10" xlink:href="https://evil.example/x.png"/>`),
      svg(`<image width="10" height="10" xlink:href="file:///etc/passwd"/>`),
      svg(`<image width="10" height="10" href="seal.png"/>`),
      svg(`<image width="10" height="10" href="data:image/svg+xml;base64,PHN2Zy8+"/>`),
      svg(`<use href="other.svg#p"/>`),
      svg(`<circle cx="1" cy="1" r="1" fill="url(https://evil.example/g.svg#g)"/>`),
      svg(`<style>circle { fill: url( "http://evil.example/a" ) }</style>`),
      svg(`<style><![CDATA[@import 'http://evil.example/a.css';]]></style>`),
      svg(`<circle cx="1" cy="1" r="1" style="background:url(x.png)"/>`),
    ];
    for (const bytes of cases) expectCode(() => validateSealUpload(bytes), 'SEAL_IMAGE_UNSAFE_SVG');
  });

  it('rejects a DOCTYPE with entities (billion laughs, external entities)', () => {
    const laughs = utf8(
      `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>` +
        `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>&b;</title></svg>`,
    );
    expectCode(() => validateSealUpload(laughs), 'SEAL_IMAGE_UNSAFE_SVG');
    const external = utf8(
      `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>&x;</title></svg>`,
    );
    expectCode(() => validateSealUpload(external), 'SEAL_IMAGE_UNSAFE_SVG');
  });

  it('rejects malformed XML, non-SVG XML, non-UTF-8, opaque and oversized SVG', () => {
    expectCode(
      () =>
        validateSealUpload(utf8('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g></svg>')),
      'SEAL_IMAGE_CORRUPT',
    );
    expectCode(() => validateSealUpload(svg('<title>&undefined;</title>')), 'SEAL_IMAGE_CORRUPT');
    expectCode(() => validateSealUpload(utf8('<html><body>hi</body></html>')), 'SEAL_IMAGE_NOT_AN_IMAGE');
    expectCode(() => validateSealUpload(utf8('<svg width="10" height="10"/>')), 'SEAL_IMAGE_NOT_AN_IMAGE'); // no SVG namespace
    expectCode(
      () =>
        validateSealUpload(
          concat(
            utf8('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>'),
            Uint8Array.of(0xc3, 0x28),
            utf8('</title></svg>'),
          ),
        ),
      'SEAL_IMAGE_NOT_AN_IMAGE',
    );
    expectCode(
      () => validateSealUpload(svg('<rect width="42" height="42" fill="white"/>')),
      'SEAL_IMAGE_NOT_TRANSPARENT',
    );
    const padded = svg(`${disc}<!--${'x'.repeat(2 * 1024 * 1024)}-->`);
    expectCode(() => validateSealUpload(padded), 'SEAL_IMAGE_TOO_LARGE');
  });

  it('renderSealPng applies the same rules to SVG text', () => {
    expectCode(
      () =>
        renderSealPng(`<svg xmlns="http://www.w3.org/2000/svg" width="10mm" height="10mm" onload="x()"/>`),
      'SEAL_IMAGE_UNSAFE_SVG',
    );
    const out = renderSealPng(new TextDecoder().decode(svg(disc)), { pxPerMm: 5 });
    expect([out.widthPx, out.heightPx]).toEqual([210, 210]);
    expect(validateSealUpload(out.png).type).toBe('png');
  });
});
