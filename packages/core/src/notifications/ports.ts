import type { Page, PageRequest } from '../shared/page.js';

/** How a message travels: e-mail (SMTP), a webhook (the messaging gateway), or only the log. */
export type NotificationChannel = 'email' | 'webhook' | 'log';

/** One message for the transport. `dedupeKey` is stable per logical notification (receivers may dedupe on it). */
export interface NotificationMessage {
  readonly channel?: NotificationChannel;
  readonly recipient: string;
  readonly subject: string;
  readonly body: string;
  readonly dedupeKey: string;
}

/** The transport port (log / webhook / SMTP adapters). Throws when the message was not accepted. */
export interface Notifier {
  notify(message: NotificationMessage): Promise<void>;
}

export const NOTIFICATION_KINDS = [
  'expiry_reminder',
  'objection_acknowledged',
  'objection_resolved',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type NotificationStatus = 'pending' | 'sent' | 'failed';

/** A row of the durable outbox `notifications` (dedupe key unique: never queued twice). */
export interface Notification {
  readonly id: string;
  readonly dedupeKey: string;
  readonly kind: NotificationKind;
  readonly channel: NotificationChannel;
  readonly recipient: string;
  readonly subject: string;
  readonly body: string;
  /** The holder it concerns (for the holder's own list), if any. */
  readonly holderCodeType: string | null;
  readonly holderCode: string | null;
  readonly licenseId: string | null;
  /** The objection (or other record) it is about. */
  readonly reference: string | null;
  readonly details: Record<string, unknown>;
  readonly status: NotificationStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly sentAt: Date | null;
}

/** A licence version the reminder job looks at. */
export interface ExpiringLicense {
  readonly id: string;
  readonly identifier: string;
  readonly typeName: string;
  readonly licenseNumber: string;
  readonly holderCodeType: string;
  readonly holderCode: string;
  readonly validTo: string;
}

export interface NotificationRepository {
  /** Inserts unless the dedupe key exists; true when inserted. */
  enqueue(notification: Notification): Promise<boolean>;
  byDedupeKey(dedupeKey: string): Promise<Notification | null>;
  /**
   * Claims up to `limit` pending rows due at `now` (SKIP LOCKED): counts the attempt and moves their
   * next attempt to `leaseUntil`, so no other sender takes them meanwhile.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<Notification[]>;
  markSent(id: string, at: Date): Promise<void>;
  markRetry(id: string, nextAttemptAt: Date, error: string): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  forHolder(
    holder: { codeType: string; code: string },
    kind: NotificationKind | null,
    page: PageRequest,
  ): Promise<Page<Notification>>;
  /** Valid licence versions with from ≤ validTo ≤ to and id > afterId, by id. */
  expiringLicenses(
    from: string,
    to: string,
    afterId: string | null,
    limit: number,
  ): Promise<ExpiringLicense[]>;
}

/** A holder's notification settings (table holder_contacts). */
export interface HolderContact {
  readonly holderCodeType: string;
  readonly holderCode: string;
  readonly email: string | null;
  /** https URL handed to the messaging gateway (the platform never calls it itself). */
  readonly webhook: string | null;
  /** Overrides the configured reminder lead days. */
  readonly leadDays: readonly number[] | null;
  readonly updatedAt: Date;
}

export interface HolderContactRepository {
  get(holderCodeType: string, holderCode: string): Promise<HolderContact | null>;
  many(holders: readonly { codeType: string; code: string }[]): Promise<HolderContact[]>;
  put(contact: HolderContact): Promise<void>;
  /** The largest lead-day override of any holder (null when none). */
  maxLeadDays(): Promise<number | null>;
}
