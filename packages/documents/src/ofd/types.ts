import type { OfdPackage } from './package.js';

/**
 * The OFD document model read by `openOfd` (reader) and drawn by `renderOfdPage` (renderer).
 * Units are millimetres; boxes are "x y width height" from the top-left corner of the page, y down
 * (GB/T 33190 §7.2). Colours are RGB 0–255 unless a colour space says otherwise.
 */

/** [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type OfdMatrix = readonly [number, number, number, number, number, number];

export interface OfdBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface OfdColor {
  /** Components as written (usually R G B, 0–255); an undefined `value` means the default. */
  readonly value?: readonly number[];
  /** Index into a colour space palette, when the colour uses one. */
  readonly index?: number;
  readonly colorSpace?: string;
  /** 0–255. */
  readonly alpha?: number;
}

/** What every graphic object has (GB/T 33190 §8.5 CT_GraphicUnit). */
export interface OfdGraphicBase {
  readonly id?: string;
  readonly boundary: OfdBox;
  readonly ctm?: OfdMatrix;
  /** DrawParam resource id. */
  readonly drawParam?: string;
  readonly lineWidth?: number;
  /** 0–255. */
  readonly alpha?: number;
  readonly visible: boolean;
  /** Clip areas (each a path in the object's coordinate space). */
  readonly clips?: readonly OfdClip[];
}

export interface OfdClip {
  readonly path: string;
  readonly ctm?: OfdMatrix;
  readonly boundary?: OfdBox;
}

export interface OfdTextCode {
  readonly x: number;
  readonly y: number;
  /** Expanded offsets ("g 3 1.5" already unrolled); length = characters − 1 at most. */
  readonly deltaX?: readonly number[];
  readonly deltaY?: readonly number[];
  readonly text: string;
}

export interface OfdText extends OfdGraphicBase {
  readonly kind: 'text';
  /** Font resource id. */
  readonly font: string;
  /** Font size in mm. */
  readonly size: number;
  readonly fill: boolean;
  readonly stroke: boolean;
  readonly fillColor?: OfdColor;
  readonly strokeColor?: OfdColor;
  readonly hScale?: number;
  readonly weight?: number;
  readonly italic?: boolean;
  /** 0, 90, 180, 270. */
  readonly readDirection?: number;
  readonly charDirection?: number;
  readonly codes: readonly OfdTextCode[];
  /** CGTransform: glyph indexes replacing characters. */
  readonly glyphTransforms?: readonly {
    readonly codePosition: number;
    readonly codeCount: number;
    readonly glyphCount: number;
    readonly glyphs: readonly number[];
  }[];
}

export interface OfdPath extends OfdGraphicBase {
  readonly kind: 'path';
  /** AbbreviatedData: M x y, L x y, Q, B, A, C (close) — as written. */
  readonly data: string;
  readonly fill: boolean;
  readonly stroke: boolean;
  readonly rule: 'NonZero' | 'Even-Odd';
  readonly fillColor?: OfdColor;
  readonly strokeColor?: OfdColor;
  readonly cap?: string;
  readonly join?: string;
  readonly miterLimit?: number;
  readonly dashPattern?: readonly number[];
  readonly dashOffset?: number;
}

export interface OfdImage extends OfdGraphicBase {
  readonly kind: 'image';
  /** MultiMedia resource id. */
  readonly resourceId: string;
  readonly substitution?: string;
}

export interface OfdComposite extends OfdGraphicBase {
  readonly kind: 'composite';
  /** CompositeGraphicUnit resource id. */
  readonly resourceId: string;
}

export interface OfdBlock {
  readonly kind: 'block';
  readonly id?: string;
  readonly objects: readonly OfdGraphic[];
}

export type OfdGraphic = OfdText | OfdPath | OfdImage | OfdComposite | OfdBlock;

export interface OfdLayer {
  readonly id?: string;
  /** Body, Background or Foreground. A template's layers take the template's ZOrder. */
  readonly type: 'Body' | 'Background' | 'Foreground';
  /** TemplatePage ID when the layer comes from a template. */
  readonly templateId?: string;
  readonly drawParam?: string;
  readonly objects: readonly OfdGraphic[];
}

export interface OfdFont {
  readonly id: string;
  readonly fontName: string;
  readonly familyName?: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly serif?: boolean;
  readonly fixedWidth?: boolean;
  /** Package path of the embedded font file, when there is one. */
  readonly fontFile?: string;
}

export interface OfdMultiMedia {
  readonly id: string;
  /** Image, Audio or Video. */
  readonly type: string;
  /** PNG, JPEG, BMP, GBIG2, TIFF… as written (may be empty: sniff the bytes). */
  readonly format?: string;
  /** Package path of the media file. */
  readonly file: string;
}

export interface OfdDrawParam {
  readonly id: string;
  readonly relative?: string;
  readonly lineWidth?: number;
  readonly fillColor?: OfdColor;
  readonly strokeColor?: OfdColor;
  readonly cap?: string;
  readonly join?: string;
  readonly miterLimit?: number;
  readonly dashPattern?: readonly number[];
}

export interface OfdCompositeUnit {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly content: readonly OfdGraphic[];
}

export interface OfdColorSpace {
  readonly id: string;
  /** GRAY, RGB or CMYK. */
  readonly type: string;
  readonly bitsPerComponent?: number;
  readonly palette?: readonly (readonly number[])[];
}

/** Public, document and page resources merged, by id. */
export interface OfdResources {
  readonly fonts: ReadonlyMap<string, OfdFont>;
  readonly multiMedias: ReadonlyMap<string, OfdMultiMedia>;
  readonly drawParams: ReadonlyMap<string, OfdDrawParam>;
  readonly compositeUnits: ReadonlyMap<string, OfdCompositeUnit>;
  readonly colorSpaces: ReadonlyMap<string, OfdColorSpace>;
}

export interface OfdAnnotation {
  readonly id?: string;
  /** Link, Path, Highlight, Stamp, Watermark… */
  readonly type: string;
  readonly subtype?: string;
  readonly creator?: string;
  readonly visible: boolean;
  readonly print: boolean;
  readonly parameters: Readonly<Record<string, string>>;
  readonly remark?: string;
  readonly noRotate?: boolean;
  readonly noZoom?: boolean;
  /** Appearance box on the page; the objects are drawn in its coordinate space. */
  readonly boundary?: OfdBox;
  readonly objects: readonly OfdGraphic[];
}

export interface OfdPage {
  /** Page ID from Document.xml (what StampAnnot/PageRef and annotations refer to). */
  readonly id: string;
  /** 0-based position. */
  readonly index: number;
  /** Package path of Content.xml. */
  readonly part: string;
  readonly physicalBox: OfdBox;
  /**
   * In drawing order: Background, then Body, then Foreground layers (a template's layers take the
   * template's ZOrder, default Background); within one type, template layers before the page's own.
   */
  readonly layers: readonly OfdLayer[];
  readonly annotations: readonly OfdAnnotation[];
  /** Resources visible from this page. */
  readonly resources: OfdResources;
}

export interface OfdPageRef {
  readonly id: string;
  readonly part: string;
}

export interface OfdDocInfo {
  readonly docId?: string;
  readonly title?: string;
  readonly author?: string;
  readonly creator?: string;
  readonly creatorVersion?: string;
  readonly creationDate?: string;
  readonly modDate?: string;
  readonly subject?: string;
  /** CustomDatas/CustomData by Name, in file order. */
  readonly customData: readonly { readonly name: string; readonly value: string }[];
}

export interface OfdCustomTag {
  readonly nameSpace?: string;
  readonly typeId?: string;
  /** Package path of the tag file. */
  readonly file?: string;
  /** Tag name → page object references (page ID, object ID) found in the tag file. */
  readonly entries: readonly {
    readonly name: string;
    readonly refs: readonly { readonly pageRef?: string; readonly objectId: string }[];
  }[];
}

export interface OfdAttachment {
  readonly id?: string;
  readonly name: string;
  readonly format?: string;
  readonly file: string;
  readonly size?: number;
}

/** One DocBody of OFD.xml, opened. Pages are parsed on demand (`page(i)`). */
export interface OfdDocument {
  /** The package the document was read from (parts, limits). */
  readonly package: OfdPackage;
  /** DocBody elements in OFD.xml; `docIndex` is the one opened. */
  readonly docBodyCount: number;
  readonly docIndex: number;
  /** OFD version attribute and namespace of OFD.xml. */
  readonly version?: string;
  readonly namespace: string;
  readonly docInfo: OfdDocInfo;
  /** Package path of Document.xml. */
  readonly documentPart: string;
  /** Package path of Signatures.xml when OFD.xml names one. */
  readonly signaturesPart?: string;
  /** Package paths of Annotations.xml, CustomTags.xml and Attachments.xml when Document.xml names them. */
  readonly annotationsPart?: string;
  readonly customTagsPart?: string;
  readonly attachmentsPart?: string;
  /** Default PhysicalBox from CommonData/PageArea (A4, 0 0 210 297, when the document has none). */
  readonly pageArea: OfdBox;
  readonly pages: readonly OfdPageRef[];
  readonly maxUnitId?: number;
  page(index: number): OfdPage;
  readonly customTags: readonly OfdCustomTag[];
  readonly attachments: readonly OfdAttachment[];
  /** Bytes of a part (fonts, images, attachments) by package path. */
  read(part: string): Uint8Array;
}

/** A StampAnnot of a signature: where its seal shows (a riding seal has one per page, with Clip). */
export interface OfdStampAnnot {
  readonly id?: string;
  /** Page ID from Document.xml (not an index). */
  readonly pageRef: string;
  readonly boundary: OfdBox;
  /** Visible part of the seal, in the seal's own box (mm from its top-left). */
  readonly clip?: OfdBox;
}

export interface OfdReference {
  /** As written in FileRef. */
  readonly fileRef: string;
  /** Resolved package path. */
  readonly part: string;
  /** base64 digest as written. */
  readonly checkValue: string;
}

/** One entry of Signatures.xml and its Signature.xml, as written (nothing verified). */
export interface OfdSignatureEntry {
  readonly id: string;
  /** Seal (SES_Signature) or Sign (GB/T 35275 SignedData); a missing Type means Seal. */
  readonly type: 'Seal' | 'Sign';
  /** Package path of Signature.xml. */
  readonly part: string;
  readonly provider?: { readonly name?: string; readonly company?: string; readonly version?: string };
  readonly signatureMethod?: string;
  /** Free text as written. */
  readonly signatureDateTime?: string;
  /** As written: an OID or the string "SM3"; undefined means SM3. */
  readonly checkMethod?: string;
  readonly references: readonly OfdReference[];
  readonly stampAnnots: readonly OfdStampAnnot[];
  /** Package path of Seal.esl, when named. */
  readonly sealPart?: string;
  /** Package path of SignedValue.dat. */
  readonly signedValuePart: string;
}

export interface OfdSignatures {
  /** Package path of Signatures.xml. */
  readonly part: string;
  readonly maxSignId?: string;
  readonly entries: readonly OfdSignatureEntry[];
}
