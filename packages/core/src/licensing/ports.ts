import type { SealPlacement } from '@zhengyin/documents';
import type { PdfSealer } from '../seals/ports.js';
import type { ImportFiles } from './import-ports.js';
import type { Page, PageRequest } from '../shared/page.js';
import type { License, LicenseEvent, LicenseStatus } from './types.js';
import type { DataItem } from '../catalog/types.js';

export interface LicenseQuery extends PageRequest {
  readonly identifier?: string;
  readonly licenseNumber?: string;
  readonly holderCode?: string;
  /** The holder's name, or its beginning. */
  readonly holderName?: string;
  readonly typeCode?: string;
  readonly departmentId?: string;
  readonly status?: LicenseStatus;
  /** Issue date range, ISO dates inclusive. */
  readonly issuedFrom?: string;
  readonly issuedTo?: string;
  /** Superseded versions leave search results unless asked for. */
  readonly includeSuperseded?: boolean;
  /** Region prefixes the caller may see; null = all. */
  readonly prefixes?: string[] | null;
  /** Departments the caller may see in addition to `prefixes`. */
  readonly departmentIds?: string[];
}

export interface LicensePublicView {
  readonly license: License;
  readonly dataItems: readonly DataItem[];
  readonly underObjection: boolean;
  readonly newestIdentifier: string | null;
}

export interface LicenseRepository {
  get(id: string): Promise<License | null>;
  getForUpdate(id: string): Promise<License | null>;
  byIdentifier(identifier: string): Promise<License | null>;
  /**
   * What the public QR lookup needs, in one statement: the version, its type's data items, whether an
   * objection to it is open, and the newest version's identifier when it is superseded.
   */
  publicView(identifier: string): Promise<LicensePublicView | null>;
  byIssueRefs(refs: readonly string[]): Promise<License[]>;
  /** Licence numbers of the type and issuer already used by a live (not superseded) version of another series. */
  numbersTaken(
    typeCode: string,
    issuerCode: string,
    numbers: readonly string[],
    exceptSeriesId?: string,
  ): Promise<Set<string>>;
  insert(license: License): Promise<void>;
  /** False when the stored row version is not `expectedRowVersion`. */
  update(license: License, expectedRowVersion: number): Promise<boolean>;
  /** All versions of a licence, oldest first. */
  versions(seriesId: string): Promise<License[]>;
  search(query: LicenseQuery): Promise<Page<License>>;
  /** In-force versions whose validity ended before `today` (ISO date), oldest first. */
  dueForExpiry(today: string, limit: number): Promise<License[]>;
  /** Reserves `count` consecutive serial numbers for (type, issuer); returns the first. */
  allocateSerials(typeCode: string, issuerCode: string, count: number): Promise<number>;
  addEvent(event: LicenseEvent): Promise<void>;
  events(seriesId: string): Promise<LicenseEvent[]>;
}

/** Content-addressed file store (SHA-256 hex keys); storing the same bytes twice is a no-op. */
export interface BlobRepository {
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  get(sha256: string): Promise<Uint8Array | null>;
}

export interface IdempotencyRepository {
  /** Records (scope, key) → requestHash; says whether it is new, a replay, or reused with another body. */
  claim(scope: string, key: string, requestHash: string, at: Date): Promise<'new' | 'replay' | 'conflict'>;
}

export interface LicenseRenderInput {
  readonly template: Record<string, unknown>;
  readonly values: Readonly<Record<string, string>>;
  readonly qrPayload: string;
  readonly title: string;
  readonly xmp: Readonly<Record<string, string>>;
  readonly attachment: unknown;
  readonly createdAt: Date;
}

/** Licence faces: the adapter owns the fonts and the template format. Errors are AppErrors (LICENSE_*). */
export interface LicenseRenderer {
  /** Characters of `texts` no configured font can draw. */
  missingGlyphs(texts: readonly string[]): string[];
  /** Validates a template and returns its fixed texts (for the glyph check at publication). */
  checkTemplate(template: Record<string, unknown>): { readonly fixedTexts: readonly string[] };
  /** Where the issuing seal goes on the face (the template's seal box, or the last page's lower right). */
  sealPlacement(template: Record<string, unknown>): SealPlacement;
  render(input: LicenseRenderInput): Promise<Uint8Array>;
  /** The same face as an unsigned OFD (GB/T 33190): metadata as CustomDatas, the attachment attached. */
  renderOfd(input: LicenseRenderInput): Promise<Uint8Array>;
  /** The area the issuing seal is centred in on the OFD face (the template's seal box, or the lower right). */
  ofdSealArea(template: Record<string, unknown>): Required<OfdSealBox>;
  /** PNG of page 1 (the template designer's preview). */
  rasterize(pdf: Uint8Array, dpi: number): Promise<Uint8Array>;
}

/** A seal's box on an OFD page: page index from 0, millimetres from the page's top left corner. */
export interface OfdSealBox {
  readonly page: number;
  readonly xMm: number;
  readonly yMm: number;
  readonly widthMm?: number;
  readonly heightMm?: number;
}

/** Sealing an OFD with a GB/T 38540 SES signature (SignedValue.dat) of the seal's SM2 key. */
export interface OfdSealRequest {
  readonly ofd: Uint8Array;
  /** DER of the seal's SESeal (v4). */
  readonly sesSeal: Uint8Array;
  readonly signerCertificate: Uint8Array;
  /** DER SM2 signature over the TBS_Sign bytes. */
  readonly sign: (tbs: Uint8Array) => Promise<Uint8Array>;
  readonly placement: OfdSealBox;
  readonly signingTime: Date;
  /** 'continue': later signatures and annotations may be added without breaking this one. */
  readonly protection: 'continue' | 'whole';
  /** false: annotation layers (加注件) added later stay outside what this signature covers. */
  readonly coverAnnotations: boolean;
  /** RFC 3161 token over the signature value. */
  readonly timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
}

export interface OfdSealer {
  /** Errors are AppErrors (OFD_* / SES_*); `signedValue` is the SignedValue.dat written. */
  seal(request: OfdSealRequest): Promise<{ readonly ofd: Uint8Array; readonly signedValue: Uint8Array }>;
}

/** Page 1 of an OFD licence as a PNG (the adapter binds the licence font chain). */
export interface OfdPageImages {
  rasterize(ofd: Uint8Array, dpi: number): Promise<Uint8Array>;
}

/** Short integrity token carried by the QR URL: a MAC over the identifier under a platform key. */
export interface LicenseTokens {
  token(identifier: string): string;
  verify(identifier: string, token: string): boolean;
}

/** Adapters of the issuance use cases. */
export interface LicensingPorts {
  readonly renderer: LicenseRenderer;
  readonly pdf: PdfSealer;
  readonly ofd: OfdSealer;
  readonly tokens: LicenseTokens;
  readonly sha256: (bytes: Uint8Array) => Uint8Array;
  readonly imports: ImportFiles;
  /** Base of the verification URL in the QR code, e.g. https://zhengyin.example.gov.cn */
  readonly verifyBaseUrl: string;
}
