import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * node:crypto signing must never touch SM2 keys outside the wrapper (STANDARDS §14.5): the ESLint
 * rule enforces it, and this test checks both the rule and the current sources.
 */

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const WRAPPER = 'packages/gm/src/sm2/native.ts';
const ALGORITHMS = 'packages/gm/src/algorithms/';

// Built by concatenation so that this file does not match its own scan.
const call = (name: string) => `${name}(`;
const SNIPPETS = [
  `import { ${'create' + 'Sign'} } from 'node:crypto';\nexport const s = ${call('create' + 'Sign')}'sm3');\n`,
  `import * as crypto from 'node:crypto';\nexport const v = crypto.${call('create' + 'Verify')}'sm3');\n`,
  `import crypto from 'node:crypto';\nexport const f = (k: crypto.KeyObject) => crypto.${call('sign')}null, new Uint8Array(1), k);\n`,
  `import { ${'sign'} as s } from 'node:crypto';\nexport const f = s;\n`,
];

describe('SM2 signing only through the wrapper', () => {
  const eslint = new ESLint({ cwd: repoRoot });

  it.each(SNIPPETS.map((code, i) => [i, code] as const))(
    'ESLint rejects snippet %i anywhere but the wrapper',
    async (_i, code) => {
      for (const elsewhere of [
        'packages/gm/src/ses/sneaky.ts',
        'packages/core/src/seals/sneaky.ts',
        'apps/server/src/sneaky.ts',
      ]) {
        const [result] = await eslint.lintText(code, { filePath: join(repoRoot, elsewhere) });
        const rules = result?.messages.map((m) => m.ruleId) ?? [];
        expect(rules.some((r) => r === 'no-restricted-syntax' || r === 'no-restricted-imports')).toBe(true);
      }
      for (const allowed of [WRAPPER, `${ALGORITHMS}ecdsa.ts`]) {
        const [result] = await eslint.lintText(code, { filePath: join(repoRoot, allowed) });
        const rules = result?.messages.map((m) => m.ruleId) ?? [];
        expect(rules.filter((r) => r === 'no-restricted-syntax' || r === 'no-restricted-imports')).toEqual(
          [],
        );
      }
    },
  );

  it('no source under packages/*/src or apps/*/src calls node:crypto signing outside the wrapper and algorithms/', () => {
    const pattern = new RegExp(
      `\\b(${'create' + 'Sign'}|${'create' + 'Verify'})\\s*\\(|\\bcrypto\\.(sign|verify)\\s*\\(`,
    );
    const offenders: string[] = [];
    let scanned = 0;
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          if (name !== 'node_modules' && name !== 'dist') walk(path);
        } else if (/\.(ts|tsx|js|mjs|cjs)$/.test(name)) {
          const rel = relative(repoRoot, path).split(sep).join('/');
          scanned++;
          if (rel === WRAPPER || rel.startsWith(ALGORITHMS)) continue;
          readFileSync(path, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (pattern.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
            });
        }
      }
    };
    for (const top of ['packages', 'apps']) {
      for (const pkg of readdirSync(join(repoRoot, top))) {
        const src = join(repoRoot, top, pkg, 'src');
        if (
          statSync(join(repoRoot, top, pkg)).isDirectory() &&
          readdirSync(join(repoRoot, top, pkg)).includes('src')
        )
          walk(src);
      }
    }
    expect(scanned).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
    // The wrapper itself does use them: the scan would see a call if one were moved elsewhere.
    expect(pattern.test(readFileSync(join(repoRoot, WRAPPER), 'utf8'))).toBe(true);
  });
});
