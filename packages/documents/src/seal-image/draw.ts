/** SVG drawing primitives for seal images: affine matrices, glyph outlines as paths, the star. */
import type { SealFont } from './font.js';

/** Affine matrix [a, b, c, d, e, f]: (x, y) → (a·x + c·y + e, b·x + d·y + f), SVG convention. */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

export function translate(x: number, y: number): Matrix {
  return [1, 0, 0, 1, x, y];
}

/** Rotation by `deg` degrees, clockwise on screen (y points down). */
export function rotate(deg: number): Matrix {
  const r = (deg * Math.PI) / 180;
  const c = Math.cos(r);
  const s = Math.sin(r);
  return [c, s, -s, c, 0, 0];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Shortest decimal for `x` rounded to `digits` places (no "-0"). */
export function num(x: number, digits = 3): string {
  const v = Number(x.toFixed(digits));
  return Object.is(v, -0) ? '0' : String(v);
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One character's box in local coordinates: x ∈ [−width/2, width/2], y ∈ [0, height], y down. */
export interface GlyphBox {
  readonly width: number;
  readonly height: number;
}

/** Natural width (mm) of a character drawn `height` mm tall (its advance scaled to the em box). */
export function naturalWidth(font: SealFont, ch: string, height: number): number {
  const g = font.glyph(ch.codePointAt(0) as number);
  return (g.advance * height) / (font.ascender - font.descender);
}

/** Collects the SVG elements of a seal drawn in one colour, in mm. */
export class SealSvg {
  readonly #parts: string[] = [];
  constructor(
    readonly widthMm: number,
    readonly heightMm: number,
    readonly color: string,
    readonly title: string,
  ) {}

  add(element: string): void {
    this.#parts.push(element);
  }

  /**
   * Draw one character so its em box fills `box` (top-centre at the local origin), then `m`
   * places that box on the seal. Whitespace draws nothing.
   */
  glyph(font: SealFont, ch: string, box: GlyphBox, m: Matrix): void {
    const g = font.glyph(ch.codePointAt(0) as number);
    if (!g.d) return;
    const sx = box.width / g.advance;
    const sy = box.height / (font.ascender - font.descender);
    // font units (u, v), y up → local: x = (u − advance/2)·sx, y = (ascender − v)·sy
    const local: Matrix = [sx, 0, 0, -sy, (-g.advance / 2) * sx, font.ascender * sy];
    const t = multiply(m, local);
    const matrix = `${num(t[0], 7)} ${num(t[1], 7)} ${num(t[2], 7)} ${num(t[3], 7)} ${num(t[4], 4)} ${num(t[5], 4)}`;
    this.#parts.push(`<path transform="matrix(${matrix})" d="${g.d}"/>`);
  }

  toString(): string {
    const w = num(this.widthMm);
    const h = num(this.heightMm);
    return (
      `<?xml version="1.0" encoding="UTF-8"?>\n` +
      `<svg xmlns="http://www.w3.org/2000/svg" width="${w}mm" height="${h}mm" viewBox="0 0 ${w} ${h}">` +
      `<title>${escapeXml(this.title)}</title>` +
      `<g fill="${this.color}" stroke="none">${this.#parts.join('')}</g></svg>\n`
    );
  }
}

/** Path of a filled five-pointed star, one point up, centred at (cx, cy). */
export function starPath(cx: number, cy: number, outerRadius: number): string {
  const inner = outerRadius * (Math.sin(Math.PI / 10) / Math.sin((3 * Math.PI) / 10));
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outerRadius : inner;
    const a = (i * Math.PI) / 5;
    points.push(`${num(cx + r * Math.sin(a))} ${num(cy - r * Math.cos(a))}`);
  }
  return `M${points.join('L')}Z`;
}

export type Point = readonly [number, number];

/** Corners of a glyph box placed by `m` (see SealSvg.glyph). */
export function boxCorners(box: GlyphBox, m: Matrix): Point[] {
  const w = box.width / 2;
  return [apply(m, -w, 0), apply(m, w, 0), apply(m, w, box.height), apply(m, -w, box.height)];
}

/** True if two convex polygons come closer than `gap` (separating-axis test). */
export function polygonsTouch(p: readonly Point[], q: readonly Point[], gap = 0): boolean {
  for (const poly of [p, q]) {
    for (let i = 0; i < poly.length; i++) {
      const a = poly[i] as Point;
      const b = poly[(i + 1) % poly.length] as Point;
      const nx = b[1] - a[1];
      const ny = a[0] - b[0];
      const len = Math.hypot(nx, ny);
      if (len === 0) continue;
      let pMin = Infinity;
      let pMax = -Infinity;
      let qMin = Infinity;
      let qMax = -Infinity;
      for (const [x, y] of p) {
        const d = (x * nx + y * ny) / len;
        pMin = Math.min(pMin, d);
        pMax = Math.max(pMax, d);
      }
      for (const [x, y] of q) {
        const d = (x * nx + y * ny) / len;
        qMin = Math.min(qMin, d);
        qMax = Math.max(qMax, d);
      }
      if (pMax + gap <= qMin || qMax + gap <= pMin) return false;
    }
  }
  return true;
}
