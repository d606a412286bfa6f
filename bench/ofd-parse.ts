/**
 * OFD reader cost: `npx tsx bench/ofd-parse.ts [--pages N]` (default 1000).
 * Generates an N-page OFD (one shared template, a few text lines a page), then measures `openOfd`
 * and reading every page (`page(i)` + `extractOfdText`), with the peak heap and RSS seen meanwhile.
 * Targets: 1,000 pages fully read in < 5 s and < 500 MB.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractOfdText, openOfd } from '../packages/documents/src/ofd/index.js';
import { makeManyPagesOfd } from '../packages/documents/src/ofd/testing/ofd-files.js';

export interface OfdParseBench {
  pages: number;
  bytes: number;
  openMs: number;
  /** Open plus every page parsed and its text extracted. */
  allPagesMs: number;
  /** Peak heap used and RSS during the run. */
  heapMB: number;
  rssMB: number;
}

const TARGETS = { allPagesMs: 5_000, memoryMB: 500 };
const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const round = (n: number) => Math.round(n * 10) / 10;

export async function benchOfdParse(options: { pages?: number } = {}): Promise<OfdParseBench> {
  const pages = options.pages ?? 1000;
  const bytes = makeManyPagesOfd(pages);
  (globalThis as { gc?: () => void }).gc?.();
  let heap = 0;
  let rss = 0;
  const sample = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed);
    rss = Math.max(rss, m.rss);
  };
  sample();
  const start = performance.now();
  const doc = openOfd(bytes);
  const openMs = performance.now() - start;
  let characters = 0;
  for (let i = 0; i < doc.pages.length; i++) {
    characters += extractOfdText(doc.page(i)).length;
    if (i % 50 === 0) sample();
  }
  const allPagesMs = performance.now() - start;
  sample();
  if (doc.pages.length !== pages || characters === 0) throw new Error('the generated file did not read back');
  await Promise.resolve();
  return {
    pages,
    bytes: bytes.length,
    openMs: round(openMs),
    allPagesMs: round(allPagesMs),
    heapMB: mb(heap),
    rssMB: mb(rss),
  };
}

function parseArgs(argv: readonly string[]): { pages: number } {
  const options = { pages: 1000 };
  for (let i = 0; i < argv.length; i += 2) {
    const n = Number(argv[i + 1]);
    if (argv[i] !== '--pages' || !Number.isInteger(n) || n < 1) {
      throw new Error('usage: npx tsx bench/ofd-parse.ts [--pages N]');
    }
    options.pages = n;
  }
  return options;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await benchOfdParse(parseArgs(process.argv.slice(2)));
  console.table({
    'OFD read (openOfd + every page + text)': {
      pages: result.pages,
      'file KB': Math.round(result.bytes / 1024),
      'open ms': result.openMs,
      'all pages ms': result.allPagesMs,
      'ms per page': round(result.allPagesMs / result.pages),
      'peak heap MB': result.heapMB,
      'peak RSS MB': result.rssMB,
      target: `${result.pages === 1000 ? '' : '(1,000 pages) '}< ${TARGETS.allPagesMs} ms, < ${TARGETS.memoryMB} MB`,
    },
  });
}
