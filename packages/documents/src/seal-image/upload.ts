/**
 * Validation of uploaded seal images. The rules require the electronic seal image to have a
 * transparent background, so besides the format checks the pixels are looked at: a PNG is decoded
 * and an SVG rendered, and a minimum share of fully transparent pixels is required.
 */
import { Resvg } from '@resvg/resvg-js';
import pngjs from 'pngjs';
import { SaxesParser } from 'saxes';
import { DocumentError } from '../checks.js';
import { isPng, readPngHeader, readPngStructure } from './png-header.js';

export interface SealUploadLimits {
  /** Largest accepted file, bytes (default 2 MiB). */
  readonly maxBytes?: number;
  /** PNG width and height bounds, pixels (default 100–4000). SVG is scalable and not bound by them. */
  readonly minPx?: number;
  readonly maxPx?: number;
  /** Smallest share of fully transparent pixels (default 0.05). */
  readonly minTransparentFraction?: number;
}

export interface SealUploadInfo {
  readonly type: 'png' | 'svg';
  /** PNG pixels; for SVG the nominal size at 96 px per inch. */
  readonly widthPx: number;
  readonly heightPx: number;
  readonly hasTransparency: boolean;
  /** Share of fully transparent pixels (for SVG measured on a rendering). */
  readonly transparentFraction: number;
}

const DEFAULTS = { maxBytes: 2 * 1024 * 1024, minPx: 100, maxPx: 4000, minTransparentFraction: 0.05 };

const SVG_NS = 'http://www.w3.org/2000/svg';

function tooLarge(size: number, maxBytes: number): DocumentError {
  return new DocumentError('SEAL_IMAGE_TOO_LARGE', `the image is ${size} bytes, more than ${maxBytes}`, {
    size,
    maxBytes,
  });
}

function notTransparent(fraction: number, min: number): DocumentError {
  return new DocumentError('SEAL_IMAGE_NOT_TRANSPARENT', 'a seal image needs a transparent background', {
    transparentFraction: fraction,
    minTransparentFraction: min,
  });
}

/** Share of pixels whose alpha (every 4th byte of RGBA data) is 0. */
function transparentShare(rgba: Uint8Array): number {
  let transparent = 0;
  const pixels = rgba.length >> 2;
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] === 0) transparent++;
  return pixels ? transparent / pixels : 0;
}

/**
 * Check an uploaded seal image (PNG or SVG). Throws DocumentError SEAL_IMAGE_NOT_AN_IMAGE,
 * SEAL_IMAGE_TOO_LARGE, SEAL_IMAGE_DIMENSIONS, SEAL_IMAGE_CORRUPT, SEAL_IMAGE_NOT_TRANSPARENT or
 * SEAL_IMAGE_UNSAFE_SVG.
 */
export function validateSealUpload(bytes: Uint8Array, limits: SealUploadLimits = {}): SealUploadInfo {
  const l = { ...DEFAULTS, ...limits };
  if (!(bytes instanceof Uint8Array)) throw new DocumentError('SEAL_IMAGE_NOT_AN_IMAGE', 'expected bytes');
  if (bytes.length > l.maxBytes) throw tooLarge(bytes.length, l.maxBytes);
  if (bytes.length === 0) throw new DocumentError('SEAL_IMAGE_NOT_AN_IMAGE', 'the file is empty');
  if (isPng(bytes)) return validatePng(bytes, l);
  if (looksLikeXml(bytes)) return validateSvg(bytes, l);
  throw new DocumentError('SEAL_IMAGE_NOT_AN_IMAGE', 'only PNG and SVG seal images are accepted', {
    detected: sniff(bytes),
  });
}

function sniff(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (String.fromCharCode(...bytes.subarray(0, 4)) === 'GIF8') return 'gif';
  if (String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-') return 'pdf';
  return 'unknown';
}

function looksLikeXml(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  return bytes[i] === 0x3c; // '<'
}

function validatePng(bytes: Uint8Array, l: typeof DEFAULTS): SealUploadInfo {
  const header = readPngHeader(bytes);
  const { width, height } = header;
  if (width < l.minPx || height < l.minPx || width > l.maxPx || height > l.maxPx) {
    throw new DocumentError(
      'SEAL_IMAGE_DIMENSIONS',
      `the image is ${width}×${height} px, allowed ${l.minPx}–${l.maxPx}`,
      {
        widthPx: width,
        heightPx: height,
        minPx: l.minPx,
        maxPx: l.maxPx,
      },
    );
  }
  const structure = readPngStructure(bytes, header);
  if (!structure.hasAlphaInformation) throw notTransparent(0, l.minTransparentFraction);
  let data: Uint8Array;
  try {
    const decoded = pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    data = decoded.data;
  } catch (e) {
    throw new DocumentError('SEAL_IMAGE_CORRUPT', `damaged PNG: ${(e as Error).message}`, {
      reason: 'image data does not decode',
    });
  }
  const fraction = transparentShare(data);
  if (fraction < l.minTransparentFraction) throw notTransparent(fraction, l.minTransparentFraction);
  return {
    type: 'png',
    widthPx: width,
    heightPx: height,
    hasTransparency: true,
    transparentFraction: fraction,
  };
}

function validateSvg(bytes: Uint8Array, l: typeof DEFAULTS): SealUploadInfo {
  const info = inspectSvg(bytes, l);
  // Render a small copy: proves the renderer accepts it and measures the transparent background.
  const scale = Math.min(1, 256 / Math.max(info.widthPx, info.heightPx));
  let fraction: number;
  try {
    const image = new Resvg(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      fitTo: { mode: 'width', value: Math.max(16, Math.round(info.widthPx * scale)) },
      font: { loadSystemFonts: false },
      logLevel: 'off',
    }).render();
    fraction = transparentShare(image.pixels);
  } catch (e) {
    throw new DocumentError('SEAL_IMAGE_CORRUPT', `the SVG does not render: ${(e as Error).message}`, {
      reason: 'render failed',
    });
  }
  if (fraction < l.minTransparentFraction) throw notTransparent(fraction, l.minTransparentFraction);
  return {
    type: 'svg',
    widthPx: Math.round(info.widthPx),
    heightPx: Math.round(info.heightPx),
    hasTransparency: true,
    transparentFraction: fraction,
  };
}

export interface SvgInfo {
  /** Nominal size at 96 px per inch. */
  readonly widthPx: number;
  readonly heightPx: number;
  readonly widthMm: number;
  readonly heightMm: number;
}

function unsafe(reason: string, details: Record<string, unknown> = {}): DocumentError {
  return new DocumentError('SEAL_IMAGE_UNSAFE_SVG', `unsafe SVG: ${reason}`, { reason, ...details });
}

/** Elements that run code, embed other documents or fetch media. */
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'foreignobject',
  'iframe',
  'embed',
  'object',
  'handler',
  'listener',
  'audio',
  'video',
  'applet',
  'frame',
  'frameset',
]);

const IMAGE_DATA_URI = /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$/i;

/** Every url(...) in a value must point inside the document (url(#id)). */
function checkUrls(value: string, where: string): void {
  const compact = value.replace(/\\/g, '').toLowerCase();
  if (/javascript:|vbscript:|@import|expression\s*\(/.test(compact.replace(/\s+/g, ''))) {
    throw unsafe('script or import in a value', { where });
  }
  let checked = 0;
  for (const m of compact.matchAll(/url\s*\(\s*(['"]?)([^)]*?)\1\s*\)/g)) {
    const target = (m[2] ?? '').trim();
    if (!target.startsWith('#')) throw unsafe('external reference', { where, target });
    checked++;
  }
  // an unterminated or oddly quoted url( … is a reference that could not be checked
  if ((compact.match(/url\s*\(/g) ?? []).length !== checked) throw unsafe('external reference', { where });
}

/** Length with a unit → px at 96 per inch; percentages and garbage → undefined. */
function lengthPx(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*([+]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*(px|mm|cm|in|pt|pc)?\s*$/i.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'px').toLowerCase();
  const perUnit: Record<string, number> = {
    px: 1,
    mm: 96 / 25.4,
    cm: 96 / 2.54,
    in: 96,
    pt: 96 / 72,
    pc: 16,
  };
  return n * (perUnit[unit] as number);
}

/**
 * Safety and size of SVG bytes: UTF-8, well-formed XML, root <svg> in the SVG namespace, no
 * DOCTYPE / entities / processing instructions, no scripts, event attributes, foreign objects or
 * references outside the document (embedded PNG/JPEG/GIF/WebP data URIs excepted), and a size from
 * width/height or viewBox.
 */
export function inspectSvg(bytes: Uint8Array, limits: { maxBytes?: number } = {}): SvgInfo {
  const maxBytes = limits.maxBytes ?? DEFAULTS.maxBytes;
  if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DocumentError('SEAL_IMAGE_NOT_AN_IMAGE', 'the SVG is not UTF-8 text');
  }
  const parser = new SaxesParser({ xmlns: true, position: false });
  let root: Record<string, string> | undefined;
  let depth = 0;
  let styleDepth = 0;
  parser.on('xmldecl', (decl) => {
    if (decl.encoding && !/^(utf-?8|us-ascii)$/i.test(decl.encoding)) {
      throw new DocumentError('SEAL_IMAGE_NOT_AN_IMAGE', 'only UTF-8 SVG is accepted', {
        encoding: decl.encoding,
      });
    }
  });
  parser.on('doctype', () => {
    throw unsafe('DOCTYPE (entities) not allowed');
  });
  parser.on('processinginstruction', (pi) => {
    throw unsafe('processing instruction not allowed', { target: pi.target });
  });
  parser.on('opentag', (tag) => {
    const local = tag.local.toLowerCase();
    if (depth === 0) {
      if (tag.local !== 'svg' || tag.uri !== SVG_NS) {
        throw new DocumentError('SEAL_IMAGE_NOT_AN_IMAGE', 'the root element is not an SVG <svg>', {
          root: tag.name,
        });
      }
    }
    depth++;
    if (FORBIDDEN_ELEMENTS.has(local)) throw unsafe(`<${tag.name}> not allowed`, { element: tag.name });
    if (local === 'style') styleDepth++;
    const attributes: Record<string, string> = {};
    for (const attr of Object.values(tag.attributes)) {
      const name = attr.local.toLowerCase();
      const value = attr.value;
      if (name.startsWith('on')) throw unsafe('event attribute', { element: tag.name, attribute: attr.name });
      if (name === 'href' || name === 'src') {
        const v = value.trim();
        if (!v.startsWith('#') && !(local === 'image' && IMAGE_DATA_URI.test(v))) {
          throw unsafe('external reference', { element: tag.name, attribute: attr.name });
        }
      }
      if (name === 'attributename' && /href|^\s*on/i.test(value)) {
        throw unsafe('animation of links or events', { element: tag.name });
      }
      checkUrls(value, `${tag.name}@${attr.name}`);
      if (attr.prefix === '') attributes[attr.local] = value;
    }
    if (depth === 1) root = attributes;
  });
  parser.on('closetag', (tag) => {
    depth--;
    if (tag.local.toLowerCase() === 'style') styleDepth--;
  });
  const cssText = (t: string) => {
    if (styleDepth > 0) checkUrls(t, '<style>');
  };
  parser.on('text', cssText);
  parser.on('cdata', cssText);
  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof DocumentError) throw e;
    throw new DocumentError('SEAL_IMAGE_CORRUPT', `the SVG is not well-formed XML: ${(e as Error).message}`, {
      reason: 'malformed XML',
    });
  }
  if (!root) throw new DocumentError('SEAL_IMAGE_NOT_AN_IMAGE', 'no <svg> element');

  let width = lengthPx(root.width);
  let height = lengthPx(root.height);
  let vb: number[] | undefined;
  if (root.viewBox !== undefined) {
    const parts = root.viewBox
      .trim()
      .split(/[\s,]+/)
      .map(Number);
    if (
      parts.length === 4 &&
      parts.every(Number.isFinite) &&
      (parts[2] as number) > 0 &&
      (parts[3] as number) > 0
    ) {
      vb = parts;
    }
  }
  if (vb) {
    const ratio = (vb[3] as number) / (vb[2] as number);
    if (width === undefined && height === undefined) {
      width = vb[2];
      height = vb[3];
    } else if (width === undefined) width = (height as number) / ratio;
    else if (height === undefined) height = width * ratio;
  }
  if (
    width === undefined ||
    height === undefined ||
    !(width > 0) ||
    !(height > 0) ||
    width > 1e5 ||
    height > 1e5
  ) {
    throw new DocumentError(
      'SEAL_IMAGE_DIMENSIONS',
      'the SVG needs a positive width and height or a viewBox',
      {
        width: root.width,
        height: root.height,
        viewBox: root.viewBox,
      },
    );
  }
  return { widthPx: width, heightPx: height, widthMm: (width * 25.4) / 96, heightMm: (height * 25.4) / 96 };
}
