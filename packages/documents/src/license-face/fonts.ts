/**
 * Parsing of the font chain and glyph coverage. Parsed faces are cached per byte array, so a
 * font set reused across renders is parsed once; pdfkit is handed the parsed fontkit face.
 */
import * as fontkit from 'fontkit';
import type { Font, FontCollection } from 'fontkit';
import { DocumentError } from '../checks.js';
import type { FaceFont, FaceFontStyle, FontSet } from './types.js';

export interface LoadedFont {
  readonly spec: FaceFont;
  readonly font: Font;
  /** Index of the face in a TTC collection (0 for single fonts). */
  readonly faceIndex: number;
}

interface ParsedFace {
  readonly font: Font;
  readonly faceIndex: number;
}

const cache = new WeakMap<Uint8Array, Map<string, ParsedFace>>();

function isCollection(f: Font | FontCollection): f is FontCollection {
  return (f as FontCollection).type === 'TTC' || (f as FontCollection).type === 'DFont';
}

function parseFace(spec: FaceFont): ParsedFace {
  const key = spec.postscriptName ?? '';
  let faces = cache.get(spec.bytes);
  const hit = faces?.get(key);
  if (hit) return hit;
  let parsed: Font | FontCollection;
  try {
    const b = spec.bytes;
    parsed = fontkit.create(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  } catch (e) {
    throw new DocumentError(
      'LICENSE_FONT_INVALID',
      `font ${spec.name} is not usable: ${(e as Error).message}`,
      {
        font: spec.name,
      },
    );
  }
  let font: Font | undefined;
  let faceIndex = 0;
  if (isCollection(parsed)) {
    font = spec.postscriptName
      ? parsed.fonts.find((f) => f.postscriptName === spec.postscriptName)
      : (parsed.fonts.find((f) => /SC\b|sc\b/.test(f.postscriptName ?? '')) ?? parsed.fonts[0]);
    // `fonts` builds new objects on every access: find the face by name, not identity.
    const name = font?.postscriptName;
    faceIndex = Math.max(
      0,
      parsed.fonts.findIndex((f) => f.postscriptName === name),
    );
  } else if (!spec.postscriptName || parsed.postscriptName === spec.postscriptName) {
    font = parsed;
  }
  if (!font || typeof font.hasGlyphForCodePoint !== 'function' || !(font.unitsPerEm > 0)) {
    throw new DocumentError('LICENSE_FONT_INVALID', `font ${spec.name} has no such usable face`, {
      font: spec.name,
      postscriptName: spec.postscriptName,
    });
  }
  if (!faces) cache.set(spec.bytes, (faces = new Map()));
  const face = { font, faceIndex };
  faces.set(key, face);
  return face;
}

/** Parse every font of the set (cached). Throws LICENSE_FONT_INVALID (also for an empty set). */
export function loadFontSet(fonts: FontSet): LoadedFont[] {
  if (fonts.length === 0) throw new DocumentError('LICENSE_FONT_INVALID', 'the font set is empty');
  return fonts.map((spec) => ({ spec, ...parseFace(spec) }));
}

/** A real glyph (not .notdef) for the code point. */
export function covers(font: Font, codePoint: number): boolean {
  return font.hasGlyphForCodePoint(codePoint) && font.glyphForCodePoint(codePoint).id !== 0;
}

/** Line breaks are layout, not glyphs. */
const isBreak = (ch: string): boolean => ch === '\n' || ch === '\r';

const CONTROL = /^\p{Cc}$/u;

/** Distinct characters (whole code points: 𠮷 is one) that no font covers (and control
 * characters other than line breaks), in order of appearance. */
export function missingCharacters(texts: readonly string[], fonts: readonly LoadedFont[]): string[] {
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const text of texts) {
    for (const ch of text) {
      if (seen.has(ch) || isBreak(ch)) continue;
      seen.add(ch);
      const cp = ch.codePointAt(0) as number;
      // Control characters print as nothing even where a font maps them: always refused.
      if (CONTROL.test(ch) || !fonts.some((f) => covers(f.font, cp))) missing.push(ch);
    }
  }
  return missing;
}

/**
 * Characters of `texts` that no font of the set can draw, plus control characters other than line
 * breaks (deduplicated, in order of appearance).
 * Use it when a template is published (fixed texts) and before issuance (values).
 */
export function checkGlyphCoverage(texts: readonly string[], fonts: FontSet): { missing: string[] } {
  return { missing: missingCharacters(texts, loadFontSet(fonts)) };
}

/** Index of the font drawing `codePoint`: first of the preferred style, then any; -1 if none. */
export function fontFor(fonts: readonly LoadedFont[], style: FaceFontStyle, codePoint: number): number {
  const preferred = fonts.findIndex((f) => f.spec.style === style && covers(f.font, codePoint));
  return preferred >= 0 ? preferred : fonts.findIndex((f) => covers(f.font, codePoint));
}
