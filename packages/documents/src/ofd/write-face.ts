/**
 * Licence faces as OFD (GB/T 33190): the same plan as the PDF face (face-plan.ts: checks, glyph
 * coverage, fitting), written as one page with embedded font subsets, one TextObject per line run
 * (DeltaX from the glyph advances, so readers place every character where the layout did), the
 * background and seal pictures as images and the QR code as vector paths. Besides the face the
 * package carries the licence metadata (DocInfo/CustomDatas), the JSON attachment, a custom tag
 * (自定义标引) per data item pointing at the text objects showing it, and an empty annotation index,
 * so that a 加注件 can add a page annotation later without touching Document.xml.
 */
import { createSm3 } from '@zhengyin/gm';
import {
  PT_PER_MM,
  QR_QUIET_ZONE,
  charactersByFont,
  imageInvalid,
  isPng,
  planFace,
  qrModules,
  type PlacedText,
  type RenderFaceOptions,
} from '../license-face/face-plan.js';
import type { LoadedFont } from '../license-face/fonts.js';
import { EM_ASCENT, LINE_HEIGHT } from '../license-face/layout.js';
import type { FontSubsetter } from '../license-face/subset.js';
import { isXmpKey } from '../license-face/xmp.js';
import { readPngHeader } from '../seal-image/png-header.js';
import { ofdError } from './errors.js';
import { writeOfdZip, type OfdZipEntry } from './zip-write.js';
import { XML_DECLARATION, deltas, el, nums, textEl, xmlPart } from './write-xml.js';
import { OFD_NAMESPACE } from './xml.js';

export type { RenderFaceOptions } from '../license-face/face-plan.js';

/** What the writer puts into DocInfo/CreatorVersion. */
export const OFD_WRITER_VERSION = '1.0';
/**
 * Object IDs kept free above the ones the face uses (MaxUnitID includes them): a 加注件 layer
 * adds its annotation objects there, because it must not change Document.xml, which the issuing
 * seal protects.
 */
export const RESERVED_UNIT_IDS = 64;
/** Namespace of the custom tag file (one element per data item, named by its code). */
export const LICENCE_TAG_NAMESPACE = 'https://zhengyin.dev/ns/ofd-licence-tags/1.0/';

const DOC = 'Doc_0';
const mm = (pt: number): number => pt / PT_PER_MM;

/** yyyy-MM-dd of an instant in China time (xs:date values of DocInfo). */
const chinaDate = (at: Date): string => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

class Ids {
  private last = 0;
  next(): number {
    return ++this.last;
  }
  get max(): number {
    return this.last;
  }
}

interface Picture {
  readonly id: number;
  readonly file: string;
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
}

function picture(ids: Ids, png: Uint8Array, what: string): Picture {
  if (!isPng(png)) throw imageInvalid(what);
  let header: { width: number; height: number };
  try {
    header = readPngHeader(png);
  } catch (e) {
    throw imageInvalid(what, (e as Error).message);
  }
  const id = ids.next();
  return { id, file: `image_${id}.png`, png, width: header.width, height: header.height };
}

/** The image fitted into the box, keeping its aspect ratio, centred (as the PDF face does). */
function imageObject(ids: Ids, p: Picture, x: number, y: number, w: number, h: number): string {
  const scale = Math.min(w / p.width, h / p.height);
  const [iw, ih] = [p.width * scale, p.height * scale];
  const [ix, iy] = [x + (w - iw) / 2, y + (h - ih) / 2];
  return el('ImageObject', {
    ID: ids.next(),
    Boundary: nums(ix, iy, iw, ih),
    CTM: nums(iw, 0, 0, ih, 0, 0),
    ResourceID: p.id,
  });
}

/** Subsets kept per face: a font drawing only fixed texts gets the same subset for every licence. */
const SUBSETS_PER_FACE = 16;
const subsetCache = new WeakMap<FontSubsetter, WeakMap<Uint8Array, Map<string, Uint8Array>>>();

function cachedSubset(subsetter: FontSubsetter, font: LoadedFont, codePoints: number[]): Uint8Array {
  let byFont = subsetCache.get(subsetter);
  if (!byFont) subsetCache.set(subsetter, (byFont = new WeakMap()));
  let subsets = byFont.get(font.spec.bytes);
  if (!subsets) byFont.set(font.spec.bytes, (subsets = new Map()));
  const key = `${font.faceIndex}:${codePoints.join(',')}`;
  const hit = subsets.get(key);
  if (hit) {
    subsets.delete(key);
    subsets.set(key, hit);
    return hit;
  }
  const bytes = subsetter.subset(font.spec.bytes, font.faceIndex, codePoints);
  subsets.set(key, bytes);
  if (subsets.size > SUBSETS_PER_FACE) subsets.delete(subsets.keys().next().value as string);
  return bytes;
}

interface EmbeddedFont {
  readonly id: number;
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly font: LoadedFont;
}

function embedFonts(
  ids: Ids,
  fonts: readonly LoadedFont[],
  placed: readonly PlacedText[],
  subsetter: FontSubsetter,
): Map<number, EmbeddedFont> {
  const out = new Map<number, EmbeddedFont>();
  const used = [...charactersByFont(placed.map((p) => p.layout))].sort((a, b) => a[0] - b[0]);
  for (const [index, chars] of used) {
    const font = fonts[index] as LoadedFont;
    const bytes = cachedSubset(
      subsetter,
      font,
      [...chars].sort((a, b) => a - b),
    );
    const id = ids.next();
    const otf = bytes[0] === 0x4f && bytes[1] === 0x54 && bytes[2] === 0x54 && bytes[3] === 0x4f;
    out.set(index, { id, file: `font_${id}.${otf ? 'otf' : 'ttf'}`, bytes, font });
  }
  return out;
}

function fontResource(f: EmbeddedFont): string {
  const face = f.font.font;
  return el(
    'Font',
    {
      ID: f.id,
      FontName: face.postscriptName || f.font.spec.name,
      FamilyName: face.familyName || undefined,
      Serif: f.font.spec.style === 'serif' ? 'true' : undefined,
    },
    textEl('FontFile', f.file),
  );
}

/** TextObjects of one placed text (one per run of each line); their IDs go to `objectIds`. */
function textObjects(
  ids: Ids,
  p: PlacedText,
  fonts: Map<number, EmbeddedFont>,
  objectIds: number[],
): string[] {
  const { layout, box } = p;
  const size = layout.fontSize;
  const sizeMm = mm(size);
  const top = box.top ? box.y : box.y + (box.height - layout.height) / 2;
  const out: string[] = [];
  layout.lines.forEach((line, i) => {
    const baseline = mm(top + i * size * LINE_HEIGHT + EM_ASCENT * size);
    let x =
      box.align === 'left'
        ? box.x
        : box.align === 'right'
          ? box.x + box.width - line.width
          : box.x + (box.width - line.width) / 2;
    for (const run of line.runs) {
      const embedded = fonts.get(run.font) as EmbeddedFont;
      const face = embedded.font.font;
      const advances = Array.from(
        run.text,
        (ch) => (face.glyphForCodePoint(ch.codePointAt(0) as number).advanceWidth / face.unitsPerEm) * sizeMm,
      );
      // The boundary leaves room for glyphs reaching past their advance, ascent and descent.
      const pad = sizeMm * 0.1;
      const id = ids.next();
      objectIds.push(id);
      out.push(
        el(
          'TextObject',
          {
            ID: id,
            Boundary: nums(mm(x) - pad, baseline - sizeMm, mm(run.width) + 2 * pad, sizeMm * 1.3),
            Font: embedded.id,
            Size: sizeMm,
          },
          textEl('TextCode', run.text, {
            X: pad,
            Y: sizeMm,
            DeltaX: advances.length > 1 ? deltas(advances.slice(0, -1)) : undefined,
          }),
        ),
      );
      x += run.width;
    }
  });
  return out;
}

/** The QR symbol as a white square and one path of dark module runs, in its box (mm). */
function qrObjects(ids: Ids, payload: string, box: { xMm: number; yMm: number; sizeMm: number }): string[] {
  const modules = qrModules(payload);
  const n = modules.size;
  const m = box.sizeMm / (n + 2 * QR_QUIET_ZONE);
  const rect = (x: number, y: number, w: number, h: number) =>
    `M ${nums(x, y)} L ${nums(x + w, y)} L ${nums(x + w, y + h)} L ${nums(x, y + h)} C`;
  const runs: string[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n;) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      runs.push(rect((QR_QUIET_ZONE + start) * m, (QR_QUIET_ZONE + row) * m, (col - start) * m, m));
    }
  }
  const boundary = nums(box.xMm, box.yMm, box.sizeMm, box.sizeMm);
  const path = (data: string, color: string) =>
    el(
      'PathObject',
      { ID: ids.next(), Boundary: boundary, Fill: 'true', Stroke: 'false' },
      el('FillColor', { Value: color }),
      textEl('AbbreviatedData', data),
    );
  return [path(rect(0, 0, box.sizeMm, box.sizeMm), '255 255 255'), path(runs.join(' '), '0 0 0')];
}

/** Attachment file names kept as given when they are plain; others get a generated name. */
const SAFE_FILE_NAME = /^[\p{L}\p{N}_][\p{L}\p{N}_.-]{0,100}$/u;

/**
 * Render one licence face as a one-page OFD. Same options, checks and errors as `renderFace`
 * (LICENSE_GLYPH_MISSING, LICENSE_TEXT_OVERFLOW, LICENSE_TEMPLATE_INVALID, LICENSE_VALUE_INVALID,
 * LICENSE_FONT_INVALID, LICENSE_IMAGE_INVALID, LICENSE_QR_INVALID, LICENSE_METADATA_INVALID).
 * `subsetter` is required here (OFD_INPUT_INVALID without it). Equal inputs with an equal
 * `metadata.createdAt` give equal bytes.
 */
export async function renderFaceOfd(options: RenderFaceOptions): Promise<Uint8Array> {
  const { template, qrPayload, sealPng } = options;
  const { fonts, placed, metadata } = planFace(options);
  // Embedded fonts must keep their cmap (TextCode holds characters): fontkit's subsets have none.
  if (!options.subsetter) {
    throw ofdError(
      'OFD_INPUT_INVALID',
      'OFD faces embed HarfBuzz font subsets: pass a subsetter (createFontSubsetter)',
    );
  }
  const createdAt = metadata?.createdAt ?? new Date();
  const ids = new Ids();
  const pageId = ids.next();
  const embedded = embedFonts(ids, fonts, placed, options.subsetter);
  const background = template.background ? picture(ids, template.background.png, 'background') : undefined;
  const seal = template.seal && sealPng !== undefined ? picture(ids, sealPng, 'seal') : undefined;
  const layerId = ids.next();

  const { widthMm, heightMm } = template.page;
  const objects: string[] = [];
  if (background) objects.push(imageObject(ids, background, 0, 0, widthMm, heightMm));
  const tagged = new Map<string, number[]>();
  for (const p of placed) {
    const objectIds: number[] = [];
    objects.push(...textObjects(ids, p, embedded, objectIds));
    if ('item' in p.source) tagged.set(p.source.item, [...(tagged.get(p.source.item) ?? []), ...objectIds]);
  }
  if (template.qr && qrPayload !== undefined) objects.push(...qrObjects(ids, qrPayload, template.qr));
  if (seal && template.seal) {
    const s = template.seal;
    objects.push(imageObject(ids, seal, s.xMm, s.yMm, s.sizeMm, s.sizeMm));
  }
  const attachmentId = metadata?.attachment ? ids.next() : undefined;

  const parts: OfdZipEntry[] = [];
  const add = (name: string, data: Uint8Array, deflate = true) =>
    parts.push({ name: `${DOC}/${name}`, data, deflate });

  add(
    'Document.xml',
    xmlPart(
      'Document',
      {},
      el(
        'CommonData',
        {},
        textEl('MaxUnitID', String(ids.max + RESERVED_UNIT_IDS)),
        el('PageArea', {}, textEl('PhysicalBox', nums(0, 0, widthMm, heightMm))),
        textEl('PublicRes', 'PublicRes.xml'),
        textEl('DocumentRes', 'DocumentRes.xml'),
      ),
      el('Pages', {}, el('Page', { ID: pageId, BaseLoc: 'Pages/Page_0/Content.xml' })),
      textEl('Annotations', 'Annots/Annotations.xml'),
      metadata?.attachment ? textEl('Attachments', 'Attachs/Attachments.xml') : '',
      tagged.size > 0 ? textEl('CustomTags', 'Tags/CustomTags.xml') : '',
    ),
  );
  add(
    'PublicRes.xml',
    xmlPart('Res', { BaseLoc: 'Res' }, el('Fonts', {}, ...[...embedded.values()].map(fontResource))),
  );
  const pictures = [background, seal].filter((p): p is Picture => p !== undefined);
  add(
    'DocumentRes.xml',
    xmlPart(
      'Res',
      { BaseLoc: 'Res' },
      pictures.length > 0
        ? el(
            'MultiMedias',
            {},
            ...pictures.map((p) =>
              el('MultiMedia', { ID: p.id, Type: 'Image', Format: 'PNG' }, textEl('MediaFile', p.file)),
            ),
          )
        : '',
    ),
  );
  for (const f of embedded.values()) add(`Res/${f.file}`, f.bytes);
  for (const p of pictures) add(`Res/${p.file}`, p.png, false);
  add(
    'Pages/Page_0/Content.xml',
    xmlPart('Page', {}, el('Content', {}, el('Layer', { ID: layerId, Type: 'Body' }, ...objects))),
  );
  add('Annots/Annotations.xml', xmlPart('Annotations'));
  if (metadata?.attachment && attachmentId !== undefined) {
    const { name, bytes } = metadata.attachment;
    const file =
      SAFE_FILE_NAME.test(name) && name !== 'Attachments.xml' ? name : `attachment_${attachmentId}.json`;
    add(
      'Attachs/Attachments.xml',
      xmlPart(
        'Attachments',
        {},
        el(
          'Attachment',
          {
            ID: attachmentId,
            Name: name,
            Format: 'json',
            CreationDate: `${createdAt.toISOString().slice(0, 19)}Z`,
            Size: bytes.length / 1024,
            Visible: 'false',
          },
          textEl('FileLoc', file),
        ),
      ),
    );
    add(`Attachs/${file}`, bytes);
  }
  if (tagged.size > 0) {
    add(
      'Tags/CustomTags.xml',
      xmlPart(
        'CustomTags',
        {},
        el('CustomTag', { NameSpace: LICENCE_TAG_NAMESPACE }, textEl('FileLoc', 'CustomTag.xml')),
      ),
    );
    add('Tags/CustomTag.xml', customTagFile(tagged, pageId));
  }

  const docId = docIdOf(parts);
  const customData = Object.entries(options.metadata?.xmp ?? {});
  const ofdXml = xmlPart(
    'OFD',
    { Version: '1.1', DocType: 'OFD' },
    el(
      'DocBody',
      {},
      el(
        'DocInfo',
        {},
        textEl('DocID', docId),
        metadata ? textEl('Title', metadata.title) : '',
        textEl('CreationDate', chinaDate(createdAt)),
        textEl('Creator', 'zhengyin'),
        textEl('CreatorVersion', OFD_WRITER_VERSION),
        customData.length > 0
          ? el(
              'CustomDatas',
              {},
              ...customData.map(([key, value]) => textEl('CustomData', value, { Name: key })),
            )
          : '',
      ),
      textEl('DocRoot', `${DOC}/Document.xml`),
    ),
  );
  return writeOfdZip([{ name: 'OFD.xml', data: ofdXml }, ...parts], createdAt);
}

/** One element per data item (its code), holding ObjectRefs to the TextObjects that show it. */
function customTagFile(tagged: ReadonlyMap<string, readonly number[]>, pageId: number): Uint8Array {
  const entries = [...tagged]
    .filter(([item, objectIds]) => isXmpKey(item) && objectIds.length > 0)
    .map(([item, objectIds]) => {
      const refs = objectIds.map((id) => textEl('ObjectRef', String(id), { PageRef: pageId }));
      return `<${item}>${refs.join('')}</${item}>`;
    });
  const root = `<Licence xmlns="${LICENCE_TAG_NAMESPACE}" xmlns:ofd="${OFD_NAMESPACE}">${entries.join('')}</Licence>`;
  return new TextEncoder().encode(XML_DECLARATION + root);
}

/** A UUID-shaped id from the SM3 digest of every part but OFD.xml (equal content, equal id). */
function docIdOf(parts: readonly OfdZipEntry[]): string {
  const hash = createSm3();
  for (const p of parts) if ('data' in p) hash.update(`${p.name}\n${p.data.length}\n`).update(p.data);
  const hex = Buffer.from(hash.digest()).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
