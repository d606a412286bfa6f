/**
 * Fitting text into a box: split into runs by font, wrap (optional), shrink down to a minimum size.
 * Widths come from the glyph advances of the fontkit faces, in points.
 */
import type { FaceFontStyle } from './types.js';
import { fontFor, type LoadedFont } from './fonts.js';

/** Distance between baselines, in em. */
export const LINE_HEIGHT = 1.25;
/** Ideographic em box above the baseline, in em (CJK faces span −0.12…0.88 em). */
export const EM_ASCENT = 0.88;
/** Shrinking step, in points. */
const STEP = 0.5;

export interface Run {
  readonly font: number;
  readonly text: string;
  readonly width: number;
}
export interface Line {
  readonly runs: readonly Run[];
  readonly width: number;
}
export interface Layout {
  readonly fontSize: number;
  readonly lines: readonly Line[];
  /** From the first line's em top to the last line's em bottom. */
  readonly height: number;
}

interface Glyph {
  readonly ch: string;
  readonly font: number;
  /** Advance at 1 pt. */
  readonly advance: number;
}

function glyphs(text: string, fonts: readonly LoadedFont[], style: FaceFontStyle): Glyph[][] {
  return text.split(/\r\n|\r|\n/).map((para) =>
    Array.from(para, (ch) => {
      const cp = ch.codePointAt(0) as number;
      // Coverage was checked before layout, so a font is always found.
      const font = Math.max(0, fontFor(fonts, style, cp));
      const f = fonts[font]!.font;
      return { ch, font, advance: f.glyphForCodePoint(cp).advanceWidth / f.unitsPerEm };
    }),
  );
}

function toLine(gs: readonly Glyph[], size: number): Line {
  const runs: Run[] = [];
  for (const g of gs) {
    const last = runs.at(-1);
    if (last && last.font === g.font) {
      runs[runs.length - 1] = { font: g.font, text: last.text + g.ch, width: last.width + g.advance * size };
    } else {
      runs.push({ font: g.font, text: g.ch, width: g.advance * size });
    }
  }
  return { runs, width: runs.reduce((w, r) => w + r.width, 0) };
}

/** Greedy wrapping at any character; a space at a break is dropped. */
function wrapParagraph(para: readonly Glyph[], size: number, maxWidth: number): Glyph[][] {
  const lines: Glyph[][] = [];
  let current: Glyph[] = [];
  let width = 0;
  for (const g of para) {
    const w = g.advance * size;
    if (current.length > 0 && width + w > maxWidth) {
      lines.push(current);
      current = [];
      width = 0;
      if (g.ch === ' ') continue;
    }
    current.push(g);
    width += w;
  }
  lines.push(current);
  return lines;
}

/**
 * The largest size from `fontSize` down to `minFontSize` (0.5 pt steps) at which the text fits
 * `width` × `height` points, wrapping first when `wrap`; undefined if it fits at no size.
 */
export function fitText(
  text: string,
  fonts: readonly LoadedFont[],
  style: FaceFontStyle,
  box: { width: number; height: number; fontSize: number; minFontSize: number; wrap: boolean },
): Layout | undefined {
  const paras = glyphs(text, fonts, style);
  const eps = 1e-6;
  for (let size = box.fontSize; size >= box.minFontSize - eps; size -= STEP) {
    const rows = box.wrap ? paras.flatMap((p) => wrapParagraph(p, size, box.width)) : paras;
    const lines = rows.map((r) => toLine(r, size));
    const height = size + (lines.length - 1) * size * LINE_HEIGHT;
    if (height <= box.height + eps && lines.every((l) => l.width <= box.width + eps)) {
      return { fontSize: size, lines, height };
    }
    if (size > box.minFontSize && size - STEP < box.minFontSize) size = box.minFontSize + STEP;
  }
  return undefined;
}
