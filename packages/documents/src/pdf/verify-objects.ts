/**
 * PDF object syntax for the verifier (ISO 32000-1 §7.2–7.3): a lexer and parser over raw bytes that
 * keeps the byte positions of strings (a signature's /Contents must be found exactly where its
 * /ByteRange leaves the gap). Bounded: nesting depth and container sizes are limited, and every
 * problem is a DocumentError (PDF_MALFORMED or PDF_LIMIT_EXCEEDED), never a hang or a RangeError.
 */
import { DocumentError } from '../checks.js';

export class PdfName {
  constructor(readonly value: string) {}
}

export class PdfString {
  /**
   * `start` / `end`: offsets of the token in the file (from '<' or '(' to just after '>' or ')');
   * -1 when the string comes from a decoded object stream.
   */
  constructor(
    readonly bytes: Uint8Array,
    readonly hex: boolean,
    readonly start: number,
    readonly end: number,
  ) {}
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

export class PdfDict {
  constructor(readonly entries: Map<string, PdfValue>) {}
  get(key: string): PdfValue | undefined {
    return this.entries.get(key);
  }
}

export class PdfStream {
  /** `data`: the raw (still encoded) stream bytes. */
  constructor(
    readonly dict: PdfDict,
    readonly data: Uint8Array,
  ) {}
}

export type PdfValue =
  null | boolean | number | PdfName | PdfString | PdfRef | PdfDict | PdfStream | PdfArray;
export type PdfArray = PdfValue[];

export const MAX_NESTING = 64;
const MAX_CONTAINER_ITEMS = 1_000_000;

export const malformed = (message: string, details?: Record<string, unknown>): DocumentError =>
  new DocumentError('PDF_MALFORMED', `malformed PDF: ${message}`, details);

export const limitExceeded = (message: string, details?: Record<string, unknown>): DocumentError =>
  new DocumentError('PDF_LIMIT_EXCEEDED', `PDF limit exceeded: ${message}`, details);

// Character classes (PDF 7.2.2).
const WS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WS[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

export const isWhitespace = (c: number | undefined): boolean => c !== undefined && WS[c] === 1;
export const isDelimiter = (c: number | undefined): boolean => c !== undefined && DELIM[c] === 1;
const isRegular = (c: number | undefined): boolean => c !== undefined && WS[c] !== 1 && DELIM[c] !== 1;
const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX[0x30 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[0x41 + i] = 10 + i;
  HEX[0x61 + i] = 10 + i;
}

/** Skips whitespace and comments from `pos`; returns the next significant offset. */
export function skipSpace(buf: Uint8Array, pos: number): number {
  const n = buf.length;
  while (pos < n) {
    const c = buf[pos] as number;
    if (WS[c] === 1) pos++;
    else if (c === 0x25) {
      while (pos < n && buf[pos] !== 0x0a && buf[pos] !== 0x0d) pos++;
    } else break;
  }
  return pos;
}

/** The regular-character token at `pos` (keyword or number), as latin1 text. */
export function readToken(buf: Uint8Array, pos: number): { text: string; end: number } {
  let end = pos;
  while (end < buf.length && isRegular(buf[end])) end++;
  return { text: latin1(buf, pos, end), end };
}

export function latin1(buf: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i += 4096) {
    s += String.fromCharCode(...buf.subarray(i, Math.min(end, i + 4096)));
  }
  return s;
}

/** Reads a non-negative integer token at `pos` (after optional space); undefined if none. */
export function readUnsigned(buf: Uint8Array, pos: number): { value: number; end: number } | undefined {
  let p = skipSpace(buf, pos);
  const start = p;
  let value = 0;
  while (isDigit(buf[p])) {
    value = value * 10 + ((buf[p] as number) - 0x30);
    p++;
  }
  if (p === start || p - start > 15 || isRegular(buf[p])) return undefined;
  return { value, end: p };
}

/** Whether the keyword `word` starts at `pos` and ends at a delimiter. */
export function keywordAt(buf: Uint8Array, pos: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (buf[pos + i] !== word.charCodeAt(i)) return false;
  return !isRegular(buf[pos + word.length]);
}

export interface ParseOptions {
  /** Whether string positions refer to the file (false inside object streams). */
  readonly inFile: boolean;
  /** Resolves an indirect /Length of a stream; undefined when unknown. */
  readonly resolveLength?: (ref: PdfRef) => number | undefined;
}

export interface Parsed<T> {
  readonly value: T;
  readonly end: number;
}

/** A recursive-descent parser for one PDF value at a time over `buf`. */
export class PdfParser {
  constructor(
    readonly buf: Uint8Array,
    readonly options: ParseOptions = { inFile: true },
  ) {}

  /** Parses one value starting at (or after space from) `pos`. */
  value(pos: number, depth = 0): Parsed<PdfValue> {
    const buf = this.buf;
    const p = skipSpace(buf, pos);
    if (p >= buf.length) throw malformed('unexpected end of data', { offset: p });
    const c = buf[p] as number;
    if (c === 0x2f) return this.name(p);
    if (c === 0x28) return this.literalString(p);
    if (c === 0x3c) {
      if (buf[p + 1] === 0x3c) return this.dictOrStream(p, depth);
      return this.hexString(p);
    }
    if (c === 0x5b) return this.array(p, depth);
    if (isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e) return this.numberOrRef(p);
    const token = readToken(buf, p);
    if (token.text === 'true') return { value: true, end: token.end };
    if (token.text === 'false') return { value: false, end: token.end };
    if (token.text === 'null') return { value: null, end: token.end };
    throw malformed(`unexpected token "${token.text.slice(0, 20) || String.fromCharCode(c)}"`, { offset: p });
  }

  private name(p: number): Parsed<PdfName> {
    const buf = this.buf;
    let end = p + 1;
    let s = '';
    while (end < buf.length && isRegular(buf[end])) {
      const ch = buf[end] as number;
      if (ch === 0x23) {
        const hi = HEX[buf[end + 1] ?? 0] as number;
        const lo = HEX[buf[end + 2] ?? 0] as number;
        if (hi >= 0 && lo >= 0) {
          s += String.fromCharCode(hi * 16 + lo);
          end += 3;
          continue;
        }
      }
      s += String.fromCharCode(ch);
      end++;
    }
    return { value: new PdfName(s), end };
  }

  private literalString(p: number): Parsed<PdfString> {
    const buf = this.buf;
    const out: number[] = [];
    let depth = 1;
    let i = p + 1;
    while (i < buf.length) {
      const ch = buf[i] as number;
      if (ch === 0x5c) {
        const next = buf[i + 1];
        if (next === undefined) break;
        i += 2;
        switch (next) {
          case 0x6e:
            out.push(10);
            break;
          case 0x72:
            out.push(13);
            break;
          case 0x74:
            out.push(9);
            break;
          case 0x62:
            out.push(8);
            break;
          case 0x66:
            out.push(12);
            break;
          case 0x0d:
            if (buf[i] === 0x0a) i++;
            break;
          case 0x0a:
            break;
          default:
            if (next >= 0x30 && next <= 0x37) {
              let v = next - 0x30;
              for (let k = 0; k < 2 && (buf[i] as number) >= 0x30 && (buf[i] as number) <= 0x37; k++) {
                v = v * 8 + ((buf[i] as number) - 0x30);
                i++;
              }
              out.push(v & 0xff);
            } else out.push(next);
        }
        continue;
      }
      if (ch === 0x28) depth++;
      else if (ch === 0x29) {
        depth--;
        if (depth === 0) {
          const end = i + 1;
          return { value: this.string(Uint8Array.from(out), false, p, end), end };
        }
      } else if (ch === 0x0d) {
        // An unescaped end-of-line in a string is read as a single line feed.
        out.push(10);
        if (buf[i + 1] === 0x0a) i++;
        i++;
        continue;
      }
      out.push(ch);
      i++;
    }
    throw malformed('unterminated literal string', { offset: p });
  }

  private hexString(p: number): Parsed<PdfString> {
    const buf = this.buf;
    const close = buf.indexOf(0x3e, p + 1);
    if (close < 0) throw malformed('unterminated hex string', { offset: p });
    const out = new Uint8Array((close - p) >> 1);
    let n = 0;
    let hi = -1;
    for (let i = p + 1; i < close; i++) {
      const ch = buf[i] as number;
      const v = HEX[ch] as number;
      if (v < 0) {
        if (WS[ch] === 1) continue;
        throw malformed('bad character in hex string', { offset: i });
      }
      if (hi < 0) hi = v;
      else {
        out[n++] = hi * 16 + v;
        hi = -1;
      }
    }
    if (hi >= 0) out[n++] = hi * 16;
    return { value: this.string(out.subarray(0, n), true, p, close + 1), end: close + 1 };
  }

  private string(bytes: Uint8Array, hex: boolean, start: number, end: number): PdfString {
    return this.options.inFile ? new PdfString(bytes, hex, start, end) : new PdfString(bytes, hex, -1, -1);
  }

  private numberOrRef(p: number): Parsed<number | PdfRef> {
    const buf = this.buf;
    const token = readToken(buf, p);
    const value = Number(token.text);
    if (!Number.isFinite(value)) {
      // Writers emit oddities such as "--1" or "1.2.3"; be as lenient as common readers.
      const cleaned = Number.parseFloat(token.text.replace(/^[-+]+/, (m) => (m.includes('-') ? '-' : '')));
      if (!Number.isFinite(cleaned))
        throw malformed(`bad number "${token.text.slice(0, 20)}"`, { offset: p });
      return { value: cleaned, end: token.end };
    }
    if (Number.isInteger(value) && value >= 0 && /^\d+$/.test(token.text)) {
      // Maybe "num gen R".
      const gen = readUnsigned(buf, token.end);
      if (gen) {
        const r = skipSpace(buf, gen.end);
        if (buf[r] === 0x52 && !isRegular(buf[r + 1])) {
          return { value: new PdfRef(value, gen.value), end: r + 1 };
        }
      }
    }
    return { value, end: token.end };
  }

  private array(p: number, depth: number): Parsed<PdfArray> {
    if (depth >= MAX_NESTING)
      throw limitExceeded('objects nested too deeply', { offset: p, max: MAX_NESTING });
    const buf = this.buf;
    const items: PdfValue[] = [];
    let pos = p + 1;
    for (;;) {
      pos = skipSpace(buf, pos);
      if (pos >= buf.length) throw malformed('unterminated array', { offset: p });
      if (buf[pos] === 0x5d) return { value: items, end: pos + 1 };
      if (items.length >= MAX_CONTAINER_ITEMS) throw limitExceeded('array too long', { offset: p });
      const item = this.value(pos, depth + 1);
      items.push(item.value);
      pos = item.end;
    }
  }

  private dictOrStream(p: number, depth: number): Parsed<PdfDict | PdfStream> {
    const dict = this.dict(p, depth);
    const buf = this.buf;
    const s = skipSpace(buf, dict.end);
    if (!keywordAt(buf, s, 'stream')) return dict;
    let dataStart = s + 6;
    if (buf[dataStart] === 0x0d) dataStart++;
    if (buf[dataStart] === 0x0a) dataStart++;
    let length: number | undefined;
    const raw = dict.value.get('Length');
    if (typeof raw === 'number') length = raw;
    else if (raw instanceof PdfRef) length = this.options.resolveLength?.(raw);
    let dataEnd = -1;
    if (length !== undefined && Number.isInteger(length) && length >= 0 && dataStart + length <= buf.length) {
      const e = skipSpace(buf, dataStart + length);
      if (keywordAt(buf, e, 'endstream')) dataEnd = dataStart + length;
    }
    if (dataEnd < 0) {
      // Wrong or missing /Length: fall back to the next "endstream".
      const found = indexOf(buf, ENDSTREAM, dataStart);
      if (found < 0) throw malformed('stream without endstream', { offset: p });
      dataEnd = found;
      if (buf[dataEnd - 1] === 0x0a) dataEnd--;
      if (buf[dataEnd - 1] === 0x0d) dataEnd--;
      if (dataEnd < dataStart) dataEnd = dataStart;
    }
    const after = skipSpace(buf, dataEnd);
    const end = keywordAt(buf, after, 'endstream') ? after + 9 : dataEnd;
    return { value: new PdfStream(dict.value, buf.subarray(dataStart, dataEnd)), end };
  }

  private dict(p: number, depth: number): Parsed<PdfDict> {
    if (depth >= MAX_NESTING)
      throw limitExceeded('objects nested too deeply', { offset: p, max: MAX_NESTING });
    const buf = this.buf;
    const entries = new Map<string, PdfValue>();
    let pos = p + 2;
    for (;;) {
      pos = skipSpace(buf, pos);
      if (pos >= buf.length) throw malformed('unterminated dictionary', { offset: p });
      if (buf[pos] === 0x3e && buf[pos + 1] === 0x3e) return { value: new PdfDict(entries), end: pos + 2 };
      if (buf[pos] !== 0x2f) throw malformed('dictionary key is not a name', { offset: pos });
      if (entries.size >= MAX_CONTAINER_ITEMS) throw limitExceeded('dictionary too large', { offset: p });
      const key = this.name(pos);
      const v = skipSpace(buf, key.end);
      if (buf[v] === 0x3e && buf[v + 1] === 0x3e) {
        // A key without a value (seen in the wild): read it as null.
        entries.set(key.value.value, null);
        pos = v;
        continue;
      }
      const value = this.value(v, depth + 1);
      // First definition wins, as in the common readers.
      if (!entries.has(key.value.value)) entries.set(key.value.value, value.value);
      pos = value.end;
    }
  }

  /**
   * Parses "num gen obj … endobj" at `pos`. Returns the header numbers, the value and the offset
   * after the value; throws when no object header is there.
   */
  indirect(pos: number): { num: number; gen: number; value: PdfValue; end: number } {
    const num = readUnsigned(this.buf, pos);
    const gen = num && readUnsigned(this.buf, num.end);
    const kw = gen ? skipSpace(this.buf, gen.end) : -1;
    if (!num || !gen || !keywordAt(this.buf, kw, 'obj'))
      throw malformed('no object header at the offset', { offset: pos });
    const value = this.value(kw + 3);
    return { num: num.value, gen: gen.value, value: value.value, end: value.end };
  }
}

const ENDSTREAM = Uint8Array.from('endstream', (c) => c.charCodeAt(0));

/** First index of `needle` in `hay` at or after `from`; -1 if none. */
export function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0] as number;
  const last = hay.length - needle.length;
  for (let i = hay.indexOf(first, from); i >= 0 && i <= last; i = hay.indexOf(first, i + 1)) {
    let k = 1;
    while (k < needle.length && hay[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

/** Last index of `needle` in `hay` starting at or before `from`; -1 if none. */
export function lastIndexOf(hay: Uint8Array, needle: Uint8Array, from = hay.length - needle.length): number {
  const first = needle[0] as number;
  for (let i = hay.lastIndexOf(first, from); i >= 0; i = i > 0 ? hay.lastIndexOf(first, i - 1) : -1) {
    let k = 1;
    while (k < needle.length && hay[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

export const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

// --- Value helpers ---

export const isName = (v: PdfValue | undefined, name?: string): v is PdfName =>
  v instanceof PdfName && (name === undefined || v.value === name);

export const nameOf = (v: PdfValue | undefined): string | null => (v instanceof PdfName ? v.value : null);

export const isDict = (v: PdfValue | undefined): v is PdfDict => v instanceof PdfDict;

export const dictOf = (v: PdfValue | undefined): PdfDict | null =>
  v instanceof PdfDict ? v : v instanceof PdfStream ? v.dict : null;

const PDF_DOC_HIGH: Record<number, number> = {
  0x80: 0x2022,
  0x81: 0x2020,
  0x82: 0x2021,
  0x83: 0x2026,
  0x84: 0x2014,
  0x85: 0x2013,
  0x86: 0x0192,
  0x87: 0x2044,
  0x88: 0x2039,
  0x89: 0x203a,
  0x8a: 0x2212,
  0x8b: 0x2030,
  0x8c: 0x201e,
  0x8d: 0x201c,
  0x8e: 0x201d,
  0x8f: 0x2018,
  0x90: 0x2019,
  0x91: 0x201a,
  0x92: 0x2122,
  0x93: 0xfb01,
  0x94: 0xfb02,
  0x95: 0x0141,
  0x96: 0x0152,
  0x97: 0x0160,
  0x98: 0x0178,
  0x99: 0x017d,
  0x9a: 0x0131,
  0x9b: 0x0142,
  0x9c: 0x0153,
  0x9d: 0x0161,
  0x9e: 0x017e,
  0xa0: 0x20ac,
};

/** Decodes a PDF text string: UTF-16BE / UTF-16LE / UTF-8 with BOM, else PDFDocEncoding. */
export function textOf(v: PdfValue | undefined): string | null {
  if (v instanceof PdfName) return v.value;
  if (!(v instanceof PdfString)) return null;
  const b = v.bytes;
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    return new TextDecoder('utf-16be').decode(b.subarray(2));
  }
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(b.subarray(2));
  }
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(b.subarray(3));
  }
  let s = '';
  for (const c of b) s += String.fromCharCode(PDF_DOC_HIGH[c] ?? c);
  return s;
}

/** PDF date "D:YYYYMMDDHHmmSSOHH'mm'" (every part after the year optional); null if unreadable. */
export function dateOf(v: PdfValue | undefined): Date | null {
  const text = textOf(v);
  if (!text) return null;
  const m =
    /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:([Zz+-])\s*(\d{2})?'?\s*(\d{2})?'?)?/.exec(
      text.trim(),
    );
  if (!m) return null;
  const n = (s: string | undefined, d: number): number => (s === undefined ? d : Number(s));
  const utc = Date.UTC(n(m[1], 0), n(m[2], 1) - 1, n(m[3], 1), n(m[4], 0), n(m[5], 0), n(m[6], 0));
  let offset = 0;
  if (m[7] === '+' || m[7] === '-') {
    offset = (n(m[8], 0) * 60 + n(m[9], 0)) * (m[7] === '-' ? -1 : 1);
  }
  const date = new Date(utc - offset * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Structural equality of two values (references compare by number and generation). */
export function valuesEqual(a: PdfValue | undefined, b: PdfValue | undefined, depth = 0): boolean {
  if (a === b) return true;
  if (depth > MAX_NESTING + 2) return false;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => valuesEqual(x, b[i], depth + 1));
  }
  if (a instanceof PdfName) return b instanceof PdfName && a.value === b.value;
  if (a instanceof PdfRef) return b instanceof PdfRef && a.num === b.num && a.gen === b.gen;
  if (a instanceof PdfString) return b instanceof PdfString && bytesEqual(a.bytes, b.bytes);
  if (a instanceof PdfDict) return b instanceof PdfDict && dictsEqual(a, b, depth);
  if (a instanceof PdfStream) {
    return (
      b instanceof PdfStream && dictsEqual(a.dict, b.dict, depth, 'Length') && bytesEqual(a.data, b.data)
    );
  }
  return false;
}

function dictsEqual(a: PdfDict, b: PdfDict, depth: number, ignore?: string): boolean {
  const keys = new Set([...a.entries.keys(), ...b.entries.keys()]);
  for (const k of keys) {
    if (k === ignore) continue;
    if (!valuesEqual(a.get(k), b.get(k), depth + 1)) return false;
  }
  return true;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
