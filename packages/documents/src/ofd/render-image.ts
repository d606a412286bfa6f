/**
 * Images for the renderer, decoded in JavaScript: PNG (pngjs), JPEG and JBIG2 (pdf.js image
 * decoders) and uncompressed BMP. The canvas' own decoder is not given document bytes: @napi-rs/canvas
 * 0.1.x crashes the process (SIGSEGV) on a truncated PNG or JPEG (Brooooooklyn/canvas#1309).
 * Other formats (TIFF, GIF…) and damaged files are skipped: drawing nothing beats drawing noise.
 * The format is sniffed from the bytes; the declared Format is not trusted.
 */
import { createCanvas, ImageData, type Canvas } from '@napi-rs/canvas';
import { PNG } from 'pngjs';

export type ImageFormat = 'png' | 'jpeg' | 'bmp' | 'jbig2';

/** Larger images are not decoded (a few bytes of JPEG or JBIG2 can claim 65535×65535 pixels). */
export const MAX_IMAGE_PIXELS = 32_000_000;

const JBIG2_SIGNATURE = [0x97, 0x4a, 0x42, 0x32, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

/** The decodable format, from the first bytes; undefined for anything else. */
export function sniffImage(bytes: Uint8Array): ImageFormat | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x42, 0x4d]) && bytes.length > 54) return 'bmp';
  if (startsWith(bytes, JBIG2_SIGNATURE)) return 'jbig2';
  return undefined;
}

const u16be = (b: Uint8Array, i: number): number => ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
const u16le = (b: Uint8Array, i: number): number => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u32be = (b: Uint8Array, i: number): number => u16be(b, i) * 65536 + u16be(b, i + 2);
const u32le = (b: Uint8Array, i: number): number => u16le(b, i) + u16le(b, i + 2) * 65536;
const i32le = (b: Uint8Array, i: number): number => u32le(b, i) | 0;

/** JBIG2 file in sequential organisation whose first segment is the page information: its size. */
function jbig2Size(b: Uint8Array): [number, number] | undefined {
  const flags = b[8] ?? 0;
  if ((flags & 1) === 0) return undefined;
  let i = 9 + (flags & 2 ? 0 : 4);
  const segment = u32be(b, i);
  const segmentFlags = b[i + 4] ?? 0;
  if ((segmentFlags & 0x3f) !== 48) return undefined;
  const referred = (b[i + 5] ?? 0) >> 5;
  if (referred === 7) return undefined;
  i += 6 + referred * (segment <= 256 ? 1 : segment <= 65536 ? 2 : 4);
  i += (segmentFlags & 0x40 ? 4 : 1) + 4;
  const height = u32be(b, i + 4);
  return height === 0xffffffff ? undefined : [u32be(b, i), height];
}

/** Width and height from the header, without decoding; undefined when the header cannot be read. */
export function imageSize(bytes: Uint8Array, format: ImageFormat): [number, number] | undefined {
  switch (format) {
    case 'png':
      return [u32be(bytes, 16), u32be(bytes, 20)];
    case 'bmp':
      return [Math.abs(i32le(bytes, 18)), Math.abs(i32le(bytes, 22))];
    case 'jbig2':
      return jbig2Size(bytes);
    case 'jpeg': {
      // Walk the marker segments to the first start-of-frame (SOF0–SOF15 except DHT, JPG, DAC).
      let i = 2;
      while (i + 9 < bytes.length && bytes[i] === 0xff) {
        const marker = bytes[i + 1]!;
        if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
          return [u16be(bytes, i + 7), u16be(bytes, i + 5)];
        }
        i += 2 + u16be(bytes, i + 2);
      }
      return undefined;
    }
  }
}

interface PdfJsImageDecoders {
  setVerbosityLevel(level: number): void;
  JpegImage: new () => {
    width: number;
    height: number;
    parse(data: Uint8Array): void;
    getData(o: { width: number; height: number; forceRGBA: boolean }): Uint8ClampedArray;
  };
  Jbig2Image: new () => { width: number; height: number; parse(data: Uint8Array): Uint8ClampedArray };
}

let decoders: Promise<PdfJsImageDecoders> | undefined;
/** pdf.js' image decoders (loaded on first use; the module has no type declarations). */
function pdfJsDecoders(): Promise<PdfJsImageDecoders> {
  const specifier = 'pdfjs-dist/legacy/image_decoders/pdf.image_decoders.mjs';
  decoders ??= (import(specifier) as Promise<PdfJsImageDecoders>).then((module) => {
    module.setVerbosityLevel(0); // errors only: no console warnings for damaged files
    return module;
  });
  return decoders;
}

/** Uncompressed BMP (1, 4, 8, 24 or 32 bits per pixel) to RGBA. */
function decodeBmp(b: Uint8Array, width: number, height: number): Uint8ClampedArray | undefined {
  const offset = u32le(b, 10);
  const dibSize = u32le(b, 14);
  const bpp = u16le(b, 28);
  const compression = u32le(b, 30);
  if (![1, 4, 8, 24, 32].includes(bpp) || !(compression === 0 || (compression === 3 && bpp === 32))) {
    return undefined;
  }
  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  if (offset + stride * height > b.length) return undefined;
  const paletteAt = 14 + dibSize;
  const topDown = i32le(b, 22) < 0;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = offset + (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      let p: number;
      const o = (y * width + x) * 4;
      if (bpp >= 24) {
        p = row + x * (bpp / 8);
        out[o] = b[p + 2]!;
        out[o + 1] = b[p + 1]!;
        out[o + 2] = b[p]!;
      } else {
        const bit = x * bpp;
        const index = ((b[row + (bit >> 3)] ?? 0) >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
        p = paletteAt + index * 4;
        out[o] = b[p + 2] ?? 0;
        out[o + 1] = b[p + 1] ?? 0;
        out[o + 2] = b[p] ?? 0;
      }
      out[o + 3] = 255;
    }
  }
  return out;
}

async function rgba(bytes: Uint8Array, format: ImageFormat, width: number, height: number) {
  switch (format) {
    case 'png': {
      const { data } = PNG.sync.read(Buffer.from(bytes));
      return new Uint8ClampedArray(data.buffer, data.byteOffset, data.length);
    }
    case 'bmp':
      return decodeBmp(bytes, width, height);
    case 'jpeg': {
      const jpeg = new (await pdfJsDecoders()).JpegImage();
      jpeg.parse(bytes);
      return jpeg.getData({ width: jpeg.width, height: jpeg.height, forceRGBA: true });
    }
    case 'jbig2': {
      // One grey byte per pixel (0 black, 255 white).
      const gray = new (await pdfJsDecoders()).Jbig2Image().parse(bytes);
      const out = new Uint8ClampedArray(width * height * 4);
      for (let i = 0; i < width * height; i++) {
        out.fill(gray[i] ?? 255, i * 4, i * 4 + 3);
        out[i * 4 + 3] = 255;
      }
      return out;
    }
  }
}

/**
 * The image as a canvas to draw from, or undefined when the format is not supported, the image is
 * larger than MAX_IMAGE_PIXELS or the bytes are damaged.
 */
export async function decodeImage(bytes: Uint8Array): Promise<Canvas | undefined> {
  const format = sniffImage(bytes);
  const size = format ? imageSize(bytes, format) : undefined;
  if (!format || !size) return undefined;
  const [width, height] = size;
  if (!(width > 0 && height > 0) || width * height > MAX_IMAGE_PIXELS) return undefined;
  let data: Uint8ClampedArray | undefined;
  try {
    data = await rgba(bytes, format, width, height);
  } catch {
    return undefined;
  }
  if (!data || data.length !== width * height * 4) return undefined;
  const canvas = createCanvas(width, height);
  canvas.getContext('2d').putImageData(new ImageData(data, width, height), 0, 0);
  return canvas;
}
