import type { AnnotationPorts } from './annotated-copy-ports.js';
import type { HolderCodeType } from '../catalog/types.js';
import type { Page, PageRequest } from '../shared/page.js';
import type {
  UsageContext,
  UsageContextStatus,
  UseCode,
  UseListEntry,
  UseListStatus,
  UseRecord,
} from './types.js';

/** What a reader may see: null = everything; otherwise region code prefixes and departments. */
export type UseReadScope = {
  readonly prefixes: readonly string[];
  readonly departmentIds: readonly string[];
} | null;

export interface UseListQuery extends PageRequest {
  readonly scope: UseReadScope;
  readonly departmentId?: string;
  readonly status?: UseListStatus;
  readonly itemCode?: string;
  readonly licenseTypeCode?: string;
}

export interface UseListRepository {
  get(id: string): Promise<UseListEntry | null>;
  getForUpdate(id: string): Promise<UseListEntry | null>;
  /** False when the department already lists this item and licence type. */
  insert(entry: UseListEntry): Promise<boolean>;
  /** False when the stored row version is not `expectedRowVersion` or the change clashes with another entry. */
  update(entry: UseListEntry, expectedRowVersion: number): Promise<boolean>;
  /** The department's approved entries for the item and any of the licence types. */
  approvedFor(departmentId: string, itemCode: string, typeCodes: readonly string[]): Promise<UseListEntry[]>;
  list(query: UseListQuery): Promise<Page<UseListEntry>>;
}

export interface UsageContextQuery extends PageRequest {
  readonly scope: UseReadScope;
  readonly departmentId?: string;
  /** `expired` matches pending and approved contexts past their end, the others only those before it. */
  readonly status?: UsageContextStatus;
  readonly now: Date;
}

export interface UsageContextRepository {
  get(id: string): Promise<UsageContext | null>;
  getForUpdate(id: string): Promise<UsageContext | null>;
  insert(context: UsageContext): Promise<void>;
  update(context: UsageContext): Promise<void>;
  list(query: UsageContextQuery): Promise<Page<UsageContext>>;
  /** The holder's contexts still waiting for consent at `now`, newest first. */
  pendingForHolder(holderCodeType: string, holderCode: string, now: Date): Promise<UsageContext[]>;
}

export interface UseCodeRepository {
  insert(code: UseCode): Promise<void>;
  /** Locks the code's row. */
  getForUpdate(codeHash: string): Promise<UseCode | null>;
  /** Marks the code used; false when it already was (single use, also under concurrency). */
  markUsed(codeHash: string, at: Date, by: string): Promise<boolean>;
}

export interface UseRecordRepository {
  insert(record: UseRecord): Promise<void>;
  forHolder(holderCodeType: HolderCodeType, holderCode: string, page: PageRequest): Promise<Page<UseRecord>>;
  forContext(contextId: string): Promise<UseRecord[]>;
}

/** Failed redemptions and lockouts, per subject (`department:<id>` or `app:<id>`); durable. */
export interface UseGuardRepository {
  /** The end of the subject's lockout if one is in force at `now`. */
  lockedUntil(subject: string, now: Date): Promise<Date | null>;
  recordFailure(subject: string, at: Date): Promise<void>;
  countFailures(subject: string, since: Date): Promise<number>;
  lock(subject: string, until: Date): Promise<void>;
}

/** 亮证 token nonces already consumed (single use). */
export interface ShowTokenNonceRepository {
  /** False when the nonce was used before. */
  claim(nonce: string, licenseId: string, expiresAt: Date, at: Date): Promise<boolean>;
}

/** Limits of the use service (configuration). */
export interface UsePolicy {
  /** How long a consent request waits for the holder. */
  readonly consentTtlMinutes: number;
  /** How long an approved context may be used. */
  readonly contextValidMinutes: number;
  readonly codeTtlMinutes: number;
  /** Failed redemptions within the window that lock the department (or app) out. */
  readonly lockoutThreshold: number;
  readonly lockoutWindowMinutes: number;
  readonly lockoutMinutes: number;
  readonly showTokenTtlSeconds: number;
}

export const DEFAULT_USE_POLICY: UsePolicy = {
  consentTtlMinutes: 30,
  contextValidMinutes: 24 * 60,
  codeTtlMinutes: 10,
  lockoutThreshold: 10,
  lockoutWindowMinutes: 10,
  lockoutMinutes: 15,
  showTokenTtlSeconds: 60,
};

/** Adapters of the use service. */
export interface UsePorts {
  /** HMAC-SM3 key of 亮证 tokens (derived from the master key; never the QR token key). */
  readonly showTokenKey: Uint8Array;
  readonly policy: UsePolicy;
}

/** Adapters of redemption: the 加注件 engine is optional (kind annotated is refused without it). */
export interface RedeemPorts {
  readonly policy: UsePolicy;
  readonly annotation?: AnnotationPorts;
}
