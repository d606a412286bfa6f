/**
 * One database's half of bench/issue.ts, run in its own process (TEST_DATABASE_URL decides the
 * database when the testing modules load): ours (SM2 and ECDSA batches, single issuances, a phase
 * profile) and the naive baseline on the same items, in the same process and database.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { IssueDeps, IssueItem } from '@zhengyin/core';
import { verifyPdf } from '@zhengyin/documents';
import { benchItems } from './issue-data.js';
import { NAIVE_PHASES, createNaiveTable, naiveIssue, naiveSigner, type NaiveContext } from './issue-naive.js';
import { issueInBatches, licenseFile, oursPlatform, typeCodeFor, type OursPlatform } from './issue-ours.js';
import { PhaseClock, phaseRows, profiledDeps, type PhaseRow, type PhaseTotals } from './issue-profile.js';

export interface Throughput {
  readonly licences: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** CPU time (user + system) of this process per licence: PGlite's included, a PostgreSQL server's not. */
  readonly cpuMsPerLicence: number;
  readonly meanBytes: number;
}

/** Wall and process CPU time of the measured calls of one case. */
class Tally {
  private licences = 0;
  private wallMs = 0;
  private cpuMs = 0;
  private bytes = 0;

  /** `work` returns the bytes of the files it made. */
  async measure(licences: number, work: () => Promise<number>): Promise<void> {
    const cpu = process.cpuUsage();
    const start = performance.now();
    this.bytes += await work();
    this.wallMs += performance.now() - start;
    const used = process.cpuUsage(cpu);
    this.cpuMs += (used.user + used.system) / 1000;
    this.licences += licences;
  }

  result(): Throughput {
    return {
      licences: this.licences,
      seconds: this.wallMs / 1000,
      perSecond: (1000 * this.licences) / this.wallMs,
      cpuMsPerLicence: this.cpuMs / this.licences,
      meanBytes: this.bytes / this.licences,
    };
  }
}

const bytesOf = (list: readonly { fileSize: number }[]) => list.reduce((s, l) => s + l.fileSize, 0);

export interface Latency {
  readonly samples: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
}

export interface Profile {
  readonly licences: number;
  readonly batch: number;
  readonly wallMs: number;
  readonly rows: PhaseRow[];
}

export interface DbResult {
  readonly db: 'pglite' | 'postgres';
  /** `SELECT version()` of the database. */
  readonly server: string;
  readonly setupSeconds: number;
  readonly sm2: Throughput;
  readonly ecdsa: Throughput;
  readonly naive: Throughput;
  /** SM2 again, `inFlight` batches issued concurrently (a bench-side knob, no product change). */
  readonly concurrent: Throughput;
  /** Batch of one, SM2, through issueLicenses. */
  readonly single: Latency;
  /** Per licence in the naive run (it is one at a time anyway). */
  readonly naiveLatency: Latency;
  readonly batchProfile: Profile;
  /** The naive run's steps over its measured licences (warm-up excluded). */
  readonly naiveProfile: Profile;
  readonly singleProfile: Profile;
  readonly checks: string[];
  readonly load: { readonly before: number[]; readonly after: number[] };
}

export interface RunOptions {
  readonly db: 'pglite' | 'postgres';
  readonly licences: number;
  readonly batch: number;
  readonly singles: number;
  readonly inFlight: number;
  /** Where the naive baseline registers its font from (a Noto CJK collection). */
  readonly fontFile: string;
  readonly fontFace: string;
}

const NOTO_CJK_DIR = '/usr/share/fonts/opentype/noto';
export const DEFAULT_FONT = {
  file: join(NOTO_CJK_DIR, 'NotoSerifCJK-Regular.ttc'),
  face: 'NotoSerifCJKsc-Regular',
};

/** Warm-up and check items live far from the measured ones (0 … N-1), which every run shares. */
const WARMUP_FROM = 900_000;

const log = (text: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${text}\n`);

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    samples: sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    mean: sorted.reduce((s, x) => s + x, 0) / sorted.length,
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - start) / 1000 };
}

async function mustVerify(pdf: Uint8Array, anchors: readonly Uint8Array[], label: string): Promise<string> {
  const report = await verifyPdf(pdf, { trustAnchors: anchors });
  const signature = report.signatures[0];
  if (report.verdict !== 'VALID' || report.signatures.length !== 1) {
    const failed = [...report.checks, ...report.signatures.flatMap((s) => s.checks)].filter(
      (c) => c.status !== 'VALID',
    );
    throw new Error(`${label}: verdict ${report.verdict}\n${JSON.stringify(failed, null, 2)}`);
  }
  return `${label}: verifyPdf VALID (${signature?.subFilter}, ${signature?.signer?.algorithm}, ${pdf.length} B)`;
}

async function profileRun(ours: OursPlatform, count: number, batch: number, from: number): Promise<Profile> {
  const clock = new PhaseClock();
  const deps: IssueDeps = profiledDeps(ours.deps, clock);
  const { seconds } = await timed(() => issueInBatches(ours, 'sm2', benchItems(from, count), batch, deps));
  const wallMs = seconds * 1000;
  return { licences: count, batch, wallMs, rows: phaseRows(clock.snapshot(), wallMs) };
}

function naiveProfile(total: PhaseTotals, warmup: PhaseTotals, run: Throughput): Profile {
  const wallMs = run.seconds * 1000;
  const rows: PhaseRow[] = Object.values(NAIVE_PHASES).map((phase) => ({
    phase,
    ms: (total[phase]?.ms ?? 0) - (warmup[phase]?.ms ?? 0),
    calls: (total[phase]?.calls ?? 0) - (warmup[phase]?.calls ?? 0),
  }));
  const covered = rows.reduce((s, r) => s + r.ms, 0);
  rows.push({ phase: 'other (identifier, token, values)', ms: wallMs - covered, calls: 0 });
  return { licences: run.licences, batch: 1, wallMs, rows: rows.sort((a, b) => b.ms - a.ms) };
}

async function serverVersion(ours: OursPlatform): Promise<string> {
  const { rows } = await sql<{ version: string }>`SELECT version()`.execute(ours.platform.db.database.db);
  return rows[0]?.version ?? 'unknown';
}

export async function runBench(options: RunOptions): Promise<DbResult> {
  const { licences, batch } = options;
  const before = loadavg();
  const checks: string[] = [];
  log(`${options.db}: setting up the platform (seals, published types)…`);
  const setup = await timed(() => oursPlatform());
  const ours = setup.value;
  const work = mkdtempSync(join(tmpdir(), 'zhengyin-bench-issue-'));
  try {
    // Warm-up (JIT, the font chain parsed once per process as the server does), and one file of
    // each kind checked by our verifier before anything is timed.
    for (const algorithm of ['sm2', 'ecdsa'] as const) {
      const [first] = await issueInBatches(ours, algorithm, benchItems(WARMUP_FROM, 10), 10);
      if (!first) throw new Error('warm-up issued nothing');
      checks.push(await mustVerify(await licenseFile(ours, first), ours.anchors, `ours ${algorithm}`));
    }

    const signer = await naiveSigner();
    await createNaiveTable(ours.platform.db.database.db);
    const naive: NaiveContext = {
      signer,
      fontBytes: readFileSync(options.fontFile),
      fontFace: options.fontFace,
      sealPng: Buffer.from(ours.sealPng),
      issuerName: ours.issuer.name,
      issuerCode: ours.issuer.uscc,
      typeCode: typeCodeFor('sm2'),
      verifyBaseUrl: 'https://zz.example.gov.cn',
      outDir: work,
      db: ours.platform.db.database.db,
      clock: new PhaseClock(),
    };
    for (const [i, item] of benchItems(WARMUP_FROM, 3).entries()) {
      const pdf = await naiveIssue(naive, item, WARMUP_FROM + i, new Date());
      if (i === 0) checks.push(await mustVerify(pdf, [signer.rootDer], 'naive ECDSA'));
    }

    // Rounds of one batch per case, interleaved, so that a change of machine load over the run
    // weighs on every case alike.
    const items = benchItems(0, licences);
    const warmedUp = naive.clock.snapshot();
    const sm2 = new Tally();
    const ecdsa = new Tally();
    const naiveTally = new Tally();
    const naiveSamples: number[] = [];
    log(`${options.db}: ${licences} licences per case in interleaved rounds: ours SM2, naive, ours ECDSA…`);
    for (let from = 0; from < licences; from += batch) {
      const slice = items.slice(from, from + batch);
      await sm2.measure(slice.length, async () => bytesOf(await issueInBatches(ours, 'sm2', slice, batch)));
      await naiveTally.measure(slice.length, async () => {
        let bytes = 0;
        for (const [i, item] of slice.entries()) {
          const t = performance.now();
          bytes += (await naiveIssue(naive, item, from + i, new Date())).length;
          naiveSamples.push(performance.now() - t);
        }
        return bytes;
      });
      await ecdsa.measure(slice.length, async () =>
        bytesOf(await issueInBatches(ours, 'ecdsa', slice, batch)),
      );
    }

    log(`${options.db}: ours SM2, ${options.inFlight} batches in flight…`);
    const concurrent = new Tally();
    await concurrent.measure(licences, async () => {
      const batches: IssueItem[][] = [];
      for (let from = 0; from < licences; from += batch) batches.push(items.slice(from, from + batch));
      let bytes = 0;
      const worker = async () => {
        for (let next = batches.shift(); next; next = batches.shift()) {
          const made = await issueInBatches(ours, 'sm2', next, batch);
          bytes += bytesOf(made);
        }
      };
      await Promise.all(Array.from({ length: options.inFlight }, worker));
      return bytes;
    });

    log(`${options.db}: ${options.singles} single issuances (batch of 1, SM2)…`);
    const singleSamples: number[] = [];
    for (const item of benchItems(0, options.singles)) {
      const t = performance.now();
      await issueInBatches(ours, 'sm2', [item], 1);
      singleSamples.push(performance.now() - t);
    }

    log(`${options.db}: phase profile (SM2 batches, then singles)…`);
    const batchProfile = await profileRun(ours, Math.min(licences, 2 * batch), batch, 0);
    const singleProfile = await profileRun(ours, Math.min(options.singles, 20), 1, 0);

    return {
      db: options.db,
      server: await serverVersion(ours),
      setupSeconds: setup.seconds,
      sm2: sm2.result(),
      ecdsa: ecdsa.result(),
      naive: naiveTally.result(),
      concurrent: concurrent.result(),
      single: latency(singleSamples),
      naiveLatency: latency(naiveSamples),
      batchProfile,
      singleProfile,
      naiveProfile: naiveProfile(naive.clock.snapshot(), warmedUp, naiveTally.result()),
      checks,
      load: { before, after: loadavg() },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
    await ours.platform.close();
  }
}
