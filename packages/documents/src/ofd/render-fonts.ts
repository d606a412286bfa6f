/**
 * Fonts for drawing OFD text: glyph outlines from fontkit, filled as canvas paths. Nothing is
 * registered with the canvas' global font list, so an uploaded document cannot change what other
 * renders see, and a glyph index (CGTransform) can be drawn exactly. Embedded fonts are parsed once
 * per content hash (small LRU); fallback fonts once per byte array.
 */
import { createHash } from 'node:crypto';
import { Path2D } from '@napi-rs/canvas';
import * as fontkit from 'fontkit';
import type { Font, FontCollection } from 'fontkit';
import { covers, loadFontSet } from '../license-face/fonts.js';
import type { FaceFontStyle, FontSet } from '../license-face/types.js';
import type { OfdFont } from './types.js';

export interface GlyphShape {
  /** Outline in font units, y up; undefined for blank glyphs (space). */
  readonly path: Path2D | undefined;
  /** Advance width in font units. */
  readonly advance: number;
}

/** One parsed face with its outlines cached. */
export class GlyphFont {
  readonly unitsPerEm: number;
  readonly #shapes = new Map<number, GlyphShape>();
  /** False once the character map proved unreadable (embedded subsets may have none). */
  #cmapUsable = true;

  constructor(readonly font: Font) {
    this.unitsPerEm = font.unitsPerEm;
  }

  covers(codePoint: number): boolean {
    if (!this.#cmapUsable) return false;
    try {
      return covers(this.font, codePoint);
    } catch {
      this.#cmapUsable = false;
      return false;
    }
  }

  /** Glyph for a character this font covers (0, .notdef, otherwise). */
  glyphId(codePoint: number): number {
    return this.covers(codePoint) ? this.font.glyphForCodePoint(codePoint).id : 0;
  }

  /** Shape of glyph `id`; undefined when the font has no such glyph or it cannot be read. */
  shape(id: number): GlyphShape | undefined {
    let shape = this.#shapes.get(id);
    if (shape) return shape;
    if (!Number.isInteger(id) || id < 0 || id >= this.font.numGlyphs) return undefined;
    try {
      const glyph = this.font.getGlyph(id);
      const svg = glyph.path.toSVG();
      shape = { path: svg ? new Path2D(svg) : undefined, advance: glyph.advanceWidth };
    } catch {
      return undefined;
    }
    this.#shapes.set(id, shape);
    return shape;
  }
}

const isCollection = (f: Font | FontCollection): f is FontCollection =>
  (f as FontCollection).type === 'TTC' || (f as FontCollection).type === 'DFont';

const EMBEDDED_CACHE_SIZE = 32;
const embedded = new Map<string, GlyphFont | null>();

/** The embedded font file parsed (cached by SHA-256), or undefined when fontkit cannot read it. */
export function embeddedFont(bytes: Uint8Array): GlyphFont | undefined {
  const key = createHash('sha256').update(bytes).digest('hex');
  if (embedded.has(key)) {
    const hit = embedded.get(key)!;
    embedded.delete(key);
    embedded.set(key, hit);
    return hit ?? undefined;
  }
  let font: GlyphFont | null = null;
  try {
    const parsed = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const face = isCollection(parsed) ? parsed.fonts[0] : parsed;
    if (face && face.unitsPerEm > 0 && typeof face.getGlyph === 'function') font = new GlyphFont(face);
  } catch {
    font = null;
  }
  embedded.set(key, font);
  if (embedded.size > EMBEDDED_CACHE_SIZE) embedded.delete(embedded.keys().next().value!);
  return font ?? undefined;
}

export interface FallbackFont {
  readonly font: GlyphFont;
  readonly style: FaceFontStyle;
}

const fallbackCache = new WeakMap<Font, GlyphFont>();

/** The caller's font chain, parsed (cached). Throws LICENSE_FONT_INVALID for an unusable font. */
export function fallbackFonts(fonts: FontSet): FallbackFont[] {
  if (fonts.length === 0) return [];
  return loadFontSet(fonts).map((loaded) => {
    let font = fallbackCache.get(loaded.font);
    if (!font) fallbackCache.set(loaded.font, (font = new GlyphFont(loaded.font)));
    return { font, style: loaded.spec.style };
  });
}

const SERIF_NAME = /song|宋|serif|ming|明|仿宋|fang|楷|kai|times|roman|georgia|batang|mincho/i;

/** Serif for Song/Fangsong/Kai-like faces (the usual in Chinese documents), sans otherwise. */
export function styleOf(font: OfdFont | undefined): FaceFontStyle {
  if (!font) return 'serif';
  if (font.serif !== undefined) return font.serif ? 'serif' : 'sans';
  return SERIF_NAME.test(`${font.fontName} ${font.familyName ?? ''}`) ? 'serif' : 'sans';
}

/** The fallback font drawing `codePoint`: the first of `style`, else any; undefined if none. */
export function fallbackFor(
  fonts: readonly FallbackFont[],
  style: FaceFontStyle,
  codePoint: number,
): GlyphFont | undefined {
  return (
    fonts.find((f) => f.style === style && f.font.covers(codePoint))?.font ??
    fonts.find((f) => f.font.covers(codePoint))?.font
  );
}
