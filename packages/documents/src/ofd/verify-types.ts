import type { Check, Verdict } from '../checks.js';
import type { PdfAnnotationInfo, PdfSignatureReport } from '../pdf/types.js';
import type { OfdLimits } from './package.js';
import type { OfdStampAnnot } from './types.js';

export interface VerifyOfdOptions {
  /** DER certificates trusted as roots; without them CERTIFICATE_CHAIN is ERROR (indeterminate). */
  readonly trustAnchors?: readonly Uint8Array[];
  /** Validation time when the signature has no timestamp; default: the signature's timeInfo. */
  readonly at?: Date;
  /** Upper bound on the file size (default: limits.maxBytes). */
  readonly maxBytes?: number;
  readonly limits?: Partial<Omit<OfdLimits, 'zip' | 'xml'>> & {
    zip?: Partial<OfdLimits['zip']>;
    xml?: Partial<OfdLimits['xml']>;
  };
}

/** One Signature of an OFD file (one per Signature element, however many StampAnnots it has). */
export interface OfdSignatureReport {
  readonly format: 'ofd';
  /** 1-based position in signing order (Signatures.xml order, DocBody by DocBody). */
  readonly index: number;
  /** Signature ID as written in Signatures.xml. */
  readonly id: string;
  /** What the report calls the signature: "Signature <ID>" (the PDF field name's counterpart). */
  readonly fieldName: string;
  /** Seal (SES_Signature) or Sign (GB/T 35275, not verified). */
  readonly type: 'Seal' | 'Sign';
  /** Package path of Signature.xml. */
  readonly part: string;
  /** SES structure: 4 (GB/T 38540) or 1 (GM/T 0031); null when SignedValue.dat does not decode. */
  readonly sesVersion: 1 | 4 | null;
  readonly provider: { readonly name?: string; readonly company?: string; readonly version?: string } | null;
  readonly checkMethod: string | null;
  /** SignatureDateTime as written (free text, not trusted). */
  readonly signatureDateTime: string | null;
  /** TBS_Sign.timeInfo: the time the signer claims (what validity is checked at). */
  readonly signingTime: Date | null;
  /** genTime of a verified SES time-stamp. */
  readonly timestampTime: Date | null;
  readonly signer: PdfSignatureReport['signer'];
  /** The SES seal: code = esID, and its DER. */
  readonly seal: { readonly code: string; readonly sesSeal: Uint8Array } | null;
  readonly sealInfo?: {
    readonly esId: string;
    readonly name: string;
    readonly type: number;
    readonly validStart: Date | null;
    readonly validEnd: Date | null;
  };
  /** Where the seal shows: page ID (PageRef), box and clip (riding seals have several). */
  readonly stampAnnots: readonly OfdStampAnnot[];
  /** 1-based page numbers the stamp annotations are on (unknown page IDs left out). */
  readonly pages: readonly number[];
  /** Package paths this signature's references protect. */
  readonly references: readonly string[];
  /** Bytes of SignedValue.dat (the registry stores their SHA-256 for issued licences). */
  readonly signedValue: Uint8Array | null;
  /** The 加注件 statement when this signature covers a ZY_Annotation page annotation. */
  readonly annotation: PdfAnnotationInfo | null;
  readonly checks: readonly Check[];
  readonly verdict: Verdict;
}

export interface OfdVerification {
  readonly format: 'ofd';
  readonly signatures: readonly OfdSignatureReport[];
  /** Document-level checks: format, signatures present, content no signature covers. */
  readonly checks: readonly Check[];
  readonly verdict: Verdict;
  /** Package paths by role, for callers judging what a later signature added (加注件). */
  readonly parts: {
    /** Signatures.xml, Signature.xml, SignedValue.dat and Seal.esl files. */
    readonly signatures: readonly string[];
    /** Annotation indexes and the page annotation files they list. */
    readonly annotations: readonly string[];
  };
}
