/**
 * Fonts for seal images. Glyphs are converted to SVG path outlines with fontkit, so a seal image
 * never depends on fonts installed where it is viewed. The package does no file I/O: callers read
 * the font bytes (the bundled Noto Sans SC from `bundledSealFontPath()`, or e.g. Debian's
 * NotoSerifCJK-Bold.ttc for a Song-style face) and pass them to `loadSealFont`.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import type { Font, FontCollection } from 'fontkit';
import { DocumentError } from '../checks.js';

/** Outline of one glyph in font units (y up), as SVG path data, and its advance width. */
export interface GlyphOutline {
  readonly d: string;
  readonly advance: number;
}

/** A parsed font face ready for drawing seal text. Create with `loadSealFont`. */
export class SealFont {
  readonly postscriptName: string;
  readonly unitsPerEm: number;
  /** Top and bottom of the em box (typographic ascender / descender), font units, y up. */
  readonly ascender: number;
  readonly descender: number;
  readonly #font: Font;
  readonly #glyphs = new Map<number, GlyphOutline>();

  /** @internal use loadSealFont */
  constructor(font: Font) {
    this.#font = font;
    this.postscriptName = font.postscriptName ?? 'unknown';
    this.unitsPerEm = font.unitsPerEm;
    const os2 = font['OS/2'];
    const asc = os2?.typoAscender || font.ascent;
    const desc = os2?.typoDescender || font.descent;
    // A usable em box: fall back to [-0.12, 0.88] em when the font reports nonsense.
    const valid = Number.isFinite(asc) && Number.isFinite(desc) && asc > desc;
    this.ascender = valid ? asc : 0.88 * font.unitsPerEm;
    this.descender = valid ? desc : -0.12 * font.unitsPerEm;
  }

  /** True if the font has a real glyph (not .notdef) for the code point. */
  hasCodePoint(codePoint: number): boolean {
    return this.#font.hasGlyphForCodePoint(codePoint) && this.#font.glyphForCodePoint(codePoint).id !== 0;
  }

  /** The distinct characters of `text` this font cannot draw, in order of appearance. */
  missingCharacters(text: string): string[] {
    const missing: string[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0) as number;
      if (!this.hasCodePoint(cp) && !missing.includes(ch)) missing.push(ch);
    }
    return missing;
  }

  /** Outline of the glyph for one character (cached). Callers check coverage first. */
  glyph(codePoint: number): GlyphOutline {
    let outline = this.#glyphs.get(codePoint);
    if (!outline) {
      const glyph = this.#font.glyphForCodePoint(codePoint);
      outline = { d: glyph.path.toSVG(), advance: glyph.advanceWidth };
      this.#glyphs.set(codePoint, outline);
    }
    return outline;
  }
}

function isCollection(f: Font | FontCollection): f is FontCollection {
  return (f as FontCollection).type === 'TTC' || (f as FontCollection).type === 'DFont';
}

/**
 * Parse font bytes (TTF, OTF/CFF or a TTC collection). For a collection, `postscriptName` picks the
 * face (e.g. `NotoSerifCJKsc-Bold`); without it the Simplified Chinese face is preferred.
 * Throws DocumentError SEAL_IMAGE_FONT_INVALID.
 */
export function loadSealFont(bytes: Uint8Array, options: { postscriptName?: string } = {}): SealFont {
  let parsed: Font | FontCollection;
  try {
    parsed = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw new DocumentError('SEAL_IMAGE_FONT_INVALID', `not a usable font: ${(e as Error).message}`);
  }
  let font: Font | undefined;
  if (isCollection(parsed)) {
    const faces = parsed.fonts;
    font = options.postscriptName
      ? faces.find((f) => f.postscriptName === options.postscriptName)
      : (faces.find((f) => /sc\b|SC\b/.test(f.postscriptName ?? '')) ?? faces[0]);
    if (!font) {
      throw new DocumentError('SEAL_IMAGE_FONT_INVALID', 'the font collection has no such face', {
        postscriptName: options.postscriptName,
        available: faces.map((f) => f.postscriptName),
      });
    }
  } else {
    font = parsed;
    if (options.postscriptName && font.postscriptName !== options.postscriptName) {
      throw new DocumentError('SEAL_IMAGE_FONT_INVALID', 'the font is not the requested face', {
        postscriptName: options.postscriptName,
        actual: font.postscriptName,
      });
    }
  }
  if (typeof font.glyphForCodePoint !== 'function' || !(font.unitsPerEm > 0)) {
    throw new DocumentError('SEAL_IMAGE_FONT_INVALID', 'the font has no usable outlines');
  }
  return new SealFont(font);
}

/**
 * Location of the bundled open-licence CJK font (Noto Sans SC from `@embedpdf/fonts-sc`, OFL-1.1)
 * for callers to read and pass to `loadSealFont`. Resolves a path only; reads nothing.
 */
export function bundledSealFontPath(weight: 'bold' | 'medium' | 'regular' = 'bold'): string {
  const file = { bold: 'Bold', medium: 'Medium', regular: 'Regular' }[weight];
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  return join(dirname(entry), '..', 'fonts', `NotoSansHans-${file}.otf`);
}
