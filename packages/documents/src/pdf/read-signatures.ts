/**
 * Finds every signature of a PDF: the signature fields of /Root /AcroForm /Fields (following
 * /Kids, with inherited /FT and fully qualified names), their /V signature dictionaries, the raw
 * /ByteRange and /Contents (with the byte positions of the hex string on file), the widgets and the
 * pages that show them.
 */
import { PdfDocument } from './verify-document.js';
import type { DocumentLimits } from './verify-document.js';
import { PdfDict, PdfRef, PdfStream, PdfString, dateOf, nameOf, textOf } from './verify-objects.js';
import type { PdfValue } from './verify-objects.js';
import type { PdfAnnotationInfo } from './types.js';

export interface RawPdfSignature {
  /** Fully qualified field name (partial names joined with "."). */
  readonly fieldName: string;
  /** Object number of the signature dictionary, or null when it is direct inside the field. */
  readonly dictNum: number | null;
  /** Object number of the field (or the nearest indirect ancestor). */
  readonly fieldNum: number;
  readonly dict: PdfDict;
  /** /Type of the signature dictionary: Sig, DocTimeStamp, or null. */
  readonly type: string | null;
  readonly filter: string | null;
  readonly subFilter: string | null;
  /** The /ByteRange numbers when it is an array of numbers, else null. */
  readonly byteRange: readonly number[] | null;
  /** The /Contents string (with its file position), or null. */
  readonly contents: PdfString | null;
  readonly m: Date | null;
  readonly name: string | null;
  readonly reason: string | null;
  readonly location: string | null;
  /** /ZY_SealCode: the seal code written by the platform's signer. */
  readonly sealCode: string | null;
  /** /ZY_SESeal: DER of the GB/T 38540 SESeal. */
  readonly sesSeal: Uint8Array | null;
  /** /ZY_Annotation: the 加注件 statement, when this signature made an annotated copy. */
  readonly annotation: PdfAnnotationInfo | null;
  /** Object numbers of the widget annotations of the field. */
  readonly widgets: readonly number[];
  /** 1-based pages showing a widget of the field. */
  readonly pages: readonly number[];
  /** /P of a DocMDP transform (certification signature): 1, 2 or 3; null when none. */
  readonly docMdp: number | null;
}

const MAX_FIELD_DEPTH = 32;
const MAX_FIELDS = 100_000;

/** Opens a PDF for reading signatures (throws DocumentError for unreadable structure). */
export function openPdf(pdf: Uint8Array, limits: Partial<DocumentLimits> = {}): PdfDocument {
  return new PdfDocument(pdf, limits);
}

/** The signature fields with a signature value (/V), in the order of /AcroForm /Fields. */
export function readSignatures(doc: PdfDocument): RawPdfSignature[] {
  const root = doc.resolve(doc.trailer.get('Root'));
  if (!(root instanceof PdfDict)) return [];
  const acroForm = doc.resolve(root.get('AcroForm'));
  if (!(acroForm instanceof PdfDict)) return [];
  const fields = doc.resolve(acroForm.get('Fields'));
  if (!Array.isArray(fields)) return [];

  const found: RawPdfSignature[] = [];
  const seenFields = new Set<number>();
  const seenDicts = new Set<number>();
  let visited = 0;
  const pageIndex = lazyPageIndex(doc);

  const walk = (
    value: PdfValue,
    parentName: string,
    inheritedFt: string | null,
    holder: number,
    depth: number,
  ): void => {
    if (depth > MAX_FIELD_DEPTH || ++visited > MAX_FIELDS) return;
    let num = holder;
    if (value instanceof PdfRef) {
      if (seenFields.has(value.num)) return;
      seenFields.add(value.num);
      num = value.num;
    }
    const node = doc.resolve(value);
    if (!(node instanceof PdfDict)) return;
    const partial = textOf(node.get('T'));
    const name = partial === null ? parentName : parentName ? `${parentName}.${partial}` : partial;
    const ft = nameOf(doc.resolve(node.get('FT'))) ?? inheritedFt;
    const kids = doc.resolve(node.get('Kids'));
    const widgets: number[] = [];
    if (nameOf(node.get('Subtype')) === 'Widget' && value instanceof PdfRef) widgets.push(value.num);
    if (Array.isArray(kids)) {
      for (const kid of kids) {
        const k = doc.resolve(kid);
        if (!(k instanceof PdfDict)) continue;
        if (k.get('T') !== undefined || k.get('Kids') !== undefined) walk(kid, name, ft, num, depth + 1);
        else if (kid instanceof PdfRef) widgets.push(kid.num);
      }
    }
    if (ft !== 'Sig') return;
    const v = node.get('V');
    const dict = doc.resolve(v);
    if (!(dict instanceof PdfDict)) return;
    const dictNum = v instanceof PdfRef ? v.num : null;
    if (dictNum !== null) {
      if (seenDicts.has(dictNum)) return;
      seenDicts.add(dictNum);
    }
    found.push(describe(doc, dict, dictNum, num, name, widgets, pageIndex));
  };
  for (const f of fields) walk(f, '', null, f instanceof PdfRef ? f.num : 0, 0);
  return found;
}

function describe(
  doc: PdfDocument,
  dict: PdfDict,
  dictNum: number | null,
  fieldNum: number,
  fieldName: string,
  widgets: number[],
  pageIndex: (widget: number) => number | undefined,
): RawPdfSignature {
  const br = doc.resolve(dict.get('ByteRange'));
  const byteRange =
    Array.isArray(br) && br.every((x) => typeof x === 'number') ? (br as number[]).slice() : null;
  const contents = dict.get('Contents');
  const seal = doc.resolve(dict.get('ZY_SESeal'));
  let sesSeal: Uint8Array | null = null;
  if (seal instanceof PdfString) sesSeal = seal.bytes;
  else if (seal instanceof PdfStream) sesSeal = doc.decode(seal);
  const pages = new Set<number>();
  for (const w of widgets) {
    const p = pageIndex(w);
    if (p !== undefined) pages.add(p);
  }
  return {
    fieldName,
    dictNum,
    fieldNum,
    dict,
    type: nameOf(dict.get('Type')),
    filter: nameOf(dict.get('Filter')),
    subFilter: nameOf(dict.get('SubFilter')),
    byteRange,
    contents: contents instanceof PdfString ? contents : null,
    m: dateOf(doc.resolve(dict.get('M'))),
    name: textOf(doc.resolve(dict.get('Name'))),
    reason: textOf(doc.resolve(dict.get('Reason'))),
    location: textOf(doc.resolve(dict.get('Location'))),
    sealCode: textOf(doc.resolve(dict.get('ZY_SealCode'))),
    sesSeal,
    annotation: annotationOf(doc, dict),
    widgets,
    pages: [...pages].sort((a, b) => a - b),
    docMdp: docMdpOf(doc, dict),
  };
}

/** /ZY_Annotation when it is a dictionary with the four GB/T 36903 fields and the licence identifier. */
function annotationOf(doc: PdfDocument, dict: PdfDict): PdfAnnotationInfo | null {
  const a = doc.resolve(dict.get('ZY_Annotation'));
  if (!(a instanceof PdfDict)) return null;
  const text = (key: string) => textOf(doc.resolve(a.get(key)));
  const creationTime = text('CreationTime');
  const creator = text('Creator');
  const cause = text('Cause');
  const expiringTime = text('ExpiringTime');
  const licenseIdentifier = text('LicenseIdentifier');
  if (
    creationTime === null ||
    creator === null ||
    cause === null ||
    expiringTime === null ||
    licenseIdentifier === null
  )
    return null;
  return {
    creationTime,
    creator,
    cause,
    expiringTime,
    licenseIdentifier,
    itemCode: text('ItemCode'),
    itemName: text('ItemName'),
  };
}

function docMdpOf(doc: PdfDocument, dict: PdfDict): number | null {
  const refs = doc.resolve(dict.get('Reference'));
  if (!Array.isArray(refs)) return null;
  for (const r of refs) {
    const ref = doc.resolve(r);
    if (!(ref instanceof PdfDict) || nameOf(ref.get('TransformMethod')) !== 'DocMDP') continue;
    const params = doc.resolve(ref.get('TransformParams'));
    const p = params instanceof PdfDict ? params.get('P') : undefined;
    return p === 1 || p === 3 ? p : 2;
  }
  return null;
}

/** Page (1-based) of a widget: its /P when that is a page, else the page whose /Annots lists it. */
function lazyPageIndex(doc: PdfDocument): (widget: number) => number | undefined {
  let pages: Map<number, number> | undefined;
  let annots: Map<number, number> | undefined;
  const pageMap = (): Map<number, number> => {
    if (!pages) pages = new Map(doc.pages().map((num, i) => [num, i + 1]));
    return pages;
  };
  return (widget) => {
    const w = doc.object(widget);
    const p = w instanceof PdfDict ? w.get('P') : undefined;
    if (p instanceof PdfRef) {
      const page = pageMap().get(p.num);
      if (page !== undefined) return page;
    }
    if (!annots) {
      annots = new Map();
      for (const [num, index] of pageMap()) {
        const page = doc.object(num);
        const list = page instanceof PdfDict ? doc.resolve(page.get('Annots')) : null;
        if (!Array.isArray(list)) continue;
        for (const a of list) if (a instanceof PdfRef && !annots.has(a.num)) annots.set(a.num, index);
      }
    }
    return annots.get(widget);
  };
}

/** The DER length of a BER/DER TLV at the start of `bytes` (definite lengths), or undefined. */
export function derLength(bytes: Uint8Array): number | undefined {
  if (bytes.length < 2) return undefined;
  const first = bytes[1] as number;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || bytes.length < 2 + n) return undefined;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + (bytes[2 + i] as number);
  return 2 + n + len;
}
