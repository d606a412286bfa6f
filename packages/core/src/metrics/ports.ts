import type { Page, PageRequest } from '../shared/page.js';
import type { MetricSeries } from './types.js';

/**
 * One line of a region's 事项清单: a service item a department has entered on the government service
 * network. It accepts electronic licences when the department has an approved use-list entry with
 * the same item code.
 */
export interface ServiceItem {
  readonly id: string;
  /** The department's region. */
  readonly regionCode: string;
  readonly departmentId: string;
  /** 事项编码 */
  readonly code: string;
  /** 事项名称 */
  readonly name: string;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly updatedAt: Date;
  readonly removedAt: Date | null;
  readonly removedBy: string | null;
  readonly removalReason: string | null;
}

export type ListedServiceItem = ServiceItem & {
  readonly departmentName: string;
  /** An approved use-list entry of the department names the item code. */
  readonly accepting: boolean;
};

export interface ServiceItemQuery {
  /** Code prefix of the region (see regionPrefix); absent = every region. */
  readonly regionPrefix?: string;
  readonly departmentId?: string;
  readonly accepting?: boolean;
}

/** Per department with at least one live item: all items and those accepting electronic licences. */
export interface ServiceItemCount {
  readonly departmentId: string;
  readonly departmentName: string;
  readonly regionCode: string;
  readonly items: number;
  readonly accepting: number;
}

/** Only items not removed are listed, counted and clash. */
export interface ServiceItemRepository {
  getForUpdate(id: string): Promise<ServiceItem | null>;
  /** False when the department already has a live item with this code. */
  insert(item: ServiceItem): Promise<boolean>;
  /** False when the change would clash with another live item of the department. */
  update(item: ServiceItem): Promise<boolean>;
  list(query: ServiceItemQuery & PageRequest): Promise<Page<ListedServiceItem>>;
  coverage(query: ServiceItemQuery): Promise<ServiceItemCount[]>;
}

/** Instants: `from` included, `to` excluded. Days: China calendar dates, both included. */
export interface MetricsWindow {
  readonly regionPrefix: string | null;
  readonly from: Date;
  readonly to: Date;
  readonly fromDay: string;
  readonly toDay: string;
}

export interface DailyCount {
  /** China calendar date, YYYY-MM-DD. */
  readonly day: string;
  readonly series: MetricSeries;
  readonly count: number;
}

export interface ObjectionSlaCounts {
  readonly raised: number;
  readonly open: number;
  readonly resolved: number;
  readonly resolvedOnTime: number;
  readonly overdueOpen: number;
}

/** One verification, as the tally records it: no identifier, address or file is kept. */
export interface VerificationOutcome {
  readonly at: Date;
  readonly kind: 'file' | 'qr';
  /** VALID, INVALID, INDETERMINATE or REJECTED (refused input). */
  readonly verdict: string;
  /** First failing check code or the refusal's error code; null when none. */
  readonly reason: string | null;
  /** Identifier of the licence verified, only to attribute the count to its region. */
  readonly licenseIdentifier: string | null;
}

/** Counting queries of performance supervision, region-filtered by code prefix. */
export interface MetricsRepository {
  /** Counts per China day and series within the window (days without any are left out). */
  dailyCounts(window: MetricsWindow): Promise<DailyCount[]>;
  /** Objections raised in the window, their outcome and deadlines as of `now`. */
  objectionSla(window: MetricsWindow, now: Date): Promise<ObjectionSlaCounts>;
  /** Failed verifications per reason code within the window's days, most frequent first. */
  failureReasons(window: MetricsWindow, limit: number): Promise<{ code: string; count: number }[]>;
  /** Adds verifications to the daily tallies (region from the licence identifier, when registered). */
  tallyVerifications(outcomes: readonly VerificationOutcome[]): Promise<void>;
}
