/**
 * PDF sealing and verification throughput: `npx tsx bench/seal.ts [seconds per case]` (default 5).
 * Seals a one-page Chinese contract (pdfkit) with a generated round seal, SM2 and ECDSA P-256 keys
 * signing in-process (the key vault minus its database), verifies the sealed files with verifyPdf,
 * and measures `pdfsig` (poppler + NSS) on the same ECDSA file in the same run as the baseline.
 * Wall-clock latency (performance.now) of one document at a time, no concurrency; pdfsig is timed
 * per run including process start, as it is used.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SealPdfRequest, SealPlacement } from '@zhengyin/documents';
import type { ExtensionsInput, NameInput, ParsedCertificate, SignFunction } from '@zhengyin/gm';
import { rerunFromSources } from './from-sources.js';

rerunFromSources(import.meta.url);

const { bundledSealFontPath, generateSealSvg, loadSealFont, renderSealPng, sealPdf, verifyPdf } =
  await import('@zhengyin/documents');
const {
  createCertificate,
  createSoftwareKey,
  ecdsaP256GenerateKeyPair,
  ecdsaP256Sign,
  sm2GenerateKeyPair,
  sm2PrivateKeyToPkcs8,
  sm2Sign,
} = await import('@zhengyin/gm');
const { demoContract, SEAL_KEYWORD } = await import('../apps/cli/src/commands/demo-documents.js');

const seconds = Number(process.argv[2] ?? 5);
if (!(seconds > 0))
  throw new Error(`usage: npx tsx bench/seal.ts [seconds per case], got ${process.argv[2]}`);
const SM2_SEALS_PER_SECOND = 150;
const SEAL_MM = 42;

// ---------------------------------------------------------------------------------------------
// Inputs, built once: the contract, the seal picture, two small PKIs.

const contract = await demoContract('电子证照系统建设服务合同');
const font = loadSealFont(new Uint8Array(readFileSync(bundledSealFontPath('bold'))));
const sealSvg = generateSealSvg({
  shape: 'round',
  font,
  name: '某某市市场监督管理局',
  bottomText: '合同专用章',
  code: '4401000000001',
  diameterMm: SEAL_MM,
});
const { png } = renderSealPng(sealSvg, { pxPerMm: 12 });

const now = Date.now();
const NOT_BEFORE = new Date(now - 86_400_000);
const NOT_AFTER = new Date(now + 365 * 86_400_000);
const CA: ExtensionsInput = {
  basicConstraints: { ca: true, critical: true },
  keyUsage: ['keyCertSign', 'cRLSign'],
};
const SEAL: ExtensionsInput = {
  basicConstraints: { ca: false },
  keyUsage: ['digitalSignature', 'nonRepudiation'],
  extendedKeyUsage: { purposes: ['emailProtection'] },
};
const dn = (cn: string): NameInput => [
  { type: 'C', value: 'CN' },
  { type: 'O', value: '证印基准测试' },
  { type: 'CN', value: cn },
];

interface Signer {
  readonly certificate: ParsedCertificate;
  readonly sign: SignFunction;
}

let serial = 0x7000;
async function issue(
  cn: string,
  pkcs8: Uint8Array,
  sign: SignFunction,
  issuer: Signer | undefined,
  extensions: ExtensionsInput,
): Promise<Signer> {
  const certificate = await createCertificate({
    subject: dn(cn),
    publicKey: createSoftwareKey(pkcs8).publicKey,
    serialNumber: (serial++).toString(16),
    notBefore: NOT_BEFORE,
    notAfter: NOT_AFTER,
    ...(issuer ? { issuer: issuer.certificate } : {}),
    sign: issuer ? issuer.sign : sign,
    extensions,
  });
  return { certificate, sign };
}

/** SM2 signs with the raw scalar through @zhengyin/gm (DER r,s over Z‖M with SM3), as the key vault does. */
async function sm2Signer(cn: string, issuer: Signer | undefined, extensions: ExtensionsInput) {
  const key = sm2GenerateKeyPair().privateKey;
  return issue(cn, sm2PrivateKeyToPkcs8(key), async (data) => sm2Sign(key, data), issuer, extensions);
}

async function ecdsaSigner(cn: string, issuer: Signer | undefined, extensions: ExtensionsInput) {
  const key = ecdsaP256GenerateKeyPair().privateKey;
  return issue(cn, key, async (data) => ecdsaP256Sign(key, data), issuer, extensions);
}

const sm2Root = await sm2Signer('证印基准 SM2 根CA', undefined, CA);
const sm2Leaf = await sm2Signer('某某市市场监督管理局 SM2 合同专用章', sm2Root, SEAL);
const ecdsaRoot = await ecdsaSigner('证印基准 ECDSA 根CA', undefined, CA);
const ecdsaLeaf = await ecdsaSigner('某某市市场监督管理局 ECDSA 合同专用章', ecdsaRoot, SEAL);

/** Fixed placement for the timed cases; keyword placement (a text search of the page) is timed apart. */
const LAST_PAGE: SealPlacement = { kind: 'last-page' };
const KEYWORD: SealPlacement = { kind: 'keyword', keyword: SEAL_KEYWORD };

function request(leaf: Signer, root: Signer, placement: SealPlacement): SealPdfRequest {
  return {
    pdf: contract,
    signerCertificate: leaf.certificate.der,
    chain: [root.certificate.der],
    sign: leaf.sign,
    appearance: { png, widthMm: SEAL_MM, heightMm: SEAL_MM },
    placement,
    signingTime: new Date(),
    reason: '合同盖章',
    location: '杭州',
    name: '某某市市场监督管理局合同专用章',
    seal: { code: '4401000000001' },
  };
}

// ---------------------------------------------------------------------------------------------
// Measurement.

interface Measured {
  readonly count: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

/** Runs `op` one at a time for `seconds` of wall time after a short warm-up; per-call latencies. */
async function measure(op: () => unknown, warmup = 5): Promise<Measured> {
  for (let i = 0; i < warmup; i++) await op();
  const latencies: number[] = [];
  const start = performance.now();
  let end = start;
  while (end - start < seconds * 1000) {
    const t = performance.now();
    await op();
    end = performance.now();
    latencies.push(end - t);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    count: latencies.length,
    perSecond: (1000 * latencies.length) / (end - start),
    p50: at(0.5),
    p99: at(0.99),
  };
}

async function sealOnce(leaf: Signer, root: Signer, placement = LAST_PAGE): Promise<Uint8Array> {
  return (await sealPdf(request(leaf, root, placement))).pdf;
}

async function verifyOnce(pdf: Uint8Array, root: Signer, label: string): Promise<void> {
  const result = await verifyPdf(pdf, { trustAnchors: [root.certificate.der] });
  if (result.verdict !== 'VALID' || result.signatures.length !== 1) {
    const failed = [...result.checks, ...result.signatures.flatMap((s) => s.checks)].filter(
      (c) => c.status !== 'VALID',
    );
    throw new Error(`${label}: verdict ${result.verdict}\n${JSON.stringify(failed, null, 2)}`);
  }
}

const work = mkdtempSync(join(tmpdir(), 'zhengyin-bench-seal-'));
try {
  // The baseline's NSS database, trusting the ECDSA root only.
  const nssdb = `sql:${work}`;
  const rootFile = join(work, 'root.der');
  writeFileSync(rootFile, ecdsaRoot.certificate.der);
  for (const args of [
    ['-N', '--empty-password', '-d', nssdb],
    ['-A', '-t', 'CT,C,C', '-n', 'root', '-i', rootFile, '-d', nssdb],
  ]) {
    const r = spawnSync('certutil', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`certutil ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  }
  const pdfsig = (file: string): void => {
    const r = spawnSync('pdfsig', ['-nssdir', nssdb, file], { encoding: 'utf8' });
    if (
      r.status !== 0 ||
      !/Signature Validation: Signature is Valid\./.test(r.stdout) ||
      !/Certificate Validation: Certificate is Trusted\./.test(r.stdout)
    ) {
      throw new Error(`pdfsig did not accept ${file} (${r.status}):\n${r.stdout}${r.stderr}`);
    }
  };

  // One sealed file of each kind, checked by both verifiers before anything is timed.
  const sm2Pdf = await sealOnce(sm2Leaf, sm2Root);
  const ecdsaPdf = await sealOnce(ecdsaLeaf, ecdsaRoot);
  await verifyOnce(sm2Pdf, sm2Root, 'SM2 sealed PDF');
  await verifyOnce(ecdsaPdf, ecdsaRoot, 'ECDSA sealed PDF');
  const ecdsaFile = join(work, 'sealed-ecdsa.pdf');
  writeFileSync(ecdsaFile, ecdsaPdf);
  pdfsig(ecdsaFile);

  const load0 = loadavg();
  console.log(
    `one-page contract ${contract.length} B, seal PNG ${png.length} B, sealed SM2 ${sm2Pdf.length} B / ECDSA ${ecdsaPdf.length} B`,
  );
  console.log(
    `${cpus().length} CPUs, load average ${load0.map((l) => l.toFixed(2)).join(' ')}; ` +
      `measuring ${seconds} s per case, sequential, one document at a time…`,
  );

  const sealSm2 = await measure(() => sealOnce(sm2Leaf, sm2Root));
  const sealEcdsa = await measure(() => sealOnce(ecdsaLeaf, ecdsaRoot));
  const sealKeyword = await measure(() => sealOnce(sm2Leaf, sm2Root, KEYWORD));
  const verifySm2 = await measure(() => verifyOnce(sm2Pdf, sm2Root, 'SM2 sealed PDF'));
  const verifyEcdsa = await measure(() => verifyOnce(ecdsaPdf, ecdsaRoot, 'ECDSA sealed PDF'));
  const baseline = await measure(() => pdfsig(ecdsaFile), 2);
  const load1 = loadavg();

  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const row = (operation: string, m: Measured, note: string) => ({
    operation,
    'ops/s': Number(m.perSecond.toFixed(1)),
    'p50 ms': Number(m.p50.toFixed(2)),
    'p99 ms': Number(m.p99.toFixed(2)),
    n: m.count,
    'ratio / target': note,
  });
  console.table([
    row(
      'seal SM2 (sealPdf, last page)',
      sealSm2,
      `${ratio(sealSm2.perSecond, SM2_SEALS_PER_SECOND)} of ≥ 150/s`,
    ),
    row(
      'seal ECDSA P-256 (last page)',
      sealEcdsa,
      `${ratio(sealEcdsa.perSecond, sealSm2.perSecond)} SM2 sealing`,
    ),
    row(
      `seal SM2, placed by keyword ${SEAL_KEYWORD}`,
      sealKeyword,
      `${ratio(sealKeyword.perSecond, sealSm2.perSecond)} last-page`,
    ),
    row('verify SM2 (verifyPdf)', verifySm2, `${ratio(verifySm2.perSecond, baseline.perSecond)} pdfsig`),
    row(
      'verify ECDSA (verifyPdf)',
      verifyEcdsa,
      `${ratio(verifyEcdsa.perSecond, baseline.perSecond)} pdfsig`,
    ),
    row('pdfsig -nssdir, same ECDSA file', baseline, 'baseline'),
  ]);
  console.log(
    `load average at the end ${load1.map((l) => l.toFixed(2)).join(' ')} ` +
      `(figures are wall time: other processes on the ${cpus().length} CPUs slow every row alike)`,
  );

  const met = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
  console.log(
    `target SM2 sealing ≥ ${SM2_SEALS_PER_SECOND}/s: ${met(sealSm2.perSecond >= SM2_SEALS_PER_SECOND)} ` +
      `(${sealSm2.perSecond.toFixed(1)}/s, p50 ${sealSm2.p50.toFixed(2)} ms, last-page placement; ` +
      `by keyword ${sealKeyword.perSecond.toFixed(1)}/s)`,
  );
  console.log(
    `target our verify ≥ pdfsig: ${met(verifyEcdsa.perSecond >= baseline.perSecond)} ` +
      `(same ECDSA file: ${verifyEcdsa.perSecond.toFixed(1)}/s vs pdfsig ${baseline.perSecond.toFixed(1)}/s = ` +
      `${ratio(verifyEcdsa.perSecond, baseline.perSecond)}; SM2 ${verifySm2.perSecond.toFixed(1)}/s = ` +
      `${ratio(verifySm2.perSecond, baseline.perSecond)})`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
