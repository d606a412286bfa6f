import { deflateSync } from 'node:zlib';
import { sm3 } from '@zhengyin/gm';
import { DocumentError } from '../checks.js';
import { prepareImage, imageXObject, smaskXObject } from './appearance-image.js';
import { appearanceForm } from './appearance-stream.js';
import type { Slice } from './appearance-stream.js';
import { createPdfCms, parseSignerCertificates } from './cms-signature.js';
import { IncrementalUpdate, MarkedRaw } from './incremental-update.js';
import { findKeyword } from './keyword-search.js';
import { PdfFile } from './parse-document.js';
import type { PageInfo } from './parse-document.js';
import {
  PdfDict,
  PdfName,
  PdfStream,
  PdfString,
  encodeTextString,
  isArray,
  isDict,
  isRef,
} from './parse-objects.js';
import type { PdfObject, PdfRef } from './parse-objects.js';
import { MM_TO_PT, displaySize, displayToUser, lowerRightCentre, widgetAt } from './placement-geometry.js';
import type { WidgetGeometry } from './placement-geometry.js';
import type { PdfAnnotationInfo, SealPdfRequest, SealPdfResult, VectorAppearance } from './types.js';
import { formatNumber, toHex } from './write-objects.js';

/**
 * Seals a PDF: one incremental update holding a signature field with its widget(s) and visible
 * seal appearance, the signature dictionary (/Type /Sig, /Filter /Adobe.PPKLite, /SubFilter
 * /ETSI.CAdES.detached) and a detached CMS over /ByteRange. The original bytes are never
 * rewritten, so earlier signatures stay valid; several seals are several calls.
 */

/** Bytes reserved for the CMS by default: a chain of two certificates plus an RFC 3161 token. */
export const DEFAULT_PLACEHOLDER_BYTES = 16 * 1024;
export const MIN_PLACEHOLDER_BYTES = 1024;
export const MAX_PLACEHOLDER_BYTES = 4 * 1024 * 1024;
/** Largest input sealed unless the request says otherwise. */
export const DEFAULT_MAX_PDF_BYTES = 64 * 1024 * 1024;
/** Distance of the seal from the right and bottom edges for `last-page` placement (20 mm). */
export const LOWER_RIGHT_MARGIN_PT = 20 * MM_TO_PT;

const SLOT = 10; // digits reserved for each /ByteRange number
const WIDGET_FLAGS = 4 | 128; // Print, Locked

const requestError = (message: string, details?: Record<string, unknown>): DocumentError =>
  new DocumentError('PDF_REQUEST_INVALID', message, details);
const placementError = (message: string, details?: Record<string, unknown>): DocumentError =>
  new DocumentError('PDF_PLACEMENT_INVALID', message, details);

function validate(request: SealPdfRequest): { placeholder: number; maxBytes: number } {
  if (!(request.pdf instanceof Uint8Array)) throw requestError('pdf must be bytes');
  const { widthMm, heightMm } = request.appearance;
  for (const [key, value] of [
    ['widthMm', widthMm],
    ['heightMm', heightMm],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0 || value > 1000) {
      throw requestError(`appearance.${key} must be between 0 and 1000 mm`, { [key]: value });
    }
  }
  if (!(request.signingTime instanceof Date) || Number.isNaN(request.signingTime.getTime())) {
    throw requestError('signingTime must be a valid date');
  }
  const placeholder = request.placeholderBytes ?? DEFAULT_PLACEHOLDER_BYTES;
  if (
    !Number.isInteger(placeholder) ||
    placeholder < MIN_PLACEHOLDER_BYTES ||
    placeholder > MAX_PLACEHOLDER_BYTES
  ) {
    throw requestError(
      `placeholderBytes must be an integer from ${MIN_PLACEHOLDER_BYTES} to ${MAX_PLACEHOLDER_BYTES}`,
      { placeholderBytes: placeholder },
    );
  }
  const maxBytes = request.maxBytes ?? DEFAULT_MAX_PDF_BYTES;
  if (!Number.isInteger(maxBytes) || maxBytes <= 0) throw requestError('maxBytes must be a positive integer');
  return { placeholder, maxBytes };
}

interface PlacedWidget {
  readonly geometry: WidgetGeometry;
  readonly slice?: Slice;
}

async function place(
  file: PdfFile,
  request: SealPdfRequest,
  width: number,
  height: number,
): Promise<PlacedWidget[]> {
  const pages = file.pages;
  const placement = request.placement;
  const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  switch (placement.kind) {
    case 'coordinates': {
      const page = pages[placement.page - 1];
      if (!Number.isInteger(placement.page) || !page) {
        throw placementError(`page ${placement.page} does not exist (1…${pages.length})`, {
          pages: pages.length,
        });
      }
      if (!finite(placement.x) || !finite(placement.y)) throw placementError('x and y must be numbers');
      const [ux, uy] = displayToUser(page, placement.x, placement.y);
      return [{ geometry: widgetAt(page, ux, uy, width, height) }];
    }
    case 'keyword': {
      if (typeof placement.keyword !== 'string' || placement.keyword.trim() === '') {
        throw placementError('the keyword must not be empty');
      }
      const occurrence = placement.occurrence;
      if (occurrence !== undefined && (!Number.isInteger(occurrence) || occurrence < 1)) {
        throw placementError('occurrence counts from 1', { occurrence });
      }
      const hits = await findKeyword(file.bytes, placement.keyword);
      const hit = occurrence === undefined ? hits[hits.length - 1] : hits[occurrence - 1];
      if (!hit) {
        throw new DocumentError('PDF_KEYWORD_NOT_FOUND', `"${placement.keyword}" is not in the page text`, {
          keyword: placement.keyword,
          found: hits.length,
          ...(occurrence !== undefined ? { occurrence } : {}),
        });
      }
      const page = pages[hit.pageIndex];
      if (!page) throw new DocumentError('PDF_MALFORMED', 'the text reader and the page tree disagree');
      const [x0, y0, x1, y1] = hit.box;
      return [{ geometry: widgetAt(page, (x0 + x1) / 2, (y0 + y1) / 2, width, height) }];
    }
    case 'last-page': {
      const page = pages[pages.length - 1] as PageInfo;
      const [dx, dy] = lowerRightCentre(page, width, height, LOWER_RIGHT_MARGIN_PT);
      const [ux, uy] = displayToUser(page, dx, dy);
      return [{ geometry: widgetAt(page, ux, uy, width, height) }];
    }
    case 'riding': {
      if (pages.length < 2) throw placementError('a riding seal needs at least two pages');
      if (placement.y !== undefined && !finite(placement.y)) throw placementError('y must be a number');
      const count = pages.length;
      const sliceWidth = width / count;
      return pages.map((page, index) => {
        const size = displaySize(page);
        const [ux, uy] = displayToUser(page, size.width - sliceWidth / 2, placement.y ?? size.height / 2);
        return { geometry: widgetAt(page, ux, uy, sliceWidth, height), slice: { index, count } };
      });
    }
    default:
      throw placementError(`unknown placement kind ${String((placement as { kind: unknown }).kind)}`);
  }
}

/** PDF date string in UTC. */
export function pdfDate(date: Date): string {
  const p = (v: number, n = 2): string => String(v).padStart(n, '0');
  return (
    `D:${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}` +
    `${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}+00'00'`
  );
}

/** A vector appearance as a form XObject of its own size (drawn by the widget forms like an image). */
function vectorXObject(a: VectorAppearance, width: number, height: number): PdfStream {
  if (!(a.content instanceof Uint8Array)) throw requestError('appearance.content must be bytes');
  const opacities = a.opacities ?? [];
  if (opacities.length > 16 || !opacities.every((o) => Number.isFinite(o) && o >= 0 && o <= 1))
    throw requestError('appearance.opacities must be at most 16 numbers from 0 to 1');
  const states = new PdfDict(
    opacities.map(
      (o, i) =>
        [
          `GS${i}`,
          new PdfDict([
            ['ca', o],
            ['CA', o],
          ]),
        ] as [string, PdfObject],
    ),
  );
  // Drawn with the unit square mapped to the seal box (like an image): scale back to points first.
  const content = Buffer.concat([
    Buffer.from(`q ${formatNumber(1 / width)} 0 0 ${formatNumber(1 / height)} 0 0 cm\n`, 'latin1'),
    a.content,
    Buffer.from('\nQ\n', 'latin1'),
  ]);
  return new PdfStream(
    new PdfDict([
      ['Type', new PdfName('XObject')],
      ['Subtype', new PdfName('Form')],
      ['BBox', [0, 0, 1, 1]],
      ['Resources', new PdfDict([['ExtGState', states]])],
      ['Filter', new PdfName('FlateDecode')],
    ]),
    new Uint8Array(deflateSync(content)),
  );
}

/** The 加注件 statement as /ZY_Annotation (GB/T 36903 items 16–19 plus the licence and 事项). */
function annotationDict(a: PdfAnnotationInfo): PdfDict {
  const entries: [string, PdfObject][] = [
    ['CreationTime', encodeTextString(a.creationTime)],
    ['Creator', encodeTextString(a.creator)],
    ['Cause', encodeTextString(a.cause)],
    ['ExpiringTime', encodeTextString(a.expiringTime)],
    ['LicenseIdentifier', encodeTextString(a.licenseIdentifier)],
  ];
  if (a.itemCode !== null) entries.push(['ItemCode', encodeTextString(a.itemCode)]);
  if (a.itemName !== null) entries.push(['ItemName', encodeTextString(a.itemName)]);
  return new PdfDict(entries);
}

/** Refuses documents whose certification signature (DocMDP) permits no changes at all. */
function checkDocMdp(file: PdfFile): void {
  const perms = file.resolve(file.catalog.get('Perms'));
  const sig = isDict(perms) ? file.resolve(perms.get('DocMDP')) : null;
  const refs = isDict(sig) ? file.resolve(sig.get('Reference')) : null;
  if (!isArray(refs)) return;
  for (const item of refs) {
    const ref = file.resolve(item);
    const params = isDict(ref) ? file.resolve(ref.get('TransformParams')) : null;
    const p = isDict(params) ? file.resolve(params.get('P')) : null;
    if (isDict(ref) && (ref.get('TransformMethod') as PdfName | undefined)?.name === 'DocMDP' && p === 1) {
      throw new DocumentError(
        'PDF_CHANGES_NOT_PERMITTED',
        'the document is certified with DocMDP level 1: no changes, including signatures, are allowed',
      );
    }
  }
}

function addAnnotation(update: IncrementalUpdate, page: PageInfo, widget: PdfRef): void {
  const file = update.file;
  const annots = page.dict.get('Annots');
  if (isRef(annots) && isArray(file.resolve(annots))) {
    update.editArray(annots).push(widget);
    return;
  }
  const dict = update.editDict(page.ref);
  const current = dict.get('Annots');
  dict.set('Annots', isArray(current) ? [...current, widget] : [widget]);
}

function addField(update: IncrementalUpdate, field: PdfRef): void {
  const file = update.file;
  const current = file.catalog.get('AcroForm');
  let form: PdfDict;
  if (isRef(current) && isDict(file.resolve(current))) form = update.editDict(current);
  else {
    const catalog = update.editDict(file.catalogRef);
    if (isDict(current)) {
      form = current.clone();
      catalog.set('AcroForm', form);
    } else {
      form = new PdfDict();
      catalog.set('AcroForm', update.add(form));
    }
  }
  const fields = form.get('Fields');
  if (isRef(fields) && isArray(file.resolve(fields))) update.editArray(fields).push(field);
  else form.set('Fields', isArray(fields) ? [...fields, field] : [field]);
  form.set('SigFlags', 3);
}

function uniqueFieldName(file: PdfFile): string {
  const taken = file.fieldNames();
  for (let i = 1; ; i++) if (!taken.has(`ZY_Seal_${i}`)) return `ZY_Seal_${i}`;
}

/** Seals `request.pdf`; see SealPdfRequest. Throws DocumentError for bad input (nothing returned). */
export async function sealPdf(request: SealPdfRequest): Promise<SealPdfResult> {
  const { placeholder, maxBytes } = validate(request);
  const certs = parseSignerCertificates(request.signerCertificate, request.chain);
  const file = PdfFile.open(request.pdf, { maxBytes });
  checkDocMdp(file);
  const appearance = request.appearance;
  const image = 'kind' in appearance ? null : prepareImage(appearance.png);
  const width = appearance.widthMm * MM_TO_PT;
  const height = appearance.heightMm * MM_TO_PT;
  const widgets = await place(file, request, width, height);

  const update = new IncrementalUpdate(file);
  const smask = image && smaskXObject(image);
  const imageRef = image && update.add(imageXObject(image, smask ? update.add(smask) : undefined));
  const vectorRef = 'kind' in appearance ? update.add(vectorXObject(appearance, width, height)) : null;
  const fieldName = uniqueFieldName(file);
  const sigRef = update.allocate();
  const fieldRef = update.allocate();

  const widgetDict = (placed: PlacedWidget): PdfDict =>
    new PdfDict([
      ['Type', new PdfName('Annot')],
      ['Subtype', new PdfName('Widget')],
      ['F', WIDGET_FLAGS],
      ['P', placed.geometry.page.ref],
      ['Rect', [...placed.geometry.rect]],
      [
        'AP',
        new PdfDict([
          [
            'N',
            update.add(
              appearanceForm(placed.geometry, (imageRef ?? vectorRef) as PdfRef, width, height, placed.slice),
            ),
          ],
        ]),
      ],
    ]);
  const fieldEntries: [string, PdfObject][] = [
    ['FT', new PdfName('Sig')],
    ['T', encodeTextString(fieldName)],
    ['V', sigRef],
  ];
  if (widgets.length === 1) {
    const widget = widgetDict(widgets[0] as PlacedWidget);
    for (const [key, value] of fieldEntries) widget.set(key, value);
    update.put(fieldRef, widget);
    addAnnotation(update, (widgets[0] as PlacedWidget).geometry.page, fieldRef);
  } else {
    // /V is inheritable, but poppler and MuPDF read it only from the widget's own dictionary; it is
    // repeated on every kid so that they find the one signature (same dictionary, same value).
    const kids = widgets.map((placed) => {
      const ref = update.add(widgetDict(placed).set('Parent', fieldRef).set('V', sigRef));
      addAnnotation(update, placed.geometry.page, ref);
      return ref;
    });
    update.put(fieldRef, new PdfDict([...fieldEntries, ['Kids', kids]]));
  }
  addField(update, fieldRef);

  const zeros = '0'.repeat(SLOT);
  const sig = new PdfDict([
    ['Type', new PdfName('Sig')],
    ['Filter', new PdfName('Adobe.PPKLite')],
    ['SubFilter', new PdfName('ETSI.CAdES.detached')],
    ['ByteRange', new MarkedRaw(`[0 ${zeros} ${zeros} ${zeros}]`, 'ByteRange')],
    ['Contents', new MarkedRaw(`<${'0'.repeat(placeholder * 2)}>`, 'Contents')],
    ['M', new PdfString(Buffer.from(pdfDate(request.signingTime), 'latin1'))],
  ]);
  if (request.name !== undefined) sig.set('Name', encodeTextString(request.name));
  if (request.reason !== undefined) sig.set('Reason', encodeTextString(request.reason));
  if (request.location !== undefined) sig.set('Location', encodeTextString(request.location));
  if (request.seal) {
    sig.set('ZY_SealCode', encodeTextString(request.seal.code));
    // A stream (raw bytes), not a hex string: the SESeal carries the seal image, tens of kilobytes.
    if (request.seal.sesSeal)
      sig.set('ZY_SESeal', update.add(new PdfStream(new PdfDict([]), request.seal.sesSeal)));
  }
  if (request.annotation) sig.set('ZY_Annotation', annotationDict(request.annotation));
  sig.set('Prop_Build', new PdfDict([['App', new PdfDict([['Name', new PdfName('Zhengyin')]])]]));
  update.put(sigRef, sig);

  // A new /ID for this revision: the previous file's tail (its trailer and /ID) with what this
  // update adds.
  const documentId = sm3(
    request.pdf.subarray(Math.max(0, request.pdf.length - 1024)),
    `${request.pdf.length} ${request.signingTime.toISOString()} ${fieldName}`,
    certs.signer.der,
  ).subarray(0, 16);
  const written = update.write(documentId);
  const out = written.bytes;
  const contentsStart = written.marks.get('Contents') as number;
  const contentsEnd = contentsStart + placeholder * 2 + 2;
  const byteRange = [0, contentsStart, contentsEnd, out.length - contentsEnd] as const;
  const rangeAt = (written.marks.get('ByteRange') as number) + 3;
  byteRange.slice(1).forEach((value, i) => {
    out.set(Buffer.from(String(value).padEnd(SLOT, ' '), 'latin1'), rangeAt + i * (SLOT + 1));
  });

  const content = new Uint8Array(contentsStart + byteRange[3]);
  content.set(out.subarray(0, contentsStart), 0);
  content.set(out.subarray(contentsEnd), contentsStart);
  const cms = await createPdfCms(
    {
      content,
      signerCertificate: request.signerCertificate,
      ...(request.chain ? { chain: request.chain } : {}),
      sign: request.sign,
      signingTime: request.signingTime,
      ...(request.timestamp ? { timestamp: request.timestamp } : {}),
    },
    certs,
  );
  if (cms.length > placeholder) {
    throw new DocumentError(
      'PDF_PLACEHOLDER_TOO_SMALL',
      `the signature needs ${cms.length} bytes but only ${placeholder} are reserved`,
      { needed: cms.length, reserved: placeholder },
    );
  }
  out.set(Buffer.from(toHex(cms), 'latin1'), contentsStart + 1);
  return {
    pdf: out,
    fieldName,
    byteRange,
    pages: widgets.map((w) => w.geometry.page.index + 1),
  };
}
