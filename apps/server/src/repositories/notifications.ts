import type { ColumnType, Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type {
  ExpiringLicense,
  HolderContact,
  HolderContactRepository,
  Notification,
  NotificationChannel,
  NotificationKind,
  NotificationRepository,
  NotificationStatus,
} from '@zhengyin/core';
import type { DB } from '../db/schema.js';
import { json, pageBounds, toNumber } from './rows.js';

type Timestamp = ColumnType<Date, Date, Date>;

/** Tables of migration 0013. */
export interface NotificationsTable {
  id: string;
  dedupe_key: string;
  kind: string;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  holder_code_type: string | null;
  holder_code: string | null;
  license_id: string | null;
  reference: string | null;
  details: ColumnType<Record<string, unknown>, string, string>;
  status: string;
  attempts: number;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: ColumnType<Date | null, Date | null, Date | null>;
}

export interface HolderContactsTable {
  holder_code_type: string;
  holder_code: string;
  email: string | null;
  webhook: string | null;
  lead_days: number[] | null;
  updated_at: Timestamp;
}

type Tables = DB & { notifications: NotificationsTable; holder_contacts: HolderContactsTable };

const toNotification = (r: Selectable<NotificationsTable>): Notification => ({
  id: r.id,
  dedupeKey: r.dedupe_key,
  kind: r.kind as NotificationKind,
  channel: r.channel as NotificationChannel,
  recipient: r.recipient,
  subject: r.subject,
  body: r.body,
  holderCodeType: r.holder_code_type,
  holderCode: r.holder_code,
  licenseId: r.license_id,
  reference: r.reference,
  details: r.details,
  status: r.status as NotificationStatus,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

export function notificationRepository(kdb: Kysely<DB>): NotificationRepository {
  const db = kdb as unknown as Kysely<Tables>;
  return {
    async enqueue(n) {
      const r = await db
        .insertInto('notifications')
        .values({
          id: n.id,
          dedupe_key: n.dedupeKey,
          kind: n.kind,
          channel: n.channel,
          recipient: n.recipient,
          subject: n.subject,
          body: n.body,
          holder_code_type: n.holderCodeType,
          holder_code: n.holderCode,
          license_id: n.licenseId,
          reference: n.reference,
          details: json(n.details),
          status: n.status,
          attempts: n.attempts,
          next_attempt_at: n.nextAttemptAt,
          last_error: n.lastError,
          created_at: n.createdAt,
          sent_at: n.sentAt,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async byDedupeKey(key) {
      const row = await db
        .selectFrom('notifications')
        .selectAll()
        .where('dedupe_key', '=', key)
        .executeTakeFirst();
      return row ? toNotification(row) : null;
    },
    async claimDue(now, leaseUntil, limit) {
      const due = db
        .selectFrom('notifications')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked();
      const rows = await db
        .updateTable('notifications')
        .set({ attempts: sql`attempts + 1`, next_attempt_at: leaseUntil })
        .where('id', 'in', due)
        .returningAll()
        .execute();
      return rows.map(toNotification).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    },
    async markSent(id, at) {
      await db
        .updateTable('notifications')
        .set({ status: 'sent', sent_at: at, last_error: null })
        .where('id', '=', id)
        .execute();
    },
    async markRetry(id, nextAttemptAt, error) {
      await db
        .updateTable('notifications')
        .set({ next_attempt_at: nextAttemptAt, last_error: error })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .execute();
    },
    async markFailed(id, error) {
      await db
        .updateTable('notifications')
        .set({ status: 'failed', last_error: error })
        .where('id', '=', id)
        .execute();
    },
    async forHolder(holder, kind, page) {
      let q = db
        .selectFrom('notifications')
        .where('holder_code_type', '=', holder.codeType)
        .where('holder_code', '=', holder.code);
      if (kind) q = q.where('kind', '=', kind);
      const { limit, offset } = pageBounds(page.page, page.pageSize);
      const [rows, total] = await Promise.all([
        q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
        q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map(toNotification),
        total: toNumber(total.n),
        page: page.page,
        pageSize: page.pageSize,
      };
    },
    async expiringLicenses(from, to, afterId, limit) {
      let q = db
        .selectFrom('licenses')
        .select([
          'id',
          'identifier',
          'license_number',
          'holder_code_type',
          'holder_code',
          'valid_to',
          sql<string>`content ->> 'typeName'`.as('type_name'),
        ])
        .where('status', '=', 'valid')
        .where('valid_to', 'is not', null)
        .where('valid_to', '>=', from)
        .where('valid_to', '<=', to);
      if (afterId) q = q.where('id', '>', afterId);
      const rows = await q.orderBy('id').limit(limit).execute();
      return rows.map((r): ExpiringLicense => ({
        id: r.id,
        identifier: r.identifier,
        typeName: r.type_name,
        licenseNumber: r.license_number,
        holderCodeType: r.holder_code_type,
        holderCode: r.holder_code,
        validTo: r.valid_to as string,
      }));
    },
  };
}

const toContact = (r: Selectable<HolderContactsTable>): HolderContact => ({
  holderCodeType: r.holder_code_type,
  holderCode: r.holder_code,
  email: r.email,
  webhook: r.webhook,
  leadDays: r.lead_days,
  updatedAt: r.updated_at,
});

export function holderContactRepository(kdb: Kysely<DB>): HolderContactRepository {
  const db = kdb as unknown as Kysely<Tables>;
  return {
    async get(codeType, code) {
      const row = await db
        .selectFrom('holder_contacts')
        .selectAll()
        .where('holder_code_type', '=', codeType)
        .where('holder_code', '=', code)
        .executeTakeFirst();
      return row ? toContact(row) : null;
    },
    async many(holders) {
      if (!holders.length) return [];
      const rows = await db
        .selectFrom('holder_contacts')
        .selectAll()
        .where((eb) =>
          eb.or(
            holders.map((h) =>
              eb.and([eb('holder_code_type', '=', h.codeType), eb('holder_code', '=', h.code)]),
            ),
          ),
        )
        .execute();
      return rows.map(toContact);
    },
    async put(c) {
      const values = {
        email: c.email,
        webhook: c.webhook,
        lead_days: c.leadDays ? [...c.leadDays] : null,
        updated_at: c.updatedAt,
      };
      await db
        .insertInto('holder_contacts')
        .values({ holder_code_type: c.holderCodeType, holder_code: c.holderCode, ...values })
        .onConflict((oc) => oc.columns(['holder_code_type', 'holder_code']).doUpdateSet(values))
        .execute();
    },
    async maxLeadDays() {
      const row = await db
        .selectFrom('holder_contacts')
        .select(sql<number | null>`max((select max(d) from unnest(lead_days) d))`.as('m'))
        .executeTakeFirst();
      return row?.m === null || row?.m === undefined ? null : Number(row.m);
    },
  };
}
