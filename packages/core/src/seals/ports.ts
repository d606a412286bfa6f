import type { RasterizeOptions, RenderedPdfPage, SealPdfRequest, SealPdfResult } from '@zhengyin/documents';
import type { Page, PageRequest } from '../shared/page.js';
import type { ApprovalStep, Seal, SealStatus, SealType } from './types.js';

export interface SealReview {
  readonly sealId: string;
  readonly step: number;
  readonly reviewerId: string;
  readonly decision: 'approved' | 'rejected';
  readonly comment: string | null;
  readonly at: Date;
}

export interface SealStatusEvent {
  readonly sealId: string;
  readonly status: SealStatus;
  readonly action: string;
  readonly reason: string | null;
  readonly actorId: string | null;
  readonly at: Date;
}

/** 备案: the filing of a made seal with public security, due within 24 hours. */
export interface SealFiling {
  readonly sealId: string;
  readonly madeAt: Date;
  readonly filedAt: Date | null;
  readonly filingNumber: string | null;
  readonly authority: string | null;
  readonly filedBy: string | null;
}

/** One certificate + SESeal generation of a seal (renewals add versions; old ones verify old signatures). */
export interface SealVersion {
  readonly sealId: string;
  readonly version: number;
  readonly certificate: Uint8Array;
  readonly sesSeal: Uint8Array;
  readonly validFrom: Date;
  readonly validTo: Date;
  readonly createdAt: Date;
}

export interface SealAttachment {
  readonly id: string;
  readonly sealId: string;
  readonly name: string;
  readonly contentType: string;
  readonly sha256: string;
  readonly size: number;
  readonly bytes: Uint8Array;
}

export interface SealQuery extends PageRequest {
  readonly q?: string;
  readonly status?: SealStatus;
  readonly type?: SealType;
  readonly departmentId?: string;
  /** Region prefixes the caller may see; null = all. */
  readonly prefixes?: string[] | null;
}

export interface SealRepository {
  get(id: string): Promise<Seal | null>;
  getForUpdate(id: string): Promise<Seal | null>;
  getByCode(code: string): Promise<Seal | null>;
  insert(seal: Seal): Promise<void>;
  /** False when the stored version is not `expectedVersion`. */
  update(seal: Seal, expectedVersion: number): Promise<boolean>;
  list(query: SealQuery): Promise<Page<Seal>>;
  /** Next serial for seal codes of a region (atomic). */
  nextSerial(regionCode: string): Promise<number>;
  addReview(review: SealReview): Promise<void>;
  reviews(sealId: string): Promise<SealReview[]>;
  addStatusEvent(event: SealStatusEvent): Promise<void>;
  statusEvents(sealId: string): Promise<SealStatusEvent[]>;
  upsertFiling(filing: SealFiling): Promise<void>;
  filing(sealId: string): Promise<SealFiling | null>;
  addVersion(version: SealVersion): Promise<void>;
  versions(sealId: string): Promise<SealVersion[]>;
  addAttachment(attachment: SealAttachment): Promise<void>;
  attachments(sealId: string): Promise<Omit<SealAttachment, 'bytes'>[]>;
  /** Seals whose validity ended before `at` and are still active or suspended. */
  listExpiring(at: Date, limit: number): Promise<Seal[]>;
  approvalChain(regionCode: string): Promise<ApprovalStep[] | null>;
  setApprovalChain(regionCode: string, steps: readonly ApprovalStep[]): Promise<void>;
  /** Active users holding the seal keeper role of the department, by display name. */
  keepers(departmentId: string): Promise<SealKeeper[]>;
}

export interface SealKeeper {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
}

export type SealUseStatus = 'pending' | 'approved' | 'rejected' | 'exhausted' | 'cancelled';

/** 用印申请: a request to use a seal (document, reason, number of uses), approved before signing. */
export interface SealUseRequest {
  readonly id: string;
  readonly sealId: string;
  readonly requesterId: string;
  readonly reason: string;
  readonly documentName: string;
  /** SHA-256 hex of the document to seal, when it is known at request time. */
  readonly documentSha256: string | null;
  readonly usesAllowed: number;
  readonly usesDone: number;
  readonly status: SealUseStatus;
  readonly approverId: string | null;
  readonly decidedAt: Date | null;
  readonly createdAt: Date;
}

/** 用印登记: one sealing of one document. */
export interface SealUsage {
  readonly id: string;
  readonly sealId: string;
  readonly useRequestId: string;
  readonly signerId: string;
  readonly approverId: string | null;
  readonly reason: string;
  readonly documentSha256: string;
  readonly sealedSha256: string;
  readonly at: Date;
}

export interface SealUseRepository {
  get(id: string): Promise<SealUseRequest | null>;
  getForUpdate(id: string): Promise<SealUseRequest | null>;
  insert(request: SealUseRequest): Promise<void>;
  update(request: SealUseRequest): Promise<void>;
  list(sealId: string): Promise<SealUseRequest[]>;
  addUsage(usage: SealUsage): Promise<void>;
  usages(sealId: string, page: PageRequest): Promise<Page<SealUsage>>;
}

export interface SealImageSpec {
  readonly shape: 'round' | 'oval' | 'square';
  /** Unit name on the arc (round, oval) or the person's name (square). */
  readonly text: string;
  readonly bottomText?: string;
  readonly middleText?: string;
  readonly code?: string;
}

export interface SealImage {
  readonly png: Uint8Array;
  readonly svg: string | null;
  readonly widthMm: number;
  readonly heightMm: number;
}

/** Draws seal images and checks uploaded ones (adapter over @zhengyin/documents with the fonts). */
export interface SealImageMaker {
  generate(spec: SealImageSpec): Promise<SealImage>;
  /** Validates an uploaded PNG or SVG (size, dimensions, transparency, safe SVG) and returns a PNG. */
  fromUpload(bytes: Uint8Array, sizeMm: { widthMm: number; heightMm: number }): Promise<SealImage>;
}

/** Seals PDFs (adapter over @zhengyin/documents' incremental sealing engine). */
export interface PdfSealer {
  seal(request: SealPdfRequest): Promise<SealPdfResult>;
  /** One page drawn as PNG with its displayed size in points (where to place a seal by clicking). */
  preview(pdf: Uint8Array, options: RasterizeOptions): Promise<RenderedPdfPage>;
}

/** Renders the seal documents the platform issues (the 注销证书); the adapter supplies the fonts. */
export interface SealCertificateRenderer {
  revocation(input: {
    sealName: string;
    sealCode: string;
    sealType: string;
    ownerName: string;
    ownerCode: string;
    certificateSerial: string | null;
    reason: string;
    revokedAt: Date;
    issuer: string;
  }): Promise<Uint8Array>;
}

export interface SealRevocationRepository {
  get(sealId: string): Promise<{ pdf: Uint8Array; createdAt: Date } | null>;
  insert(sealId: string, pdf: Uint8Array, createdAt: Date): Promise<void>;
}
