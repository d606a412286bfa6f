/**
 * OFD licence throughput: `npx tsx bench/ofd-seal.ts [--seconds S] [--concurrency C]` (defaults 5
 * and the number of CPUs).
 *
 * C worker threads each write one-page licence faces with renderFaceOfd (the 食品经营许可证 sample:
 * Noto Serif CJK TTC + bundled Noto Sans SC, hb-subset subsetter, QR code, seal picture, metadata,
 * JSON attachment; the licence number and holder name change on every licence, so the serif subset
 * is made anew each time) and then write and seal them with sealOfd (SM2 signing in-process through
 * @zhengyin/gm, the issuing mode: annotations left unprotected). Every sealed file of the warm-up
 * is checked with verifyOfd first. A one-thread profile then shows where the time goes.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { rerunFromSources } from './from-sources.js';

const SEALED_PER_SECOND_TARGET = 100;

interface Phase {
  readonly phase: 'write' | 'seal';
  readonly seconds: number;
}
interface PhaseResult {
  readonly count: number;
  readonly bytes: number;
  readonly ms: number;
}

/** What one thread needs: fonts, subsetter, SM2 keys, seal; `licence(n)` varies the values. */
async function setup() {
  const documents = await import('../packages/documents/src/index.js');
  const sample = await import('../packages/documents/src/license-face/testing/sample-licence.js');
  const { makeOfdSealKit, SIGNING_TIME } = await import('../packages/documents/src/ofd/testing/seal-kit.js');
  const subsetter = documents.createFontSubsetter(
    new Uint8Array(readFileSync(documents.harfbuzzSubsetWasmPath())),
  );
  const fonts = sample.sampleFonts();
  const kit = await makeOfdSealKit();
  const names = ['福州', '厦门', '泉州', '漳州', '莆田', '宁德', '南平', '三明', '龙岩'];
  const kinds = ['水产', '粮油', '食品', '餐饮', '果蔬', '茶叶', '酒业', '烘焙'];
  // As issuance does: the seal shows through its StampAnnot, so the face carries no seal picture.
  const { sealPng: _drawnBySealOfd, ...base } = sample.sampleRequest(fonts, { subsetter });
  const licence = (n: number) => ({
    ...base,
    values: {
      ...sample.SAMPLE_VALUES,
      ZZBH: `JY1350102${String(n).padStart(7, '0')}`,
      CZZT: `${names[n % names.length]}${kinds[Math.floor(n / names.length) % kinds.length]}有限公司`,
    },
    qrPayload: `${sample.SAMPLE_QR}&n=${n}`,
  });
  const seal = (ofd: Uint8Array) =>
    documents.sealOfd({
      ofd,
      sesSeal: kit.seal.der,
      signerCertificate: kit.issuer.certificate.der,
      sign: kit.issuer.sign,
      placement: { kind: 'box', page: 0, xMm: 200, yMm: 140, widthMm: 42, heightMm: 42 },
      signingTime: SIGNING_TIME,
      coverAnnotations: false,
    });
  return { documents, kit, licence, seal };
}

async function runPhase(
  env: Awaited<ReturnType<typeof setup>>,
  p: Phase,
  offset: number,
): Promise<PhaseResult> {
  let count = 0;
  let bytes = 0;
  const start = performance.now();
  while (performance.now() - start < p.seconds * 1000) {
    const face = await env.documents.renderFaceOfd(env.licence(offset + count));
    const out = p.phase === 'seal' ? (await env.seal(face)).ofd : face;
    bytes += out.length;
    count++;
  }
  return { count, bytes, ms: performance.now() - start };
}

if (!isMainThread) {
  const env = await setup();
  const id = (workerData as { id: number }).id;
  // Warm-up, and the output checked before anything is timed.
  for (let i = 0; i < 5; i++) {
    const sealed = await env.seal(await env.documents.renderFaceOfd(env.licence(i)));
    if (i === 0) {
      const report = await env.documents.verifyOfd(sealed.ofd, { trustAnchors: [env.kit.root.der] });
      if (report.verdict !== 'VALID') throw new Error(`sealed licence verifies ${report.verdict}`);
    }
  }
  parentPort!.postMessage({ ready: true });
  parentPort!.on('message', (p: Phase | 'exit') => {
    if (p === 'exit') process.exit(0);
    void runPhase(env, p, id * 1_000_000).then((r) => parentPort!.postMessage(r));
  });
}

export interface OfdSealBench {
  readonly written: number;
  readonly sealed: number;
  readonly writtenPerSec: number;
  readonly sealedPerSec: number;
  /** Mean size of a sealed licence. */
  readonly bytes: number;
}

/** Faces written and faces written + sealed per second over `concurrency` worker threads. */
export async function benchOfdSeal(
  options: { seconds?: number; concurrency?: number } = {},
): Promise<OfdSealBench> {
  const seconds = options.seconds ?? 5;
  const concurrency = options.concurrency ?? cpus().length;
  // Worker threads do not inherit tsx's loader: each registers it before importing this file.
  const boot =
    `(async () => { const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});` +
    ` register(); await import(${JSON.stringify(import.meta.url)}); })();`;
  const workers = Array.from(
    { length: concurrency },
    (_, id) => new Worker(boot, { eval: true, workerData: { id } }),
  );
  const next = (w: Worker) =>
    new Promise<unknown>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
  try {
    await Promise.all(workers.map(next));
    const phase = async (p: Phase) => {
      const results = await Promise.all(
        workers.map((w) => {
          const done = next(w) as Promise<PhaseResult>;
          w.postMessage(p);
          return done;
        }),
      );
      const count = results.reduce((n, r) => n + r.count, 0);
      const ms = Math.max(...results.map((r) => r.ms));
      return { count, perSec: (1000 * count) / ms, bytes: results.reduce((n, r) => n + r.bytes, 0) / count };
    };
    const written = await phase({ phase: 'write', seconds });
    const sealed = await phase({ phase: 'seal', seconds });
    return {
      written: written.count,
      sealed: sealed.count,
      writtenPerSec: written.perSec,
      sealedPerSec: sealed.perSec,
      bytes: Math.round(sealed.bytes),
    };
  } finally {
    for (const w of workers) w.postMessage('exit');
  }
}

/** One thread, one licence at a time: mean milliseconds of each step. */
async function profile(rounds: number) {
  const env = await setup();
  const gm = await import('@zhengyin/gm');
  const plan = await import('../packages/documents/src/license-face/face-plan.js');
  const steps = new Map<string, number>();
  const time = async <T>(step: string, fn: () => Promise<T> | T): Promise<T> => {
    const t = performance.now();
    const out = await fn();
    steps.set(step, (steps.get(step) ?? 0) + performance.now() - t);
    return out;
  };
  const { publicKey, privateKey } = gm.sm2GenerateKeyPair();
  const tbs = new Uint8Array(1500).fill(7);
  for (let n = -5; n < rounds; n++) {
    if (n === 0) steps.clear();
    const request = env.licence(500_000 + n);
    const face = await time('renderFaceOfd (whole)', () => env.documents.renderFaceOfd(request));
    const planned = await time('  plan: checks, glyph coverage, text fitting', () => plan.planFace(request));
    await time('  hb-subset of the fonts used (no cache)', () => {
      for (const [i, chars] of plan.charactersByFont(planned.placed.map((p) => p.layout))) {
        const f = planned.fonts[i]!;
        request.subsetter!.subset(f.spec.bytes, f.faceIndex, chars);
      }
    });
    await time('  QR symbol (qrcode)', () => plan.qrModules(request.qrPayload!));
    await time('sealOfd (whole)', () => env.seal(face));
    await time('  SM2 sign + verify of TBS_Sign', () =>
      gm.sm2Verify(publicKey, tbs, gm.sm2Sign(privateKey, tbs)),
    );
  }
  // CPU time of write + seal alone (no other step): less sensitive than wall time to other processes.
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let n = 0; n < rounds; n++)
    await env.seal(await env.documents.renderFaceOfd(env.licence(900_000 + n)));
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / rounds;
  return {
    steps: [...steps].map(([step, ms]) => ({ step, 'ms / licence': Number((ms / rounds).toFixed(2)) })),
    cpuMs,
    wallMs: (performance.now() - wall) / rounds,
  };
}

if (isMainThread && process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  rerunFromSources(import.meta.url);
  const args = process.argv.slice(2);
  const flag = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    const v = i < 0 ? fallback : Number(args[i + 1]);
    if (!(v > 0)) throw new Error(`usage: npx tsx bench/ofd-seal.ts [--seconds S] [--concurrency C]`);
    return v;
  };
  const seconds = flag('--seconds', 5);
  const concurrency = flag('--concurrency', cpus().length);
  const load0 = loadavg();
  console.log(
    `${cpus().length} CPUs, load average ${load0.map((l) => l.toFixed(2)).join(' ')}; ` +
      `${concurrency} worker threads, ${seconds} s per phase…`,
  );
  const r = await benchOfdSeal({ seconds, concurrency });
  console.table([
    {
      operation: 'write licence face (renderFaceOfd)',
      'licences/s': Number(r.writtenPerSec.toFixed(1)),
      n: r.written,
      target: '',
    },
    {
      operation: 'write + seal SM2 (renderFaceOfd + sealOfd)',
      'licences/s': Number(r.sealedPerSec.toFixed(1)),
      n: r.sealed,
      target: `${(r.sealedPerSec / SEALED_PER_SECOND_TARGET).toFixed(2)}× of ≥ ${SEALED_PER_SECOND_TARGET}/s`,
    },
  ]);
  console.log(`sealed licence: ${r.bytes} B on average`);
  console.log('where the time goes (one thread, one licence at a time):');
  const p = await profile(100);
  console.table(p.steps);
  console.log(
    `write + seal: ${p.cpuMs.toFixed(2)} ms CPU per licence (${p.wallMs.toFixed(2)} ms wall) on one thread → ` +
      `${((cpus().length * 1000) / p.cpuMs).toFixed(0)} licences/s on ${cpus().length} idle cores at that CPU cost`,
  );
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}
