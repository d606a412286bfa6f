/**
 * OFD throughput and reader cost, one command: `npx tsx bench/ofd.ts [--seconds S] [--pages N]`
 * (defaults 5 and 1000). Targets (issue 7, this 2-core machine): ≥ 100 one-page licences written +
 * sealed per second, ≥ 300 verified per second, a 1,000-page OFD read in < 5 s and < 500 MB.
 *
 * Each figure comes with a baseline measured in the same run:
 * - sealing (./ofd-seal.ts, one worker thread per CPU): faces written without sealing;
 * - verification (./ofd-verify.ts, one thread): `verifyPdf` of one-page PDFs sealed with the same
 *   SM2 test PKI — what our PDF verifier costs for the same job;
 * - reading (./ofd-parse.ts): inflating every zip entry of the same file with fflate, no XML.
 */
import { cpus, loadavg } from 'node:os';
import { unzipSync } from 'fflate';
import { rerunFromSources } from './from-sources.js';

rerunFromSources(import.meta.url);

const TARGETS = { sealedPerSec: 100, verifiedPerSec: 300, parseMs: 5_000, parseMB: 500 };
const USAGE = 'usage: npx tsx bench/ofd.ts [--seconds S] [--pages N]';

function parseArgs(argv: readonly string[]) {
  const options = { seconds: 5, pages: 1000 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = (argv[i] ?? '').slice(2);
    const n = Number(argv[i + 1]);
    if ((key !== 'seconds' && key !== 'pages') || !Number.isInteger(n) || n < 1) throw new Error(USAGE);
    options[key] = n;
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
const { benchOfdSeal } = await import('./ofd-seal.js');
const { benchOfdVerify } = await import('./ofd-verify.js');
const { benchOfdParse } = await import('./ofd-parse.js');
const { sealPdf, verifyPdf } = await import('@zhengyin/documents');
const { contractPdf } = await import('../packages/documents/src/pdf/testing/fixtures.js');
const { makeTestPki, SIGNING_TIME } = await import('../packages/documents/src/pdf/testing/pki.js');
const { testSealPng } = await import('../packages/documents/src/pdf/testing/seal-png.js');
const { makeManyPagesOfd } = await import('../packages/documents/src/ofd/testing/ofd-files.js');

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

/** verifyPdf of distinct one-page SM2-sealed PDFs for `seconds`, one at a time. */
async function pdfVerifyBaseline(seconds: number) {
  const pki = await makeTestPki();
  const { pdf } = await contractPdf(1);
  const png = testSealPng();
  const files: Uint8Array[] = [];
  for (let i = 0; i < 50; i++) {
    const sealed = await sealPdf({
      pdf,
      signerCertificate: pki.sm2.certificate.der,
      sign: pki.sm2.sign,
      appearance: { png, widthMm: 40, heightMm: 40 },
      placement: { kind: 'coordinates', page: 1, x: 300 + i, y: 200 },
      signingTime: new Date(SIGNING_TIME.getTime() + i * 1000),
    });
    files.push(sealed.pdf);
  }
  const trustAnchors = [pki.sm2Root.der];
  for (const f of files.slice(0, 5)) await verifyPdf(f, { trustAnchors });
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    const report = await verifyPdf(files[n % files.length]!, { trustAnchors });
    if (report.verdict !== 'VALID') throw new Error(`PDF baseline verdict ${report.verdict}`);
    n++;
  }
  return (n * 1000) / (performance.now() - start);
}

function unzipBaseline(pages: number) {
  const bytes = makeManyPagesOfd(pages);
  const start = performance.now();
  const entries = unzipSync(bytes);
  if (Object.keys(entries).length < pages) throw new Error('the generated file did not unzip');
  return performance.now() - start;
}

console.log(
  `OFD bench: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, ${options.seconds} s per case`,
);
const seal = await benchOfdSeal({ seconds: options.seconds });
const verify = await benchOfdVerify({ seconds: options.seconds });
const pdfVerifyPerSec = await pdfVerifyBaseline(options.seconds);
const parse = await benchOfdParse({ pages: options.pages });
const unzipMs = unzipBaseline(options.pages);

console.table({
  'one-page licences written + sealed / s': {
    measured: round(seal.sealedPerSec),
    target: `≥ ${TARGETS.sealedPerSec}`,
    baseline: `${round(seal.writtenPerSec)} written only`,
    ratio: round(seal.sealedPerSec / seal.writtenPerSec, 2),
  },
  'one-page sealed OFD verified / s': {
    measured: round(verify.perSec),
    target: `≥ ${TARGETS.verifiedPerSec}`,
    baseline: `${round(pdfVerifyPerSec)} verifyPdf`,
    ratio: round(verify.perSec / pdfVerifyPerSec, 2),
  },
  [`${parse.pages}-page OFD read, ms`]: {
    measured: parse.allPagesMs,
    target: `< ${TARGETS.parseMs}`,
    baseline: `${round(unzipMs)} unzip only`,
    ratio: round(parse.allPagesMs / unzipMs, 2),
  },
  [`${parse.pages}-page OFD read, peak RSS MB`]: {
    measured: parse.rssMB,
    target: `< ${TARGETS.parseMB}`,
    baseline: `heap ${parse.heapMB}`,
    ratio: '',
  },
});
console.log(
  `sealed licence size ${Math.round(seal.bytes / 1024)} KB; verify CPU ${round(verify.cpuMsPerFile, 2)} ms/file`,
);
