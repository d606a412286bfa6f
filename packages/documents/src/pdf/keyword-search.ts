import { DocumentError } from '../checks.js';

/**
 * Finds a keyword in the page text with pdf.js (legacy build, runs on Node) and returns the
 * keyword's bounding box in default user space. pdf.js reports text runs, not glyphs, so the
 * position inside a run is estimated from character classes (CJK and full-width forms one em,
 * others half an em) scaled to the run's measured width: accurate to a fraction of a character,
 * plenty for centring a seal.
 */

export interface KeywordHit {
  /** 0-based page index. */
  readonly pageIndex: number;
  /** [x0 y0 x1 y1] in default user space. */
  readonly box: readonly [number, number, number, number];
}

interface TextRun {
  readonly str: string;
  readonly transform: readonly number[];
  readonly width: number;
}

interface CharBox {
  readonly ch: string;
  readonly corners: readonly (readonly [number, number])[];
}

const isWide = (code: number): boolean =>
  (code >= 0x1100 && code <= 0x115f) ||
  (code >= 0x2e80 && code <= 0xa4cf) ||
  (code >= 0xac00 && code <= 0xd7a3) ||
  (code >= 0xf900 && code <= 0xfaff) ||
  (code >= 0xfe30 && code <= 0xfe4f) ||
  (code >= 0xff00 && code <= 0xff60) ||
  (code >= 0xffe0 && code <= 0xffe6) ||
  code >= 0x20000;

function charBoxes(run: TextRun): CharBox[] {
  const chars = [...run.str];
  const weights = chars.map((ch) => (isWide(ch.codePointAt(0) as number) ? 1 : 0.5));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = run.transform;
  const scaleX = Math.hypot(a, b) || 1;
  const scaleY = Math.hypot(c, d) || 1;
  const dir: [number, number] = [a / scaleX, b / scaleX];
  const up: [number, number] = [c / scaleY, d / scaleY];
  const height = scaleY;
  const boxes: CharBox[] = [];
  let advance = 0;
  chars.forEach((ch, i) => {
    const start = (advance / total) * run.width;
    advance += weights[i] as number;
    const end = (advance / total) * run.width;
    const point = (s: number, t: number): [number, number] => [
      e + dir[0] * s + up[0] * t,
      f + dir[1] * s + up[1] * t,
    ];
    // Glyph box from the descender (−0.2 em) to the ascender (0.8 em).
    boxes.push({
      ch,
      corners: [
        point(start, -0.2 * height),
        point(end, -0.2 * height),
        point(start, 0.8 * height),
        point(end, 0.8 * height),
      ],
    });
  });
  return boxes;
}

function hitsOnPage(runs: readonly TextRun[], keyword: string, pageIndex: number): KeywordHit[] {
  const chars = runs.flatMap(charBoxes);
  const text = chars.map((c) => c.ch);
  const needle = [...keyword];
  const hits: KeywordHit[] = [];
  for (let i = 0; i + needle.length <= text.length; i++) {
    if (!needle.every((ch, k) => text[i + k] === ch)) continue;
    const corners = chars.slice(i, i + needle.length).flatMap((c) => c.corners);
    const xs = corners.map((p) => p[0]);
    const ys = corners.map((p) => p[1]);
    hits.push({ pageIndex, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] });
    i += needle.length - 1;
  }
  return hits;
}

/** Every occurrence of `keyword`, in page order then reading order. */
export async function findKeyword(pdf: Uint8Array, keyword: string): Promise<KeywordHit[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js may take over the buffer it is given: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(pdf),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
  });
  try {
    const doc = await task.promise;
    const hits: KeywordHit[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const runs = content.items.filter((item): item is TextRun & typeof item => 'str' in item);
      hits.push(...hitsOnPage(runs, keyword, p - 1));
      page.cleanup();
    }
    return hits;
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError('PDF_MALFORMED', `the page text cannot be read: ${(error as Error).message}`);
  } finally {
    await task.destroy();
  }
}
