import { DocumentError } from '../checks.js';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, isNumber, isRef } from './parse-objects.js';
import type { IndirectObject, PdfObject } from './parse-objects.js';

/**
 * A strict recursive-descent reader of PDF objects (ISO 32000-1 §7.2–7.3) over the file bytes.
 * Every syntax error is a DocumentError PDF_MALFORMED with the byte offset.
 */

const MAX_DEPTH = 64;

const enum Ch {
  NUL = 0x00,
  TAB = 0x09,
  LF = 0x0a,
  FF = 0x0c,
  CR = 0x0d,
  SP = 0x20,
  PERCENT = 0x25,
  LPAREN = 0x28,
  RPAREN = 0x29,
  PLUS = 0x2b,
  MINUS = 0x2d,
  DOT = 0x2e,
  SLASH = 0x2f,
  LT = 0x3c,
  GT = 0x3e,
  LBRACKET = 0x5b,
  BACKSLASH = 0x5c,
  RBRACKET = 0x5d,
  LBRACE = 0x7b,
  RBRACE = 0x7d,
  HASH = 0x23,
}

export const isWhitespace = (c: number | undefined): boolean =>
  c === Ch.SP || c === Ch.LF || c === Ch.CR || c === Ch.TAB || c === Ch.FF || c === Ch.NUL;

const isDelimiter = (c: number | undefined): boolean =>
  c === Ch.LPAREN ||
  c === Ch.RPAREN ||
  c === Ch.LT ||
  c === Ch.GT ||
  c === Ch.LBRACKET ||
  c === Ch.RBRACKET ||
  c === Ch.LBRACE ||
  c === Ch.RBRACE ||
  c === Ch.SLASH ||
  c === Ch.PERCENT;

const isRegular = (c: number | undefined): boolean => c !== undefined && !isWhitespace(c) && !isDelimiter(c);
const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Resolves an indirect /Length of a stream. */
export type LengthResolver = (ref: PdfRef) => number | undefined;

export function malformed(message: string, details?: Record<string, unknown>): DocumentError {
  return new DocumentError('PDF_MALFORMED', message, details);
}

const latin1 = new TextDecoder('latin1');

export class PdfLexer {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    pos = 0,
    /** Offset added to positions in error messages (object streams). */
    private readonly origin = 0,
  ) {
    this.pos = pos;
  }

  private fail(message: string): DocumentError {
    return malformed(`${message} at offset ${this.origin + this.pos}`, { offset: this.origin + this.pos });
  }

  skipWhitespace(): void {
    const b = this.bytes;
    for (;;) {
      const c = b[this.pos];
      if (isWhitespace(c)) this.pos++;
      else if (c === Ch.PERCENT) {
        while (this.pos < b.length && b[this.pos] !== Ch.LF && b[this.pos] !== Ch.CR) this.pos++;
      } else return;
    }
  }

  /** Reads a keyword or other regular token without interpreting it. */
  readToken(): string {
    this.skipWhitespace();
    const start = this.pos;
    while (isRegular(this.bytes[this.pos])) this.pos++;
    return latin1.decode(this.bytes.subarray(start, this.pos));
  }

  /** Consumes `keyword` (followed by a non-regular byte) or fails. */
  expectKeyword(keyword: string): void {
    const start = this.pos;
    const token = this.readToken();
    if (token !== keyword) {
      this.pos = start;
      throw this.fail(`expected "${keyword}", found "${token.slice(0, 20)}"`);
    }
  }

  /** Whether `keyword` comes next (after whitespace); consumed if so. */
  tryKeyword(keyword: string): boolean {
    const start = this.pos;
    if (this.readToken() === keyword) return true;
    this.pos = start;
    return false;
  }

  readInteger(): number {
    this.skipWhitespace();
    const start = this.pos;
    while (isDigit(this.bytes[this.pos])) this.pos++;
    if (start === this.pos || isRegular(this.bytes[this.pos])) {
      this.pos = start;
      throw this.fail('expected an unsigned integer');
    }
    return Number(latin1.decode(this.bytes.subarray(start, this.pos)));
  }

  /** Parses one direct object (a reference `n g R` counts as one). */
  parseObject(depth = 0): PdfObject {
    if (depth > MAX_DEPTH) throw this.fail('objects nested too deeply');
    this.skipWhitespace();
    const b = this.bytes;
    const c = b[this.pos];
    if (c === undefined) throw this.fail('unexpected end of file');
    switch (c) {
      case Ch.SLASH:
        return this.parseName();
      case Ch.LPAREN:
        return this.parseLiteralString();
      case Ch.LT:
        return b[this.pos + 1] === Ch.LT ? this.parseDict(depth) : this.parseHexString();
      case Ch.LBRACKET: {
        this.pos++;
        const items: PdfObject[] = [];
        for (;;) {
          this.skipWhitespace();
          if (b[this.pos] === Ch.RBRACKET) {
            this.pos++;
            return items;
          }
          if (this.pos >= b.length) throw this.fail('unterminated array');
          items.push(this.parseObject(depth + 1));
        }
      }
      default:
        break;
    }
    if (isDigit(c) || c === Ch.PLUS || c === Ch.MINUS || c === Ch.DOT) return this.parseNumberOrRef();
    const start = this.pos;
    const token = this.readToken();
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token === 'null') return null;
    this.pos = start;
    throw this.fail(token ? `unexpected keyword "${token.slice(0, 20)}"` : 'unexpected byte');
  }

  private parseNumberOrRef(): number | PdfRef {
    const value = this.parseNumber();
    if (!Number.isInteger(value) || value < 0) return value;
    // Look ahead for "gen R".
    const save = this.pos;
    this.skipWhitespace();
    if (isDigit(this.bytes[this.pos])) {
      const genStart = this.pos;
      while (isDigit(this.bytes[this.pos])) this.pos++;
      if (!isRegular(this.bytes[this.pos])) {
        const gen = Number(latin1.decode(this.bytes.subarray(genStart, this.pos)));
        this.skipWhitespace();
        if (this.bytes[this.pos] === 0x52 /* R */ && !isRegular(this.bytes[this.pos + 1])) {
          this.pos++;
          return new PdfRef(value, gen);
        }
      }
    }
    this.pos = save;
    return value;
  }

  private parseNumber(): number {
    const b = this.bytes;
    const start = this.pos;
    if (b[this.pos] === Ch.PLUS || b[this.pos] === Ch.MINUS) this.pos++;
    let digits = 0;
    let dot = false;
    for (;;) {
      const c = b[this.pos];
      if (isDigit(c)) digits++;
      else if (c === Ch.DOT && !dot) dot = true;
      else break;
      this.pos++;
    }
    if (digits === 0 || isRegular(b[this.pos])) {
      this.pos = start;
      throw this.fail('malformed number');
    }
    const value = Number(latin1.decode(b.subarray(start, this.pos)));
    if (!Number.isFinite(value)) throw this.fail('malformed number');
    return value;
  }

  private parseName(): PdfName {
    const b = this.bytes;
    this.pos++; // '/'
    const out: number[] = [];
    while (isRegular(b[this.pos])) {
      const c = b[this.pos] as number;
      if (c === Ch.HASH) {
        const hi = hexValue(b[this.pos + 1] ?? 0);
        const lo = hexValue(b[this.pos + 2] ?? 0);
        if (hi < 0 || lo < 0) throw this.fail('bad #xx escape in a name');
        out.push(hi * 16 + lo);
        this.pos += 3;
      } else {
        out.push(c);
        this.pos++;
      }
    }
    return new PdfName(latin1.decode(Uint8Array.from(out)));
  }

  private parseLiteralString(): PdfString {
    const b = this.bytes;
    this.pos++; // '('
    const out: number[] = [];
    let nesting = 1;
    for (;;) {
      const c = b[this.pos++];
      if (c === undefined) throw this.fail('unterminated string');
      if (c === Ch.LPAREN) {
        nesting++;
        out.push(c);
      } else if (c === Ch.RPAREN) {
        if (--nesting === 0) return new PdfString(Uint8Array.from(out));
        out.push(c);
      } else if (c === Ch.CR) {
        // An unescaped end-of-line is read as LF.
        if (b[this.pos] === Ch.LF) this.pos++;
        out.push(Ch.LF);
      } else if (c === Ch.BACKSLASH) {
        const e = b[this.pos++];
        if (e === undefined) throw this.fail('unterminated string');
        if (e === 0x6e) out.push(0x0a);
        else if (e === 0x72) out.push(0x0d);
        else if (e === 0x74) out.push(0x09);
        else if (e === 0x62) out.push(0x08);
        else if (e === 0x66) out.push(0x0c);
        else if (e === Ch.CR) {
          if (b[this.pos] === Ch.LF) this.pos++;
        } else if (e === Ch.LF) {
          // line continuation
        } else if (e >= 0x30 && e <= 0x37) {
          let value = e - 0x30;
          for (let i = 0; i < 2; i++) {
            const d = b[this.pos];
            if (d === undefined || d < 0x30 || d > 0x37) break;
            value = value * 8 + (d - 0x30);
            this.pos++;
          }
          out.push(value & 0xff);
        } else out.push(e);
      } else out.push(c);
    }
  }

  private parseHexString(): PdfString {
    const b = this.bytes;
    this.pos++; // '<'
    const out: number[] = [];
    let high = -1;
    for (;;) {
      const c = b[this.pos++];
      if (c === undefined) throw this.fail('unterminated hex string');
      if (c === Ch.GT) break;
      if (isWhitespace(c)) continue;
      const v = hexValue(c);
      if (v < 0) throw this.fail('bad byte in a hex string');
      if (high < 0) high = v;
      else {
        out.push(high * 16 + v);
        high = -1;
      }
    }
    if (high >= 0) out.push(high * 16);
    return new PdfString(Uint8Array.from(out), true);
  }

  private parseDict(depth: number): PdfDict {
    const b = this.bytes;
    this.pos += 2; // '<<'
    const dict = new PdfDict();
    for (;;) {
      this.skipWhitespace();
      if (b[this.pos] === Ch.GT && b[this.pos + 1] === Ch.GT) {
        this.pos += 2;
        return dict;
      }
      if (b[this.pos] !== Ch.SLASH) throw this.fail('expected a name as dictionary key');
      const key = this.parseName().name;
      this.skipWhitespace();
      if (b[this.pos] === Ch.GT && b[this.pos + 1] === Ch.GT) throw this.fail(`no value for key /${key}`);
      dict.set(key, this.parseObject(depth + 1));
    }
  }

  /**
   * Parses "n g obj … endobj" at the current position, with stream data when present. An
   * indirect /Length is resolved with `resolveLength`; a /Length that does not end at "endstream"
   * is refused.
   */
  parseIndirectObject(resolveLength?: LengthResolver): IndirectObject & { readonly end: number } {
    const num = this.readInteger();
    const gen = this.readInteger();
    this.expectKeyword('obj');
    const value = this.parseObject();
    const ref = new PdfRef(num, gen);
    const save = this.pos;
    if (value instanceof PdfDict && this.tryKeyword('stream')) {
      const b = this.bytes;
      if (b[this.pos] === Ch.CR && b[this.pos + 1] === Ch.LF) this.pos += 2;
      else if (b[this.pos] === Ch.LF || b[this.pos] === Ch.CR) this.pos++;
      else throw this.fail('"stream" not followed by an end-of-line');
      const lengthValue = value.get('Length');
      const length = isRef(lengthValue) ? resolveLength?.(lengthValue) : lengthValue;
      if (!isNumber(length) || !Number.isInteger(length) || length < 0 || this.pos + length > b.length) {
        throw this.fail(`bad stream /Length in object ${num} ${gen}`);
      }
      const data = b.subarray(this.pos, this.pos + length);
      this.pos += length;
      if (!this.tryKeyword('endstream')) throw this.fail(`stream /Length of object ${num} ${gen} is wrong`);
      this.tryKeyword('endobj');
      return { ref, value: new PdfStream(value, data), end: this.pos };
    }
    this.pos = save;
    if (!this.tryKeyword('endobj')) throw this.fail(`object ${num} ${gen} has no "endobj"`);
    return { ref, value, end: this.pos };
  }
}
