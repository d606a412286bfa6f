/**
 * The visible text of a page in reading order: templates, page layers and visible annotations, each
 * character placed on the page (boundary, CTM, appearance box, composite units), runs grouped into
 * lines by baseline and sorted by x. Good enough to find a name or a number on a page, not a layout
 * analysis.
 */
import type { OfdGraphic, OfdMatrix, OfdPage, OfdResources, OfdText } from './types.js';

const IDENTITY: OfdMatrix = [1, 0, 0, 1, 0, 0];

/** outer ∘ inner: apply `inner` first. */
function compose(outer: OfdMatrix, inner: OfdMatrix): OfdMatrix {
  const [a, b, c, d, e, f] = outer;
  const [p, q, r, s, t, u] = inner;
  return [a * p + c * q, b * p + d * q, a * r + c * s, b * r + d * s, a * t + c * u + e, b * t + d * u + f];
}

const translate = (x: number, y: number): OfdMatrix => [1, 0, 0, 1, x, y];
const apply = (m: OfdMatrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

/** Object space → its parent's space: the CTM, then the boundary's origin. */
const objectMatrix = (g: { boundary: { x: number; y: number }; ctm?: OfdMatrix }): OfdMatrix =>
  compose(translate(g.boundary.x, g.boundary.y), g.ctm ?? IDENTITY);

interface Run {
  readonly x: number;
  readonly y: number;
  readonly endX: number;
  /** Font size on the page. */
  readonly size: number;
  readonly text: string;
}

const isWide = (ch: string) => (ch.codePointAt(0) ?? 0) >= 0x2e80;

function textRuns(text: OfdText, m: OfdMatrix, out: Run[]): void {
  const scale = Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2])) || 1;
  const size = text.size * scale;
  for (const code of text.codes) {
    const chars = [...code.text];
    let x = code.x;
    let y = code.y;
    let start = 0;
    let startX = x;
    let startY = y;
    const flush = (end: number) => {
      const piece = chars.slice(start, end).join('');
      if (piece.trim() === '') return;
      const [px, py] = apply(m, startX, startY);
      const [ex] = apply(m, x + text.size * (isWide(chars[end - 1] ?? '') ? 1 : 0.5), y);
      out.push({ x: px, y: py, endX: ex, size, text: piece });
    };
    for (let k = 1; k < chars.length; k++) {
      const dx = code.deltaX?.[k - 1] ?? text.size * (isWide(chars[k - 1] ?? '') ? 1 : 0.5);
      const dy = code.deltaY?.[k - 1] ?? 0;
      // A vertical step or a step backwards inside one TextCode starts a new line of text.
      if (dy !== 0 || dx < 0) {
        flush(k);
        start = k;
        startX = x + dx;
        startY = y + dy;
      }
      x += dx;
      y += dy;
    }
    flush(chars.length);
  }
}

function collect(
  objects: readonly OfdGraphic[],
  m: OfdMatrix,
  resources: OfdResources,
  out: Run[],
  depth: number,
): void {
  for (const g of objects) {
    if (g.kind === 'block') {
      collect(g.objects, m, resources, out, depth);
      continue;
    }
    if (!g.visible) continue;
    if (g.kind === 'text') textRuns(g, compose(m, objectMatrix(g)), out);
    else if (g.kind === 'composite' && depth < 8) {
      const unit = resources.compositeUnits.get(g.resourceId);
      if (unit) collect(unit.content, compose(m, objectMatrix(g)), resources, out, depth + 1);
    }
  }
}

function joinLine(runs: Run[]): string {
  runs.sort((a, b) => a.x - b.x);
  let line = '';
  let endX = -Infinity;
  for (const r of runs) {
    if (line !== '' && r.x - endX > 0.6 * r.size) line += ' ';
    line += r.text;
    endX = Math.max(endX, r.endX);
  }
  return line;
}

/** The page's visible text, one line per baseline, lines top to bottom, runs left to right. */
export function extractOfdText(page: OfdPage): string {
  const runs: Run[] = [];
  for (const layer of page.layers) collect(layer.objects, IDENTITY, page.resources, runs, 0);
  for (const annot of page.annotations) {
    if (!annot.visible) continue;
    const origin = annot.boundary ? translate(annot.boundary.x, annot.boundary.y) : IDENTITY;
    collect(annot.objects, origin, page.resources, runs, 0);
  }
  runs.sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: string[] = [];
  let current: Run[] = [];
  let baseline = -Infinity;
  for (const r of runs) {
    if (current.length > 0 && r.y - baseline > Math.max(0.8, 0.3 * r.size)) {
      lines.push(joinLine(current));
      current = [];
    }
    if (current.length === 0) baseline = r.y;
    current.push(r);
  }
  if (current.length > 0) lines.push(joinLine(current));
  return lines.join('\n');
}
