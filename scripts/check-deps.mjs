#!/usr/bin/env node
// Enforces the dependency direction of docs/ARCHITECTURE.md:
//   gm ← documents ← core ← apps/server,  contract ← sdk ← console, cli,  apps/server → contract.
// core imports neither contract nor any adapter, SQL driver, HTTP library, node:fs or process.env.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_IO =
  /^node:(fs|fs\/promises|net|http|https|http2|child_process|dgram|dns|tls|cluster|worker_threads)$/;
const ADAPTERS =
  /^(pg|kysely|@electric-sql\/pglite|hono|@hono\/.*|pino|prom-client|otpauth|swagger-ui-dist|commander)$/;

/** Per workspace folder: which @zhengyin packages it may import, and what else is forbidden. */
export const RULES = {
  'packages/gm': { workspace: [], forbid: [NODE_IO, ADAPTERS], env: false },
  'packages/documents': { workspace: ['@zhengyin/gm'], forbid: [NODE_IO, ADAPTERS], env: false },
  'packages/core': {
    workspace: ['@zhengyin/gm', '@zhengyin/documents'],
    forbid: [/^node:/, ADAPTERS, /^zod$/],
    env: false,
  },
  'packages/contract': { workspace: [], forbid: [/^node:/, ADAPTERS], env: false },
  'packages/sdk': { workspace: ['@zhengyin/contract'], forbid: [NODE_IO, ADAPTERS], env: false },
  'apps/server': {
    workspace: ['@zhengyin/gm', '@zhengyin/documents', '@zhengyin/core', '@zhengyin/contract'],
    forbid: [],
    env: false,
  },
  'apps/cli': {
    workspace: [
      '@zhengyin/gm',
      '@zhengyin/documents',
      '@zhengyin/core',
      '@zhengyin/contract',
      '@zhengyin/sdk',
      '@zhengyin/server',
    ],
    forbid: [],
    env: ['apps/cli/src/io.ts'],
  },
};

const IMPORT =
  /(?:^|[^.\w])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function sourceFiles(dir) {
  let out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'dist' && name !== 'testing')
        out = out.concat(sourceFiles(path));
    } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

export function checkDependencies(root) {
  const problems = [];
  for (const [folder, rule] of Object.entries(RULES)) {
    let files;
    try {
      files = sourceFiles(join(root, folder, 'src'));
    } catch {
      continue;
    }
    for (const file of files) {
      const rel = relative(root, file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2] ?? m[3];
        const pkg = spec.startsWith('@zhengyin/') ? spec.split('/').slice(0, 2).join('/') : null;
        if (pkg && !rule.workspace.includes(pkg))
          problems.push(`${rel}: imports ${spec} (not allowed for ${folder})`);
        for (const pattern of rule.forbid)
          if (pattern.test(spec)) problems.push(`${rel}: imports ${spec} (forbidden in ${folder})`);
      }
      const usesEnv = /process\.env/.test(text);
      if (usesEnv && !(Array.isArray(rule.env) && rule.env.includes(rel))) {
        problems.push(`${rel}: reads process.env (configuration is parsed once in apps/server/src/config)`);
      }
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const problems = checkDependencies(root);
  for (const p of problems) console.error(p);
  console.log(problems.length ? `dependency check: ${problems.length} problem(s)` : 'dependency check: ok');
  process.exit(problems.length ? 1 : 0);
}
