import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { AppEnv, ServerContext } from './context.js';

const DEFAULT_DIR = fileURLToPath(new URL('../../../console/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>证印 zhengyin</title></head>
<body><h1>证印 zhengyin</h1><p>控制台尚未构建：请运行 <code>npm run build</code>。</p>
<p lang="en">The console is not built: run <code>npm run build</code>.</p><p><a href="/docs">API</a></p></body></html>`;

/** Paths the console never answers (the server's own pages and the API). */
const SERVER_PATHS = /^\/(api|docs|openapi\.json|healthz|readyz|metrics|dev-idp)(\/|$)/;

/**
 * The web console (Vite build): hashed assets under /assets with long caching, every other GET
 * that is not the server's own answers index.html so client-side routes load directly.
 */
export function consoleRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const dir = ctx.config.ZHENGYIN_CONSOLE_DIR || DEFAULT_DIR;
  const root = normalize(dir.endsWith(sep) ? dir : dir + sep);
  const index = () => readFile(join(root, 'index.html'), 'utf8').catch(() => NOT_BUILT);

  app.get('/assets/*', async (c) => {
    const file = normalize(join(root, c.req.path));
    const type = TYPES[extname(file)];
    if (!file.startsWith(root) || !type) return c.notFound();
    const body = await readFile(file).catch(() => null);
    if (!body) return c.notFound();
    return c.body(body, 200, {
      'content-type': type,
      'cache-control': 'public, max-age=31536000, immutable',
    });
  });
  app.get('/favicon.svg', async (c) => {
    const body = await readFile(join(root, 'favicon.svg')).catch(() => null);
    return body ? c.body(body, 200, { 'content-type': TYPES['.svg']! }) : c.notFound();
  });
  app.get('*', async (c, next) => {
    if (SERVER_PATHS.test(c.req.path)) return next();
    return c.html(await index(), 200, { 'cache-control': 'no-cache' });
  });
}
