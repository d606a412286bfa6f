/** Structural check of a PNG file without decoding pixels: signature, chunks, CRCs, IHDR. */
import { DocumentError } from '../checks.js';

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as PNG uses it). */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly interlaced: boolean;
}

export interface PngStructure extends PngHeader {
  /** Colour type with an alpha channel (4, 6) or a tRNS chunk before the image data. */
  readonly hasAlphaInformation: boolean;
}

const VALID_DEPTHS: Record<number, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

function corrupt(reason: string, details: Record<string, unknown> = {}): DocumentError {
  return new DocumentError('SEAL_IMAGE_CORRUPT', `damaged PNG: ${reason}`, { reason, ...details });
}

/** Reads and checks the IHDR chunk only (first chunk after the signature). */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  if (!isPng(bytes)) throw new DocumentError('SEAL_IMAGE_NOT_AN_IMAGE', 'not a PNG file');
  if (bytes.length < 8 + 25) throw corrupt('truncated before the end of IHDR');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(8);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (type !== 'IHDR' || length !== 13) throw corrupt('the first chunk is not a 13-byte IHDR', { type });
  if (crc32(bytes, 12, 29) !== view.getUint32(29)) throw corrupt('IHDR checksum mismatch');
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  const bitDepth = bytes[24] as number;
  const colorType = bytes[25] as number;
  const compression = bytes[26] as number;
  const filter = bytes[27] as number;
  const interlace = bytes[28] as number;
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) {
    throw corrupt('invalid image size', { width, height });
  }
  if (!VALID_DEPTHS[colorType]?.includes(bitDepth)) {
    throw corrupt('invalid colour type / bit depth', { colorType, bitDepth });
  }
  if (compression !== 0 || filter !== 0 || interlace > 1) {
    throw corrupt('unknown compression, filter or interlace method');
  }
  return { width, height, bitDepth, colorType, interlaced: interlace === 1 };
}

/**
 * Walks every chunk: lengths within the file, CRCs, IHDR first, PLTE for palette images, at least
 * one IDAT, IEND last with nothing after it. Throws SEAL_IMAGE_CORRUPT.
 */
export function readPngStructure(bytes: Uint8Array, header: PngHeader = readPngHeader(bytes)): PngStructure {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  let sawIdat = false;
  let sawPlte = false;
  let trns = false;
  let ended = false;
  while (pos < bytes.length) {
    if (pos + 12 > bytes.length) throw corrupt('truncated chunk header', { offset: pos });
    const length = view.getUint32(pos);
    if (length > 0x7fffffff || pos + 12 + length > bytes.length) {
      throw corrupt('chunk runs past the end of the file', { offset: pos });
    }
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) throw corrupt('invalid chunk type', { offset: pos });
    if (crc32(bytes, pos + 4, pos + 8 + length) !== view.getUint32(pos + 8 + length)) {
      throw corrupt(`${type} checksum mismatch`, { offset: pos });
    }
    if (type === 'PLTE') sawPlte = true;
    else if (type === 'tRNS' && !sawIdat) trns = true;
    else if (type === 'IDAT') sawIdat = true;
    else if (type === 'IEND') {
      ended = true;
      pos += 12 + length;
      break;
    }
    pos += 12 + length;
  }
  if (!ended) throw corrupt('no IEND chunk');
  if (pos !== bytes.length) throw corrupt('data after IEND');
  if (!sawIdat) throw corrupt('no image data');
  if (header.colorType === 3 && !sawPlte) throw corrupt('palette image without PLTE');
  return { ...header, hasAlphaInformation: header.colorType === 4 || header.colorType === 6 || trns };
}
