import { constants, inflateSync } from 'node:zlib';
import { DocumentError } from '../checks.js';
import { malformed } from './parse-lexer.js';
import { isArray, isDict, isName, isNumber } from './parse-objects.js';
import type { PdfObject, PdfDict, PdfStream } from './parse-objects.js';

/**
 * Decoding of the streams the reader itself needs (cross-reference and object streams): no filter
 * or FlateDecode, with the PNG / TIFF predictors of §7.4.4.4. Other filters are refused.
 */

/** Upper bound on one decoded stream (decompression bombs). */
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;

function inflate(data: Uint8Array): Uint8Array {
  try {
    return new Uint8Array(
      inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: MAX_DECODED_BYTES }),
    );
  } catch (error) {
    throw malformed(`FlateDecode failed: ${(error as Error).message}`);
  }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

function applyPredictor(data: Uint8Array, params: PdfDict): Uint8Array {
  const predictor = params.get('Predictor');
  if (!isNumber(predictor) || predictor === 1) return data;
  const colors = (params.get('Colors') as number | undefined) ?? 1;
  const bpc = (params.get('BitsPerComponent') as number | undefined) ?? 8;
  const columns = (params.get('Columns') as number | undefined) ?? 1;
  if (![colors, bpc, columns].every((v) => isNumber(v) && Number.isInteger(v) && v > 0)) {
    throw malformed('bad /DecodeParms');
  }
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowBytes = Math.ceil((colors * bpc * columns) / 8);
  if (predictor === 2) {
    if (bpc !== 8) throw new DocumentError('PDF_UNSUPPORTED', 'TIFF predictor with other than 8 bits');
    const out = new Uint8Array(data);
    for (let row = 0; row + rowBytes <= out.length; row += rowBytes) {
      for (let i = bpp; i < rowBytes; i++)
        out[row + i] = ((out[row + i] as number) + (out[row + i - bpp] as number)) & 0xff;
    }
    return out;
  }
  if (predictor < 10) throw new DocumentError('PDF_UNSUPPORTED', `predictor ${predictor} is not supported`);
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  let prev = new Uint8Array(rowBytes);
  for (let r = 0; r < rows; r++) {
    const inRow = r * (rowBytes + 1);
    const type = data[inRow] as number;
    const cur = out.subarray(r * rowBytes, (r + 1) * rowBytes);
    for (let i = 0; i < rowBytes; i++) {
      const x = data[inRow + 1 + i] as number;
      const left = i >= bpp ? (cur[i - bpp] as number) : 0;
      const up = prev[i] as number;
      const upLeft = i >= bpp ? (prev[i - bpp] as number) : 0;
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
        case 4:
          v = x + paeth(left, up, upLeft);
          break;
        default:
          throw malformed(`bad PNG predictor row type ${type}`);
      }
      cur[i] = v & 0xff;
    }
    prev = cur;
  }
  return out;
}

const asList = (value: PdfObject | undefined): PdfObject[] =>
  value === undefined || value === null ? [] : isArray(value) ? value : [value];

/** The decoded data of a stream whose filters are none or FlateDecode. */
export function decodeStream(stream: PdfStream): Uint8Array {
  const filters = asList(stream.dict.get('Filter'));
  const params = asList(stream.dict.get('DecodeParms'));
  let data = stream.data;
  filters.forEach((filter, i) => {
    if (isName(filter, 'FlateDecode') || isName(filter, 'Fl')) {
      data = inflate(data);
      const p = params[i];
      if (isDict(p)) data = applyPredictor(data, p);
    } else {
      throw new DocumentError(
        'PDF_UNSUPPORTED',
        `stream filter ${isName(filter) ? filter.name : String(filter)} is not supported here`,
      );
    }
  });
  return data;
}
