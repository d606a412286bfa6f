/**
 * A plain multi-page text document as OFD (GB/T 33190): each page a list of lines drawn top-down in
 * the margins, long lines wrapped, with embedded HarfBuzz subsets of the font chain (one subset per
 * font, shared by every page). What the demo contracts and the multi-page sealing tests need: not a
 * typesetter.
 */
import { createSm3 } from '@zhengyin/gm';
import { PT_PER_MM } from '../license-face/face-plan.js';
import { loadFontSet, missingCharacters, type LoadedFont } from '../license-face/fonts.js';
import { EM_ASCENT, fitText, type Line } from '../license-face/layout.js';
import type { FontSubsetter } from '../license-face/subset.js';
import type { FaceAlign, FontSet } from '../license-face/types.js';
import { ofdError } from './errors.js';
import { OFD_WRITER_VERSION } from './write-face.js';
import { deltas, el, nums, textEl, xmlPart } from './write-xml.js';
import { writeOfdZip, type OfdZipEntry } from './zip-write.js';

/** A line of text, or a line with its own size and alignment (a heading). */
export type OfdDocumentLine =
  string | { readonly text: string; readonly sizePt?: number; readonly align?: FaceAlign };

export interface WriteOfdDocumentOptions {
  /** DocInfo/Title. */
  readonly title: string;
  /** One entry per page; an empty string is an empty line. */
  readonly pages: readonly { readonly lines: readonly OfdDocumentLine[] }[];
  /** Font chain: for each character the first font covering it (sans preferred). */
  readonly fonts: FontSet;
  readonly subsetter: FontSubsetter;
  /** Default A4 portrait, 210 × 297 mm. */
  readonly pageSizeMm?: { readonly widthMm: number; readonly heightMm: number };
  /** Distance of the text from every page edge; default 25 mm. */
  readonly marginMm?: number;
  /** Size of plain lines; default 12 pt. */
  readonly fontSizePt?: number;
  /** DocInfo/CreationDate and the zip entry times; equal inputs and dates give equal bytes. */
  readonly createdAt?: Date;
}

export const MAX_OFD_DOCUMENT_PAGES = 1000;
const LINE_PITCH = 1.6;
const DOC = 'Doc_0';

const invalid = (message: string, details?: Record<string, unknown>) =>
  ofdError('OFD_INPUT_INVALID', message, details);
const mm = (pt: number): number => pt / PT_PER_MM;
const chinaDate = (at: Date): string => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

interface PlacedLine {
  readonly line: Line;
  readonly sizePt: number;
  readonly align: FaceAlign;
  /** Baseline from the page top, mm. */
  readonly baselineMm: number;
}

function validate(o: WriteOfdDocumentOptions): {
  width: number;
  height: number;
  margin: number;
  size: number;
} {
  if (typeof o !== 'object' || o === null) throw invalid('options are required');
  if (typeof o.title !== 'string' || o.title.trim() === '') throw invalid('title is required');
  if (!Array.isArray(o.pages) || o.pages.length === 0) throw invalid('pages must list at least one page');
  if (o.pages.length > MAX_OFD_DOCUMENT_PAGES)
    throw invalid(`at most ${MAX_OFD_DOCUMENT_PAGES} pages`, { pages: o.pages.length });
  if (!o.subsetter || typeof o.subsetter.subset !== 'function')
    throw invalid('a font subsetter is required (createFontSubsetter)');
  const width = o.pageSizeMm?.widthMm ?? 210;
  const height = o.pageSizeMm?.heightMm ?? 297;
  const margin = o.marginMm ?? 25;
  const size = o.fontSizePt ?? 12;
  const ok = (v: number, min: number, max: number) => Number.isFinite(v) && v >= min && v <= max;
  if (!ok(width, 20, 5000) || !ok(height, 20, 5000))
    throw invalid('pageSizeMm must be 20 to 5000 mm each way', { width, height });
  if (!ok(margin, 0, Math.min(width, height) / 2 - 5)) throw invalid('marginMm leaves no room for text');
  if (!ok(size, 4, 144)) throw invalid('fontSizePt must be 4 to 144');
  if (o.createdAt !== undefined && !(o.createdAt instanceof Date && !Number.isNaN(o.createdAt.getTime())))
    throw invalid('createdAt must be a date');
  o.pages.forEach((page, index) => {
    if (!page || !Array.isArray(page.lines)) throw invalid(`page ${index + 1} has no lines array`);
    for (const line of page.lines) {
      const text = typeof line === 'string' ? line : line?.text;
      if (typeof text !== 'string') throw invalid(`page ${index + 1}: every line must be text`);
      if (typeof line === 'object') {
        if (line.sizePt !== undefined && !ok(line.sizePt, 4, 144))
          throw invalid(`page ${index + 1}: sizePt must be 4 to 144`);
        if (line.align !== undefined && !['left', 'center', 'right'].includes(line.align))
          throw invalid(`page ${index + 1}: align must be left, center or right`);
      }
    }
  });
  return { width, height, margin, size };
}

/** Every page's lines wrapped to the text width and placed from the top margin down. */
function layoutPages(
  o: WriteOfdDocumentOptions,
  fonts: readonly LoadedFont[],
  g: { width: number; height: number; margin: number; size: number },
): PlacedLine[][] {
  const textWidthPt = (g.width - 2 * g.margin) * PT_PER_MM;
  return o.pages.map((page, index) => {
    const placed: PlacedLine[] = [];
    let top = g.margin;
    for (const line of page.lines) {
      const { text, sizePt = g.size, align = 'left' } = typeof line === 'string' ? { text: line } : line;
      const layout = fitText(text, fonts, 'sans', {
        width: textWidthPt,
        height: Number.MAX_SAFE_INTEGER,
        fontSize: sizePt,
        minFontSize: sizePt,
        wrap: true,
      });
      if (!layout) throw invalid(`page ${index + 1}: a line does not fit the page width`);
      for (const row of layout.lines) {
        placed.push({ line: row, sizePt, align, baselineMm: top + mm(EM_ASCENT * sizePt) });
        top += mm(sizePt * LINE_PITCH);
      }
    }
    if (top - g.margin > g.height - 2 * g.margin + 1e-6) {
      throw invalid(`page ${index + 1}: the lines do not fit on the page; start a new page`, {
        page: index + 1,
      });
    }
    return placed;
  });
}

interface EmbeddedFont {
  readonly id: number;
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly font: LoadedFont;
}

function fontResource(f: EmbeddedFont): string {
  return el(
    'Font',
    {
      ID: f.id,
      FontName: f.font.font.postscriptName || f.font.spec.name,
      FamilyName: f.font.font.familyName || undefined,
    },
    textEl('FontFile', f.file),
  );
}

/** A UUID-shaped id from the SM3 of the parts: equal documents get equal ids. */
function docIdOf(parts: readonly OfdZipEntry[]): string {
  const hash = createSm3();
  for (const p of parts) if ('data' in p) hash.update(`${p.name}\n${p.data.length}\n`).update(p.data);
  const hex = Buffer.from(hash.digest()).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Writes a multi-page text OFD. Throws DocumentError OFD_INPUT_INVALID (bad options, characters no
 * font draws — `details.characters` —, a page whose lines do not fit) and LICENSE_FONT_INVALID for
 * an unusable font.
 */
export async function writeOfdDocument(options: WriteOfdDocumentOptions): Promise<Uint8Array> {
  const geometry = validate(options);
  const fonts = loadFontSet(options.fonts);
  const texts = options.pages.flatMap((p) => p.lines.map((l) => (typeof l === 'string' ? l : l.text)));
  const missing = missingCharacters(texts, fonts);
  if (missing.length > 0)
    throw invalid(`no font draws ${missing.slice(0, 20).join(' ')}`, { characters: missing.slice(0, 100) });
  const pages = layoutPages(options, fonts, geometry);
  const createdAt = options.createdAt ?? new Date();

  let lastId = 0;
  const nextId = () => ++lastId;
  const pageIds = pages.map(() => nextId());
  const used = new Map<number, Set<number>>();
  for (const page of pages)
    for (const { line } of page)
      for (const run of line.runs) {
        let set = used.get(run.font);
        if (!set) used.set(run.font, (set = new Set()));
        for (const ch of run.text) set.add(ch.codePointAt(0) as number);
      }
  const embedded = new Map<number, EmbeddedFont>();
  for (const [index, chars] of [...used].sort((a, b) => a[0] - b[0])) {
    const font = fonts[index] as LoadedFont;
    const bytes = options.subsetter.subset(
      font.spec.bytes,
      font.faceIndex,
      [...chars].sort((a, b) => a - b),
    );
    const id = nextId();
    const otf = bytes[0] === 0x4f && bytes[1] === 0x54 && bytes[2] === 0x54 && bytes[3] === 0x4f;
    embedded.set(index, { id, file: `font_${id}.${otf ? 'otf' : 'ttf'}`, bytes, font });
  }

  const parts: OfdZipEntry[] = [];
  const add = (name: string, data: Uint8Array) => parts.push({ name: `${DOC}/${name}`, data });
  const { width, margin } = geometry;
  pages.forEach((placed, index) => {
    const layerId = nextId();
    const objects: string[] = [];
    for (const { line, sizePt, align, baselineMm } of placed) {
      const sizeMm = mm(sizePt);
      const textWidth = width - 2 * margin;
      let x =
        margin +
        (align === 'left'
          ? 0
          : align === 'right'
            ? textWidth - mm(line.width)
            : (textWidth - mm(line.width)) / 2);
      for (const run of line.runs) {
        const embeddedFont = embedded.get(run.font) as EmbeddedFont;
        const face = embeddedFont.font.font;
        const advances = Array.from(
          run.text,
          (ch) =>
            (face.glyphForCodePoint(ch.codePointAt(0) as number).advanceWidth / face.unitsPerEm) * sizeMm,
        );
        const pad = sizeMm * 0.1;
        objects.push(
          el(
            'TextObject',
            {
              ID: nextId(),
              Boundary: nums(x - pad, baselineMm - sizeMm, mm(run.width) + 2 * pad, sizeMm * 1.3),
              Font: embeddedFont.id,
              Size: sizeMm,
            },
            el('FillColor', { Value: '0 0 0' }),
            textEl('TextCode', run.text, {
              X: pad,
              Y: sizeMm,
              DeltaX: advances.length > 1 ? deltas(advances.slice(0, -1)) : undefined,
            }),
          ),
        );
        x += mm(run.width);
      }
    }
    add(
      `Pages/Page_${index}/Content.xml`,
      xmlPart('Page', {}, el('Content', {}, el('Layer', { ID: layerId, Type: 'Body' }, ...objects))),
    );
  });
  add(
    'PublicRes.xml',
    xmlPart('Res', { BaseLoc: 'Res' }, el('Fonts', {}, ...[...embedded.values()].map(fontResource))),
  );
  for (const f of embedded.values()) add(`Res/${f.file}`, f.bytes);
  const documentXml = xmlPart(
    'Document',
    {},
    el(
      'CommonData',
      {},
      textEl('MaxUnitID', String(lastId)),
      el('PageArea', {}, textEl('PhysicalBox', nums(0, 0, geometry.width, geometry.height))),
      textEl('PublicRes', 'PublicRes.xml'),
    ),
    el(
      'Pages',
      {},
      ...pageIds.map((id, i) => el('Page', { ID: id, BaseLoc: `Pages/Page_${i}/Content.xml` })),
    ),
  );
  parts.unshift({ name: `${DOC}/Document.xml`, data: documentXml });

  const ofdXml = xmlPart(
    'OFD',
    { Version: '1.1', DocType: 'OFD' },
    el(
      'DocBody',
      {},
      el(
        'DocInfo',
        {},
        textEl('DocID', docIdOf(parts)),
        textEl('Title', options.title),
        textEl('CreationDate', chinaDate(createdAt)),
        textEl('Creator', 'zhengyin'),
        textEl('CreatorVersion', OFD_WRITER_VERSION),
      ),
      textEl('DocRoot', `${DOC}/Document.xml`),
    ),
  );
  return writeOfdZip([{ name: 'OFD.xml', data: ofdXml }, ...parts], createdAt);
}
