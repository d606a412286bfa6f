import { expireSeals } from '@zhengyin/core';
import type { ServerContext } from './http/context.js';

const EVERY_MS = 5 * 60 * 1000;

/**
 * Periodic housekeeping while the server runs: seals whose validity ended become `expired`.
 * Idempotent and safe on several servers (rows are claimed with SKIP LOCKED).
 */
export function startJobs(ctx: ServerContext): { stop(): void } {
  const run = () =>
    expireSeals(ctx.deps)
      .then((n) => n > 0 && ctx.logger.info({ expired: n }, 'seals expired'))
      .catch((err: unknown) => ctx.logger.error({ err }, 'seal expiry job failed'));
  void run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
