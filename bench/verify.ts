/**
 * Verification throughput: `npx tsx bench/verify.ts [--licences N] [--seconds S] [--connections C] [--db postgres|pglite]`
 * (defaults 200, 10, 32, postgres; PostgreSQL at BENCH_POSTGRES_URL, default
 * postgres://postgres@127.0.0.1:5432/test, in a fresh database created and dropped by the run).
 *
 * One platform with N SM2 and N ECDSA licences, served over real HTTP on 127.0.0.1:
 * 1. QR status checks: GET /api/v1/public/licenses/:identifier?t= over the N SM2 licences, loaded
 *    by autocannon in its own process (./verify-load.ts) — requests/s and latency percentiles.
 * 2. The use-code flow (create a consent context → the holder approves → use-code → redeem data) at
 *    --flow-rate flows/s (default 300) for S seconds, driven open-loop from its own process
 *    (./verify-flows.ts) through a signed business-system app and a holder session — flow latencies.
 * 3. File verification: `verifyLicenseFile` (signature, chain, integrity, registry status) of the
 *    N SM2 files in this process, 4 at a time; baseline in the same run: `pdfsig` (poppler) on the N ECDSA files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { rerunFromSources } from './from-sources.js';

rerunFromSources(import.meta.url);

const TARGETS = { qrPerSecond: 3000, qrP99Ms: 10, filesPerSecond: 300, flowRate: 300 };
const USAGE =
  'usage: npx tsx bench/verify.ts [--licences N] [--seconds S] [--connections C] [--flow-rate R] [--db postgres|pglite]';

function parseArgs(argv: readonly string[]) {
  const options = { licences: 200, seconds: 10, connections: 32, flowRate: TARGETS.flowRate, db: 'postgres' };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i] ?? '', argv[i + 1] ?? ''];
    const key = flag === '--flow-rate' ? 'flowRate' : flag.slice(2);
    if (key === 'db' && ['postgres', 'pglite'].includes(value)) options.db = value;
    else if (key === 'licences' || key === 'seconds' || key === 'connections' || key === 'flowRate') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} wants a positive integer\n${USAGE}`);
      options[key] = n;
    } else throw new Error(`unknown argument ${flag}\n${USAGE}`);
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
process.env.TEST_DATABASE_POOL_SIZE ??= '10'; // the production default (DATABASE_POOL_SIZE)
if (options.db === 'postgres') {
  process.env.TEST_DATABASE_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
} else delete process.env.TEST_DATABASE_URL;

// The testing modules read TEST_DATABASE_URL when they load.
const { serve } = await import('@hono/node-server');
const { benchItems } = await import('./issue-data.js');
const { issueInBatches, licenseFile, oursPlatform } = await import('./issue-ours.js');
const { BUSINESS_TYPE_CODE, loginHolder } = await import('../apps/server/src/testing/index.js');

const VERIFY_IN_FLIGHT = 4;
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/** Runs a driver script in its own process (off the server's event loop) and parses its JSON line. */
function child<T>(script: string, spec: unknown): Promise<T> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  return new Promise<T>((resolve, reject) => {
    const run = spawn(process.execPath, [...process.execArgv, path, JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    run.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    run.on('error', reject);
    run.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as T)
        : reject(new Error(`${script} exited ${code}`)),
    );
  });
}

interface LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
}
interface FlowResult {
  flows: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  failures: number;
  firstFailure: string | null;
}
const load = (urls: readonly string[], seconds: number, connections: number) =>
  child<LoadResult>('./verify-load.ts', { urls, seconds, connections });

console.log(
  `verification bench: ${options.licences} SM2 + ${options.licences} ECDSA licences, ${options.db}, ` +
    `${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(2)}`,
);
// Production settings where the test platform differs: batched API call log; no public rate limit.
const ours = await oursPlatform({
  ZHENGYIN_PUBLIC_RATE_PER_MINUTE: '1000000',
  ZHENGYIN_API_LOG_FLUSH_MS: '200',
});
const { ctx } = ours.platform;
const sm2 = await issueInBatches(ours, 'sm2', benchItems(0, options.licences), 100);
const ecdsa = await issueInBatches(ours, 'ecdsa', benchItems(options.licences, options.licences), 100);

const server = serve({ fetch: ours.platform.app.fetch, hostname: '127.0.0.1', port: 0 });
await new Promise((resolve) => server.once('listening', resolve));
const address = server.address();
if (!address || typeof address === 'string') throw new Error('no server address');
const origin = `http://127.0.0.1:${address.port}`;

// 1. QR status checks over HTTP.
const urls = sm2.map(
  (l) => `${origin}/api/v1/public/licenses/${l.identifier}?t=${ctx.licensing.tokens.token(l.identifier)}`,
);
const probe = await fetch(urls[0]!);
if (probe.status !== 200) throw new Error(`QR status answered ${probe.status}: ${await probe.text()}`);
await load(urls, 2, options.connections); // warm-up
const qr = await load(urls, options.seconds, options.connections);
// Baseline in the same run: the same server, stack and load on /healthz (no database, no use case).
const health = await load([`${origin}/healthz`], options.seconds, options.connections);

// 2. The use-code flow: the using department (deptB) with an approved consent-based use-list entry.
const platform = ours.platform;
const usingDepartment = ours.orgs.deptB;
const { client: operator } = await platform.userWithRole('user_operator', { departmentId: usingDepartment });
const { client: reviewer } = await platform.userWithRole('region_admin', {
  regionCode: ours.orgs.provinceCode,
});
const entry = await operator.createUseListEntry({
  body: {
    departmentId: usingDepartment,
    itemCode: 'BENCH-001',
    itemName: '基准测试事项',
    licenseTypeCode: BUSINESS_TYPE_CODE,
    dataItems: ['FDDBR', 'CLRQ'],
    purpose: '核验企业登记信息',
    dutyBased: false,
  },
});
await operator.advanceUseListEntry({ params: { id: entry.id }, body: { action: 'submit' } });
await reviewer.advanceUseListEntry({ params: { id: entry.id }, body: { action: 'approve' } });
const { app, secret } = await (
  await platform.adminClient()
).createApp({ body: { name: '基准测试用证系统', departmentId: usingDepartment, scopes: ['licenses:use'] } });
const holderLicense = sm2[0]!;
const holder = await loginHolder(platform, {
  holderCode: holderLicense.holder.code,
  holderCodeType: '001',
  name: holderLicense.holder.name,
});
const flows = await child<FlowResult>('./verify-flows.ts', {
  origin,
  appKey: app.appKey,
  secret,
  clockMs: platform.clock.now().getTime(),
  holder: { cookie: holder.cookie, csrfToken: holder.csrfToken },
  context: {
    cause: '基准测试',
    itemCode: 'BENCH-001',
    holderCode: holderLicense.holder.code,
    holderCodeType: '001',
    licenseTypeCodes: [BUSINESS_TYPE_CODE],
    dataItems: ['FDDBR', 'CLRQ'],
    mode: 'consent',
    operator: '基准',
  },
  rate: options.flowRate,
  seconds: options.seconds,
});
server.close();

// 3. File verification, ours (SM2) against pdfsig (ECDSA), the same number of files.
const { objectionStatusOf, verifyLicenseFile } = await import('@zhengyin/core');
const sm2Files = await Promise.all(sm2.map((l) => licenseFile(ours, l)));
const ecdsaFiles = await Promise.all(ecdsa.map((l) => licenseFile(ours, l)));
const deps = { ...ctx.deps, sha256: ctx.licensing.sha256, objections: objectionStatusOf(ctx.deps) };
for (const pdf of sm2Files.slice(0, 5)) await verifyLicenseFile(deps, pdf); // warm-up
// As a server would: VERIFY_IN_FLIGHT files at a time (database reads overlap the CPU work).
let started = performance.now();
let next = 0;
const verifyNext = async (): Promise<void> => {
  for (let i = next++; i < sm2Files.length; i = next++) {
    const report = await verifyLicenseFile(deps, sm2Files[i]!);
    if (report.verdict !== 'VALID')
      throw new Error(`SM2 licence not valid: ${JSON.stringify(report.checks)}`);
  }
};
await Promise.all(Array.from({ length: VERIFY_IN_FLIGHT }, verifyNext));
const oursSeconds = (performance.now() - started) / 1000;

const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
const { join } = await import('node:path');
const { tmpdir } = await import('node:os');
const dir = mkdtempSync(join(tmpdir(), 'zy-verify-bench-'));
const paths = ecdsaFiles.map((pdf, i) => {
  const path = join(dir, `${i}.pdf`);
  writeFileSync(path, pdf);
  return path;
});
let pdfsigSeconds: number | null = null;
if (spawnSync('pdfsig', ['-v']).status === 0) {
  started = performance.now();
  for (const path of paths) {
    const run = spawnSync('pdfsig', ['-nocert', path], { encoding: 'utf8' });
    if (!run.stdout.includes('Signature is Valid')) throw new Error(`pdfsig: ${run.stdout}${run.stderr}`);
  }
  pdfsigSeconds = (performance.now() - started) / 1000;
}
rmSync(dir, { recursive: true, force: true });
await ours.platform.close();

const filesPerSecond = options.licences / oursSeconds;
const pdfsigPerSecond = pdfsigSeconds ? options.licences / pdfsigSeconds : null;
console.table({
  'QR status checks (HTTP)': {
    'per second': round(qr.perSecond, 0),
    'p50 ms': qr.p50,
    'p99 ms': qr.p99,
    'max ms': qr.max,
    errors: qr.errors + qr.non2xx,
    target: `≥ ${TARGETS.qrPerSecond}/s, p99 < ${TARGETS.qrP99Ms} ms`,
  },
  'baseline: GET /healthz (HTTP)': {
    'per second': round(health.perSecond, 0),
    'p50 ms': health.p50,
    'p99 ms': health.p99,
    'max ms': health.max,
    errors: health.errors + health.non2xx,
  },
  'use-code flows (create → consent → code → redeem)': {
    'per second': flows.perSecond,
    'p50 ms': flows.p50,
    'p99 ms': flows.p99,
    'max ms': flows.max,
    errors: flows.failures,
    target: `p99 at ${options.flowRate} flows/s`,
  },
  'file verification, ours (SM2)': {
    'per second': round(filesPerSecond),
    'ms per file': round((1000 * oursSeconds) / options.licences, 2),
    target: `≥ ${TARGETS.filesPerSecond}/s`,
  },
  'file verification, pdfsig (ECDSA)': {
    'per second': pdfsigPerSecond === null ? 'pdfsig missing' : round(pdfsigPerSecond),
    'ms per file': pdfsigSeconds === null ? null : round((1000 * pdfsigSeconds) / options.licences, 2),
  },
});
if (flows.firstFailure) console.log(`first failed flow: ${flows.firstFailure}`);
if (pdfsigPerSecond) console.log(`ours ÷ pdfsig: ${round(filesPerSecond / pdfsigPerSecond, 2)}×`);
process.exit(0);
