/**
 * Licence face templates. Every coordinate is in millimetres measured from the **top-left corner**
 * of the page, x to the right and y downwards (as a designer reads a paper form); a box is its
 * top-left corner (`xMm`, `yMm`) plus `widthMm` × `heightMm`. Font sizes are in PDF points.
 */
export type FaceAlign = 'left' | 'center' | 'right';
export type FaceFontStyle = 'serif' | 'sans';
export type FaceDateFormat = 'yyyy年M月d日' | 'yyyy-MM-dd';

export interface FaceBox {
  readonly xMm: number;
  readonly yMm: number;
  readonly widthMm: number;
  readonly heightMm: number;
}

/** A text printed on every licence of the type (titles, labels). Never shrunk or wrapped. */
export interface FaceFixedText extends FaceBox {
  readonly text: string;
  readonly fontSize: number;
  readonly align: FaceAlign;
  /** Preferred style; other fonts of the chain are used for characters it lacks. Default 'serif'. */
  readonly font?: FaceFontStyle;
}

/** A box filled with the value of one data item. */
export interface FaceTextBox extends FaceBox {
  /** Data-item code; the value is `values[item]` (absent or empty → the box stays empty). */
  readonly item: string;
  readonly fontSize: number;
  /** The text is shrunk down to this size (points) when it does not fit at `fontSize`. */
  readonly minFontSize: number;
  readonly align: FaceAlign;
  /** Break into several lines (at any character; '\n' always breaks) before shrinking. */
  readonly wrap: boolean;
  /** Default 'serif'. */
  readonly font?: FaceFontStyle;
  /** Formats an ISO `YYYY-MM-DD` value; any other value (e.g. 长期) is printed as given. */
  readonly dateFormat?: FaceDateFormat;
}

export interface FaceTemplate {
  readonly page: { readonly widthMm: number; readonly heightMm: number };
  /** PNG drawn over the whole page before anything else. */
  readonly background?: { readonly png: Uint8Array };
  readonly fixedTexts: readonly FaceFixedText[];
  readonly textBoxes: readonly FaceTextBox[];
  /** Square area of the QR code (white quiet zone included). */
  readonly qr?: { readonly xMm: number; readonly yMm: number; readonly sizeMm: number };
  /** Square area of the seal image. */
  readonly seal?: { readonly xMm: number; readonly yMm: number; readonly sizeMm: number };
}

/** One font of the fallback chain. The package reads no files: callers pass the bytes. */
export interface FaceFont {
  /** Caller's label, used in errors and as the PDF resource alias. */
  readonly name: string;
  /** TTF, OTF (CFF) or a TTC collection. */
  readonly bytes: Uint8Array;
  readonly style: FaceFontStyle;
  /** Face of a TTC collection, e.g. `NotoSerifCJKsc-Regular`; default: the Simplified Chinese face. */
  readonly postscriptName?: string;
}

/** Ordered fallback chain: for each character the first font (of the requested style, then any) covering it. */
export type FontSet = readonly FaceFont[];

/** What a licence PDF carries besides its face (see docs/LICENSE-FILE.md). */
export interface FaceMetadata {
  /** Document title (Info /Title and dc:title), e.g. the licence name and number. */
  readonly title: string;
  /**
   * Licence metadata elements by GB/T 36903 pinyin code (ZZMC, ZZBH, ZZBS, CZZT, …) or `KZ_*` item
   * code, written as simple XMP properties in the `ecert` namespace. Keys must be XML names.
   */
  readonly xmp: Readonly<Record<string, string>>;
  /** JSON document embedded as an attachment (/AFRelationship /Data, application/json). */
  readonly attachment?: { readonly name: string; readonly json: unknown };
  /** CreationDate of the Info dictionary, xmp:CreateDate and the attachment dates; default now. */
  readonly createdAt?: Date;
}

/** What `readLicenseMetadata` finds in a licence PDF. */
export interface LicenseFileMetadata {
  readonly xmp: Record<string, string>;
  readonly attachment: { readonly name: string; readonly json: unknown } | null;
}
