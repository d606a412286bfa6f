import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { ERROR_CODES } from './errors.js';

test('docs/ERRORS.md lists exactly the registry codes, with the same status and messages', async () => {
  const doc = await readFile(new URL('../../../docs/ERRORS.md', import.meta.url), 'utf8');
  const rows = [...doc.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \| (.+?) \| (.+?) \|$/gm)].map((m) => ({
    code: m[1]!,
    status: Number(m[2]),
    zh: m[3],
    en: m[4],
  }));
  expect(rows.map((r) => r.code).sort()).toEqual(Object.keys(ERROR_CODES).sort());
  for (const row of rows) {
    const spec = ERROR_CODES[row.code as keyof typeof ERROR_CODES];
    expect({ status: row.status, zh: row.zh, en: row.en }).toEqual({
      status: spec.status,
      zh: spec.zh,
      en: spec.en,
    });
  }
});

test('codes are namespaced UPPER_SNAKE and statuses are errors', () => {
  for (const [code, spec] of Object.entries(ERROR_CODES)) {
    expect(code).toMatch(/^[A-Z]+_[A-Z_]+$/);
    expect(spec.status).toBeGreaterThanOrEqual(400);
  }
});
