import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { ERROR_CODES } from '@zhengyin/contract';

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory()
        ? sources(join(dir, e.name))
        : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
          ? [join(dir, e.name)]
          : [],
    ),
  );
  return nested.flat();
}

test('every AppError code raised by core, server and cli is in the registry (and so in docs/ERRORS.md)', async () => {
  const root = fileURLToPath(new URL('../../../../', import.meta.url));
  const files = (
    await Promise.all(
      ['packages/core/src', 'apps/server/src', 'apps/cli/src'].map((d) => sources(join(root, d))),
    )
  ).flat();
  const used = new Set<string>();
  for (const file of files) {
    for (const m of (await readFile(file, 'utf8')).matchAll(/new AppError\(\s*'([A-Z_]+)'/g)) used.add(m[1]!);
  }
  expect(used.size).toBeGreaterThan(30);
  expect([...used].filter((code) => !(code in ERROR_CODES))).toEqual([]);
});
