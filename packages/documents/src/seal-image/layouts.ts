/**
 * Layouts of the three standard seal shapes. All lengths are mm; the SVG user unit is 1 mm. The
 * proportions follow the physical seals: for the 42 mm round seal a 1.2 mm ring, a star of 14 mm
 * across, 6.5 mm characters on the arc and 4.6 mm characters in the bottom line; every other size
 * scales with the diameter.
 */
import { invalidSpec } from './spec.js';
import {
  SealSvg,
  boxCorners,
  multiply,
  naturalWidth,
  num,
  polygonsTouch,
  rotate,
  starPath,
  translate,
} from './draw.js';
import type { Point } from './draw.js';
import type { SealFont } from './font.js';

/** Narrowest horizontal condensing accepted before a text is refused as too long. */
const MIN_CONDENSE = 0.25;

export interface ArcTextOptions {
  readonly field: string;
  readonly cx: number;
  readonly cy: number;
  /** Radii of the ellipse (circle when equal) on which the characters' outer edges sit. */
  readonly a: number;
  readonly b: number;
  /** Character height (radial extent). */
  readonly height: number;
  /** Parametric angle covered by the text, degrees (0 for a single centred character). */
  readonly spanDeg: number;
  /** Upper arc reads clockwise with tops outward; lower arc reads left to right with tops inward. */
  readonly side: 'top' | 'bottom';
}

/** Arc length of the ellipse from parametric angle t0 to t1 (radians), sampled. */
function arcTable(a: number, b: number, t0: number, t1: number, steps = 720): { t: number[]; s: number[] } {
  const t: number[] = [t0];
  const s: number[] = [0];
  let px = a * Math.sin(t0);
  let py = b * Math.cos(t0);
  for (let i = 1; i <= steps; i++) {
    const ti = t0 + ((t1 - t0) * i) / steps;
    const x = a * Math.sin(ti);
    const y = b * Math.cos(ti);
    t.push(ti);
    s.push((s[i - 1] as number) + Math.hypot(x - px, y - py));
    px = x;
    py = y;
  }
  return { t, s };
}

function paramAt(table: { t: number[]; s: number[] }, target: number): number {
  const { t, s } = table;
  let lo = 0;
  let hi = s.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((s[mid] as number) < target) lo = mid;
    else hi = mid;
  }
  const s0 = s[lo] as number;
  const s1 = s[hi] as number;
  const f = s1 > s0 ? (target - s0) / (s1 - s0) : 0;
  return (t[lo] as number) + f * ((t[hi] as number) - (t[lo] as number));
}

/** Radius of curvature of the ellipse x = a·sin t, y = ±b·cos t. */
function curvatureRadius(a: number, b: number, t: number): number {
  const c = Math.cos(t);
  const s = Math.sin(t);
  return (a * a * c * c + b * b * s * s) ** 1.5 / (a * b);
}

/**
 * Characters evenly spaced (by arc length along the middle of the band) on an elliptical arc,
 * each upright relative to the arc, condensed horizontally just enough that neighbours keep a
 * small gap. Returns the corners of every character box placed.
 */
export function arcText(svg: SealSvg, font: SealFont, text: string, o: ArcTextOptions): Point[][] {
  const chars = [...text];
  const n = chars.length;
  if (n === 0) return [];
  const span = (o.spanDeg * Math.PI) / 180;
  const table = arcTable(o.a - o.height / 2, o.b - o.height / 2, -span / 2, span / 2);
  const length = table.s[table.s.length - 1] as number;
  const pitch = length / n;
  const ts = chars.map((_, i) => (n === 1 ? 0 : paramAt(table, pitch * (i + 0.5))));
  const natural = chars.map((ch) => naturalWidth(font, ch, o.height));
  const place = (i: number, condense: number) => {
    const t = ts[i] as number;
    const box = { width: (natural[i] as number) * condense, height: o.height };
    const sag = (box.width / 2) ** 2 / (2 * curvatureRadius(o.a, o.b, t));
    const sin = Math.sin(t);
    const cos = Math.cos(t);
    let m;
    if (o.side === 'top') {
      const angle = (Math.atan2(sin / o.a, cos / o.b) * 180) / Math.PI;
      m = multiply(multiply(translate(o.cx + o.a * sin, o.cy - o.b * cos), rotate(angle)), translate(0, sag));
    } else {
      const angle = (Math.atan2(-sin / o.a, cos / o.b) * 180) / Math.PI;
      m = multiply(
        multiply(translate(o.cx + o.a * sin, o.cy + o.b * cos), rotate(angle)),
        translate(0, -o.height - sag),
      );
    }
    return { box, m };
  };
  // em boxes include side bearings: let boxes overlap a little, the ink still keeps apart
  const gap = -0.06 * o.height;
  const clear = (condense: number) => {
    const quads = chars.map((_, i) => {
      const { box, m } = place(i, condense);
      return boxCorners(box, m);
    });
    return quads.every((q, i) => i === 0 || !polygonsTouch(quads[i - 1] as Point[], q, gap));
  };
  let condense = 1;
  if (!clear(1)) {
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 24; k++) {
      const mid = (lo + hi) / 2;
      if (clear(mid)) lo = mid;
      else hi = mid;
    }
    condense = lo;
  }
  if (condense < MIN_CONDENSE) {
    throw invalidSpec(`${o.field} is too long for the seal`, { field: o.field, characters: n });
  }
  return chars.map((ch, i) => {
    const { box, m } = place(i, condense);
    svg.glyph(font, ch, box, m);
    return boxCorners(box, m);
  });
}

/** Whether a box (its corners, mm) may hold horizontal text: clear of rings, arcs and bands. */
type Fits = (corners: readonly Point[]) => boolean;

export interface LineTextOptions {
  readonly field: string;
  readonly cx: number;
  readonly top: number;
  readonly height: number;
  readonly fits: Fits;
}

/** Horizontal centred text, condensed to the widest box that fits. Returns the box corners. */
export function lineText(svg: SealSvg, font: SealFont, text: string, o: LineTextOptions): Point[] {
  const chars = [...text];
  if (chars.length === 0) return [];
  const spacing = 0.08 * o.height;
  const natural = chars.map((ch) => naturalWidth(font, ch, o.height));
  const naturalTotal = natural.reduce((s, w) => s + w, 0) + spacing * (chars.length - 1);
  const bottom = o.top + o.height;
  const rect = (half: number): Point[] => [
    [o.cx - half, o.top],
    [o.cx + half, o.top],
    [o.cx + half, bottom],
    [o.cx - half, bottom],
  ];
  let lo = 0;
  let hi = naturalTotal / 2;
  if (!o.fits(rect(lo))) throw invalidSpec(`no room for ${o.field}`, { field: o.field });
  if (o.fits(rect(hi))) lo = hi;
  else {
    for (let i = 0; i < 30; i++) {
      const mid = (lo + hi) / 2;
      if (o.fits(rect(mid))) lo = mid;
      else hi = mid;
    }
  }
  const condense = (2 * lo) / naturalTotal;
  if (condense < MIN_CONDENSE) {
    throw invalidSpec(`${o.field} is too long for the seal`, { field: o.field, characters: chars.length });
  }
  let x = o.cx - lo;
  chars.forEach((ch, i) => {
    const w = (natural[i] as number) * condense;
    svg.glyph(font, ch, { width: w, height: o.height }, translate(x + w / 2, o.top));
    x += w + spacing * condense;
  });
  return rect(lo);
}

function insideEllipse(dx: number, dy: number, a: number, b: number): boolean {
  return a > 0 && b > 0 && (dx / a) ** 2 + (dy / b) ** 2 <= 1;
}

/**
 * A box fits if its corners lie inside the ellipse (a, b) around (cx, cy) and it keeps `gap`
 * from every obstacle (the character boxes already placed).
 */
function fitsInside(cx: number, cy: number, a: number, b: number, obstacles: Point[][], gap: number): Fits {
  return (corners) =>
    corners.every(([x, y]) => insideEllipse(x - cx, y - cy, a, b)) &&
    obstacles.every((q) => q.length === 0 || !polygonsTouch(q, corners, gap));
}

/** Span of the name on the upper arc: narrower for short names, up to `max` for long ones. */
function nameSpan(n: number, base: number, perChar: number, max: number): number {
  if (n <= 1) return 0;
  return Math.min(max, base + perChar * n, 45 * n - 10);
}

export interface RoundLayout {
  readonly font: SealFont;
  readonly color: string;
  readonly diameter: number;
  readonly border: number;
  readonly name: string;
  readonly bottomText: string;
  readonly code: string;
  readonly star: boolean;
}

export function drawRound(l: RoundLayout): SealSvg {
  const D = l.diameter;
  const R = D / 2;
  const k = D / 42;
  const c = R;
  const svg = new SealSvg(D, D, l.color, [l.name, l.bottomText].filter(Boolean).join(' '));
  svg.add(
    `<circle cx="${num(c)}" cy="${num(c)}" r="${num(R - l.border / 2)}" fill="none" stroke="${l.color}" stroke-width="${num(l.border)}"/>`,
  );
  if (l.star) svg.add(`<path d="${starPath(c, c, 7 * k)}"/>`);

  const textOuter = R - l.border - 0.8 * k; // outer edge of the arc texts
  const nameChars = [...l.name].length;
  const span = nameSpan(nameChars, 150, 8.5, 260);
  const obstacles = arcText(svg, l.font, l.name, {
    field: 'name',
    cx: c,
    cy: c,
    a: textOuter,
    b: textOuter,
    height: 6.5 * k,
    spanDeg: span,
    side: 'top',
  });

  if (l.code) {
    const codeHeight = 2.3 * k;
    const chars = [...l.code];
    const natural = chars.reduce((s, ch) => s + naturalWidth(l.font, ch, codeHeight) + 0.15 * codeHeight, 0);
    const wanted = (natural / (textOuter - codeHeight / 2)) * (180 / Math.PI);
    const room = nameChars ? 360 - span - 24 : 220;
    if (room <= 0) throw invalidSpec('no room for code', { field: 'code' });
    const codeSpan = chars.length === 1 ? 0 : Math.min(wanted, room);
    obstacles.push(
      ...arcText(svg, l.font, l.code, {
        field: 'code',
        cx: c,
        cy: c,
        a: textOuter,
        b: textOuter,
        height: codeHeight,
        spanDeg: codeSpan,
        side: 'bottom',
      }),
    );
  }

  const ringInner = R - l.border - 0.4 * k;
  lineText(svg, l.font, l.bottomText, {
    field: 'bottomText',
    cx: c,
    top: c + 8 * k,
    height: 4.6 * k,
    fits: fitsInside(c, c, ringInner, ringInner, obstacles, 0.9 * k),
  });
  return svg;
}

export interface OvalLayout {
  readonly font: SealFont;
  readonly color: string;
  readonly width: number;
  readonly height: number;
  readonly border: number;
  readonly name: string;
  readonly middleText: string;
  readonly bottomText: string;
}

export function drawOval(l: OvalLayout): SealSvg {
  const a = l.width / 2;
  const b = l.height / 2;
  const k = l.height / 30;
  const svg = new SealSvg(
    l.width,
    l.height,
    l.color,
    [l.name, l.middleText, l.bottomText].filter(Boolean).join(' '),
  );
  svg.add(
    `<ellipse cx="${num(a)}" cy="${num(b)}" rx="${num(a - l.border / 2)}" ry="${num(b - l.border / 2)}" fill="none" stroke="${l.color}" stroke-width="${num(l.border)}"/>`,
  );
  const gap = 0.7 * k;
  const obstacles = arcText(svg, l.font, l.name, {
    field: 'name',
    cx: a,
    cy: b,
    a: a - l.border - gap,
    b: b - l.border - gap,
    height: 4.4 * k,
    spanDeg: nameSpan([...l.name].length, 130, 7, 210),
    side: 'top',
  });
  const inner = (r: number) => r - l.border - 0.4 * k;
  const fits = fitsInside(a, b, inner(a), inner(b), obstacles, 0.9 * k);
  const middleHeight = 3.4 * k;
  obstacles.push(
    lineText(svg, l.font, l.middleText, {
      field: 'middleText',
      cx: a,
      top: b - middleHeight / 2 + 0.3 * k,
      height: middleHeight,
      fits,
    }),
  );
  lineText(svg, l.font, l.bottomText, {
    field: 'bottomText',
    cx: a,
    top: b + 4.8 * k,
    height: 3.6 * k,
    fits,
  });
  return svg;
}

export interface SquareLayout {
  readonly font: SealFont;
  readonly color: string;
  readonly size: number;
  readonly border: number;
  /** Two to four characters (three are completed with 印 by the caller). */
  readonly chars: readonly string[];
}

/**
 * Cells of the name seal. Two characters: one column, top then bottom. Four: 2 × 2 read in the
 * traditional order — top-right, bottom-right, top-left, bottom-left.
 */
export function drawSquare(l: SquareLayout): SealSvg {
  const S = l.size;
  const k = S / 20;
  const svg = new SealSvg(S, S, l.color, l.chars.join(''));
  svg.add(
    `<rect x="${num(l.border / 2)}" y="${num(l.border / 2)}" width="${num(S - l.border)}" height="${num(S - l.border)}" fill="none" stroke="${l.color}" stroke-width="${num(l.border)}"/>`,
  );
  const inner0 = l.border + 1.1 * k;
  const inner = S - 2 * inner0;
  const gap = 0.7 * k;
  const cells: Array<{ col: number; row: number }> =
    l.chars.length === 2
      ? [
          { col: 0, row: 0 },
          { col: 0, row: 1 },
        ]
      : [
          { col: 1, row: 0 },
          { col: 1, row: 1 },
          { col: 0, row: 0 },
          { col: 0, row: 1 },
        ];
  const cols = l.chars.length === 2 ? 1 : 2;
  const cellW = (inner - (cols - 1) * gap) / cols;
  const cellH = (inner - gap) / 2;
  l.chars.forEach((ch, i) => {
    const cell = cells[i] as { col: number; row: number };
    const x = inner0 + cell.col * (cellW + gap) + cellW / 2;
    const y = inner0 + cell.row * (cellH + gap);
    svg.glyph(l.font, ch, { width: cellW, height: cellH }, translate(x, y));
  });
  return svg;
}
