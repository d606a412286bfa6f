import { deflateSync } from 'node:zlib';
import { sm3Hex } from '@zhengyin/gm';
import { PNG } from 'pngjs';
import { DocumentError } from '../checks.js';
import { PdfDict, PdfName, PdfStream } from './parse-objects.js';
import type { PdfRef } from './parse-objects.js';

/**
 * The seal picture as PDF image XObjects: the PNG is decoded once, its colour goes into a
 * FlateDecode DeviceRGB image and its alpha channel into a DeviceGray /SMask (§11.6.5.3), so the
 * seal keeps its transparent background. Prepared images are cached by content digest: the same
 * seal is usually applied to many documents.
 */

export const MAX_PNG_BYTES = 8 * 1024 * 1024;
export const MAX_PNG_SIDE = 4096;

export interface PreparedImage {
  readonly width: number;
  readonly height: number;
  /** Deflated 8-bit RGB samples. */
  readonly rgb: Uint8Array;
  /** Deflated 8-bit alpha samples; undefined when the image is fully opaque. */
  readonly alpha: Uint8Array | undefined;
}

const CACHE_SIZE = 16;
const cache = new Map<string, PreparedImage>();

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const invalid = (message: string, details?: Record<string, unknown>): DocumentError =>
  new DocumentError('PDF_APPEARANCE_INVALID', message, details);

function decode(png: Uint8Array): PreparedImage {
  if (png.length > MAX_PNG_BYTES) throw invalid(`the seal PNG is larger than ${MAX_PNG_BYTES} bytes`);
  if (png.length < 33 || !PNG_SIGNATURE.every((b, i) => png[i] === b)) {
    throw invalid('the seal appearance is not a PNG image');
  }
  // IHDR is the first chunk: check the dimensions before inflating anything.
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0 || width > MAX_PNG_SIDE || height > MAX_PNG_SIDE) {
    throw invalid(`the seal PNG must be 1…${MAX_PNG_SIDE} pixels on each side`, { width, height });
  }
  let image: { width: number; height: number; data: Buffer };
  try {
    image = PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  } catch (error) {
    throw invalid(`the seal PNG cannot be decoded: ${(error as Error).message}`);
  }
  const pixels = image.width * image.height;
  const rgb = new Uint8Array(pixels * 3);
  const alpha = new Uint8Array(pixels);
  let opaque = true;
  const data = image.data;
  for (let i = 0, j = 0; i < pixels; i++, j += 4) {
    rgb[i * 3] = data[j] as number;
    rgb[i * 3 + 1] = data[j + 1] as number;
    rgb[i * 3 + 2] = data[j + 2] as number;
    const a = data[j + 3] as number;
    alpha[i] = a;
    if (a !== 255) opaque = false;
  }
  return {
    width: image.width,
    height: image.height,
    rgb: new Uint8Array(deflateSync(rgb)),
    alpha: opaque ? undefined : new Uint8Array(deflateSync(alpha)),
  };
}

/** Decodes (or takes from the cache) the seal PNG. Throws PDF_APPEARANCE_INVALID. */
export function prepareImage(png: Uint8Array): PreparedImage {
  const key = sm3Hex(png);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const prepared = decode(png);
  cache.set(key, prepared);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return prepared;
}

const imageDict = (image: PreparedImage, colorSpace: string): PdfDict =>
  new PdfDict([
    ['Type', new PdfName('XObject')],
    ['Subtype', new PdfName('Image')],
    ['Width', image.width],
    ['Height', image.height],
    ['ColorSpace', new PdfName(colorSpace)],
    ['BitsPerComponent', 8],
    ['Filter', new PdfName('FlateDecode')],
  ]);

/** The image XObject (with /SMask set to `smaskRef` when given). */
export function imageXObject(image: PreparedImage, smaskRef: PdfRef | undefined): PdfStream {
  const dict = imageDict(image, 'DeviceRGB');
  if (smaskRef) dict.set('SMask', smaskRef);
  return new PdfStream(dict, image.rgb);
}

/** The soft mask image of the alpha channel. */
export function smaskXObject(image: PreparedImage): PdfStream | undefined {
  return image.alpha ? new PdfStream(imageDict(image, 'DeviceGray'), image.alpha) : undefined;
}
