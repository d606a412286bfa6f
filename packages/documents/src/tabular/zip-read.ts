/**
 * A ZIP reader for untrusted uploads. Everything that can make inflating dangerous is checked on
 * the central directory and the local headers before a single entry is inflated: entry count,
 * declared sizes and compression ratios, encryption, path traversal, duplicate names and
 * overlapping entries (the "overlapping files" bomb reuses one compressed kernel for many entries).
 * Inflating is then capped at the declared size, so an entry that lies about its size is stopped
 * after at most that many bytes, and its CRC is checked.
 */
import { inflateRawSync } from 'node:zlib';
import { crc32 } from '../seal-image/png-header.js';
import { importError } from './errors.js';
import type { ZipLimits } from './types.js';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;

export interface ZipEntry {
  readonly name: string;
  readonly rawName: Uint8Array;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  /** Where the compressed data starts (after the local header). */
  dataStart: number;
}

const malformed = (message: string, details: Record<string, unknown> = {}) =>
  importError('MALFORMED_ZIP', `damaged or truncated zip: ${message}`, details);

function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - EOCD_SIZE;
  for (let pos = last; pos >= 0 && pos >= last - 0xffff; pos--) {
    if (
      view.getUint32(pos, true) === EOCD_SIGNATURE &&
      pos + EOCD_SIZE + view.getUint16(pos + 20, true) === view.byteLength
    ) {
      return pos;
    }
  }
  throw malformed('no end of central directory');
}

function checkName(name: string): void {
  const segments = name.split('/');
  if (
    name === '' ||
    name.includes('\\') ||
    name.includes('\0') ||
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    segments.includes('..')
  ) {
    throw importError('PATH_TRAVERSAL', 'the zip holds an entry with an unsafe path', { entry: name });
  }
}

function decodeName(raw: Uint8Array, flags: number): string {
  if (!(flags & FLAG_UTF8)) return new TextDecoder('latin1').decode(raw);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw malformed('entry name is not UTF-8');
  }
}

export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();

  constructor(
    private readonly bytes: Uint8Array,
    entries: readonly ZipEntry[],
  ) {
    for (const entry of entries) this.byName.set(entry.name.toLowerCase(), entry);
  }

  /** Entry names; OPC part names are case-insensitive, so look-ups are too. */
  names(): string[] {
    return [...this.byName.values()].map((e) => e.name);
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  /** An entry as stored: its directory record and compressed bytes (for copying it unchanged). */
  stored(name: string): { readonly entry: ZipEntry; readonly data: Uint8Array } {
    const entry = this.byName.get(name.toLowerCase());
    if (!entry) throw malformed(`no entry ${name}`);
    return { entry, data: this.bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize) };
  }

  read(name: string): Uint8Array {
    const entry = this.byName.get(name.toLowerCase());
    if (!entry) throw malformed(`no entry ${name}`);
    const data = this.bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    let out: Uint8Array;
    if (entry.method === 0) {
      out = data;
    } else {
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
      } catch (err) {
        if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw importError('ZIP_BOMB', 'a zip entry inflates to more than its declared size', {
            entry: entry.name,
            declaredSize: entry.size,
          });
        }
        throw malformed('entry data does not inflate', { entry: entry.name });
      }
    }
    if (out.length !== entry.size || crc32(out) !== entry.crc) {
      throw malformed('entry size or checksum mismatch', { entry: entry.name });
    }
    return out;
  }
}

/** Reads and checks the directory of a ZIP file; inflates nothing. */
export function openZip(bytes: Uint8Array, limits: ZipLimits): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  const disk = view.getUint16(eocd + 4, true);
  const cdDisk = view.getUint16(eocd + 6, true);
  const entriesOnDisk = view.getUint16(eocd + 8, true);
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw importError('UNSUPPORTED_ZIP', 'ZIP64 archives are not accepted');
  }
  if (disk !== 0 || cdDisk !== 0 || entriesOnDisk !== count) {
    throw importError('UNSUPPORTED_ZIP', 'multi-part zip archives are not accepted');
  }
  if (count > limits.maxEntries) {
    throw importError('ZIP_BOMB', `the zip has ${count} entries, more than ${limits.maxEntries}`, {
      entries: count,
    });
  }
  if (cdOffset + cdSize > eocd) throw malformed('central directory out of bounds');

  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let pos = cdOffset;
  for (let i = 0; i < count; i++) {
    if (pos + CENTRAL_SIZE > cdOffset + cdSize || view.getUint32(pos, true) !== CENTRAL_SIGNATURE) {
      throw malformed('bad central directory entry');
    }
    const flags = view.getUint16(pos + 8, true);
    const method = view.getUint16(pos + 10, true);
    const crc = view.getUint32(pos + 16, true);
    const compressedSize = view.getUint32(pos + 20, true);
    const size = view.getUint32(pos + 24, true);
    const nameLength = view.getUint16(pos + 28, true);
    const extraLength = view.getUint16(pos + 30, true);
    const commentLength = view.getUint16(pos + 32, true);
    const localOffset = view.getUint32(pos + 42, true);
    const next = pos + CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (next > cdOffset + cdSize) throw malformed('central directory entry out of bounds');
    const rawName = bytes.subarray(pos + CENTRAL_SIZE, pos + CENTRAL_SIZE + nameLength);
    const name = decodeName(rawName, flags);
    pos = next;

    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) {
      throw importError('ENCRYPTED', 'the file is password-protected', { entry: name });
    }
    checkName(name);
    if (seen.has(name.toLowerCase())) throw malformed('duplicate entry name', { entry: name });
    seen.add(name.toLowerCase());
    if (method !== 0 && method !== 8) {
      throw importError('UNSUPPORTED_ZIP', `compression method ${method} is not accepted`, { entry: name });
    }
    if (method === 0 && compressedSize !== size)
      throw malformed('stored entry with two sizes', { entry: name });
    total += size;
    if (size > limits.maxEntryBytes || total > limits.maxTotalBytes) {
      throw importError('ZIP_BOMB', 'the zip inflates to more than the allowed size', {
        entry: name,
        size,
        maxEntryBytes: limits.maxEntryBytes,
        maxTotalBytes: limits.maxTotalBytes,
      });
    }
    if (size > limits.ratioGraceBytes && size > compressedSize * limits.maxRatio) {
      throw importError('ZIP_BOMB', 'a zip entry is compressed suspiciously well', {
        entry: name,
        size,
        compressedSize,
        maxRatio: limits.maxRatio,
      });
    }
    entries.push({ name, rawName, method, crc, compressedSize, size, localOffset, dataStart: 0 });
  }
  if (pos !== cdOffset + cdSize) throw malformed('central directory size mismatch');

  for (const entry of entries) {
    const at = entry.localOffset;
    if (at + LOCAL_SIZE > cdOffset || view.getUint32(at, true) !== LOCAL_SIGNATURE) {
      throw malformed('bad local header', { entry: entry.name });
    }
    if (view.getUint16(at + 6, true) & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) {
      throw importError('ENCRYPTED', 'the file is password-protected', { entry: entry.name });
    }
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const localName = bytes.subarray(at + LOCAL_SIZE, at + LOCAL_SIZE + nameLength);
    const sameName =
      localName.length === entry.rawName.length && localName.every((b, i) => b === entry.rawName[i]);
    entry.dataStart = at + LOCAL_SIZE + nameLength + extraLength;
    if (entry.dataStart + entry.compressedSize > cdOffset) {
      throw malformed('entry data out of bounds', { entry: entry.name });
    }
    if (!sameName) {
      throw malformed('local and central names differ', { entry: entry.name });
    }
  }
  const ordered = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < ordered.length; i++) {
    const before = ordered[i - 1] as ZipEntry;
    if (before.dataStart + before.compressedSize > (ordered[i] as ZipEntry).localOffset) {
      throw importError('ZIP_BOMB', 'zip entries overlap', { entry: (ordered[i] as ZipEntry).name });
    }
  }
  return new ZipArchive(bytes, entries);
}
