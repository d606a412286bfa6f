/**
 * The zip writer of the OFD writer and sealer: UTF-8 names, no data descriptors, no ZIP64, one
 * timestamp for every entry (so equal inputs give equal bytes). Entries are new content (deflated
 * with node's zlib unless told otherwise) or parts of an opened package copied as stored, which is
 * what lets the sealer add a signature without inflating and deflating every part again.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { ofdError } from './errors.js';
import type { StoredOfdPart } from './package.js';

export type OfdZipEntry =
  | {
      readonly name: string;
      readonly data: Uint8Array;
      /** Default true; false for data that is already compressed (PNG). */
      readonly deflate?: boolean;
    }
  | { readonly name: string; readonly stored: StoredOfdPart };

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIGNATURE = 0x06054b50;
const FLAG_UTF8 = 0x0800;
const VERSION_NEEDED = 20;
const MAX_UINT32 = 0xffffffff;

/** MS-DOS date and time fields of `at` in China time (zip times are local times). */
function dosDateTime(at: Date): { date: number; time: number } {
  const t = new Date(at.getTime() + 8 * 3600_000);
  const year = Math.min(Math.max(t.getUTCFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((t.getUTCMonth() + 1) << 5) | t.getUTCDate(),
    time: (t.getUTCHours() << 11) | (t.getUTCMinutes() << 5) | (t.getUTCSeconds() >> 1),
  };
}

interface Prepared {
  readonly name: Uint8Array;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly data: Uint8Array;
}

function prepare(entry: OfdZipEntry): Prepared {
  const name = new TextEncoder().encode(entry.name);
  if ('stored' in entry) {
    const { method, crc, size, data } = entry.stored;
    return { name, method, crc, size, data };
  }
  const deflate = entry.deflate !== false;
  return {
    name,
    method: deflate ? 8 : 0,
    crc: crc32(entry.data),
    size: entry.data.length,
    data: deflate ? deflateRawSync(entry.data) : entry.data,
  };
}

/** Writes the entries in the order given. Throws OFD_TOO_LARGE beyond what a zip without ZIP64 holds. */
export function writeOfdZip(entries: readonly OfdZipEntry[], modified: Date): Uint8Array {
  const items = entries.map(prepare);
  const { date, time } = dosDateTime(modified);
  const localSize = items.reduce((n, e) => n + 30 + e.name.length + e.data.length, 0);
  const centralSize = items.reduce((n, e) => n + 46 + e.name.length, 0);
  if (localSize + centralSize + 22 > MAX_UINT32 || items.length > 0xffff) {
    throw ofdError('OFD_TOO_LARGE', 'the package is too large for a zip without ZIP64');
  }
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let at = 0;
  const header = (e: Prepared, signature: number, central: boolean): void => {
    view.setUint32(at, signature, true);
    let p = at + 4;
    if (central) {
      view.setUint16(p, VERSION_NEEDED, true);
      p += 2;
    }
    view.setUint16(p, VERSION_NEEDED, true);
    view.setUint16(p + 2, FLAG_UTF8, true);
    view.setUint16(p + 4, e.method, true);
    view.setUint16(p + 6, time, true);
    view.setUint16(p + 8, date, true);
    view.setUint32(p + 10, e.crc, true);
    view.setUint32(p + 14, e.data.length, true);
    view.setUint32(p + 18, e.size, true);
    view.setUint16(p + 22, e.name.length, true);
  };
  for (const e of items) {
    offsets.push(at);
    header(e, LOCAL_SIGNATURE, false);
    out.set(e.name, at + 30);
    out.set(e.data, at + 30 + e.name.length);
    at += 30 + e.name.length + e.data.length;
  }
  const centralStart = at;
  items.forEach((e, i) => {
    header(e, CENTRAL_SIGNATURE, true);
    view.setUint32(at + 42, offsets[i] as number, true);
    out.set(e.name, at + 46);
    at += 46 + e.name.length;
  });
  view.setUint32(at, EOCD_SIGNATURE, true);
  view.setUint16(at + 8, items.length, true);
  view.setUint16(at + 10, items.length, true);
  view.setUint32(at + 12, at - centralStart, true);
  view.setUint32(at + 16, centralStart, true);
  return out;
}
