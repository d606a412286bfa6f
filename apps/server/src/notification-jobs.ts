import { deliverNotifications, parseLeadDays, queueExpiryReminders } from '@zhengyin/core';
import type { ServerContext } from './http/context.js';

/** Runs `task` unless its previous run is still going (one process never overlaps itself). */
function serial(task: () => Promise<void>): () => void {
  let running = false;
  return () => {
    if (running) return;
    running = true;
    void task().finally(() => {
      running = false;
    });
  };
}

/**
 * The reminder job (到期提醒) and the outbox sender, started with the other jobs. Both keep their
 * state in the database (unique dedupe keys, claimed rows), so restarts and several servers are
 * safe. Returns the timers for the caller to stop.
 */
export function startNotificationJobs(ctx: ServerContext): ReturnType<typeof setInterval>[] {
  const leadDays = parseLeadDays(ctx.config.ZHENGYIN_REMINDER_LEAD_DAYS);
  const remind = serial(() =>
    queueExpiryReminders(ctx.deps, { leadDays })
      .then((n) => void (n > 0 && ctx.logger.info({ queued: n }, 'expiry reminders queued')))
      .catch((err: unknown) => ctx.logger.error({ err }, 'expiry reminder job failed')),
  );
  const send = serial(() =>
    deliverNotifications(
      { ...ctx.deps, notifier: ctx.notifier },
      { maxAttempts: ctx.config.ZHENGYIN_NOTIFICATION_MAX_ATTEMPTS },
    )
      .then((r) => void (r.sent + r.failed + r.retried > 0 && ctx.logger.info(r, 'notifications delivered')))
      .catch((err: unknown) => ctx.logger.error({ err }, 'notification sender failed')),
  );
  remind();
  send();
  return [
    setInterval(remind, ctx.config.ZHENGYIN_REMINDER_INTERVAL_MINUTES * 60_000),
    setInterval(send, ctx.config.ZHENGYIN_NOTIFICATION_INTERVAL_SECONDS * 1000),
  ];
}
