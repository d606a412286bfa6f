/**
 * Licence issuance throughput, end to end through the batch use case:
 * `npx tsx bench/issue.ts [--licences N] [--batch B] [--db pglite|postgres|both] [--singles S] [--in-flight K]`
 * (defaults 500, 100, both, 50, 2; PostgreSQL at BENCH_POSTGRES_URL, default
 * postgres://postgres@127.0.0.1:5432/test, in a fresh database created and dropped by the run).
 *
 * Ours: `issueLicenses` (core) on a test platform with an active seal and a published 营业执照 type —
 * render + sign + store file, rows, lifecycle and audit events — SM2 and ECDSA P-256, N licences in
 * batches of B; SM2 again with K batches in flight; single issuances (batch of 1); a phase profile
 * through timed ports. Baseline, same items, same process and database: the naive per-licence path
 * of ./issue-naive.ts (font re-parsed per document, whole-file re-save, pkijs CMS — ECDSA, as pkijs
 * has no SM2). The three main cases run in interleaved rounds of one batch each.
 * Each database runs in its own process, as TEST_DATABASE_URL is read when the testing modules load.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DbResult, Profile, Throughput } from './issue-run.js';
import { rerunFromSources } from './from-sources.js';

rerunFromSources(import.meta.url);

const SM2_PER_SECOND_TARGET = 100;
const RATIO_TARGET = 3;
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const USAGE =
  'usage: npx tsx bench/issue.ts [--licences N] [--batch B] [--db pglite|postgres|both] [--singles S] [--in-flight K]';

const COUNTERS: Record<string, 'licences' | 'batch' | 'singles' | 'inFlight'> = {
  '--licences': 'licences',
  '--batch': 'batch',
  '--singles': 'singles',
  '--in-flight': 'inFlight',
};

function parseArgs(argv: readonly string[]) {
  const options = { licences: 500, batch: 100, db: 'both', singles: 50, inFlight: 2, child: '' };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1] ?? ''];
    const counter = COUNTERS[flag ?? ''];
    if (counter) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} wants a positive integer\n${USAGE}`);
      options[counter] = n;
    } else if (flag === '--db' && ['pglite', 'postgres', 'both'].includes(value)) options.db = value;
    else if (flag === '--child-out') options.child = value;
    else throw new Error(`unknown argument ${flag} ${value}\n${USAGE}`);
  }
  if (options.batch > 1000) throw new Error('--batch is at most 1000 (the use case refuses more)');
  return options;
}

const options = parseArgs(process.argv.slice(2));

if (options.child) {
  const { DEFAULT_FONT, runBench } = await import('./issue-run.js');
  const { writeFileSync } = await import('node:fs');
  const result = await runBench({
    db: options.db as 'pglite' | 'postgres',
    licences: options.licences,
    batch: options.batch,
    singles: options.singles,
    inFlight: options.inFlight,
    fontFile: DEFAULT_FONT.file,
    fontFace: DEFAULT_FONT.face,
  });
  writeFileSync(options.child, JSON.stringify(result));
  process.exit(0);
}

const { DEFAULT_FONT } = await import('./issue-run.js');
if (!existsSync(DEFAULT_FONT.file))
  throw new Error(
    `the baseline needs ${DEFAULT_FONT.file} (Debian fonts-noto-cjk), as the server's font chain does`,
  );

const fmtLoad = (l: readonly number[]) => l.map((x) => x.toFixed(2)).join(' ');
const git = (...args: string[]) => spawnSync('git', args, { encoding: 'utf8' }).stdout?.trim() ?? '';
const commit = `${git('rev-parse', '--short', 'HEAD') || 'unknown'}${git('status', '--porcelain') ? ' + uncommitted changes' : ''}`;
console.log(
  `commit ${commit}; ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}, ` +
    `load average ${fmtLoad(loadavg())}; ` +
    `${options.licences} licences per case, batches of ${options.batch}, ${options.singles} single issuances`,
);

const databases = options.db === 'both' ? (['pglite', 'postgres'] as const) : [options.db];
const results: DbResult[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'zhengyin-bench-issue-out-'));
try {
  for (const db of databases) {
    const out = join(scratch, `${db}.json`);
    const env = { ...process.env };
    if (db === 'postgres') env.TEST_DATABASE_URL = POSTGRES_URL;
    else delete env.TEST_DATABASE_URL;
    const args = [
      ...['--licences', options.licences, '--batch', options.batch],
      ...['--singles', options.singles, '--in-flight', options.inFlight],
    ];
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        fileURLToPath(import.meta.url),
        ...args.map(String),
        '--db',
        db,
        '--child-out',
        out,
      ],
      { stdio: 'inherit', env },
    );
    if (child.status !== 0) throw new Error(`the ${db} run failed (status ${child.status})`);
    results.push(JSON.parse(readFileSync(out, 'utf8')) as DbResult);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

for (const r of results) {
  console.log(`${r.db}: ${r.server}`);
  for (const c of r.checks) console.log(`  checked before timing: ${c}`);
}

const num = (x: number, digits = 1) => Number(x.toFixed(digits));
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const row = (db: string, name: string, t: Throughput, naive: Throughput, target: string) => ({
  db,
  case: name,
  'licences/s': num(t.perSecond),
  'ms/licence': num(1000 / t.perSecond, 2),
  'CPU ms/licence': num(t.cpuMsPerLicence, 2),
  'mean file B': Math.round(t.meanBytes),
  'vs naive': ratio(t.perSecond, naive.perSecond),
  target,
});
console.log(
  '\nThroughput (wall time; CPU = this process only, so PGlite is in it and a PostgreSQL server is not):',
);
console.table(
  results.flatMap((r) => [
    row(
      r.db,
      'ours SM2 (issueLicenses)',
      r.sm2,
      r.naive,
      `${ratio(r.sm2.perSecond, SM2_PER_SECOND_TARGET)} of ≥ ${SM2_PER_SECOND_TARGET}/s`,
    ),
    row(
      r.db,
      'ours ECDSA P-256 (issueLicenses)',
      r.ecdsa,
      r.naive,
      `like-for-like, ≥ ${RATIO_TARGET}× wanted`,
    ),
    row(r.db, 'naive baseline ECDSA (pkijs)', r.naive, r.naive, 'baseline'),
    row(
      r.db,
      `ours SM2, ${options.inFlight} batches in flight`,
      r.concurrent,
      r.naive,
      `${ratio(r.concurrent.perSecond, r.sm2.perSecond)} of one at a time`,
    ),
  ]),
);

console.log('Latency of one licence (ms):');
console.table(
  results.flatMap((r) => [
    {
      db: r.db,
      case: 'ours SM2, batch of 1 (issueLicenses)',
      n: r.single.samples,
      p50: num(r.single.p50, 2),
      p99: num(r.single.p99, 2),
      mean: num(r.single.mean, 2),
    },
    {
      db: r.db,
      case: 'naive baseline, per licence',
      n: r.naiveLatency.samples,
      p50: num(r.naiveLatency.p50, 2),
      p99: num(r.naiveLatency.p99, 2),
      mean: num(r.naiveLatency.mean, 2),
    },
  ]),
);

function printProfile(db: string, label: string, p: Profile) {
  console.log(
    `Profile, ${db}, ${label}: ${p.licences} licences in batches of ${p.batch}, ` +
      `${num(p.wallMs / p.licences, 2)} ms per licence (timed steps; shares of wall time):`,
  );
  console.table(
    p.rows
      .filter((row) => Math.abs(row.ms) >= 0.0005 * p.wallMs)
      .map((row) => ({
        phase: row.phase,
        'ms/licence': num(row.ms / p.licences, 3),
        share: `${((100 * row.ms) / p.wallMs).toFixed(1)} %`,
        calls: row.calls,
      })),
  );
}
for (const r of results) {
  printProfile(r.db, 'ours, SM2 batches', r.batchProfile);
  printProfile(r.db, 'ours, SM2 single issuances', r.singleProfile);
  printProfile(r.db, 'naive baseline, ECDSA', r.naiveProfile);
}

const met = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
const top = (p: Profile) =>
  p.rows
    .slice(0, 3)
    .map((row) => `${row.phase} ${((100 * row.ms) / p.wallMs).toFixed(0)} %`)
    .join(', ');
for (const r of results) {
  console.log(
    `${r.db}: target ≥ ${SM2_PER_SECOND_TARGET} SM2 licences/s ${met(r.sm2.perSecond >= SM2_PER_SECOND_TARGET)} ` +
      `(${num(r.sm2.perSecond)}/s); ≥ ${RATIO_TARGET}× naive: SM2 ${ratio(r.sm2.perSecond, r.naive.perSecond)} ` +
      `${met(r.sm2.perSecond >= RATIO_TARGET * r.naive.perSecond)}, ECDSA like-for-like ` +
      `${ratio(r.ecdsa.perSecond, r.naive.perSecond)} ${met(r.ecdsa.perSecond >= RATIO_TARGET * r.naive.perSecond)}; ` +
      `load average ${fmtLoad(r.load.before)} → ${fmtLoad(r.load.after)}; setup ${num(r.setupSeconds)} s`,
  );
  console.log(`  ours in batches is dominated by: ${top(r.batchProfile)}`);
  console.log(`  a single issuance by: ${top(r.singleProfile)}`);
}
console.log(
  `(PostgreSQL target stated for the PostgreSQL row. The baseline signs ECDSA P-256 because pkijs has no SM2; ` +
    `figures are wall time on ${cpus().length} CPUs shared with the database server and other processes.)`,
);
