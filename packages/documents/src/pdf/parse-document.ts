import { DocumentError } from '../checks.js';
import { decodeStream } from './parse-filters.js';
import { PdfLexer, malformed } from './parse-lexer.js';
import {
  PdfRef,
  PdfStream,
  decodeTextString,
  isArray,
  isDict,
  isName,
  isNumber,
  isRef,
  PdfString,
} from './parse-objects.js';
import type { PdfObject, PdfDict } from './parse-objects.js';
import { readXref } from './parse-xref.js';
import type { XrefIndex } from './parse-xref.js';

/**
 * A read-only view of an existing PDF for the incremental writer: objects are read lazily through
 * the cross-reference chain (never by scanning the file), so the view is exactly what a conforming
 * reader sees in the newest revision.
 */

export type Box = readonly [number, number, number, number];

export interface PageInfo {
  /** 0-based index in page-tree order. */
  readonly index: number;
  readonly ref: PdfRef;
  readonly dict: PdfDict;
  /** Normalised [x0 y0 x1 y1] with x0 < x1, y0 < y1 (inherited when not on the page). */
  readonly mediaBox: Box;
  /** Visible area: /CropBox (inherited) clipped to the media box, else the media box. */
  readonly cropBox: Box;
  /** Clockwise display rotation: 0, 90, 180 or 270. */
  readonly rotate: 0 | 90 | 180 | 270;
}

export interface ParseOptions {
  /** Refuse larger inputs before parsing (PDF_TOO_LARGE). */
  readonly maxBytes: number;
  /** Most pages accepted (page-tree bombs). */
  readonly maxPages?: number;
}

const latin1 = new TextDecoder('latin1');
const MAX_PAGES = 100_000;

export class PdfFile {
  private readonly cache = new Map<number, PdfObject>();
  private readonly objectStreams = new Map<number, { data: Uint8Array; offsets: Map<number, number> }>();
  private readonly resolving = new Set<number>();
  readonly catalogRef: PdfRef;
  readonly catalog: PdfDict;
  private pageList: PageInfo[] | undefined;

  private constructor(
    readonly bytes: Uint8Array,
    readonly xref: XrefIndex,
    private readonly maxPages: number,
  ) {
    const root = xref.trailer.get('Root');
    if (!isRef(root)) throw malformed('the trailer has no /Root reference');
    const catalog = this.resolve(root);
    if (!isDict(catalog)) throw malformed('the document catalog is not a dictionary');
    this.catalogRef = root;
    this.catalog = catalog;
  }

  /** Parses the header, cross-reference chain and catalog; refuses encrypted and broken files. */
  static open(bytes: Uint8Array, options: ParseOptions): PdfFile {
    if (bytes.length > options.maxBytes) {
      throw new DocumentError('PDF_TOO_LARGE', `the PDF is larger than ${options.maxBytes} bytes`, {
        size: bytes.length,
        maxBytes: options.maxBytes,
      });
    }
    const head = latin1.decode(bytes.subarray(0, 1024));
    if (!/%PDF-\d\.\d/.test(head)) throw malformed('no %PDF- header: not a PDF');
    return new PdfFile(bytes, readXref(bytes), options.maxPages ?? MAX_PAGES);
  }

  /** Highest object number + 1 in use by the file (the trailer's /Size, or more). */
  get size(): number {
    const declared = this.xref.trailer.get('Size');
    let size = isNumber(declared) ? declared : 0;
    for (const num of this.xref.entries.keys()) if (num >= size) size = num + 1;
    return size;
  }

  /** Follows a reference (a missing object is null, §7.3.10); direct objects are returned as is. */
  resolve(value: PdfObject | undefined): PdfObject {
    if (value === undefined) return null;
    if (!(value instanceof PdfRef)) return value;
    return this.getObject(value);
  }

  getObject(ref: PdfRef): PdfObject {
    const cached = this.cache.get(ref.num);
    if (cached !== undefined) return cached;
    const entry = this.xref.entries.get(ref.num);
    if (!entry || entry.type === 'free') return null;
    if (this.resolving.has(ref.num)) throw malformed(`object ${ref.num} refers to itself`);
    this.resolving.add(ref.num);
    try {
      let value: PdfObject;
      if (entry.type === 'offset') {
        if (entry.gen !== ref.gen) return null;
        const lexer = new PdfLexer(this.bytes, entry.offset);
        value = lexer.parseIndirectObject((lengthRef) => {
          const length = this.resolve(lengthRef);
          return isNumber(length) ? length : undefined;
        }).value;
      } else {
        if (ref.gen !== 0) return null;
        value = this.compressedObject(entry.stream, entry.index, ref.num);
      }
      this.cache.set(ref.num, value);
      return value;
    } finally {
      this.resolving.delete(ref.num);
    }
  }

  private compressedObject(streamNum: number, index: number, num: number): PdfObject {
    let objStm = this.objectStreams.get(streamNum);
    if (!objStm) {
      const stream = this.getObject(new PdfRef(streamNum, 0));
      if (!(stream instanceof PdfStream) || !isName(stream.dict.get('Type'), 'ObjStm')) {
        throw malformed(`object ${streamNum} is not an object stream`);
      }
      const n = stream.dict.get('N');
      const first = stream.dict.get('First');
      if (!isNumber(n) || !isNumber(first) || n < 0 || first < 0)
        throw malformed(`bad object stream ${streamNum}`);
      const data = decodeStream(stream);
      const lexer = new PdfLexer(data);
      const offsets = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const objNum = lexer.readInteger();
        const offset = lexer.readInteger();
        if (!offsets.has(objNum)) offsets.set(objNum, first + offset);
      }
      objStm = { data, offsets };
      this.objectStreams.set(streamNum, objStm);
    }
    const at = objStm.offsets.get(num);
    if (at === undefined || at >= objStm.data.length) {
      throw malformed(`object ${num} is not in object stream ${streamNum} (index ${index})`);
    }
    return new PdfLexer(objStm.data, at).parseObject();
  }

  /** Pages in page-tree order with their inherited boxes and rotation. */
  get pages(): readonly PageInfo[] {
    if (!this.pageList) this.pageList = this.walkPages();
    return this.pageList;
  }

  private walkPages(): PageInfo[] {
    const rootRef = this.catalog.get('Pages');
    if (!isRef(rootRef)) throw malformed('the catalog has no /Pages reference');
    const pages: PageInfo[] = [];
    const visited = new Set<number>();
    interface Inherited {
      mediaBox?: PdfObject;
      cropBox?: PdfObject;
      rotate?: PdfObject;
    }
    const walk = (ref: PdfRef, inherited: Inherited, depth: number): void => {
      if (depth > 64) throw malformed('page tree too deep');
      if (visited.has(ref.num)) throw malformed('the page tree has a cycle');
      visited.add(ref.num);
      const node = this.resolve(ref);
      if (!isDict(node)) throw malformed(`page tree node ${ref.num} is not a dictionary`);
      const here: Inherited = {
        mediaBox: node.get('MediaBox') ?? inherited.mediaBox,
        cropBox: node.get('CropBox') ?? inherited.cropBox,
        rotate: node.get('Rotate') ?? inherited.rotate,
      };
      const type = node.get('Type');
      const kids = this.resolve(node.get('Kids'));
      if (isName(type, 'Pages') || (type === undefined && isArray(kids))) {
        if (!isArray(kids)) throw malformed(`page tree node ${ref.num} has no /Kids`);
        for (const kid of kids) {
          if (!isRef(kid)) throw malformed(`page tree node ${ref.num} has a direct kid`);
          walk(kid, here, depth + 1);
        }
        return;
      }
      if (!isName(type, 'Page') && type !== undefined) throw malformed(`object ${ref.num} is not a page`);
      if (pages.length >= this.maxPages) throw malformed(`more than ${this.maxPages} pages`);
      const mediaBox = this.box(here.mediaBox) ?? ([0, 0, 612, 792] as const);
      const crop = this.box(here.cropBox);
      const cropBox: Box = crop
        ? [
            Math.max(crop[0], mediaBox[0]),
            Math.max(crop[1], mediaBox[1]),
            Math.min(crop[2], mediaBox[2]),
            Math.min(crop[3], mediaBox[3]),
          ]
        : mediaBox;
      if (cropBox[2] <= cropBox[0] || cropBox[3] <= cropBox[1]) {
        throw malformed(`page ${pages.length + 1} has an empty visible area`);
      }
      const rotation = this.resolve(here.rotate);
      const rotate = isNumber(rotation) ? (((Math.round(rotation / 90) * 90) % 360) + 360) % 360 : 0;
      pages.push({
        index: pages.length,
        ref,
        dict: node,
        mediaBox,
        cropBox,
        rotate: rotate as PageInfo['rotate'],
      });
    };
    walk(rootRef, {}, 0);
    if (pages.length === 0) throw malformed('the document has no pages');
    return pages;
  }

  private box(value: PdfObject | undefined): Box | undefined {
    const array = this.resolve(value);
    if (!isArray(array) || array.length !== 4) return undefined;
    const n = array.map((v) => this.resolve(v));
    if (!n.every(isNumber)) return undefined;
    const [a, b, c, d] = n as [number, number, number, number];
    return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
  }

  /** The interactive form dictionary, when there is one. */
  get acroForm(): PdfDict | undefined {
    const form = this.resolve(this.catalog.get('AcroForm'));
    return isDict(form) ? form : undefined;
  }

  /** Partial names (/T) of the form's top-level fields. */
  fieldNames(): Set<string> {
    const names = new Set<string>();
    const fields = this.resolve(this.acroForm?.get('Fields'));
    if (!isArray(fields)) return names;
    for (const field of fields) {
      const dict = this.resolve(field);
      if (!isDict(dict)) continue;
      const t = this.resolve(dict.get('T'));
      if (t instanceof PdfString) names.add(decodeTextString(t.bytes));
    }
    return names;
  }
}
