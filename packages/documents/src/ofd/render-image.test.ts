import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { decodeImage, imageSize, MAX_IMAGE_PIXELS, sniffImage } from './render-image.js';
import { ofdParts, readOfdFixture } from './testing/ofd-files.js';

async function encoded(format: 'png' | 'jpeg', width: number, height: number): Promise<Uint8Array> {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#c80000';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#0000c8';
  ctx.fillRect(0, 0, 1, 1);
  return new Uint8Array(await canvas.encode(format as 'png'));
}

/** 2×2 24-bit bottom-up BMP: bottom row blue, green; top row red, white. */
function bmp24(): Uint8Array {
  const b = new Uint8Array(54 + 16);
  const v = new DataView(b.buffer);
  b.set([0x42, 0x4d]);
  v.setUint32(2, b.length, true);
  v.setUint32(10, 54, true);
  v.setUint32(14, 40, true);
  v.setInt32(18, 2, true);
  v.setInt32(22, 2, true);
  v.setUint16(26, 1, true);
  v.setUint16(28, 24, true);
  b.set([255, 0, 0, 0, 255, 0, 0, 0], 54); // blue, green (BGR) + padding
  b.set([0, 0, 255, 255, 255, 255, 0, 0], 62); // red, white
  return b;
}

const pixel = (canvas: NonNullable<Awaited<ReturnType<typeof decodeImage>>>, x: number, y: number) => [
  ...canvas.getContext('2d').getImageData(x, y, 1, 1).data,
];

describe('images for the renderer', () => {
  it('sniffs the formats it decodes, whatever Format the file declares', async () => {
    expect(sniffImage(await encoded('png', 3, 2))).toBe('png');
    expect(sniffImage(await encoded('jpeg', 3, 2))).toBe('jpeg');
    expect(sniffImage(bmp24())).toBe('bmp');
    expect(sniffImage(Uint8Array.of(0x97, 0x4a, 0x42, 0x32, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('jbig2');
    expect(sniffImage(new TextEncoder().encode('GIF89a\x03\x00\x02\x00'))).toBeUndefined();
    expect(sniffImage(Uint8Array.of(0x49, 0x49, 0x2a, 0x00))).toBeUndefined(); // TIFF
    expect(sniffImage(new Uint8Array(0))).toBeUndefined();
  });

  it('reads the size from the header without decoding', async () => {
    expect(imageSize(await encoded('png', 30, 20), 'png')).toEqual([30, 20]);
    expect(imageSize(await encoded('jpeg', 30, 20), 'jpeg')).toEqual([30, 20]);
    expect(imageSize(bmp24(), 'bmp')).toEqual([2, 2]);
  });

  it('decodes PNG, JPEG and BMP pixels', async () => {
    const png = await decodeImage(await encoded('png', 30, 20));
    expect([png?.width, png?.height]).toEqual([30, 20]);
    expect(pixel(png!, 0, 0)).toEqual([0, 0, 200, 255]);
    expect(pixel(png!, 10, 10)).toEqual([200, 0, 0, 255]);
    const jpeg = await decodeImage(await encoded('jpeg', 30, 20));
    const [r, g, b] = pixel(jpeg!, 20, 10);
    expect(r).toBeGreaterThan(180);
    expect(g! + b!).toBeLessThan(40);
    const bmp = await decodeImage(bmp24());
    expect([0, 1].flatMap((y) => [0, 1].map((x) => pixel(bmp!, x, y).slice(0, 3)))).toEqual([
      [255, 0, 0],
      [255, 255, 255],
      [0, 0, 255],
      [0, 255, 0],
    ]);
  });

  it('decodes the JBIG2 QR code of the 1.ofd invoice (finder pattern: dark ring, light ring, dark core)', async () => {
    const jb2 = ofdParts(readOfdFixture('1.ofd'))['Doc_0/Res/image_78.jb2'] as Uint8Array;
    expect(imageSize(jb2, 'jbig2')).toEqual([100, 100]);
    const qr = await decodeImage(jb2);
    expect([qr?.width, qr?.height]).toEqual([100, 100]);
    const luminance = (x: number, y: number) => pixel(qr!, x, y)[0];
    // Modules are 2 pixels; the top-left finder is 7 modules from the image corner.
    expect(luminance(1, 1)).toBe(0);
    expect(luminance(3, 3)).toBe(255);
    expect(luminance(7, 7)).toBe(0);
  });

  it('skips, without crashing the process, damaged and oversized images', async () => {
    // A truncated PNG or JPEG would crash the canvas' own decoder (SIGSEGV).
    const png = await encoded('png', 30, 20);
    for (const length of [40, 100, png.length - 20]) {
      expect(await decodeImage(png.slice(0, length)), `png ${length}`).toBeUndefined();
    }
    const jpeg = await encoded('jpeg', 30, 20);
    for (const length of [40, 100]) {
      expect(await decodeImage(jpeg.slice(0, length)), `jpeg ${length}`).toBeUndefined();
    }
    // A JPEG missing only its end is drawn as far as it goes, as viewers do.
    const partial = await decodeImage(jpeg.slice(0, jpeg.length - 20));
    expect([partial?.width, partial?.height]).toEqual([30, 20]);
    const huge = await encoded('png', 4, 4);
    new DataView(huge.buffer, huge.byteOffset).setUint32(16, 65_535);
    new DataView(huge.buffer, huge.byteOffset).setUint32(20, 65_535);
    expect(65_535 * 65_535).toBeGreaterThan(MAX_IMAGE_PIXELS);
    expect(await decodeImage(huge)).toBeUndefined();
    const shortBmp = bmp24().slice(0, 60);
    expect(await decodeImage(shortBmp)).toBeUndefined();
    expect(
      await decodeImage(Uint8Array.of(0x97, 0x4a, 0x42, 0x32, 0x0d, 0x0a, 0x1a, 0x0a, 1)),
    ).toBeUndefined();
  });
});
