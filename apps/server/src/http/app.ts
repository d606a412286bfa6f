import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { Counter, Histogram } from 'prom-client';
import { AppError, recordAccessDenied } from '@zhengyin/core';
import { endpoints } from '@zhengyin/contract';
import { clientIp } from './client-ip.js';
import type { AppEnv, ServerContext } from './context.js';
import { AUDITED_DENIALS, asAppError, errorResponse } from './errors.js';
import { fixedWindowLimiter } from './rate-limit.js';
import { accountRoutes } from './routes/accounts.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { catalogRoutes } from './routes/catalog.js';
import { obligatoryRoutes } from './routes/obligatory.js';
import { metricsRoutes } from './routes/metrics.js';
import { licenseImportRoutes, licenseRoutes } from './routes/licenses.js';
import { annotatedCopyRoutes } from './routes/annotated.js';
import { orgRoutes } from './routes/orgs.js';
import { objectionRoutes } from './routes/objections.js';
import { sealRoutes } from './routes/seals.js';
import { sharingRoutes } from './routes/sharing.js';
import { verifyRoutes } from './routes/verify.js';
import { useRoutes } from './routes/use.js';
import { devIdpRoutes } from './routes/dev-idp.js';
import { holderRoutes } from './routes/holders.js';
import { systemRoutes } from './system-routes.js';
import { consoleRoutes } from './console-routes.js';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,128}$/;
const PUBLIC_PATHS = new Set(
  Object.values(endpoints)
    .filter((e) => e.auth === 'public')
    .map((e) => e.path),
);

/** The whole HTTP surface. Routes are thin: they parse, authenticate and call one use case. */
export function createHttpApp(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const requests = new Counter({
    name: 'zhengyin_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [ctx.metrics],
  });
  const duration = new Histogram({
    name: 'zhengyin_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [ctx.metrics],
  });
  const loginLimiter = fixedWindowLimiter(ctx.config.ZHENGYIN_LOGIN_RATE_PER_MINUTE);
  const publicLimiter = fixedWindowLimiter(ctx.config.ZHENGYIN_PUBLIC_RATE_PER_MINUTE);

  app.use(
    requestId({
      headerName: 'X-Request-Id',
      generator: (c) => {
        const incoming = c.req.header('x-request-id');
        return incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : crypto.randomUUID();
      },
    }),
  );
  app.use(async (c, next) => {
    const started = performance.now();
    const ip = clientIp(c, ctx.config.ZHENGYIN_TRUST_PROXY);
    c.set('state', {
      actor: { kind: 'anonymous' },
      meta: { requestId: c.get('requestId'), clientIp: ip },
      session: null,
    });
    await next();
    const elapsed = performance.now() - started;
    const route = c.req.routePath;
    requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    duration.observe({ method: c.req.method, route }, elapsed / 1000);
    const { actor } = c.get('state');
    ctx.logger.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(elapsed),
        actor: actor.kind === 'anonymous' ? 'anonymous' : `${actor.kind}:${actor.id}`,
        ip,
      },
      'request',
    );
    if (c.req.path.startsWith('/api/')) {
      await ctx.apiCalls.add({
        at: ctx.deps.clock.now(),
        requestId: c.get('requestId'),
        actorKind: actor.kind,
        actorId: actor.kind === 'anonymous' ? null : actor.id,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        latencyMs: Math.round(elapsed),
        clientIp: ip,
      });
    }
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use('/api/*', async (c, next) => {
    const { meta } = c.get('state');
    const key = meta.clientIp ?? 'unknown';
    const limiter =
      c.req.path === endpoints.login.path
        ? loginLimiter
        : PUBLIC_PATHS.has(c.req.path)
          ? publicLimiter
          : null;
    if (limiter && !limiter.hit(key, Date.now())) throw new AppError('REQUEST_RATE_LIMITED');
    await next();
  });

  systemRoutes(app, ctx);
  authRoutes(app, ctx);
  orgRoutes(app, ctx);
  accountRoutes(app, ctx);
  auditRoutes(app, ctx);
  sealRoutes(app, ctx);
  verifyRoutes(app, ctx);
  catalogRoutes(app, ctx);
  obligatoryRoutes(app, ctx);
  licenseRoutes(app, ctx);
  licenseImportRoutes(app, ctx);
  sharingRoutes(app, ctx);
  useRoutes(app, ctx);
  annotatedCopyRoutes(app, ctx);
  objectionRoutes(app, ctx);
  metricsRoutes(app, ctx);
  holderRoutes(app, ctx);
  devIdpRoutes(app, ctx);
  consoleRoutes(app, ctx);

  app.notFound((c) => errorResponse(c, new AppError('REQUEST_NOT_FOUND', `${c.req.method} ${c.req.path}`)));
  app.onError(async (err, c) => {
    const error = asAppError(err);
    if (error.code === 'INTERNAL_ERROR')
      ctx.logger.error({ err, requestId: c.get('requestId') }, 'unhandled error');
    const state = c.get('state');
    if (state && AUDITED_DENIALS.has(error.code)) {
      await recordAccessDenied(
        ctx.deps,
        state.actor,
        state.meta,
        { method: c.req.method, path: c.req.path },
        error,
      ).catch((auditErr: unknown) => ctx.logger.error({ err: auditErr }, 'could not audit a denial'));
    }
    return errorResponse(c, error);
  });
  return app;
}
