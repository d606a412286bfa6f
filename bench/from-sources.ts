import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Benchmarks measure the workspace sources, not a possibly stale dist/: without the
 * "zhengyin-source" export condition (vitest sets it, plain tsx does not), run the script again with it.
 */
export function rerunFromSources(scriptUrl: string): void {
  if (import.meta.resolve('@zhengyin/core').endsWith('/src/index.ts')) return;
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, '--conditions=zhengyin-source', fileURLToPath(scriptUrl), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(child.status ?? 1);
}
