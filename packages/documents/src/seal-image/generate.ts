/** Generate seal images as SVG (glyph outlines as paths, no <text>) and render them to PNG. */
import { Resvg } from '@resvg/resvg-js';
import { DocumentError } from '../checks.js';
import { SealFont } from './font.js';
import { drawOval, drawRound, drawSquare } from './layouts.js';
import type { SealSvg } from './draw.js';
import { checkColor, checkGlyphs, checkSize, checkText, invalidSpec } from './spec.js';
import type { SealImageSpec } from './spec.js';
import { inspectSvg } from './upload.js';

function build(spec: SealImageSpec): SealSvg {
  if (!spec || typeof spec !== 'object') throw invalidSpec('the seal spec must be an object');
  if (!(spec.font instanceof SealFont))
    throw invalidSpec('font must come from loadSealFont', { field: 'font' });
  const color = checkColor(spec.color);
  switch (spec.shape) {
    case 'round': {
      const diameter = checkSize('diameterMm', spec.diameterMm, 42, 20, 60);
      const border = checkSize('borderMm', spec.borderMm, 1.2, 0.3, diameter / 10);
      const name = checkText('name', spec.name, 60);
      const bottomText = checkText('bottomText', spec.bottomText, 20);
      const code = checkText('code', spec.code, 30);
      if (spec.star !== undefined && typeof spec.star !== 'boolean') {
        throw invalidSpec('star must be a boolean', { field: 'star' });
      }
      checkGlyphs(spec.font, [name, bottomText, code]);
      return drawRound({
        font: spec.font,
        color,
        diameter,
        border,
        name,
        bottomText,
        code,
        star: spec.star ?? true,
      });
    }
    case 'oval': {
      const width = checkSize('widthMm', spec.widthMm, 45, 20, 80);
      const height = checkSize('heightMm', spec.heightMm, 30, 15, Math.min(60, width));
      const border = checkSize('borderMm', spec.borderMm, 1.0, 0.3, height / 10);
      const name = checkText('name', spec.name, 60);
      const middleText = checkText('middleText', spec.middleText, 30);
      const bottomText = checkText('bottomText', spec.bottomText, 20);
      checkGlyphs(spec.font, [name, middleText, bottomText]);
      return drawOval({ font: spec.font, color, width, height, border, name, middleText, bottomText });
    }
    case 'square': {
      const size = checkSize('sizeMm', spec.sizeMm, 20, 10, 40);
      const border = checkSize('borderMm', spec.borderMm, size / 20, 0.3, size / 8);
      const name = checkText('name', spec.name, 4).replace(/\s+/g, '');
      const chars = [...name];
      if (chars.length < 2 || chars.length > 4) {
        throw invalidSpec('a name seal holds 2 to 4 characters', { field: 'name', characters: chars.length });
      }
      if (chars.length === 3) chars.push('印');
      checkGlyphs(spec.font, [chars.join('')]);
      return drawSquare({ font: spec.font, color, size, border, chars });
    }
    default:
      throw invalidSpec('shape must be round, oval or square', {
        shape: (spec as { shape?: unknown }).shape,
      });
  }
}

/**
 * The seal as a standalone SVG document (physical size in mm, viewBox in mm), text drawn as glyph
 * outlines. Throws DocumentError SEAL_IMAGE_INVALID_SPEC or SEAL_IMAGE_GLYPH_MISSING.
 */
export function generateSealSvg(spec: SealImageSpec): string {
  return build(spec).toString();
}

export interface RenderSealPngOptions {
  /** Resolution, pixels per millimetre (default 12 ≈ 305 dpi), 1–100. */
  readonly pxPerMm?: number;
}

export interface RenderedSealPng {
  readonly png: Uint8Array;
  readonly widthPx: number;
  readonly heightPx: number;
}

/** Largest side of a rendered seal, pixels. */
const MAX_RENDER_PX = 8000;

/**
 * Render a seal spec, or SVG text (checked with the upload rules first: no scripts, no external
 * references), to a PNG with a transparent background at the physical size × `pxPerMm`.
 */
export function renderSealPng(
  input: SealImageSpec | string,
  options: RenderSealPngOptions = {},
): RenderedSealPng {
  const pxPerMm = options.pxPerMm ?? 12;
  if (typeof pxPerMm !== 'number' || !Number.isFinite(pxPerMm) || pxPerMm < 1 || pxPerMm > 100) {
    throw invalidSpec('pxPerMm must be a number from 1 to 100', { pxPerMm });
  }
  let svgText: string;
  let widthMm: number;
  let heightMm: number;
  if (typeof input === 'string') {
    const info = inspectSvg(new TextEncoder().encode(input), { maxBytes: 8 * 1024 * 1024 });
    svgText = input;
    widthMm = info.widthMm;
    heightMm = info.heightMm;
  } else {
    const svg = build(input);
    svgText = svg.toString();
    widthMm = svg.widthMm;
    heightMm = svg.heightMm;
  }
  const widthPx = Math.max(1, Math.round(widthMm * pxPerMm));
  const heightPx = Math.max(1, Math.round(heightMm * pxPerMm));
  if (widthPx > MAX_RENDER_PX || heightPx > MAX_RENDER_PX) {
    throw new DocumentError('SEAL_IMAGE_DIMENSIONS', `the rendered image would exceed ${MAX_RENDER_PX} px`, {
      widthPx,
      heightPx,
    });
  }
  const resvg = new Resvg(svgText, {
    fitTo: { mode: 'width', value: widthPx },
    font: { loadSystemFonts: false },
    logLevel: 'off',
  });
  const image = resvg.render();
  const png = image.asPng();
  return {
    png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength),
    widthPx: image.width,
    heightPx: image.height,
  };
}
