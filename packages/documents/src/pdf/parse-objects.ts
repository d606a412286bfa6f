/**
 * The PDF object model of the sealing engine's reader and writer (ISO 32000-1 §7.3). Names and
 * strings keep their bytes; dictionaries keep their key order so rewritten objects stay close to
 * the originals.
 */

export class PdfName {
  /** The name's bytes after #xx decoding, as a latin-1 string (no leading slash). */
  constructor(readonly name: string) {}
}

export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    /** Written as a hex string in the source (kept when the string is written back). */
    readonly hex = false,
  ) {}
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  get key(): string {
    return `${this.num} ${this.gen}`;
  }
}

export class PdfDict {
  readonly entries: Map<string, PdfObject>;
  constructor(entries?: Iterable<readonly [string, PdfObject]>) {
    this.entries = new Map(entries);
  }
  get(key: string): PdfObject | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: PdfObject): this {
    this.entries.set(key, value);
    return this;
  }
  delete(key: string): void {
    this.entries.delete(key);
  }
  has(key: string): boolean {
    return this.entries.has(key);
  }
  /** A shallow copy (values are shared). */
  clone(): PdfDict {
    return new PdfDict(this.entries);
  }
}

export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    /** The stream data as stored (still encoded by its /Filter). */
    readonly data: Uint8Array,
  ) {}
}

/** Raw bytes written as they are (used for the signature placeholders). */
export class PdfRaw {
  constructor(readonly text: string) {}
}

export type PdfObject =
  number | boolean | null | PdfName | PdfString | PdfRef | PdfDict | PdfStream | PdfRaw | PdfObject[];

/** An indirect object: number, generation and value. */
export interface IndirectObject {
  readonly ref: PdfRef;
  readonly value: PdfObject;
}

export const name = (value: string): PdfName => new PdfName(value);

export const isName = (value: PdfObject | undefined, expected?: string): value is PdfName =>
  value instanceof PdfName && (expected === undefined || value.name === expected);

export const isDict = (value: PdfObject | undefined): value is PdfDict => value instanceof PdfDict;

export const isRef = (value: PdfObject | undefined): value is PdfRef => value instanceof PdfRef;

export const isArray = (value: PdfObject | undefined): value is PdfObject[] => Array.isArray(value);

export const isNumber = (value: PdfObject | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

const latin1 = new TextDecoder('latin1');

/** A PDF text string (PDFDocEncoding approximated by latin-1, or UTF-16BE / UTF-8 with BOM). */
export function decodeTextString(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  return latin1.decode(bytes);
}

/** Encodes text for a PDF text string: printable ASCII as is, anything else as UTF-16BE with BOM. */
export function encodeTextString(text: string): PdfString {
  if (/^[\x20-\x7e]*$/.test(text)) return new PdfString(new TextEncoder().encode(text));
  const units = [0xfe, 0xff];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    units.push(unit >> 8, unit & 0xff);
  }
  return new PdfString(Uint8Array.from(units), true);
}
