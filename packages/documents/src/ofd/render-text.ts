/**
 * TextObject drawing (GB/T 33190 §11): each character at its TextCode position (X, Y plus the
 * running DeltaX/DeltaY), Size in the object's units, glyph outlines from the embedded font when it
 * has the character, else from the fallback chain. HScale widens or narrows the glyph, not the
 * spacing; CharDirection turns the glyph; ReadDirection sets where the pen moves when no delta is given.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { multiply, rotate, type Matrix } from '../seal-image/draw.js';
import { fallbackFor, styleOf, type FallbackFont, type GlyphFont } from './render-fonts.js';
import type { OfdFont, OfdText } from './types.js';

export interface TextPaint {
  readonly fill?: string;
  readonly stroke?: string;
  /** Stroke width in the object's units. */
  readonly lineWidth: number;
}

export interface TextFonts {
  /** Embedded font of the resource, when it has a readable FontFile. */
  embedded(font: OfdFont): GlyphFont | undefined;
  readonly fallback: readonly FallbackFont[];
}

interface Slot {
  readonly x: number;
  readonly y: number;
  readonly char: string;
}

/** Pen movement for one advance of `length` along the reading direction. */
function advanceVector(readDirection: number | undefined, length: number): [number, number] {
  switch (readDirection) {
    case 90:
      return [0, length];
    case 180:
      return [-length, 0];
    case 270:
      return [0, -length];
    default:
      return [length, 0];
  }
}

const INVISIBLE = /^[\p{Cc}\p{Zs}]$/u;

interface Replacement {
  readonly glyphs: readonly number[];
  /** Character positions the glyphs take (0 for the positions after the first). */
  readonly span: number;
}

/**
 * CGTransform: glyph indexes replacing characters, by character position in the object (only
 * meaningful with the embedded font the indexes belong to).
 */
function glyphReplacements(text: OfdText): Map<number, Replacement> {
  const map = new Map<number, Replacement>();
  for (const t of text.glyphTransforms ?? []) {
    const span = Math.max(1, t.codeCount);
    const glyphs = t.glyphCount > 0 ? t.glyphs.slice(0, t.glyphCount) : t.glyphs;
    map.set(t.codePosition, { glyphs, span });
    for (let k = 1; k < span; k++) map.set(t.codePosition + k, { glyphs: [], span: 0 });
  }
  return map;
}

/**
 * Draws `text` with `matrix` mapping its object space (Boundary origin, CTM applied) to pixels.
 * Returns the number of glyphs drawn (the caller's work budget).
 */
export function drawText(
  ctx: SKRSContext2D,
  text: OfdText,
  matrix: Matrix,
  font: OfdFont | undefined,
  fonts: TextFonts,
  paint: TextPaint,
): number {
  if (!(text.size > 0) || (!paint.fill && !paint.stroke)) return 0;
  const embedded = font ? fonts.embedded(font) : undefined;
  const style = styleOf(font);
  const hScale = text.hScale !== undefined && text.hScale > 0 ? text.hScale : 1;
  const replacements = embedded ? glyphReplacements(text) : new Map<number, Replacement>();
  const fallbackMemo = new Map<number, GlyphFont | undefined>();
  const pick = (codePoint: number): GlyphFont | undefined => {
    if (embedded?.covers(codePoint)) return embedded;
    if (!fallbackMemo.has(codePoint))
      fallbackMemo.set(codePoint, fallbackFor(fonts.fallback, style, codePoint));
    return fallbackMemo.get(codePoint);
  };
  const turn: Matrix = text.charDirection ? rotate(text.charDirection) : [1, 0, 0, 1, 0, 0];
  if (paint.fill) ctx.fillStyle = paint.fill;
  if (paint.stroke) ctx.strokeStyle = paint.stroke;

  let drawn = 0;
  let position = 0;
  const draw = (glyphFont: GlyphFont, id: number, x: number, y: number): number => {
    const shape = glyphFont.shape(id);
    if (!shape) return 0;
    const s = text.size / glyphFont.unitsPerEm;
    if (shape.path) {
      const m = multiply(multiply(multiply(matrix, [1, 0, 0, 1, x, y]), turn), [s * hScale, 0, 0, -s, 0, 0]);
      ctx.setTransform(m[0], m[1], m[2], m[3], m[4], m[5]);
      if (paint.fill) ctx.fill(shape.path);
      if (paint.stroke) {
        ctx.lineWidth = paint.lineWidth / s;
        ctx.stroke(shape.path);
      }
      drawn++;
    }
    return shape.advance * s * hScale;
  };

  for (const code of text.codes) {
    const slots: Slot[] = [];
    let x = code.x;
    let y = code.y;
    let lastAdvance = 0;
    let k = 0;
    for (const char of code.text) {
      if (k > 0) {
        const [ax, ay] = advanceVector(text.readDirection, lastAdvance);
        const dx = code.deltaX?.[k - 1];
        const dy = code.deltaY?.[k - 1];
        x += dx ?? (dy === undefined ? ax : 0);
        y += dy ?? (dx === undefined ? ay : 0);
      }
      slots.push({ x, y, char });
      const codePoint = char.codePointAt(0)!;
      const glyphFont = pick(codePoint);
      const advance = glyphFont?.shape(glyphFont.glyphId(codePoint))?.advance;
      lastAdvance =
        glyphFont && advance !== undefined
          ? (advance * text.size * hScale) / glyphFont.unitsPerEm
          : text.size;
      k++;
    }
    for (let i = 0; i < slots.length; i++, position++) {
      const slot = slots[i]!;
      const replaced = replacements.get(position);
      if (replaced && embedded) {
        // Each glyph at the position of the character it stands for; extra glyphs follow the pen.
        let pen = slot.x;
        replaced.glyphs.forEach((id, j) => {
          const at = j < replaced.span ? slots[i + j] : undefined;
          const gx = at ? at.x : pen;
          pen = gx + draw(embedded, id, gx, at ? at.y : slot.y);
        });
        continue;
      }
      if (INVISIBLE.test(slot.char)) continue;
      const codePoint = slot.char.codePointAt(0)!;
      const glyphFont = pick(codePoint);
      if (glyphFont) draw(glyphFont, glyphFont.glyphId(codePoint), slot.x, slot.y);
    }
  }
  return drawn;
}
