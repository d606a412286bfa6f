import { expireLicenses, expireSeals } from '@zhengyin/core';
import type { ServerContext } from './http/context.js';
import { startNotificationJobs } from './notification-jobs.js';

const EVERY_MS = 5 * 60 * 1000;

/**
 * Periodic housekeeping while the server runs: seals and licences whose validity ended become
 * `expired` (the state lives in the database, so a restart simply catches up).
 * Idempotent and safe on several servers (rows are claimed with SKIP LOCKED).
 */
export function startJobs(ctx: ServerContext): { stop(): void } {
  const run = () =>
    expireSeals(ctx.deps)
      .then((n) => n > 0 && ctx.logger.info({ expired: n }, 'seals expired'))
      .catch((err: unknown) => ctx.logger.error({ err }, 'seal expiry job failed'));
  const runLicenses = () =>
    expireLicenses(ctx.deps)
      .then((n) => n > 0 && ctx.logger.info({ expired: n }, 'licences expired'))
      .catch((err: unknown) => ctx.logger.error({ err }, 'licence expiry job failed'));
  void run();
  void runLicenses();
  const timers = [
    setInterval(run, EVERY_MS),
    setInterval(runLicenses, ctx.config.ZHENGYIN_LICENSE_EXPIRY_INTERVAL_MINUTES * 60_000),
  ];
  timers.push(...startNotificationJobs(ctx));
  for (const t of timers) t.unref();
  return { stop: () => timers.forEach(clearInterval) };
}
