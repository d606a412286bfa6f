#!/usr/bin/env node
// Regenerates docs/ERRORS.md from the error registry (packages/contract/src/errors.ts, read from the
// build) and the GM_ codes used in packages/gm/src. Tests fail when the page and the code disagree;
// run `npm run build && node scripts/errors-doc.mjs` after adding a code.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { ERROR_CODES } = await import(join(root, 'packages/contract/dist/index.js'));

const lines = [
  '# Error codes',
  '',
  'Every error answer of the API has the body `{ "error": { "code", "message", "details"?, "requestId" } }`.',
  'The message is Chinese by default and English when the request prefers it (`Accept-Language: en`); `details`',
  'names the offending fields or values where that helps. Codes are stable: a code never changes meaning, new',
  'situations get new codes. The registry is `packages/contract/src/errors.ts`; a test keeps this page in step with it',
  '(regenerate with `npm run build && node scripts/errors-doc.mjs`).',
  '',
  '| code | HTTP | 中文 | English |',
  '| --- | --- | --- | --- |',
];
for (const [code, spec] of Object.entries(ERROR_CODES))
  lines.push(`| \`${code}\` | ${spec.status} | ${spec.zh} | ${spec.en} |`);

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}
const gmSrc = join(root, 'packages/gm/src');
const gm = new Map();
for (const file of sources(gmSrc)) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/'(GM_[A-Z0-9_]+)'(?:\s*,\s*(?:'([^']*)'|`([^`]*)`))?/g)) {
    const entry = gm.get(m[1]) ?? { modules: new Set(), message: '' };
    entry.modules.add(relative(gmSrc, dirname(file)) || '.');
    const message = m[2] ?? m[3] ?? '';
    if (!entry.message && message && !message.includes('${')) entry.message = message.replace(/\|/g, '/');
    gm.set(m[1], entry);
  }
}
lines.push(
  '',
  '## Errors of @zhengyin/gm',
  '',
  'The crypto package throws `GmError` with a stable `GM_` code (decoders, key handling, certificate and',
  'signature building). Verification functions do not throw for a bad signature: they return typed checks.',
  'A `GmError` that reaches the API is reported inside a verification result or as `INTERNAL_ERROR`.',
  'A test keeps this list in step with the codes in `packages/gm/src`.',
  '',
  '| code | module | example message |',
  '| --- | --- | --- |',
);
for (const code of [...gm.keys()].sort()) {
  const { modules, message } = gm.get(code);
  lines.push(`| \`${code}\` | ${[...modules].sort().join(', ')} | ${message} |`);
}
writeFileSync(join(root, 'docs/ERRORS.md'), `${lines.join('\n')}\n`);
console.log(`docs/ERRORS.md: ${Object.keys(ERROR_CODES).length} API codes, ${gm.size} GM codes`);
