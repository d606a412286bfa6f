/**
 * The verifier's lazy view of a PDF file: the chain of cross-reference sections (tables, streams
 * and hybrids), the revisions (each %%EOF that ends an incremental update), and object lookup as
 * of any revision. Objects are parsed only when asked for and cached by their location, so the
 * state of an earlier revision costs no more than the objects actually compared.
 */
import { constants, inflateSync } from 'node:zlib';
import { DocumentError } from '../checks.js';
import {
  PdfDict,
  PdfName,
  PdfParser,
  PdfRef,
  PdfStream,
  ascii,
  indexOf,
  isWhitespace,
  keywordAt,
  lastIndexOf,
  limitExceeded,
  malformed,
  readUnsigned,
  skipSpace,
} from './verify-objects.js';
import type { PdfValue } from './verify-objects.js';

export type XrefEntry =
  | { readonly kind: 'free' }
  | { readonly kind: 'offset'; readonly offset: number; readonly gen: number }
  | { readonly kind: 'compressed'; readonly stream: number; readonly index: number };

export interface XrefSection {
  readonly offset: number;
  readonly kind: 'table' | 'stream';
  readonly entries: ReadonlyMap<number, XrefEntry>;
  readonly trailer: PdfDict;
}

export interface Revision {
  /** Offset just after this revision's "%%EOF" (or the file length). */
  readonly end: number;
  /** Index in `sections` of the newest cross-reference section of this revision. */
  readonly section: number;
}

export interface DocumentLimits {
  /** Cross-reference sections followed through /Prev (default 1,000). */
  readonly maxSections: number;
  /** Entries over all cross-reference sections (default 5,000,000). */
  readonly maxEntries: number;
  /** Objects parsed from the file or object streams (default 200,000). */
  readonly maxObjects: number;
  /** Bytes produced by decompression, all streams together (default 256 MiB). */
  readonly maxDecodedBytes: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxSections: 1_000,
  maxEntries: 5_000_000,
  maxObjects: 200_000,
  maxDecodedBytes: 256 * 1024 * 1024,
};

const STARTXREF = ascii('startxref');
const EOF_MARK = ascii('%%EOF');
const OBJ = ascii('obj');

/** An object state: the objects as of the revision whose newest section is `sections[from]`. */
export interface ObjectState {
  readonly from: number;
}

export class PdfDocument {
  readonly sections: XrefSection[] = [];
  readonly revisions: Revision[] = [];
  /** Objects found by scanning because the cross-reference offset was wrong. */
  repairedObjects = 0;
  private readonly parser: PdfParser;
  private readonly cache = new Map<string, PdfValue>();
  private readonly objectStreams = new Map<
    string,
    { buf: Uint8Array; offsets: number[]; parser: PdfParser }
  >();
  private readonly limits: DocumentLimits;
  private objectLoads = 0;
  private decodedBytes = 0;
  private lengthDepth = 0;
  private scanned: Map<number, number[]> | undefined;

  constructor(
    readonly bytes: Uint8Array,
    limits: Partial<DocumentLimits> = {},
  ) {
    this.limits = { ...DEFAULT_DOCUMENT_LIMITS, ...limits };
    this.parser = new PdfParser(bytes, { inFile: true, resolveLength: (ref) => this.resolveLength(ref) });
    if (!isPdfHeader(bytes)) throw malformed('no %PDF- header');
    this.readSections();
    this.findRevisions();
  }

  /** The state of the whole file (the final revision). */
  get final(): ObjectState {
    return { from: 0 };
  }

  get trailer(): PdfDict {
    return (this.sections[0] as XrefSection).trailer;
  }

  /** The trailer in effect for a state. */
  trailerOf(state: ObjectState): PdfDict {
    return (this.sections[state.from] as XrefSection).trailer;
  }

  /**
   * The revision that ends at `end`: just after its %%EOF, allowing end-of-line and blank bytes
   * after the marker; the file end is the end of the final revision.
   */
  revisionEndingAt(end: number): Revision | undefined {
    const exact = this.revisions.find((r) => r.end === end);
    if (exact) return exact;
    const before = this.revisions.filter((r) => r.end < end && end - r.end <= 32 && this.blank(r.end, end));
    if (before.length) return before[before.length - 1];
    return end === this.bytes.length ? { end, section: 0 } : undefined;
  }

  private blank(from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      const c = this.bytes[i];
      if (c !== 0x0a && c !== 0x0d && c !== 0x20 && c !== 0x09 && c !== 0x00) return false;
    }
    return true;
  }

  /** The xref entry of object `num` as of `state`. */
  entry(num: number, state: ObjectState = this.final): XrefEntry | undefined {
    for (let i = state.from; i < this.sections.length; i++) {
      const e = (this.sections[i] as XrefSection).entries.get(num);
      if (e) return e;
    }
    return undefined;
  }

  /** Object numbers defined by the sections newer than `state` (the changes after that revision). */
  changedSince(state: ObjectState): Map<number, XrefEntry> {
    const changed = new Map<number, XrefEntry>();
    for (let i = state.from - 1; i >= 0; i--) {
      for (const [num, e] of (this.sections[i] as XrefSection).entries) changed.set(num, e);
    }
    return changed;
  }

  /** Resolves a reference (or returns a direct value as is) in `state`; missing objects are null. */
  resolve(value: PdfValue | undefined, state: ObjectState = this.final): PdfValue {
    if (value === undefined) return null;
    if (!(value instanceof PdfRef)) return value;
    return this.object(value.num, state);
  }

  /** Object `num` as of `state` (null when free or absent). */
  object(num: number, state: ObjectState = this.final): PdfValue {
    const e = this.entry(num, state);
    if (!e || e.kind === 'free') return null;
    if (e.kind === 'offset') return this.objectAt(num, e.offset, e.gen);
    return this.compressedObject(num, e.stream, e.index, state);
  }

  /** Location key of object `num` in `state` (equal keys: the same bytes on file). */
  locationOf(num: number, state: ObjectState = this.final): string | null {
    const e = this.entry(num, state);
    if (!e || e.kind === 'free') return null;
    if (e.kind === 'offset') return `o${e.offset}`;
    const stream = this.entry(e.stream, state);
    return stream?.kind === 'offset' ? `s${stream.offset}:${e.index}` : null;
  }

  /** File offset where object `num` starts in `state` (undefined for compressed or missing). */
  offsetOf(num: number, state: ObjectState = this.final): number | undefined {
    const e = this.entry(num, state);
    return e?.kind === 'offset' ? e.offset : undefined;
  }

  /** Decoded bytes of a stream (FlateDecode with PNG / TIFF predictors, or no filter). */
  decode(stream: PdfStream): Uint8Array {
    const filters = this.resolve(stream.dict.get('Filter'));
    const params = this.resolve(stream.dict.get('DecodeParms'));
    const list = filters === null ? [] : Array.isArray(filters) ? filters : [filters];
    const paramList = Array.isArray(params) ? params : [params];
    let data = stream.data;
    list.forEach((f, i) => {
      const name = f instanceof PdfName ? f.value : '';
      if (name !== 'FlateDecode' && name !== 'Fl') {
        throw new DocumentError('PDF_UNSUPPORTED', `unsupported stream filter ${name || '?'}`, {
          filter: name,
        });
      }
      data = this.inflate(data);
      const p = this.resolve(paramList[i] ?? null);
      if (p instanceof PdfDict) data = unpredict(data, p);
    });
    return data;
  }

  private inflate(data: Uint8Array): Uint8Array {
    const room = this.limits.maxDecodedBytes - this.decodedBytes;
    if (room <= 0) throw limitExceeded('too much compressed data', { max: this.limits.maxDecodedBytes });
    let out: Uint8Array;
    try {
      out = inflateSync(data, { maxOutputLength: room });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw limitExceeded('a stream decompresses to too many bytes', { max: this.limits.maxDecodedBytes });
      }
      try {
        // Truncated or unterminated deflate data, as common readers tolerate.
        out = inflateSync(data, { maxOutputLength: room, finishFlush: constants.Z_SYNC_FLUSH });
      } catch {
        throw malformed('stream data does not inflate');
      }
    }
    this.decodedBytes += out.length;
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  }

  private countLoad(): void {
    if (++this.objectLoads > this.limits.maxObjects) {
      throw limitExceeded('too many objects parsed', { max: this.limits.maxObjects });
    }
  }

  private objectAt(num: number, offset: number, gen: number): PdfValue {
    const key = `o${offset}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    this.countLoad();
    let value: PdfValue;
    try {
      const parsed = this.parser.indirect(offset);
      if (parsed.num !== num) throw malformed('object number mismatch', { offset, num });
      value = parsed.value;
    } catch (error) {
      if (!(error instanceof DocumentError) || error.code !== 'PDF_MALFORMED') throw error;
      const repaired = this.scanFor(num, gen, offset);
      if (repaired === undefined) {
        throw malformed(`object ${num} not found at its cross-reference offset`, { num, offset });
      }
      this.repairedObjects++;
      value = this.parser.indirect(repaired).value;
    }
    this.cache.set(key, value);
    return value;
  }

  private compressedObject(num: number, streamNum: number, index: number, state: ObjectState): PdfValue {
    const streamEntry = this.entry(streamNum, state);
    if (streamEntry?.kind !== 'offset') return null;
    const key = `s${streamEntry.offset}:${index}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const os = this.objectStream(streamNum, streamEntry.offset, streamEntry.gen);
    const at = os.offsets[index];
    if (at === undefined) throw malformed('object stream index out of range', { num, streamNum, index });
    this.countLoad();
    const value = os.parser.value(at).value;
    this.cache.set(key, value);
    return value;
  }

  private objectStream(
    num: number,
    offset: number,
    gen: number,
  ): { buf: Uint8Array; offsets: number[]; parser: PdfParser } {
    const key = `o${offset}`;
    const known = this.objectStreams.get(key);
    if (known) return known;
    const stream = this.objectAt(num, offset, gen);
    if (!(stream instanceof PdfStream)) throw malformed('object stream is not a stream', { num });
    const n = stream.dict.get('N');
    const first = stream.dict.get('First');
    if (typeof n !== 'number' || typeof first !== 'number' || n < 0 || first < 0 || n > 1_000_000) {
      throw malformed('object stream without valid /N and /First', { num });
    }
    const buf = this.decode(stream);
    const offsets: number[] = [];
    let pos = 0;
    for (let i = 0; i < n; i++) {
      const objNum = readUnsigned(buf, pos);
      const rel = objNum && readUnsigned(buf, objNum.end);
      if (!objNum || !rel) throw malformed('object stream header is broken', { num });
      offsets.push(first + rel.value);
      pos = rel.end;
    }
    const parser = new PdfParser(buf, { inFile: false, resolveLength: () => undefined });
    const result = { buf, offsets, parser };
    this.objectStreams.set(key, result);
    return result;
  }

  private resolveLength(ref: PdfRef): number | undefined {
    if (this.lengthDepth > 0) return undefined;
    this.lengthDepth++;
    try {
      const v = this.object(ref.num);
      return typeof v === 'number' ? v : undefined;
    } catch {
      return undefined;
    } finally {
      this.lengthDepth--;
    }
  }

  /** Offsets of "num gen obj" headers found by scanning the file (built once, on demand). */
  private scanFor(num: number, gen: number, near: number): number | undefined {
    if (!this.scanned) this.scanned = scanObjectHeaders(this.bytes);
    const found = this.scanned.get(num * 65536 + (gen & 0xffff));
    if (!found?.length) return undefined;
    return found.reduce((best, o) => (Math.abs(o - near) < Math.abs(best - near) ? o : best));
  }

  // --- Cross-reference sections ---

  private readSections(): void {
    const bytes = this.bytes;
    const sx = lastIndexOf(bytes, STARTXREF);
    if (sx < 0) throw malformed('no startxref (truncated file?)');
    const start = readUnsigned(bytes, sx + 9);
    if (!start) throw malformed('startxref without an offset');
    const seen = new Set<number>();
    let entries = 0;
    let next: number | null = start.value;
    while (next !== null) {
      if (seen.has(next)) throw malformed('cross-reference /Prev chain loops', { offset: next });
      if (this.sections.length >= this.limits.maxSections) {
        throw limitExceeded('too many cross-reference sections', { max: this.limits.maxSections });
      }
      seen.add(next);
      const section = this.readSection(next);
      entries += section.entries.size;
      if (entries > this.limits.maxEntries) {
        throw limitExceeded('too many cross-reference entries', { max: this.limits.maxEntries });
      }
      this.sections.push(section);
      const prev = section.trailer.get('Prev');
      next = typeof prev === 'number' && Number.isInteger(prev) && prev >= 0 ? prev : null;
    }
  }

  private readSection(offset: number): XrefSection {
    if (offset >= this.bytes.length) throw malformed('cross-reference offset beyond the end', { offset });
    const p = skipSpace(this.bytes, offset);
    if (keywordAt(this.bytes, p, 'xref')) {
      const table = this.readTable(offset, p + 4);
      const hybrid = table.trailer.get('XRefStm');
      if (typeof hybrid !== 'number' || seenSection(this.sections, hybrid)) return table;
      // Hybrid file: entries of the table win, the stream supplies the rest (ISO 32000 §7.5.8.4).
      let stream: XrefSection;
      try {
        stream = this.readStreamSection(hybrid);
      } catch (error) {
        if (error instanceof DocumentError && error.code === 'PDF_LIMIT_EXCEEDED') throw error;
        return table;
      }
      const merged = new Map(stream.entries);
      for (const [num, e] of table.entries) if (e.kind !== 'free' || !merged.has(num)) merged.set(num, e);
      return { ...table, entries: merged };
    }
    return this.readStreamSection(offset);
  }

  private readTable(offset: number, pos: number): XrefSection {
    const bytes = this.bytes;
    const entries = new Map<number, XrefEntry>();
    for (;;) {
      pos = skipSpace(bytes, pos);
      if (keywordAt(bytes, pos, 'trailer')) break;
      const first = readUnsigned(bytes, pos);
      const count = first && readUnsigned(bytes, first.end);
      if (!first || !count) throw malformed('broken cross-reference table', { offset: pos });
      if (
        count.value > (bytes.length - count.end) / 6 ||
        entries.size + count.value > this.limits.maxEntries
      ) {
        throw malformed('cross-reference subsection larger than the file', { offset: pos });
      }
      pos = count.end;
      for (let i = 0; i < count.value; i++) {
        const off = readUnsigned(bytes, pos);
        const gen = off && readUnsigned(bytes, off.end);
        const t = gen ? skipSpace(bytes, gen.end) : -1;
        const type = bytes[t];
        if (!off || !gen || (type !== 0x6e && type !== 0x66)) {
          throw malformed('broken cross-reference entry', { offset: pos });
        }
        pos = t + 1;
        const num = first.value + i;
        if (num === 0) continue;
        entries.set(
          num,
          type === 0x6e && off.value > 0
            ? { kind: 'offset', offset: off.value, gen: gen.value }
            : { kind: 'free' },
        );
      }
    }
    const trailer = this.parser.value(pos + 7).value;
    if (!(trailer instanceof PdfDict)) throw malformed('trailer is not a dictionary', { offset: pos });
    return { offset, kind: 'table', entries, trailer };
  }

  private readStreamSection(offset: number): XrefSection {
    let parsed;
    try {
      parsed = this.parser.indirect(offset);
    } catch (error) {
      if (error instanceof DocumentError && error.code === 'PDF_LIMIT_EXCEEDED') throw error;
      throw malformed('no cross-reference table or stream at startxref / Prev', { offset });
    }
    const stream = parsed.value;
    if (!(stream instanceof PdfStream)) throw malformed('cross-reference stream expected', { offset });
    const type = stream.dict.get('Type');
    if (!(type instanceof PdfName) || type.value !== 'XRef')
      throw malformed('not an /XRef stream', { offset });
    const w = stream.dict.get('W');
    const size = stream.dict.get('Size');
    if (
      !Array.isArray(w) ||
      w.length < 3 ||
      !w.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 8) ||
      typeof size !== 'number'
    ) {
      throw malformed('cross-reference stream without valid /W and /Size', { offset });
    }
    const [w1, w2, w3] = w as [number, number, number];
    const rowLength = w1 + w2 + w3;
    if (rowLength === 0) throw malformed('cross-reference stream /W is all zero', { offset });
    const index = stream.dict.get('Index');
    const ranges: number[] = Array.isArray(index)
      ? index.map((x) => (typeof x === 'number' ? x : -1))
      : [0, size];
    if (ranges.length % 2 || ranges.some((x) => !Number.isInteger(x) || x < 0)) {
      throw malformed('cross-reference stream /Index is broken', { offset });
    }
    const data = this.decode(stream);
    const entries = new Map<number, XrefEntry>();
    let row = 0;
    for (let r = 0; r < ranges.length; r += 2) {
      const start = ranges[r] as number;
      const count = ranges[r + 1] as number;
      if (entries.size + count > this.limits.maxEntries) {
        throw limitExceeded('too many cross-reference entries', { max: this.limits.maxEntries });
      }
      for (let i = 0; i < count; i++, row++) {
        const at = row * rowLength;
        if (at + rowLength > data.length) break;
        const type = w1 === 0 ? 1 : field(data, at, w1);
        const f2 = field(data, at + w1, w2);
        const f3 = field(data, at + w1 + w2, w3);
        const num = start + i;
        if (num === 0) continue;
        if (type === 0) entries.set(num, { kind: 'free' });
        else if (type === 1) entries.set(num, { kind: 'offset', offset: f2, gen: f3 });
        else if (type === 2) entries.set(num, { kind: 'compressed', stream: f2, index: f3 });
      }
    }
    return { offset, kind: 'stream', entries, trailer: stream.dict };
  }

  // --- Revisions ---

  /**
   * Every "%%EOF" preceded by "startxref N" where N starts a section of the chain ends a revision
   * whose state starts at that section. The file end is a revision end too (the final state).
   */
  private findRevisions(): void {
    const bytes = this.bytes;
    const byOffset = new Map<number, number>();
    this.sections.forEach((s, i) => {
      if (!byOffset.has(s.offset)) byOffset.set(s.offset, i);
    });
    const found = new Map<number, Revision>();
    for (let at = indexOf(bytes, EOF_MARK); at >= 0; at = indexOf(bytes, EOF_MARK, at + 5)) {
      const sx = lastIndexOf(bytes, STARTXREF, at - 9);
      if (sx < 0 || at - sx > 64) continue;
      const n = readUnsigned(bytes, sx + 9);
      if (!n) continue;
      let p = n.end;
      while (p < at && isWhitespace(bytes[p])) p++;
      if (p !== at) continue;
      const section = byOffset.get(n.value);
      if (section !== undefined) found.set(at + 5, { end: at + 5, section });
    }
    this.revisions.push(...[...found.values()].sort((a, b) => a.end - b.end));
  }

  /**
   * Whether non-blank bytes follow the end of the final revision (bytes no cross-reference
   * section accounts for, e.g. objects appended without an update).
   */
  hasTrailingData(): boolean {
    let end = -1;
    for (const r of this.revisions) if (r.section === 0 && r.end > end) end = r.end;
    return end >= 0 && !this.blank(end, this.bytes.length);
  }

  /** The page objects in order (numbers), following /Kids from /Root /Pages with cycle checks. */
  pages(state: ObjectState = this.final): number[] {
    const root = this.resolve(this.trailerOf(state).get('Root'), state);
    if (!(root instanceof PdfDict)) return [];
    const pagesRef = root.get('Pages');
    const out: number[] = [];
    const seen = new Set<number>();
    const walk = (ref: PdfValue | undefined, depth: number): void => {
      if (!(ref instanceof PdfRef) || seen.has(ref.num) || depth > 64) return;
      seen.add(ref.num);
      const node = this.resolve(ref, state);
      if (!(node instanceof PdfDict)) return;
      const kids = this.resolve(node.get('Kids'), state);
      const type = node.get('Type');
      if (Array.isArray(kids) && !(type instanceof PdfName && type.value === 'Page')) {
        for (const kid of kids) walk(kid, depth + 1);
      } else out.push(ref.num);
    };
    walk(pagesRef, 0);
    return out;
  }
}

function field(data: Uint8Array, at: number, width: number): number {
  let v = 0;
  for (let i = 0; i < width; i++) v = v * 256 + (data[at + i] as number);
  return v;
}

const seenSection = (sections: readonly XrefSection[], offset: number): boolean =>
  sections.some((s) => s.offset === offset);

export function isPdfHeader(bytes: Uint8Array): boolean {
  // The header may follow up to 1 KB of junk (ISO 32000 implementation note).
  const head = bytes.subarray(0, Math.min(bytes.length, 1024 + 8));
  return indexOf(head, ascii('%PDF-')) >= 0;
}

/** PNG (predictor ≥ 10) and TIFF (2, 8-bit) predictors of FlateDecode. */
function unpredict(data: Uint8Array, params: PdfDict): Uint8Array {
  const predictor = params.get('Predictor');
  if (typeof predictor !== 'number' || predictor <= 1) return data;
  const num = (k: string, d: number): number => {
    const v = params.get(k);
    return typeof v === 'number' && v > 0 ? v : d;
  };
  const colors = num('Colors', 1);
  const bpc = num('BitsPerComponent', 8);
  const columns = num('Columns', 1);
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowBytes = Math.ceil((colors * bpc * columns) / 8);
  if (predictor === 2) {
    if (bpc !== 8) throw new DocumentError('PDF_UNSUPPORTED', 'TIFF predictor with bits per component ≠ 8');
    const out = Uint8Array.from(data);
    for (let r = 0; r + rowBytes <= out.length; r += rowBytes) {
      for (let i = bpp; i < rowBytes; i++)
        out[r + i] = ((out[r + i] as number) + (out[r + i - bpp] as number)) & 0xff;
    }
    return out;
  }
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  let prev = new Uint8Array(rowBytes);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowBytes + 1)] as number;
    const row = data.subarray(r * (rowBytes + 1) + 1, (r + 1) * (rowBytes + 1));
    const cur = out.subarray(r * rowBytes, (r + 1) * rowBytes);
    for (let i = 0; i < rowBytes; i++) {
      const left = i >= bpp ? (cur[i - bpp] as number) : 0;
      const up = prev[i] as number;
      const upLeft = i >= bpp ? (prev[i - bpp] as number) : 0;
      const x = row[i] as number;
      let v: number;
      switch (type) {
        case 0:
          v = x;
          break;
        case 1:
          v = x + left;
          break;
        case 2:
          v = x + up;
          break;
        case 3:
          v = x + ((left + up) >> 1);
          break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          v = x + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
          break;
        }
        default:
          throw malformed('bad PNG predictor row type', { type });
      }
      cur[i] = v & 0xff;
    }
    prev = cur;
  }
  return out;
}

/** Finds every "num gen obj" header in the file: key num·65536+gen → offsets. */
function scanObjectHeaders(bytes: Uint8Array): Map<number, number[]> {
  const found = new Map<number, number[]>();
  for (let at = indexOf(bytes, OBJ); at >= 0; at = indexOf(bytes, OBJ, at + 3)) {
    if (!keywordAt(bytes, at, 'obj')) continue;
    // Walk back over "num ws gen ws".
    let p = at - 1;
    const back = (digits: boolean): number => {
      const end = p;
      if (digits) while (p >= 0 && (bytes[p] as number) >= 0x30 && (bytes[p] as number) <= 0x39) p--;
      else
        while (p >= 0 && (bytes[p] === 0x20 || bytes[p] === 0x0a || bytes[p] === 0x0d || bytes[p] === 0x09))
          p--;
      return end - p;
    };
    if (!back(false) || !back(true)) continue;
    const genStart = p + 1;
    if (!back(false) || !back(true)) continue;
    const numStart = p + 1;
    const num = readUnsigned(bytes, numStart);
    const gen = readUnsigned(bytes, genStart);
    if (!num || !gen) continue;
    const key = num.value * 65536 + (gen.value & 0xffff);
    const list = found.get(key) ?? [];
    list.push(numStart);
    found.set(key, list);
  }
  return found;
}
