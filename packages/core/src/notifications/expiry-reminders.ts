import { auditEntry } from '../audit/entry.js';
import { addCalendarDays, chinaDateOf, daysBetween } from '../calendar/working-days.js';
import { SYSTEM_ACTOR } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import { holderRecipient } from './recipients.js';
import type { ExpiringLicense, HolderContact } from './ports.js';

/** Parses "30,7,1" (the configured lead days), largest first. */
export function parseLeadDays(text: string): number[] {
  const days = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (!days.length || days.some((d) => !Number.isInteger(d) || d < 1 || d > 365))
    throw new Error(`lead days must be whole numbers 1–365 separated by commas: ${text}`);
  return [...new Set(days)].sort((a, b) => b - a);
}

/**
 * The lead day a licence with `daysLeft` days to go is due for: the smallest lead ≥ daysLeft
 * (a licence first seen 5 days before its end gets the 7-day reminder, not the 30-day one too).
 */
export function dueLeadDay(daysLeft: number, leadDays: readonly number[]): number | null {
  if (daysLeft < 0) return null;
  const candidates = leadDays.filter((l) => l >= daysLeft);
  return candidates.length ? Math.min(...candidates) : null;
}

export const reminderKey = (licenseId: string, leadDay: number) => `reminder:${licenseId}:${leadDay}`;

function message(l: ExpiringLicense, daysLeft: number) {
  return {
    subject: `电子证照到期提醒：${l.typeName}`,
    body:
      `您的${l.typeName}（证照编号 ${l.licenseNumber}，电子证照标识 ${l.identifier}）` +
      `将于 ${l.validTo} 到期（还有 ${daysLeft} 天），请及时办理延续或换发。`,
  };
}

/**
 * 到期提醒, the durable reminder job: every valid licence version whose end date lies within a lead
 * day (the holder's own lead days, else the configured ones) gets one notification per (version,
 * lead day). The outbox's unique dedupe key makes a re-run, a restart or a second server add
 * nothing; each queued reminder is audited in the same transaction. Holders without a contact get
 * a log-only notification naming the masked holder code.
 */
export async function queueExpiryReminders(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'>,
  options: { leadDays: readonly number[]; batchSize?: number },
): Promise<number> {
  const batchSize = options.batchSize ?? 200;
  const now = deps.clock.now();
  const today = chinaDateOf(now);
  const configuredMax = Math.max(...options.leadDays);
  const overrideMax = await deps.uow.run((r) => r.holderContacts.maxLeadDays());
  const until = addCalendarDays(today, Math.max(configuredMax, overrideMax ?? 0));
  let afterId: string | null = null;
  let queued = 0;
  for (;;) {
    const cursor: string | null = afterId;
    const {
      count,
      last,
      n: added,
    } = await deps.uow.run(async (r) => {
      const batch = await r.notifications.expiringLicenses(today, until, cursor, batchSize);
      const contacts = new Map<string, HolderContact>(
        (
          await r.holderContacts.many(batch.map((l) => ({ codeType: l.holderCodeType, code: l.holderCode })))
        ).map((c) => [`${c.holderCodeType}:${c.holderCode}`, c]),
      );
      let n = 0;
      for (const l of batch) {
        const contact = contacts.get(`${l.holderCodeType}:${l.holderCode}`) ?? null;
        const daysLeft = daysBetween(today, l.validTo);
        const lead = dueLeadDay(daysLeft, contact?.leadDays ?? options.leadDays);
        if (lead === null) continue;
        const dedupeKey = reminderKey(l.id, lead);
        const inserted = await r.notifications.enqueue({
          id: deps.ids.uuid(),
          dedupeKey,
          kind: 'expiry_reminder',
          ...holderRecipient({ codeType: l.holderCodeType, code: l.holderCode }, contact),
          ...message(l, daysLeft),
          holderCodeType: l.holderCodeType,
          holderCode: l.holderCode,
          licenseId: l.id,
          reference: l.identifier,
          details: { leadDay: lead, daysLeft, validTo: l.validTo },
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          lastError: null,
          createdAt: now,
          sentAt: null,
        });
        if (!inserted) continue;
        await r.audit.append(
          auditEntry(
            SYSTEM_ACTOR,
            { requestId: null, clientIp: null },
            now,
            'reminders.queued',
            { type: 'license', id: l.id },
            { identifier: l.identifier, leadDay: lead, validTo: l.validTo, dedupeKey },
          ),
        );
        n++;
      }
      return { count: batch.length, last: batch.at(-1)?.id ?? null, n };
    });
    queued += added;
    if (count < batchSize || last === null) return queued;
    afterId = last;
  }
}
