/**
 * Keyword placement for OFD seals: the centre of the n-th occurrence of a text inside one TextCode
 * of the pages' own content (templates and annotations are not searched). Character positions come
 * from X and DeltaX ("g" runs expanded); the object's CTM, when it has one, is applied.
 */
import { ofdError } from './errors.js';
import { parseBox, parseMatrix } from './geometry.js';
import type { OfdPackage } from './package.js';
import type { OfdMatrix } from './types.js';
import { child, childrenNamed, type XmlElement } from './xml.js';

export interface KeywordHit {
  /** 0-based page index. */
  readonly page: number;
  /** Centre of the keyword on the page, mm. */
  readonly x: number;
  readonly y: number;
}

/** "g 3 1.5 2" → [1.5, 1.5, 1.5, 2]. */
export function expandDeltas(text: string | undefined): number[] {
  if (!text) return [];
  const tokens = text.trim().split(/\s+/);
  const out: number[] = [];
  for (let i = 0; i < tokens.length && out.length < 100_000; i++) {
    if (tokens[i] === 'g') {
      const count = Number(tokens[i + 1]);
      const value = Number(tokens[i + 2]);
      for (let k = 0; k < count && out.length < 100_000; k++) out.push(value);
      i += 2;
    } else {
      out.push(Number(tokens[i]));
    }
  }
  return out.map((v) => (Number.isFinite(v) ? v : 0));
}

/** Height of the em box centre above the baseline, in em (CJK faces span −0.12…0.88 em). */
const EM_CENTRE = 0.38;

const apply = (m: OfdMatrix | undefined, x: number, y: number): [number, number] =>
  m ? [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]] : [x, y];

function* textObjects(el: XmlElement): Generator<XmlElement> {
  for (const c of el.children) {
    if (c.name === 'TextObject') yield c;
    else if (c.name === 'PageBlock' || c.name === 'Layer') yield* textObjects(c);
  }
}

function hitsIn(text: XmlElement, keyword: string, where: string): { x: number; y: number }[] {
  const boundary = parseBox(text.attrs.Boundary, where);
  const ctm = parseMatrix(text.attrs.CTM, where);
  const size = Number(text.attrs.Size) || 0;
  const hits: { x: number; y: number }[] = [];
  let x = 0;
  let y = 0;
  for (const code of childrenNamed(text, 'TextCode')) {
    if (code.attrs.X !== undefined) x = Number(code.attrs.X) || 0;
    if (code.attrs.Y !== undefined) y = Number(code.attrs.Y) || 0;
    const chars = Array.from(code.text);
    const dx = expandDeltas(code.attrs.DeltaX);
    // Offsets of each character from the code's start (a missing DeltaX advances by the size).
    const offsets = [0];
    for (let i = 1; i <= chars.length; i++) offsets.push((offsets[i - 1] as number) + (dx[i - 1] ?? size));
    const keyChars = Array.from(keyword);
    for (let i = 0; i + keyChars.length <= chars.length; i++) {
      if (!keyChars.every((c, k) => chars[i + k] === c)) continue;
      const start = offsets[i] as number;
      const end = (offsets[i + keyChars.length - 1] as number) + size;
      const [cx, cy] = apply(ctm, x + (start + end) / 2, y - EM_CENTRE * size);
      hits.push({ x: boundary.x + cx, y: boundary.y + cy });
    }
    x += offsets[chars.length] as number;
  }
  return hits;
}

/**
 * Where the seal goes for a keyword; OFD_INPUT_INVALID when the keyword (or that occurrence) is not
 * found. `occurrence` is 1-based; default the last one.
 */
export function findKeyword(
  pkg: OfdPackage,
  pages: readonly { readonly part: string }[],
  keyword: string,
  occurrence?: number,
): KeywordHit {
  const all: KeywordHit[] = [];
  pages.forEach((p, page) => {
    const content = child(pkg.readXml(p.part), 'Content');
    if (!content) return;
    for (const text of textObjects(content)) {
      for (const hit of hitsIn(text, keyword, `${p.part} TextObject ${text.attrs.ID ?? ''}`))
        all.push({ page, ...hit });
    }
  });
  const hit = occurrence === undefined ? all.at(-1) : all[occurrence - 1];
  if (!hit) {
    throw ofdError('OFD_INPUT_INVALID', `the keyword "${keyword}" was not found in the page text`, {
      keyword,
      occurrence,
      found: all.length,
    });
  }
  return hit;
}
