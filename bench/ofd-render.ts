/**
 * OFD page rendering time: `npx tsx bench/ofd-render.ts [runs]` (default 20).
 * Renders at 96 dpi, one page at a time: the 1.ofd invoice (its seal is an OFD inside the SES
 * picture, drawn recursively; JBIG2 QR code) and a generated licence face (renderFaceOfd with the
 * sample licence: embedded font subsets, QR as vector paths, seal PNG). The first render (fonts and
 * image decoders loaded, glyph outlines built) is reported apart; then median and p90 of `runs`.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { rerunFromSources } from './from-sources.js';

rerunFromSources(import.meta.url);

const { bundledSealFontPath, openOfd, renderOfdPage } = await import('@zhengyin/documents');
const { renderFaceOfd } = await import('../packages/documents/src/ofd/write-face.js');
const { sampleRequest } = await import('../packages/documents/src/license-face/testing/sample-licence.js');

const runs = Number(process.argv[2] ?? 20);
const fonts = [
  {
    name: 'noto-sans-sc',
    bytes: new Uint8Array(readFileSync(bundledSealFontPath('regular'))),
    style: 'sans' as const,
  },
];
const cases = {
  '1.ofd invoice (210×140 mm)': openOfd(
    new Uint8Array(readFileSync(new URL('../../shared/fixtures/ofd/1.ofd', import.meta.url))),
  ),
  'licence face (297×210 mm)': openOfd(await renderFaceOfd(sampleRequest(fonts))),
};

console.log(`node ${process.version}, ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(2)}, ${runs} runs`);
for (const [name, doc] of Object.entries(cases)) {
  let t = performance.now();
  await renderOfdPage(doc, 0, { fonts });
  const first = performance.now() - t;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    await renderOfdPage(doc, 0, { fonts });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
  console.log(`${name}: first ${first.toFixed(0)} ms, median ${at(0.5)} ms/page, p90 ${at(0.9)} ms`);
}
