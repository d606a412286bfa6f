import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { buildOpenApi, endpoints } from '@zhengyin/contract';
import type { AppEnv, ServerContext } from './context.js';

const require = createRequire(import.meta.url);

const DOCS_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>zhengyin API 文档</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script><script src="/docs/init.js"></script></body></html>`;

const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs' });`;

const DOC_ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

/** Health, readiness, Prometheus metrics, OpenAPI and the docs page. */
export function systemRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const openapi = buildOpenApi(endpoints, { version: ctx.version });
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await sql`select 1`.execute(ctx.database.db);
      return c.json({ status: 'ok', database: ctx.database.kind });
    } catch (e) {
      ctx.logger.warn({ err: e }, 'readiness check failed');
      return c.json({ status: 'unavailable', database: ctx.database.kind }, 503);
    }
  });
  app.get('/metrics', async (c) =>
    c.text(await ctx.metrics.metrics(), 200, { 'content-type': ctx.metrics.contentType }),
  );
  app.get('/openapi.json', (c) => c.json(openapi));
  app.get('/docs', (c) => c.html(DOCS_PAGE));
  app.get('/docs/init.js', (c) =>
    c.body(DOCS_INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  );
  const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'));
  app.get('/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = DOC_ASSETS[file];
    if (!type) return c.notFound();
    return c.body(await readFile(join(swaggerDir, file)), 200, {
      'content-type': type,
      'cache-control': 'public, max-age=86400',
    });
  });
}
