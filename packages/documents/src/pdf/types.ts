import type { Check, Verdict } from '../checks.js';

/** Signs the DER of the CMS signed attributes with the seal's key (kept in the key vault). */
export type SignFunction = (data: Uint8Array) => Promise<Uint8Array>;

/** Visible appearance of a seal: a PNG with transparency, drawn at its physical size. */
export interface SealAppearance {
  readonly png: Uint8Array;
  readonly widthMm: number;
  readonly heightMm: number;
}

/**
 * A vector appearance: PDF content-stream operators drawing in a box of widthMm × heightMm (points,
 * origin at its lower left). `opacities` become the graphics states /GS0, /GS1, … (fill and stroke
 * alpha) the content may select with `gs`. Used for the 加注件 statement (glyph outlines).
 */
export interface VectorAppearance {
  readonly kind: 'vector';
  readonly content: Uint8Array;
  readonly widthMm: number;
  readonly heightMm: number;
  readonly opacities?: readonly number[];
}

/** Where the seal goes. Coordinates are PDF points from the page's lower-left corner, seal centre. */
export type SealPlacement =
  | { readonly kind: 'coordinates'; readonly page: number; readonly x: number; readonly y: number }
  /** Centred on the n-th (default: last) occurrence of the keyword in the page text. */
  | { readonly kind: 'keyword'; readonly keyword: string; readonly occurrence?: number }
  /** Lower right area of the last page. */
  | { readonly kind: 'last-page' }
  /** 骑缝章: the seal image cut into one slice per page, at the right edge; y = centre height. */
  | { readonly kind: 'riding'; readonly y?: number };

export interface SealPdfRequest {
  readonly pdf: Uint8Array;
  /** DER of the signer certificate (the seal's certificate) and optional chain (issuer first). */
  readonly signerCertificate: Uint8Array;
  readonly chain?: readonly Uint8Array[];
  readonly sign: SignFunction;
  readonly appearance: SealAppearance | VectorAppearance;
  readonly placement: SealPlacement;
  readonly signingTime: Date;
  /** RFC 3161 token over the signature value, added as an unsigned attribute (PAdES-B-T). */
  readonly timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
  readonly reason?: string;
  readonly location?: string;
  /** Shown as /Name: the seal name. */
  readonly name?: string;
  /** Seal identity written into the signature dictionary (covered by the signature). */
  readonly seal?: { readonly code: string; readonly sesSeal?: Uint8Array };
  /** 加注件 statement written as /ZY_Annotation into the signature dictionary (covered by the signature). */
  readonly annotation?: PdfAnnotationInfo;
  /** Bytes reserved for the CMS; default large enough for a timestamp and a chain. */
  readonly placeholderBytes?: number;
  /** Upper bound on input size (default 64 MiB); larger files are refused before parsing. */
  readonly maxBytes?: number;
}

export interface SealPdfResult {
  readonly pdf: Uint8Array;
  readonly fieldName: string;
  readonly byteRange: readonly [number, number, number, number];
  /** Pages (1-based) that show the seal. */
  readonly pages: readonly number[];
}

/** What a 加注件 (annotated copy) states; times are `yyyyMMddHHmmss` in China time (GB/T 36903). */
export interface PdfAnnotationInfo {
  /** 加注件制作时间 certificateCopyCreationTime */
  readonly creationTime: string;
  /** 加注件制作者 certificateCopyCreator */
  readonly creator: string;
  /** 加注件制作事由 certificateCopyCause */
  readonly cause: string;
  /** 加注件有效期截止时间 certificateCopyExpiringTime */
  readonly expiringTime: string;
  /** The licence this copy annotates (GB/T 36904 identifier) and the service item (事项). */
  readonly licenseIdentifier: string;
  readonly itemCode: string | null;
  readonly itemName: string | null;
}

/** One signature found in a PDF, with its checks. */
export interface PdfSignatureReport {
  readonly fieldName: string;
  /** 1-based index in signing order (revision order). */
  readonly index: number;
  readonly subFilter: string | null;
  readonly byteRange: readonly number[];
  /** Whether the signed ranges cover the whole file as it was when signed (up to that revision). */
  readonly coversRevision: boolean;
  /** Later incremental updates after this signature: none, only signatures/annotations, or other changes. */
  readonly modifiedAfter: 'none' | 'signatures-only' | 'other';
  readonly signingTime: Date | null;
  readonly timestampTime: Date | null;
  readonly signer: {
    readonly subject: string;
    readonly issuer: string;
    readonly serialHex: string;
    readonly notBefore: Date;
    readonly notAfter: Date;
    readonly keyUsage: readonly string[];
    readonly algorithm: string;
    /** DER of the signer certificate. */
    readonly certificate: Uint8Array;
  } | null;
  /** Seal identity from the signature dictionary, when present. */
  readonly seal: { readonly code: string; readonly sesSeal: Uint8Array | null } | null;
  /** What the embedded SESeal says (verifyPdf): seal code, name, type and validity. */
  readonly sealInfo?: {
    readonly esId: string;
    readonly name: string;
    readonly type: number;
    readonly validStart: Date | null;
    readonly validEnd: Date | null;
  };
  /**
   * The 加注件 statement (GB/T 36903 items 16–19) when this signature made an annotated copy:
   * read from the signature dictionary's /ZY_Annotation, so the signature covers it.
   */
  readonly annotation?: PdfAnnotationInfo | null;
  readonly reason: string | null;
  readonly location: string | null;
  readonly name: string | null;
  /** Pages (1-based) with a widget of this signature. */
  readonly pages: readonly number[];
  readonly checks: readonly Check[];
  readonly verdict: Verdict;
}

export interface VerifyPdfOptions {
  /** DER certificates trusted as roots; without them CERTIFICATE_CHAIN is ERROR (indeterminate). */
  readonly trustAnchors?: readonly Uint8Array[];
  /** Validation time when the signature has no timestamp; default: the claimed signing time. */
  readonly at?: Date;
  /** Upper bound on input size; larger files are refused before parsing. */
  readonly maxBytes?: number;
}

export interface PdfVerification {
  readonly signatures: readonly PdfSignatureReport[];
  /** Document-level checks (parse, encryption, no signatures, unsigned changes after the last one). */
  readonly checks: readonly Check[];
  readonly verdict: Verdict;
}
