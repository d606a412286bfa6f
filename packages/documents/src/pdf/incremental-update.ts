import { DocumentError } from '../checks.js';
import type { PdfFile } from './parse-document.js';
import { PdfDict, PdfName, PdfRaw, PdfRef, PdfStream, PdfString, isArray, isDict } from './parse-objects.js';
import type { PdfObject } from './parse-objects.js';
import { ByteWriter, writeIndirect, writeObject } from './write-objects.js';

/**
 * An incremental update (ISO 32000-1 §7.5.6): the original bytes are kept untouched; new and
 * changed objects, a cross-reference section of the same kind as the newest one (a classic table,
 * or a cross-reference stream) and a trailer with /Prev are appended.
 */

/** A raw piece of text whose offset in the output is recorded under `id`. */
export class MarkedRaw extends PdfRaw {
  constructor(
    text: string,
    readonly id: string,
  ) {
    super(text);
  }
}

export interface WrittenUpdate {
  /** The whole new file: original bytes followed by the update. */
  readonly bytes: Uint8Array;
  /** Offsets (in the new file) of every MarkedRaw written. */
  readonly marks: ReadonlyMap<string, number>;
  /** Offset where the appended update starts. */
  readonly updateStart: number;
}

class MarkingWriter extends ByteWriter {
  readonly marks = new Map<string, number>();
}

function writeMarked(w: MarkingWriter, value: PdfObject): void {
  // Walks the object once more only to find marks; the objects written here are small.
  if (value instanceof MarkedRaw) {
    w.marks.set(value.id, w.length);
    w.text(value.text);
  } else if (value instanceof PdfDict) {
    w.text('<<');
    for (const [key, item] of value.entries) {
      writeObject(w, new PdfName(key));
      w.text(' ');
      writeMarked(w, item);
    }
    w.text('>>');
  } else if (Array.isArray(value)) {
    w.text('[');
    value.forEach((item, i) => {
      if (i > 0) w.text(' ');
      writeMarked(w, item);
    });
    w.text(']');
  } else writeObject(w, value);
}

export class IncrementalUpdate {
  private readonly objects = new Map<number, { ref: PdfRef; value: PdfObject }>();
  private next: number;

  constructor(readonly file: PdfFile) {
    this.next = file.size;
  }

  /** A fresh object number. */
  allocate(): PdfRef {
    return new PdfRef(this.next++, 0);
  }

  /** Adds (or replaces) an object of the update. */
  put(ref: PdfRef, value: PdfObject): PdfRef {
    this.objects.set(ref.num, { ref, value });
    return ref;
  }

  /** Adds a new object and returns its reference. */
  add(value: PdfObject): PdfRef {
    return this.put(this.allocate(), value);
  }

  /** A copy of an existing dictionary, registered as changed; later edits go to the same copy. */
  editDict(ref: PdfRef): PdfDict {
    const pending = this.objects.get(ref.num);
    if (pending && isDict(pending.value)) return pending.value;
    const value = this.file.getObject(ref);
    if (!isDict(value)) throw new DocumentError('PDF_MALFORMED', `object ${ref.num} is not a dictionary`);
    const copy = value.clone();
    this.put(ref, copy);
    return copy;
  }

  /** A copy of an existing array, registered as changed. */
  editArray(ref: PdfRef): PdfObject[] {
    const pending = this.objects.get(ref.num);
    if (pending && isArray(pending.value)) return pending.value;
    const value = this.file.getObject(ref);
    if (!isArray(value)) throw new DocumentError('PDF_MALFORMED', `object ${ref.num} is not an array`);
    const copy = [...value];
    this.put(ref, copy);
    return copy;
  }

  /**
   * Serialises the update after the original bytes. `documentId` becomes the second element of
   * the trailer /ID (the first is kept, or set to it when the file has none).
   */
  write(documentId: Uint8Array): WrittenUpdate {
    const original = this.file.bytes;
    const w = new MarkingWriter();
    w.bytes(original);
    const last = original[original.length - 1];
    if (last !== 0x0a && last !== 0x0d) w.text('\n');
    const updateStart = w.length;
    const offsets = new Map<number, { offset: number; gen: number }>();
    for (const { ref, value } of this.objects.values()) {
      offsets.set(ref.num, { offset: w.length, gen: ref.gen });
      if (value instanceof PdfStream) writeIndirect(w, ref, value);
      else {
        w.text(`${ref.num} ${ref.gen} obj\n`);
        writeMarked(w, value);
        w.text('\nendobj\n');
      }
    }
    const trailer = this.trailer(documentId);
    const xrefOffset = w.length;
    if (this.file.xref.lastKind === 'stream') {
      const xrefRef = this.allocate();
      offsets.set(xrefRef.num, { offset: xrefOffset, gen: 0 });
      trailer.set('Size', this.next);
      writeIndirect(w, xrefRef, xrefStream(trailer, offsets, xrefOffset));
    } else {
      trailer.set('Size', this.next);
      w.text('xref\n');
      for (const [first, nums] of subsections(offsets)) {
        w.text(`${first} ${nums.length}\n`);
        for (const num of nums) {
          const entry = offsets.get(num) as { offset: number; gen: number };
          w.text(`${String(entry.offset).padStart(10, '0')} ${String(entry.gen).padStart(5, '0')} n\r\n`);
        }
      }
      w.text('trailer\n');
      writeObject(w, trailer);
      w.text('\n');
    }
    w.text(`startxref\n${xrefOffset}\n%%EOF\n`);
    return { bytes: w.toBytes(), marks: w.marks, updateStart };
  }

  private trailer(documentId: Uint8Array): PdfDict {
    const old = this.file.xref.trailer;
    const trailer = new PdfDict();
    trailer.set('Size', 0);
    trailer.set('Root', this.file.catalogRef);
    const info = old.get('Info');
    if (info instanceof PdfRef) trailer.set('Info', info);
    const oldId = this.file.resolve(old.get('ID'));
    const first =
      isArray(oldId) && oldId[0] instanceof PdfString ? oldId[0] : new PdfString(documentId, true);
    trailer.set('ID', [new PdfString(first.bytes, true), new PdfString(documentId, true)]);
    trailer.set('Prev', this.file.xref.startxref);
    return trailer;
  }
}

/** Consecutive runs of object numbers: [first, numbers]. */
function subsections(offsets: ReadonlyMap<number, unknown>): [number, number[]][] {
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  const runs: [number, number[]][] = [];
  for (const num of nums) {
    const run = runs[runs.length - 1];
    if (run && run[0] + run[1].length === num) run[1].push(num);
    else runs.push([num, [num]]);
  }
  return runs;
}

function xrefStream(
  trailer: PdfDict,
  offsets: ReadonlyMap<number, { offset: number; gen: number }>,
  maxOffset: number,
): PdfStream {
  let width = 1;
  while (maxOffset >= 256 ** width) width++;
  const runs = subsections(offsets);
  const rowWidth = 1 + width + 2;
  const data = new Uint8Array(offsets.size * rowWidth);
  let pos = 0;
  for (const [, nums] of runs) {
    for (const num of nums) {
      const { offset, gen } = offsets.get(num) as { offset: number; gen: number };
      data[pos] = 1;
      for (let i = 0; i < width; i++) data[pos + 1 + i] = Math.floor(offset / 256 ** (width - 1 - i)) & 0xff;
      data[pos + 1 + width] = (gen >> 8) & 0xff;
      data[pos + 2 + width] = gen & 0xff;
      pos += rowWidth;
    }
  }
  const dict = new PdfDict([
    ['Type', new PdfName('XRef')],
    ['W', [1, width, 2]],
    ['Index', runs.flatMap(([first, nums]) => [first, nums.length])],
  ]);
  for (const [key, value] of trailer.entries) dict.set(key, value);
  return new PdfStream(dict, data);
}
