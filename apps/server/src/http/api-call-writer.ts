import type { ApiCallRecord, UnitOfWork } from '@zhengyin/core';
import type { Logger } from 'pino';

type Call = Omit<ApiCallRecord, 'id'>;

/** Most calls written in one statement. */
const MAX_BATCH = 500;

/**
 * Writes the API call log (接口调用日志) in batches: one multi-row insert every `flushMs` (or at
 * MAX_BATCH calls) instead of one transaction per request, which would cost a commit on every public
 * QR lookup. `flush()` on shutdown writes what is queued; a crash loses at most `flushMs` of log.
 * With `flushMs` 0 every call is written before the response completes (tests).
 */
export class ApiCallWriter {
  private queue: Call[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly logger: Logger,
    private readonly flushMs: number,
  ) {}

  async add(call: Call): Promise<void> {
    this.queue.push(call);
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
      this.uow
        .run((r) => r.apiCalls.recordMany(batch))
        .catch((err: unknown) =>
          this.logger.error({ err, calls: batch.length }, 'could not write the API call log'),
        ),
    );
    return this.writing;
  }
}
