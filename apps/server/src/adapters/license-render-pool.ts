import { Worker } from 'node:worker_threads';
import { AppError } from '@zhengyin/core';
import type { FontSet, RenderFaceOptions } from '@zhengyin/documents';

export type PooledRender = Omit<RenderFaceOptions, 'template' | 'fonts' | 'subsetter'>;
/** The face as PDF (renderFace) or as OFD (renderFaceOfd). */
export type FaceFormat = 'pdf' | 'ofd';

interface Waiting {
  resolve(pdf: Uint8Array): void;
  reject(error: Error): void;
}

/** Plain JavaScript over the built packages (dist/), from the sources and from the build alike. */
const WORKER = new URL('../../workers/license-render-worker.mjs', import.meta.url);

/**
 * Licence faces rendered in worker threads, so that rendering (the costliest step of issuance)
 * runs beside signing and storing on the main thread. Each worker holds the font chain and its own
 * HarfBuzz subsetter; workers do not keep the process alive.
 */
export class RenderPool {
  private readonly workers: { worker: Worker; busy: number }[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private readonly templateKeys = new WeakMap<object, number>();
  private nextId = 1;
  private broken: AppError | null = null;

  constructor(
    private readonly fonts: FontSet,
    private readonly size: number,
  ) {}

  /** Workers start on the first render: most processes (CLI commands, idle servers) never render. */
  private start(): void {
    const { fonts } = this;
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(WORKER, { workerData: { fonts }, execArgv: [] });
      const slot = { worker, busy: 0 };
      worker.on(
        'message',
        (m: {
          id: number;
          pdf?: Uint8Array;
          error?: { code: string; message: string; details?: Record<string, unknown> };
        }) => {
          // Idle workers must not keep the process alive; busy ones must, or a CLI could exit early.
          if (--slot.busy === 0) worker.unref();
          const w = this.waiting.get(m.id);
          this.waiting.delete(m.id);
          if (m.pdf) w?.resolve(new Uint8Array(m.pdf));
          else w?.reject(new AppError(m.error?.code ?? 'INTERNAL_ERROR', m.error?.message, m.error?.details));
        },
      );
      const stopped = (why: string) => {
        this.broken = new AppError('INTERNAL_ERROR', `a licence render worker stopped: ${why}`);
        for (const [id, w] of this.waiting) {
          w.reject(this.broken);
          this.waiting.delete(id);
        }
      };
      worker.on('error', (err) => stopped(err.message));
      worker.on('exit', (code) => stopped(`exit code ${code}`));
      worker.unref();
      this.workers.push(slot);
    }
  }

  render(
    template: Record<string, unknown>,
    options: PooledRender,
    format: FaceFormat = 'pdf',
  ): Promise<Uint8Array> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.workers.length === 0) this.start();
    let templateKey = this.templateKeys.get(template);
    if (templateKey === undefined) this.templateKeys.set(template, (templateKey = this.nextId++));
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    if (slot.busy++ === 0) slot.worker.ref();
    return new Promise<Uint8Array>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      slot.worker.postMessage({ id, request: { templateKey, template, options, format } });
    });
  }
}
