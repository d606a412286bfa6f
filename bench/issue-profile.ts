/**
 * Phase timing of `issueLicenses` by wrapping its ports (performance.now around each call): the
 * use case runs sequentially, so top-level phases never overlap and their sum plus "other" is the
 * wall time. Signing is timed inside the sealer, repository calls inside their transactions.
 */
import type { IssueDeps, Repositories } from '@zhengyin/core';

export interface PhaseTotals {
  readonly [phase: string]: { readonly ms: number; readonly calls: number };
}

export class PhaseClock {
  private readonly totals = new Map<string, { ms: number; calls: number }>();

  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.add(phase, performance.now() - start);
    }
  }

  timeSync<T>(phase: string, work: () => T): T {
    const start = performance.now();
    try {
      return work();
    } finally {
      this.add(phase, performance.now() - start);
    }
  }

  snapshot(): PhaseTotals {
    return Object.fromEntries([...this.totals].map(([k, v]) => [k, { ...v }]));
  }

  private add(phase: string, ms: number): void {
    const t = this.totals.get(phase) ?? { ms: 0, calls: 0 };
    t.ms += ms;
    t.calls += 1;
    this.totals.set(phase, t);
  }
}

/** Repositories whose calls are timed one by one (the ones a licence write touches). */
const TIMED_REPOSITORIES = ['blobs', 'licenses', 'audit'] as const;

function timedRepositories(r: Repositories, clock: PhaseClock): Repositories {
  const out: Record<string, unknown> = { ...r };
  for (const name of TIMED_REPOSITORIES) {
    const repo = r[name] as unknown as Record<string, unknown>;
    const timed: Record<string, unknown> = {};
    for (const [method, fn] of Object.entries(repo)) {
      timed[method] =
        typeof fn === 'function'
          ? (...args: unknown[]) =>
              clock.time(`db: ${name}.${method}`, () =>
                (fn as (...a: unknown[]) => Promise<unknown>)(...args),
              )
          : fn;
    }
    out[name] = timed;
  }
  return out as unknown as Repositories;
}

/** The same dependencies, each port call timed under a phase name. */
export function profiledDeps(deps: IssueDeps, clock: PhaseClock): IssueDeps {
  const { licensing } = deps;
  return {
    ...deps,
    uow: {
      run: (work) =>
        clock.time('db transaction', () => deps.uow.run((r) => work(timedRepositories(r, clock)))),
    },
    keys: {
      ...deps.keys,
      openSigner: (input, by) =>
        clock.time('open signer (PIN scrypt, unwrap)', () => deps.keys.openSigner(input, by)),
    },
    licensing: {
      ...licensing,
      sha256: (bytes) => clock.timeSync('sha256 of the file', () => licensing.sha256(bytes)),
      tokens: {
        ...licensing.tokens,
        token: (identifier) =>
          clock.timeSync('QR token (HMAC-SM3)', () => licensing.tokens.token(identifier)),
      },
      renderer: {
        ...licensing.renderer,
        missingGlyphs: (texts) =>
          clock.timeSync('glyph check', () => licensing.renderer.missingGlyphs(texts)),
        render: (input) =>
          clock.time('render face (pdfkit, QR, metadata)', () => licensing.renderer.render(input)),
      },
      pdf: {
        seal: (request) =>
          clock.time('seal PDF (incremental update, CMS)', () =>
            licensing.pdf.seal({
              ...request,
              sign: (data) => clock.time('sign (key)', () => request.sign(data)),
            }),
          ),
      },
    },
  };
}

export interface PhaseRow {
  readonly phase: string;
  readonly ms: number;
  readonly calls: number;
}

/**
 * Non-overlapping phases summing to `wallMs`: nested timings (signing inside sealing, repository
 * calls inside transactions) are subtracted from their parents; the rest of the wall time is "other".
 */
export function phaseRows(totals: PhaseTotals, wallMs: number): PhaseRow[] {
  const get = (phase: string) => totals[phase] ?? { ms: 0, calls: 0 };
  const rows: PhaseRow[] = [];
  const nested = (parent: string, children: string[], rest: string) => {
    const p = get(parent);
    let inside = 0;
    for (const c of children) {
      const t = get(c);
      inside += t.ms;
      rows.push({ phase: c, ...t });
    }
    rows.push({ phase: rest, ms: p.ms - inside, calls: p.calls });
    return p.ms;
  };
  let covered = 0;
  covered += nested(
    'seal PDF (incremental update, CMS)',
    ['sign (key)'],
    'seal PDF without signing (parse, update, CMS)',
  );
  const dbChildren = Object.keys(totals).filter((k) => k.startsWith('db: '));
  covered += nested('db transaction', dbChildren, 'db: other (BEGIN/COMMIT, context, serials)');
  for (const phase of [
    'render face (pdfkit, QR, metadata)',
    'open signer (PIN scrypt, unwrap)',
    'glyph check',
    'QR token (HMAC-SM3)',
    'sha256 of the file',
  ]) {
    rows.push({ phase, ...get(phase) });
    covered += get(phase).ms;
  }
  // With render workers several licences are in flight and the phases overlap: their sum exceeds
  // the wall time, and shares then say where the work goes, not what adds up to the wall time.
  if (covered <= wallMs)
    rows.push({
      phase: 'other (prepare, identifiers, metadata, event loop)',
      ms: wallMs - covered,
      calls: 0,
    });
  return rows.sort((a, b) => b.ms - a.ms);
}
