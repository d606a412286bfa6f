import { DocumentError } from '../checks.js';
import { PdfDict, PdfName, PdfRaw, PdfRef, PdfStream, PdfString } from './parse-objects.js';
import type { PdfObject } from './parse-objects.js';

/** Serialisation of PDF objects (ISO 32000-1 §7.3) into bytes, tracking the written length. */

export class ByteWriter {
  private readonly chunks: Uint8Array[] = [];
  length = 0;

  text(value: string): this {
    return this.bytes(Buffer.from(value, 'latin1'));
  }

  bytes(value: Uint8Array): this {
    this.chunks.push(value);
    this.length += value.length;
    return this;
  }

  toBytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}

const HEX = '0123456789ABCDEF';

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').toUpperCase();
}

const NAME_SPECIAL = new Set([...'()<>[]{}/%#'].map((c) => c.charCodeAt(0)));

export function formatName(value: string): string {
  let out = '/';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0xff) throw new DocumentError('PDF_INTERNAL', 'name characters must be bytes');
    if (c < 0x21 || c > 0x7e || NAME_SPECIAL.has(c)) out += `#${HEX[c >> 4]}${HEX[c & 15]}`;
    else out += value[i];
  }
  return out;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new DocumentError('PDF_INTERNAL', 'numbers must be finite');
  if (Number.isInteger(value)) return String(value);
  const fixed = value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

function formatLiteral(bytes: Uint8Array): string {
  let out = '(';
  for (const c of bytes) {
    if (c === 0x28 || c === 0x29 || c === 0x5c) out += `\\${String.fromCharCode(c)}`;
    else if (c < 0x20 || c > 0x7e) out += `\\${c.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(c);
  }
  return `${out})`;
}

/** Writes one direct object. Streams are only allowed at the top level (see writeIndirect). */
export function writeObject(w: ByteWriter, value: PdfObject): void {
  if (value === null) w.text('null');
  else if (typeof value === 'boolean') w.text(value ? 'true' : 'false');
  else if (typeof value === 'number') w.text(formatNumber(value));
  else if (value instanceof PdfName) w.text(formatName(value.name));
  else if (value instanceof PdfString)
    w.text(value.hex ? `<${toHex(value.bytes)}>` : formatLiteral(value.bytes));
  else if (value instanceof PdfRef) w.text(`${value.num} ${value.gen} R`);
  else if (value instanceof PdfRaw) w.text(value.text);
  else if (Array.isArray(value)) {
    w.text('[');
    value.forEach((item, i) => {
      if (i > 0) w.text(' ');
      writeObject(w, item);
    });
    w.text(']');
  } else if (value instanceof PdfDict) {
    w.text('<<');
    for (const [key, item] of value.entries) {
      if (item === undefined) continue;
      w.text(formatName(key)).text(' ');
      writeObject(w, item);
    }
    w.text('>>');
  } else if (value instanceof PdfStream) {
    throw new DocumentError('PDF_INTERNAL', 'a stream cannot be a direct object');
  }
}

/** Writes "num gen obj … endobj\n"; a stream gets its /Length. */
export function writeIndirect(w: ByteWriter, ref: PdfRef, value: PdfObject): void {
  w.text(`${ref.num} ${ref.gen} obj\n`);
  if (value instanceof PdfStream) {
    const dict = value.dict.clone().set('Length', value.data.length);
    writeObject(w, dict);
    w.text('\nstream\n').bytes(value.data).text('\nendstream');
  } else writeObject(w, value);
  w.text('\nendobj\n');
}
