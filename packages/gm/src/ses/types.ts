/**
 * Typed model of the SES structures: GB/T 38540-2020 (v4) and GM/T 0031-2014 (v1).
 * Decoded objects keep the original DER of every signed part (`der`, `makerSignedBytes`), because
 * verification must hash exactly the bytes on file, never a re-encoding.
 */

/** Structure family: 1 = GM/T 0031-2014 (header version 1–3), 4 = GB/T 38540-2020. */
export type SesVersion = 1 | 4;

export type SesTimeForm = 'GeneralizedTime' | 'UTCTime' | 'BitString';

export interface SesTime {
  readonly form: SesTimeForm;
  /** The time text as on file; '' for a BIT STRING that does not hold printable text. */
  readonly text: string;
  /** The instant, when `text` parses (a missing zone is read as UTC); otherwise undefined. */
  readonly date: Date | undefined;
  /** BitString form only: the raw content (ASCII text, or a binary time-stamp). */
  readonly bytes?: Uint8Array;
}

export interface SesHeader {
  readonly id: string;
  readonly version: number;
  readonly vid: string;
}

export interface SesCertDigest {
  readonly type: string;
  readonly value: Uint8Array;
}

export type SesCertList =
  | { readonly kind: 'certificates'; readonly certificates: readonly Uint8Array[] }
  | { readonly kind: 'digests'; readonly digests: readonly SesCertDigest[] }
  /** Neither shape (seen in a real v1 seal); kept verbatim so it re-encodes exactly. */
  | { readonly kind: 'unrecognised'; readonly der: Uint8Array; readonly reason: string };

export interface SesPropertyInfo {
  readonly type: number;
  readonly name: string;
  /** v4 only: 1 certificates, 2 certificate digests; undefined in v1. */
  readonly certListType: number | undefined;
  readonly certList: SesCertList;
  readonly createDate: SesTime;
  readonly validStart: SesTime;
  readonly validEnd: SesTime;
}

export interface SesPictureInfo {
  /** e.g. 'ofd', 'png', 'PNG', 'svg', 'jpg', 'gif'. */
  readonly type: string;
  readonly data: Uint8Array;
  /** Millimetres. */
  readonly width: number;
  readonly height: number;
}

export interface SesExtData {
  readonly extnId: string;
  /** undefined = absent (DEFAULT FALSE); real seals encode FALSE explicitly, which is preserved. */
  readonly critical: boolean | undefined;
  readonly value: Uint8Array;
}

export interface SesSealInfoFields {
  readonly header: SesHeader;
  readonly esId: string;
  readonly property: SesPropertyInfo;
  readonly picture: SesPictureInfo;
  readonly extDatas: readonly SesExtData[] | undefined;
}

export interface SesSealInfo extends SesSealInfoFields {
  /** Original DER of SES_SealInfo. */
  readonly der: Uint8Array;
}

export interface SesSealFields {
  readonly version: SesVersion;
  readonly sealInfo: SesSealInfoFields;
  readonly makerCertificate: Uint8Array;
  readonly signatureAlgorithm: string;
  /** Content of the signature BIT STRING: normally DER SEQUENCE{r, s}. */
  readonly signature: Uint8Array;
}

export interface SesSeal extends SesSealFields {
  readonly sealInfo: SesSealInfo;
  /** Original DER of the whole SESeal. */
  readonly der: Uint8Array;
  /**
   * The bytes the maker signature covers: v4 the original DER(SES_SealInfo); v1
   * DER(SEQUENCE{sealInfo, cert, signatureAlgorithm}) rebuilt from the original element bytes.
   */
  readonly makerSignedBytes: Uint8Array;
}

/** How an optional `[0]` field was (or is to be) encoded; samples disagree, all three are read. */
export type SesTagging = 'explicit' | 'implicit' | 'untagged';

export interface SesTbsSignFields {
  readonly version: number;
  /** A decoded seal (one carrying `der`) is embedded verbatim: the maker signed those bytes. */
  readonly seal: SesSealFields | SesSeal;
  readonly timeInfo: SesTime;
  readonly dataHash: Uint8Array;
  readonly propertyInfo: string;
  /** v1 only: the signer certificate and signature algorithm live inside TBS_Sign. */
  readonly certificate?: Uint8Array;
  readonly signatureAlgorithm?: string;
  /** v4 only. */
  readonly extDatas?: readonly SesExtData[];
  readonly extDatasTagging?: SesTagging;
}

export interface SesTbsSign extends SesTbsSignFields {
  readonly seal: SesSeal;
  /** Original DER of TBS_Sign. */
  readonly der: Uint8Array;
}

export interface SesSignatureFields {
  readonly version: SesVersion;
  readonly tbs: SesTbsSignFields;
  /** v4: SES_Signature.cert; v1: a copy of TBS_Sign.cert (the encoder uses the TBS one). */
  readonly signerCertificate: Uint8Array;
  /** v4: SES_Signature.signatureAlgID; v1: a copy of TBS_Sign.signatureAlgorithm. */
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
  /** v4 only: the time-stamp BIT STRING content. */
  readonly timeStamp?: Uint8Array;
  readonly timeStampTagging?: SesTagging;
}

export interface SesSignature extends SesSignatureFields {
  readonly tbs: SesTbsSign;
  readonly der: Uint8Array;
}

export type SesCheckStatus = 'VALID' | 'INVALID' | 'ERROR' | 'SKIPPED';

/** One named verification step with a stable reason code. */
export interface SesCheck {
  readonly name: string;
  readonly status: SesCheckStatus;
  readonly code: string;
  readonly message: string;
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

/** Limits applied before and while decoding untrusted bytes. */
export interface SesDecodeLimits {
  /** Default 16 MiB. */
  readonly maxBytes?: number;
  /** Default 16 levels of ASN.1 nesting (real SES structures use 7). */
  readonly maxDepth?: number;
  /** Default 4096 ASN.1 elements. */
  readonly maxNodes?: number;
}
