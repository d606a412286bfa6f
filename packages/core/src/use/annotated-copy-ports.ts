import type {
  AnnotateOfdRequest,
  AnnotateOfdResult,
  AnnotatePdfRequest,
  AnnotatePdfResult,
} from '@zhengyin/documents';

/** The file format of a 加注件: the format of the licence file it was made of. */
export type AnnotatedCopyFormat = 'pdf' | 'ofd';

/** A 加注件 (annotated copy) made of a licence version: the row in `annotated_copies`. */
export interface AnnotatedCopy {
  readonly id: string;
  readonly licenseId: string;
  readonly licenseIdentifier: string;
  /** The usage context (用证) it was made for, when made by a use-code redemption. */
  readonly useContextId: string | null;
  /** 加注件制作事由 */
  readonly cause: string;
  /** 事项 code and name. */
  readonly itemCode: string | null;
  readonly itemName: string | null;
  /** 加注件制作者: the department that makes (provides) the copy. */
  readonly producer: string;
  /** Algorithm of the annotation signature: SM2 for SM2 licences, ECDSA P-256 otherwise. */
  readonly algorithm: 'sm2' | 'ecdsa-p256';
  /** PDF (CMS annotation signature) or OFD (SES annotation seal). */
  readonly format: AnnotatedCopyFormat;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  /** SHA-256 (hex) of the copy in the blob store. */
  readonly fileSha256: string;
  readonly fileSize: number;
  /** Who asked for it (user, app or system id). */
  readonly actorId: string | null;
}

export interface AnnotatedCopyRepository {
  insert(copy: AnnotatedCopy): Promise<void>;
  get(id: string): Promise<AnnotatedCopy | null>;
  /** Every copy of a licence version, newest first. */
  listByLicense(licenseId: string): Promise<AnnotatedCopy[]>;
  /** Copies of the licence made after `since` that are still unexpired at `at`. */
  countActive(licenseId: string, since: Date, at: Date): Promise<number>;
}

/** 加注件 rules (configurable): validity cap and default, and active copies per licence per 90 days. */
export interface AnnotationRules {
  readonly maxValidityDays: number;
  readonly maxActivePer90Days: number;
  readonly defaultValidityDays: number;
}

export const DEFAULT_ANNOTATION_RULES: AnnotationRules = {
  maxValidityDays: 90,
  maxActivePer90Days: 3,
  defaultValidityDays: 30,
};

/** The PDF engine's annotatePdf with the annotation fonts bound by the adapter. */
export interface PdfAnnotator {
  annotate(request: Omit<AnnotatePdfRequest, 'fonts'>): Promise<AnnotatePdfResult>;
}

/** The picture of the platform's annotation seal: PNG and its size on the page in millimetres. */
export interface AnnotationSealPicture {
  readonly png: Uint8Array;
  readonly widthMm: number;
  readonly heightMm: number;
}

/** The OFD engine's annotateOfd with the statement fonts bound, and the annotation seal's picture. */
export interface OfdAnnotator {
  annotate(request: Omit<AnnotateOfdRequest, 'fonts'>): Promise<AnnotateOfdResult>;
  sealPicture(): Promise<AnnotationSealPicture>;
}

/** Adapters of the 加注件 use cases. */
export interface AnnotationPorts {
  readonly pdf: PdfAnnotator;
  readonly ofd: OfdAnnotator;
  readonly sha256: (bytes: Uint8Array) => Uint8Array;
  readonly rules: AnnotationRules;
}
