import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { checkDependencies } from './check-deps.mjs';

const check = checkDependencies as (root: string) => string[];

async function tree(files: Record<string, string>) {
  const root = await mkdtemp(join(tmpdir(), 'zy-deps-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

describe('dependency direction check', () => {
  test('the repository itself is clean', () => {
    expect(check(fileURLToPath(new URL('..', import.meta.url)))).toEqual([]);
  });

  test('core importing an adapter, a SQL driver, node:fs, contract or process.env fails', async () => {
    const root = await tree({
      'packages/core/src/a.ts': "import { sql } from 'kysely';\nimport pg from 'pg';\n",
      'packages/core/src/b.ts':
        "import { readFile } from 'node:fs/promises';\nexport const x = process.env.X;\n",
      'packages/core/src/c.ts': "import type { Endpoint } from '@zhengyin/contract';\n",
      'packages/core/src/ok.test.ts': "import { readFile } from 'node:fs/promises';\n",
      'packages/gm/src/d.ts': "import { x } from '@zhengyin/core';\n",
      'packages/contract/src/e.ts': "export { y } from '@zhengyin/sdk';\n",
    });
    const problems = check(root);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/packages\/core\/src\/a\.ts: imports kysely/),
        expect.stringMatching(/packages\/core\/src\/a\.ts: imports pg/),
        expect.stringMatching(/packages\/core\/src\/b\.ts: imports node:fs\/promises/),
        expect.stringMatching(/packages\/core\/src\/b\.ts: reads process\.env/),
        expect.stringMatching(/packages\/core\/src\/c\.ts: imports @zhengyin\/contract/),
        expect.stringMatching(/packages\/gm\/src\/d\.ts: imports @zhengyin\/core/),
        expect.stringMatching(/packages\/contract\/src\/e\.ts: imports @zhengyin\/sdk/),
      ]),
    );
    expect(problems.some((p) => p.includes('ok.test.ts'))).toBe(false);
  });
});
