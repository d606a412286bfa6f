import type { AuditAction } from './actions.js';
import type { AuditRecord } from './chain.js';

export interface AuditEntry {
  readonly action: AuditAction;
  readonly actorKind: 'user' | 'app' | 'holder' | 'system' | 'anonymous';
  readonly actorId: string | null;
  readonly targetType?: string | null;
  readonly targetId?: string | null;
  /** Region the target belongs to, so region-scoped auditors see it. */
  readonly regionCode?: string | null;
  readonly details?: Record<string, unknown>;
  readonly requestId: string | null;
  readonly clientIp: string | null;
  readonly at: Date;
}

/** Appends inside the caller's transaction; the adapter links the event to the chain head. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<AuditRecord>;
}

export interface AuditQuery {
  readonly actorId?: string;
  readonly actorKind?: string;
  readonly action?: string;
  readonly targetType?: string;
  readonly targetId?: string;
  readonly from?: Date;
  readonly to?: Date;
  /** Restrict to events of this region and below (region-scoped auditors). */
  readonly regionPrefix?: string;
  readonly beforeSeq?: number;
  readonly limit: number;
}

export interface AuditReader {
  query(q: AuditQuery): Promise<AuditRecord[]>;
  /** All events in sequence order, read in batches. */
  scan(batchSize?: number): AsyncIterable<AuditRecord>;
  head(): Promise<{ seq: number; hash: string }>;
}

export interface ApiCallRecord {
  readonly id: number;
  readonly at: Date;
  readonly requestId: string;
  readonly actorKind: string;
  readonly actorId: string | null;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly latencyMs: number;
  readonly clientIp: string | null;
}

export interface ApiCallLog {
  recordMany(calls: readonly Omit<ApiCallRecord, 'id'>[]): Promise<void>;
  list(q: { actorId?: string; beforeId?: number; limit: number }): Promise<ApiCallRecord[]>;
}
