import type {
  DocumentFormat,
  OfdBox,
  OfdSealPlacement,
  SealOfdRequest,
  SealOfdResult,
  SealPlacement,
} from '@zhengyin/documents';
import { AppError } from '../shared/app-error.js';
import type { Seal } from './types.js';

/** The pages of an OFD document as the placement needs them. */
export interface OfdPages {
  readonly count: number;
  /** PhysicalBox of the 0-based page, in mm from the top-left corner. */
  box(index: number): OfdBox;
}

/** Seals OFD documents with SES signatures (adapter over @zhengyin/documents' sealOfd and reader). */
export interface OfdDocumentSealer {
  /** Throws the reader's DocumentError (OFD_*) for a file that is not a readable OFD document. */
  pages(ofd: Uint8Array): OfdPages;
  seal(request: SealOfdRequest): Promise<SealOfdResult>;
}

const PT_TO_MM = 25.4 / 72;
/** Distance of a `last-page` seal from the right and bottom edges, as for PDF. */
export const OFD_LOWER_RIGHT_MARGIN_MM = 20;

/** 'pdf' for "%PDF-" in the first KiB (as PDF readers accept), 'ofd' for a zip, else null. */
export function sniffDocumentFormat(bytes: Uint8Array): DocumentFormat | null {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return 'ofd';
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  return head.includes('%PDF-') ? 'pdf' : null;
}

/**
 * The document's format: what its bytes say, checked against the caller's `format` when given.
 * SEALS_DOCUMENT_INVALID when they disagree or neither names one.
 */
export function documentFormatOf(bytes: Uint8Array, declared?: DocumentFormat): DocumentFormat {
  const sniffed = sniffDocumentFormat(bytes);
  if (declared && sniffed && declared !== sniffed)
    throw new AppError(
      'SEALS_DOCUMENT_INVALID',
      `the document is ${sniffed.toUpperCase()}, not ${declared.toUpperCase()}`,
      {
        reason: 'FORMAT_MISMATCH',
        format: declared,
        detected: sniffed,
      },
    );
  const format = declared ?? sniffed;
  if (!format)
    throw new AppError('SEALS_DOCUMENT_INVALID', 'the document is neither a PDF nor an OFD file', {
      reason: 'FORMAT_UNKNOWN',
    });
  return format;
}

/** OFD seals are SES (GB/T 38540) signatures: only an SM2 seal with an SESeal makes them. */
export function checkOfdSealing(seal: Pick<Seal, 'id' | 'algorithm' | 'sesSeal'>): Uint8Array {
  if (seal.algorithm !== 'sm2' || !seal.sesSeal)
    throw new AppError(
      'SEALS_OFD_SEAL_UNSUITABLE',
      seal.algorithm !== 'sm2'
        ? `sealing an OFD document needs an SM2 seal; this seal uses ${seal.algorithm}`
        : 'the seal has no SES seal structure (SESeal)',
      { sealId: seal.id, algorithm: seal.algorithm, hasSesSeal: seal.sesSeal !== null },
    );
  return seal.sesSeal;
}

const placementInvalid = (message: string, details: Record<string, unknown>) =>
  new AppError('OFD_INPUT_INVALID', message, details);

/**
 * The placement of the PDF API on an OFD page: `coordinates` (the seal's centre in points from the
 * page's lower-left corner, page from 1) becomes a box in mm from the top-left corner; `last-page`
 * the lower right of the last page (20 mm from the edges); `riding` keeps its meaning (y, the
 * centre in points from the bottom of the first page, becomes the top in mm); `keyword` is the same.
 */
export function ofdPlacementOf(
  placement: SealPlacement,
  pages: OfdPages,
  size: { readonly widthMm: number; readonly heightMm: number },
): OfdSealPlacement {
  const { widthMm, heightMm } = size;
  switch (placement.kind) {
    case 'coordinates': {
      const index = placement.page - 1;
      if (!Number.isInteger(placement.page) || index < 0 || index >= pages.count)
        throw placementInvalid(`page ${placement.page} does not exist (the document has ${pages.count})`, {
          page: placement.page,
          pages: pages.count,
        });
      if (!Number.isFinite(placement.x) || !Number.isFinite(placement.y))
        throw placementInvalid('x and y must be numbers', { x: placement.x, y: placement.y });
      const box = pages.box(index);
      return {
        kind: 'box',
        page: index,
        xMm: box.x + placement.x * PT_TO_MM - widthMm / 2,
        yMm: box.y + box.height - placement.y * PT_TO_MM - heightMm / 2,
        widthMm,
        heightMm,
      };
    }
    case 'last-page': {
      const index = pages.count - 1;
      const box = pages.box(index);
      return {
        kind: 'box',
        page: index,
        xMm: Math.max(box.x, box.x + box.width - OFD_LOWER_RIGHT_MARGIN_MM - widthMm),
        yMm: Math.max(box.y, box.y + box.height - OFD_LOWER_RIGHT_MARGIN_MM - heightMm),
        widthMm,
        heightMm,
      };
    }
    case 'keyword':
      return {
        kind: 'keyword',
        keyword: placement.keyword,
        ...(placement.occurrence !== undefined ? { occurrence: placement.occurrence } : {}),
      };
    case 'riding': {
      if (placement.y === undefined) return { kind: 'riding' };
      const box = pages.box(0);
      return { kind: 'riding', yMm: box.y + box.height - placement.y * PT_TO_MM - heightMm / 2 };
    }
    default:
      throw placementInvalid('unknown placement kind', { kind: (placement as { kind: unknown }).kind });
  }
}
