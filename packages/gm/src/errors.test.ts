import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

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

test('docs/ERRORS.md lists exactly the GM_ codes used in packages/gm/src', async () => {
  const src = fileURLToPath(new URL('.', import.meta.url));
  const used = new Set<string>();
  for (const file of await sources(src)) {
    for (const m of (await readFile(file, 'utf8')).matchAll(/'(GM_[A-Z0-9_]+)'/g)) used.add(m[1]!);
  }
  const doc = await readFile(new URL('../../../docs/ERRORS.md', import.meta.url), 'utf8');
  const documented = new Set([...doc.matchAll(/^\| `(GM_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]!));
  expect([...used].sort()).toEqual([...documented].sort());
});
