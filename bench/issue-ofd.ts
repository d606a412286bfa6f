/**
 * Issuance as PDF, OFD and both: licences per second, CPU per licence and file sizes, on a fresh
 * PGlite platform (or TEST_DATABASE_URL's PostgreSQL), issuing through `issueLicenses` directly.
 * One OFD of each run is checked with verifyOfd (VALID against the platform's CAs).
 *
 *   npx tsx bench/issue-ofd.ts [count=100] [batch=50]
 */
import { issueLicenses, type License } from '@zhengyin/core';
import { verifyOfd, verifyPdf } from '@zhengyin/documents';
import { SEAL_PIN } from '../apps/server/src/testing/licensing.js';
import { benchItems } from './issue-data.js';
import { oursPlatform, typeCodeFor } from './issue-ours.js';

const count = Number(process.argv[2] ?? 100);
const batch = Number(process.argv[3] ?? 50);
const ours = await oursPlatform();
const formats = ['pdf', 'ofd', 'both'] as const;
const rows: Record<string, unknown>[] = [];
let next = 0;

// Warm-up: fonts, workers and keys loaded before anything is measured.
for (const fileFormat of formats) await issue(fileFormat, 4);

for (const fileFormat of formats) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const issued = await issue(fileFormat, count);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const sample = issued[0] as License;
  const files = await ours.deps.uow.run(async (r) => ({
    pdf: sample.fileSha256 ? await r.blobs.get(sample.fileSha256) : null,
    ofd: sample.ofdSha256 ? await r.blobs.get(sample.ofdSha256) : null,
  }));
  const verdicts = {
    pdf: files.pdf ? (await verifyPdf(files.pdf, { trustAnchors: ours.anchors })).verdict : '-',
    ofd: files.ofd ? (await verifyOfd(files.ofd, { trustAnchors: ours.anchors })).verdict : '-',
  };
  rows.push({
    fileFormat,
    licences: issued.length,
    perSecond: Number(((1000 * issued.length) / ms).toFixed(1)),
    msPerLicence: Number((ms / issued.length).toFixed(1)),
    cpuMsPerLicence: Number(((used.user + used.system) / 1000 / issued.length).toFixed(1)),
    pdfBytes: files.pdf?.length ?? 0,
    ofdBytes: files.ofd?.length ?? 0,
    pdfVerdict: verdicts.pdf,
    ofdVerdict: verdicts.ofd,
  });
}
console.table(rows);
await ours.platform.close();

async function issue(fileFormat: (typeof formats)[number], n: number): Promise<License[]> {
  const items = benchItems(next, n);
  next += n;
  const issued: License[] = [];
  for (let i = 0; i < items.length; i += batch) {
    const out = await issueLicenses(ours.deps, {
      actor: ours.actor,
      meta: { requestId: 'bench-ofd', clientIp: null },
      input: {
        typeCode: typeCodeFor('sm2'),
        departmentId: ours.departmentId,
        sealPin: SEAL_PIN,
        fileFormat,
        items: items.slice(i, i + batch),
      },
    });
    for (const r of out.results) {
      if (!r.ok) throw new Error(`item failed: ${JSON.stringify(r.error)}`);
      issued.push(r.license);
    }
  }
  return issued;
}
