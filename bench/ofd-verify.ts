/**
 * OFD verification throughput: `npx tsx bench/ofd-verify.ts [seconds per case]` (default 5).
 * verifyOfd (documents level: references, dataHash, SES signature, seal, certificate chains to a
 * trust anchor) of one-page sealed files, one at a time in this process:
 * - `1.ofd`, the real tax invoice (13 references, no trusted root: chains end INDETERMINATE);
 * - distinct one-page sealed documents (a fresh signature each, as a verifier meets licences),
 *   sealed with a test SM2 seal whose root is the trust anchor (VALID).
 * Then where the time goes, measured on the same files: unzip + XML, SM3 of the parts, SM2
 * signature checks (the gm verify cache is cleared for the "cold" figure), certificate paths.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { rerunFromSources } from './from-sources.js';

rerunFromSources(import.meta.url);

const { verifyOfd, OfdPackage, readOfdSignatures, signaturesPartOf } = await import('@zhengyin/documents');
const {
  sm3,
  sm2ClearKeyCaches,
  decodeSesSignature,
  verifySesSignature,
  parseCertificate,
  validateCertificatePath,
} = await import('@zhengyin/gm');
const { makeTestPki } = await import('../packages/documents/src/pdf/testing/pki.js');
const { sealedSample, testSeal } = await import('../packages/documents/src/ofd/testing/verify-sample.js');

const TARGET_PER_SECOND = 300;
const FIXTURE = new URL('../../shared/fixtures/ofd/1.ofd', import.meta.url);

export interface OfdVerifyBench {
  readonly verified: number;
  readonly perSec: number;
  readonly msPerFile: number;
  /** CPU time (user + system) per file: less sensitive than wall time to other load on the machine. */
  readonly cpuMsPerFile: number;
}

/** Generated one-page sealed files (distinct signatures) and the root that makes them VALID. */
export async function sealedOnePagers(count: number): Promise<{ files: Uint8Array[]; anchor: Uint8Array }> {
  const pki = await makeTestPki();
  const seal = await testSeal(pki.sm2);
  const files: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const { ofd } = await sealedSample({
      signer: pki.sm2,
      seal,
      document: { pages: [[`电子证照 第 ${i + 1} 号`, '持证主体：某某有限公司', `证照编号 ${100000 + i}`]] },
      emptyAnnotationIndex: true,
      exclude: (p) => p.startsWith('Doc_0/Annots/'),
    });
    files.push(ofd);
  }
  return { files, anchor: pki.sm2Root.der };
}

/**
 * Verifies `files` round-robin for `seconds` (default 5) with verifyOfd; without files, distinct
 * generated one-page sealed documents. Throws when a file does not give the expected verdict.
 */
export async function benchOfdVerify(
  options: {
    seconds?: number;
    files?: Uint8Array[];
    trustAnchors?: readonly Uint8Array[];
    expect?: 'VALID' | 'INDETERMINATE';
  } = {},
): Promise<OfdVerifyBench> {
  const seconds = options.seconds ?? 5;
  let files = options.files;
  let trustAnchors = options.trustAnchors ?? [];
  if (!files) {
    const generated = await sealedOnePagers(200);
    files = generated.files;
    trustAnchors = [generated.anchor];
  }
  const expected = options.expect ?? (options.files ? undefined : 'VALID');
  // Warm-up: module code, the anchor cache and the key caches.
  for (const f of files.slice(0, 5)) await verifyOfd(f, { trustAnchors });
  let verified = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    const report = await verifyOfd(files[verified % files.length]!, { trustAnchors });
    if (expected && report.verdict !== expected)
      throw new Error(`verdict ${report.verdict}, expected ${expected}`);
    verified++;
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return {
    verified,
    perSec: (verified * 1000) / ms,
    msPerFile: ms / verified,
    cpuMsPerFile: (used.user + used.system) / 1000 / verified,
  };
}

/** Mean milliseconds of `fn` over the files, `rounds` times each. */
function timed(files: readonly Uint8Array[], rounds: number, fn: (f: Uint8Array) => void): number {
  const start = performance.now();
  for (let r = 0; r < rounds; r++) for (const f of files) fn(f);
  return (performance.now() - start) / (rounds * files.length);
}

function breakdown(files: readonly Uint8Array[], anchor: Uint8Array) {
  const anchors = [parseCertificate(anchor)];
  const signed = (f: Uint8Array) => {
    const pkg = OfdPackage.open(f);
    const part = signaturesPartOf(pkg)!;
    return { pkg, entry: readOfdSignatures(pkg, part).entries[0]! };
  };
  const unzipXml = timed(files, 2, (f) => {
    signed(f);
  });
  const digests = timed(files, 2, (f) => {
    const { pkg, entry } = signed(f);
    for (const r of entry.references) sm3(pkg.read(r.part));
  });
  const sesCold = timed(files, 1, (f) => {
    sm2ClearKeyCaches();
    const { pkg, entry } = signed(f);
    verifySesSignature(decodeSesSignature(pkg.read(entry.signedValuePart)), {
      dataHash: sm3(pkg.read(entry.part)),
    });
  });
  const sesWarm = timed(files, 1, (f) => {
    const { pkg, entry } = signed(f);
    verifySesSignature(decodeSesSignature(pkg.read(entry.signedValuePart)), {
      dataHash: sm3(pkg.read(entry.part)),
    });
  });
  const chains = timed(files, 1, (f) => {
    const { pkg, entry } = signed(f);
    const sig = decodeSesSignature(pkg.read(entry.signedValuePart));
    const signer = parseCertificate(sig.signerCertificate);
    validateCertificatePath({
      certificate: signer,
      intermediates: [],
      trustAnchors: anchors,
      time: sig.tbs.timeInfo.date!,
    });
    validateCertificatePath({
      certificate: parseCertificate(sig.tbs.seal.makerCertificate),
      intermediates: [],
      trustAnchors: anchors,
      time: sig.tbs.timeInfo.date!,
    });
  });
  const round = (n: number) => Number((n - (n === unzipXml ? 0 : unzipXml)).toFixed(3));
  return {
    'unzip + XML (package, OFD.xml, Signatures.xml, Signature.xml)': Number(unzipXml.toFixed(3)),
    'SM3 of the referenced parts': round(digests),
    'SES checks, SM2 cache cleared (signer + maker signature)': round(sesCold),
    'SES checks, SM2 cache warm (maker signature cached)': round(sesWarm),
    'two certificate paths (parse + validate)': round(chains),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const seconds = Number(process.argv[2] ?? 5);
  if (!(seconds > 0))
    throw new Error(`usage: npx tsx bench/ofd-verify.ts [seconds per case], got ${process.argv[2]}`);
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const generated = await sealedOnePagers(200);
  const fixture = new Uint8Array(readFileSync(FIXTURE));
  const rows = [
    {
      case: '1.ofd (real invoice, 13 refs; trust INDETERMINATE)',
      ...(await benchOfdVerify({ seconds, files: [fixture], expect: 'INDETERMINATE' })),
    },
    {
      case: '200 distinct sealed one-page files (VALID)',
      ...(await benchOfdVerify({
        seconds,
        files: generated.files,
        trustAnchors: [generated.anchor],
        expect: 'VALID',
      })),
    },
  ].map((r) => ({
    ...r,
    perSec: Number(r.perSec.toFixed(1)),
    msPerFile: Number(r.msPerFile.toFixed(2)),
    cpuMsPerFile: Number(r.cpuMsPerFile.toFixed(2)),
    perCpuSecond: Math.round(1000 / r.cpuMsPerFile),
  }));
  console.table(rows);
  console.log(`target: ≥ ${TARGET_PER_SECOND} one-page files verified per second`);
  console.log('where the time goes (ms per file, generated files):');
  console.table(breakdown(generated.files.slice(0, 100), generated.anchor));
}
