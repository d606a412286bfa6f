import { describe, expect, test } from 'vitest';
import { AppError } from '../shared/app-error.js';
import { checkOfdSealing, documentFormatOf, ofdPlacementOf, sniffDocumentFormat } from './ofd-sealing.js';

const A4 = { x: 0, y: 0, width: 210, height: 297 };
const pages = (...boxes: { x: number; y: number; width: number; height: number }[]) => ({
  count: boxes.length,
  box: (i: number) => {
    const box = boxes[i];
    if (!box) throw new Error(`no page ${i}`);
    return box;
  },
});
const SIZE = { widthMm: 42, heightMm: 40 };
const PT = 72 / 25.4;
const bytes = (text: string) => new TextEncoder().encode(text);

function code(work: () => unknown): string {
  try {
    work();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('document formats', () => {
  test('PDF by "%PDF-" in the first KiB, OFD by a zip local header, else unknown', () => {
    expect(sniffDocumentFormat(bytes('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffDocumentFormat(bytes(`${' '.repeat(500)}%PDF-1.4`))).toBe('pdf');
    expect(sniffDocumentFormat(bytes(`${' '.repeat(1100)}%PDF-1.4`))).toBeNull();
    expect(sniffDocumentFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).toBe('ofd');
    expect(sniffDocumentFormat(new Uint8Array([0x50, 0x4b, 0x05, 0x06]))).toBeNull();
    expect(sniffDocumentFormat(new Uint8Array())).toBeNull();
  });

  test('a declared format must match the bytes; unknown bytes need a declaration', () => {
    expect(documentFormatOf(bytes('%PDF-1.7'))).toBe('pdf');
    expect(documentFormatOf(bytes('%PDF-1.7'), 'pdf')).toBe('pdf');
    expect(code(() => documentFormatOf(bytes('%PDF-1.7'), 'ofd'))).toBe('SEALS_DOCUMENT_INVALID');
    expect(code(() => documentFormatOf(bytes('hello')))).toBe('SEALS_DOCUMENT_INVALID');
    expect(documentFormatOf(bytes('hello'), 'ofd')).toBe('ofd');
  });

  test('only an SM2 seal with an SESeal seals OFD', () => {
    const ses = new Uint8Array([0x30, 0]);
    expect(checkOfdSealing({ id: 's', algorithm: 'sm2', sesSeal: ses })).toBe(ses);
    expect(code(() => checkOfdSealing({ id: 's', algorithm: 'ecdsa-p256', sesSeal: ses }))).toBe(
      'SEALS_OFD_SEAL_UNSUITABLE',
    );
    expect(code(() => checkOfdSealing({ id: 's', algorithm: 'sm2', sesSeal: null }))).toBe(
      'SEALS_OFD_SEAL_UNSUITABLE',
    );
  });
});

describe('ofdPlacementOf: the PDF placements on OFD pages', () => {
  test('coordinates: centre in points from the lower left → box in mm from the top left of that page', () => {
    const placed = ofdPlacementOf(
      { kind: 'coordinates', page: 2, x: 100 * PT, y: 50 * PT },
      pages(A4, { x: 10, y: 20, width: 297, height: 210 }),
      SIZE,
    );
    expect(placed).toEqual({ kind: 'box', page: 1, xMm: 10 + 100 - 21, yMm: 20 + 210 - 50 - 20, ...SIZE });
  });

  test('coordinates on a page that does not exist: OFD_INPUT_INVALID', () => {
    expect(
      code(() => ofdPlacementOf({ kind: 'coordinates', page: 3, x: 0, y: 0 }, pages(A4, A4), SIZE)),
    ).toBe('OFD_INPUT_INVALID');
    expect(code(() => ofdPlacementOf({ kind: 'coordinates', page: 0, x: 0, y: 0 }, pages(A4), SIZE))).toBe(
      'OFD_INPUT_INVALID',
    );
  });

  test('last-page: 20 mm from the right and bottom edges of the last page, kept on a small page', () => {
    expect(ofdPlacementOf({ kind: 'last-page' }, pages(A4, A4, A4), SIZE)).toEqual({
      kind: 'box',
      page: 2,
      xMm: 210 - 20 - 42,
      yMm: 297 - 20 - 40,
      ...SIZE,
    });
    const tiny = ofdPlacementOf({ kind: 'last-page' }, pages({ x: 0, y: 0, width: 50, height: 50 }), SIZE);
    expect(tiny).toMatchObject({ xMm: 0, yMm: 0 });
  });

  test('keyword passes through; riding keeps centring unless y is given (centre from the bottom → top)', () => {
    expect(ofdPlacementOf({ kind: 'keyword', keyword: '（盖章）', occurrence: 2 }, pages(A4), SIZE)).toEqual({
      kind: 'keyword',
      keyword: '（盖章）',
      occurrence: 2,
    });
    expect(ofdPlacementOf({ kind: 'riding' }, pages(A4, A4), SIZE)).toEqual({ kind: 'riding' });
    expect(ofdPlacementOf({ kind: 'riding', y: 100 * PT }, pages(A4, A4), SIZE)).toEqual({
      kind: 'riding',
      yMm: 297 - 100 - 20,
    });
  });
});
