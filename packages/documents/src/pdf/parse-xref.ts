import { DocumentError } from '../checks.js';
import { decodeStream } from './parse-filters.js';
import { PdfLexer, malformed } from './parse-lexer.js';
import { PdfDict, PdfStream, isArray, isName, isNumber } from './parse-objects.js';

/**
 * Cross-reference reading (ISO 32000-1 §7.5.4, §7.5.8): the chain of sections from the last
 * startxref through /Prev, classic tables, cross-reference streams and hybrid files (/XRefStm).
 * Nothing is repaired: an offset that does not point at the object it names is PDF_MALFORMED.
 */

export type XrefEntry =
  | { readonly type: 'free' }
  | { readonly type: 'offset'; readonly offset: number; readonly gen: number }
  | { readonly type: 'compressed'; readonly stream: number; readonly index: number };

export interface XrefSection {
  readonly kind: 'table' | 'stream';
  readonly offset: number;
  /** The trailer dictionary (for a stream: the stream dictionary). */
  readonly trailer: PdfDict;
  readonly entries: Map<number, XrefEntry>;
}

export interface XrefIndex {
  /** Offset of the newest section (the file's last startxref value). */
  readonly startxref: number;
  /** Kind of the newest section: an update appends a section of the same kind. */
  readonly lastKind: 'table' | 'stream';
  /** Whether any section of the chain is a cross-reference stream (including /XRefStm). */
  readonly usesStreams: boolean;
  /** The newest trailer. */
  readonly trailer: PdfDict;
  /** Effective entry of every object number (newest section wins). */
  readonly entries: Map<number, XrefEntry>;
  readonly sections: readonly XrefSection[];
}

const MAX_SECTIONS = 4096;
const MAX_OBJECTS = 8_000_000;
const latin1 = new TextDecoder('latin1');

/** Offset of the last "startxref" keyword's value. */
export function findStartxref(bytes: Uint8Array): number {
  const tailStart = Math.max(0, bytes.length - 4096);
  const tail = latin1.decode(bytes.subarray(tailStart));
  const at = tail.lastIndexOf('startxref');
  if (at < 0) throw malformed('no startxref: the file is truncated or not a PDF');
  const lexer = new PdfLexer(bytes, tailStart + at + 'startxref'.length);
  const offset = lexer.readInteger();
  if (!latin1.decode(bytes.subarray(lexer.pos)).includes('%%EOF')) {
    throw malformed('no %%EOF after startxref: the file is truncated');
  }
  if (offset <= 0 || offset >= bytes.length) throw malformed(`startxref ${offset} is outside the file`);
  return offset;
}

function readTable(bytes: Uint8Array, offset: number): XrefSection {
  const lexer = new PdfLexer(bytes, offset);
  lexer.expectKeyword('xref');
  const entries = new Map<number, XrefEntry>();
  for (;;) {
    if (lexer.tryKeyword('trailer')) break;
    const first = lexer.readInteger();
    const count = lexer.readInteger();
    if (first + count > MAX_OBJECTS) throw malformed('cross-reference subsection too large', { offset });
    for (let i = 0; i < count; i++) {
      const field1 = lexer.readInteger();
      const gen = lexer.readInteger();
      const type = lexer.readToken();
      const num = first + i;
      if (type === 'n') {
        if (!entries.has(num)) entries.set(num, { type: 'offset', offset: field1, gen });
      } else if (type === 'f') {
        if (!entries.has(num)) entries.set(num, { type: 'free' });
      } else throw malformed(`bad cross-reference entry for object ${num}`, { offset: lexer.pos });
    }
  }
  const trailer = lexer.parseObject();
  if (!(trailer instanceof PdfDict)) throw malformed('trailer is not a dictionary', { offset: lexer.pos });
  return { kind: 'table', offset, trailer, entries };
}

function readStreamSection(bytes: Uint8Array, offset: number): XrefSection {
  const lexer = new PdfLexer(bytes, offset);
  const { value } = lexer.parseIndirectObject();
  if (!(value instanceof PdfStream) || !isName(value.dict.get('Type'), 'XRef')) {
    throw malformed(`no cross-reference section at offset ${offset}`, { offset });
  }
  const dict = value.dict;
  const size = dict.get('Size');
  const widths = dict.get('W');
  if (!isNumber(size) || size < 0 || size > MAX_OBJECTS || !isArray(widths) || widths.length !== 3) {
    throw malformed('bad cross-reference stream dictionary', { offset });
  }
  const w = widths.map((x) => (isNumber(x) && Number.isInteger(x) && x >= 0 && x <= 8 ? x : -1));
  if (w.some((x) => x < 0)) throw malformed('bad /W in a cross-reference stream', { offset });
  const [w0, w1, w2] = w as [number, number, number];
  const indexValue = dict.get('Index') ?? [0, size];
  if (!isArray(indexValue) || indexValue.length % 2 !== 0 || !indexValue.every(isNumber)) {
    throw malformed('bad /Index in a cross-reference stream', { offset });
  }
  const data = decodeStream(value);
  const rowWidth = w0 + w1 + w2;
  const read = (pos: number, width: number): number => {
    let v = 0;
    for (let i = 0; i < width; i++) v = v * 256 + (data[pos + i] as number);
    return v;
  };
  const entries = new Map<number, XrefEntry>();
  let pos = 0;
  for (let s = 0; s < indexValue.length; s += 2) {
    const first = indexValue[s] as number;
    const count = indexValue[s + 1] as number;
    if (first < 0 || count < 0 || first + count > MAX_OBJECTS) {
      throw malformed('bad /Index in a cross-reference stream', { offset });
    }
    for (let i = 0; i < count; i++) {
      if (pos + rowWidth > data.length) throw malformed('cross-reference stream too short', { offset });
      const type = w0 === 0 ? 1 : read(pos, w0);
      const f2 = read(pos + w0, w1);
      const f3 = read(pos + w0 + w1, w2);
      pos += rowWidth;
      const num = first + i;
      if (entries.has(num)) continue;
      if (type === 0) entries.set(num, { type: 'free' });
      else if (type === 1) entries.set(num, { type: 'offset', offset: f2, gen: w2 === 0 ? 0 : f3 });
      else if (type === 2) entries.set(num, { type: 'compressed', stream: f2, index: f3 });
      // Other types are reserved and read as the null object (§7.5.8.3).
    }
  }
  return { kind: 'stream', offset, trailer: dict, entries };
}

function readSection(bytes: Uint8Array, offset: number): XrefSection {
  if (offset <= 0 || offset >= bytes.length)
    throw malformed(`cross-reference offset ${offset} is outside the file`);
  const lexer = new PdfLexer(bytes, offset);
  lexer.skipWhitespace();
  if (lexer.pos !== offset) throw malformed(`cross-reference offset ${offset} does not point at a section`);
  return bytes[offset] === 0x78 /* x */ ? readTable(bytes, offset) : readStreamSection(bytes, offset);
}

const prevOf = (trailer: PdfDict, key: string): number | undefined => {
  const value = trailer.get(key);
  if (value === undefined || value === null) return undefined;
  if (!isNumber(value) || !Number.isInteger(value)) throw malformed(`bad /${key} in a trailer`);
  return value;
};

/** Reads and checks the whole cross-reference chain. */
export function readXref(bytes: Uint8Array): XrefIndex {
  const startxref = findStartxref(bytes);
  const sections: XrefSection[] = [];
  const seen = new Set<number>();
  const entries = new Map<number, XrefEntry>();
  let usesStreams = false;
  const merge = (section: XrefSection): void => {
    for (const [num, entry] of section.entries) if (!entries.has(num)) entries.set(num, entry);
  };
  let next: number | undefined = startxref;
  while (next !== undefined) {
    if (seen.has(next)) throw malformed('cross-reference /Prev chain loops', { offset: next });
    if (sections.length >= MAX_SECTIONS) throw malformed('too many cross-reference sections');
    seen.add(next);
    const section = readSection(bytes, next);
    sections.push(section);
    if (section.kind === 'stream') usesStreams = true;
    merge(section);
    // Hybrid file: the table's objects come first, then the stream's (§7.5.8.4).
    const xrefStm = section.kind === 'table' ? prevOf(section.trailer, 'XRefStm') : undefined;
    if (xrefStm !== undefined) {
      const stream = readSection(bytes, xrefStm);
      if (stream.kind !== 'stream') throw malformed('/XRefStm does not point at a cross-reference stream');
      usesStreams = true;
      // Hybrid writers mark the compressed objects free in the table for older readers.
      for (const [num, entry] of stream.entries) {
        const current = entries.get(num);
        if (!current || (current.type === 'free' && section.entries.get(num) === current))
          entries.set(num, entry);
      }
    }
    next = prevOf(section.trailer, 'Prev');
  }
  const first = sections[0] as XrefSection;
  if (first.trailer.has('Encrypt') && first.trailer.get('Encrypt') !== null) {
    throw new DocumentError('PDF_ENCRYPTED', 'the PDF is encrypted; sealing needs an unencrypted document');
  }
  const index: XrefIndex = {
    startxref,
    lastKind: first.kind,
    usesStreams,
    trailer: first.trailer,
    entries,
    sections,
  };
  checkOffsets(bytes, index);
  return index;
}

/** Every in-use entry must point at "num gen obj" of that very object. */
function checkOffsets(bytes: Uint8Array, index: XrefIndex): void {
  for (const [num, entry] of index.entries) {
    if (entry.type === 'offset') {
      const ok = (() => {
        if (entry.offset <= 0 || entry.offset >= bytes.length) return false;
        const lexer = new PdfLexer(bytes, entry.offset);
        try {
          return lexer.readInteger() === num && lexer.readInteger() === entry.gen && lexer.tryKeyword('obj');
        } catch {
          return false;
        }
      })();
      if (!ok) {
        throw malformed(
          `cross-reference entry of object ${num} does not point at it (offset ${entry.offset})`,
          {
            object: num,
            offset: entry.offset,
          },
        );
      }
    } else if (entry.type === 'compressed') {
      const holder = index.entries.get(entry.stream);
      if (!holder || holder.type !== 'offset') {
        throw malformed(`object ${num} is in object stream ${entry.stream}, which is not in the file`, {
          object: num,
        });
      }
    }
  }
}
