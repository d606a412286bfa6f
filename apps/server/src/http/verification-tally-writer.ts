import type { CoreDeps, VerificationOutcome } from '@zhengyin/core';
import { recordVerifications } from '@zhengyin/core';
import type { Logger } from 'pino';

/** Most outcomes written in one statement. */
const MAX_BATCH = 500;

/**
 * Adds verification outcomes to the daily tallies in batches (one upsert every `flushMs`), so a
 * public verification costs no commit of its own; `flush()` on shutdown writes what is queued. With
 * `flushMs` 0 every outcome is written before the response completes (tests).
 */
export class VerificationTallyWriter {
  private queue: VerificationOutcome[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: Pick<CoreDeps, 'uow'>,
    private readonly logger: Logger,
    private readonly flushMs: number,
  ) {}

  async add(outcome: VerificationOutcome): Promise<void> {
    this.queue.push(outcome);
    if (this.flushMs === 0 || this.queue.length >= MAX_BATCH) return this.flush();
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushMs);
      this.timer.unref();
    }
  }

  /** Writes everything queued so far; resolves when it is stored (or the failure is logged). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return this.writing;
    this.writing = this.writing.then(() =>
      recordVerifications(this.deps, batch).catch((err: unknown) =>
        this.logger.error({ err, outcomes: batch.length }, 'could not write the verification tallies'),
      ),
    );
    return this.writing;
  }
}
