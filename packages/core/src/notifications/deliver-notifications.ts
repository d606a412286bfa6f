import { auditEntry } from '../audit/entry.js';
import { SYSTEM_ACTOR } from '../shared/actor.js';
import type { CoreDeps } from '../shared/deps.js';
import type { Notification, Notifier } from './ports.js';

export interface DeliveryOptions {
  readonly batchSize?: number;
  /** Attempts before a notification is given up (status failed). */
  readonly maxAttempts?: number;
  /** How long a claimed notification stays reserved for this sender. */
  readonly leaseMs?: number;
  /** First retry delay; doubles with each attempt up to `maxBackoffMs`. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
}

const SYSTEM_META = { requestId: null, clientIp: null };

/** Delay before attempt `attempts + 1` after `attempts` failed ones. */
export function retryDelay(attempts: number, backoffMs = 60_000, maxBackoffMs = 6 * 3600_000): number {
  return Math.min(maxBackoffMs, backoffMs * 2 ** Math.max(0, attempts - 1));
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * The sender loop over the durable outbox: claims due notifications (each claim counts an attempt
 * and reserves the row for `leaseMs`, so several servers never send the same row at once), hands
 * them to the transport outside any transaction, then marks them sent, or schedules a retry with
 * exponential backoff, or gives up after `maxAttempts`. A crash between sending and marking leaves
 * the row to be retried after the lease: delivery is at least once, and the dedupe key travels with
 * the message so receivers can drop a repeat. Sent and given-up notifications are audited.
 */
export async function deliverNotifications(
  deps: Pick<CoreDeps, 'uow' | 'clock'> & { readonly notifier: Notifier },
  options: DeliveryOptions = {},
): Promise<{ sent: number; retried: number; failed: number }> {
  const batchSize = options.batchSize ?? 50;
  const maxAttempts = options.maxAttempts ?? 8;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const result = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const now = deps.clock.now();
    const claimed = await deps.uow.run((r) =>
      r.notifications.claimDue(now, new Date(now.getTime() + leaseMs), batchSize),
    );
    for (const n of claimed) await deliverOne(deps, n, maxAttempts, options, result);
    if (claimed.length < batchSize) return result;
  }
}

async function deliverOne(
  deps: Pick<CoreDeps, 'uow' | 'clock'> & { readonly notifier: Notifier },
  n: Notification,
  maxAttempts: number,
  options: DeliveryOptions,
  result: { sent: number; retried: number; failed: number },
) {
  const target = { type: 'notification', id: n.id };
  const about = { kind: n.kind, channel: n.channel, dedupeKey: n.dedupeKey, attempts: n.attempts };
  try {
    await deps.notifier.notify({
      channel: n.channel,
      recipient: n.recipient,
      subject: n.subject,
      body: n.body,
      dedupeKey: n.dedupeKey,
    });
  } catch (err) {
    const error = errorText(err);
    const now = deps.clock.now();
    if (n.attempts >= maxAttempts) {
      await deps.uow.run(async (r) => {
        await r.notifications.markFailed(n.id, error);
        await r.audit.append(
          auditEntry(SYSTEM_ACTOR, SYSTEM_META, now, 'notifications.failed', target, { ...about, error }),
        );
      });
      result.failed++;
    } else {
      const next = new Date(now.getTime() + retryDelay(n.attempts, options.backoffMs, options.maxBackoffMs));
      await deps.uow.run((r) => r.notifications.markRetry(n.id, next, error));
      result.retried++;
    }
    return;
  }
  const now = deps.clock.now();
  await deps.uow.run(async (r) => {
    await r.notifications.markSent(n.id, now);
    await r.audit.append(auditEntry(SYSTEM_ACTOR, SYSTEM_META, now, 'notifications.sent', target, about));
  });
  result.sent++;
}
