import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { endpoints } from '@zhengyin/contract';
import type { TestPlatform } from '../testing/index.js';
import { createTestPlatform } from '../testing/index.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.close());

const get = (path: string) => p.fetchFrom()(`http://zhengyin.test${path}`);

describe('system endpoints', () => {
  test('health and readiness', async () => {
    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
    expect(await (await get('/readyz')).json()).toEqual({ status: 'ok', database: p.ctx.database.kind });
  });

  test('OpenAPI 3.1 lists every contract endpoint with its schemas', async () => {
    const doc = (await (await get('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; requestBody?: unknown }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops).map((o) => o.operationId),
    );
    expect(operations.sort()).toEqual(Object.keys(endpoints).sort());
    expect(doc.paths['/api/v1/departments/{id}']?.patch?.requestBody).toBeDefined();
    const page = await get('/docs');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/docs/init.js');
    expect(await (await get('/docs/init.js')).text()).toContain('/openapi.json');
    expect((await get('/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
    expect((await get('/docs/assets/..%2Fpackage.json')).status).toBe(404);
  });

  test('Prometheus metrics count requests', async () => {
    await get('/healthz');
    const text = await (await get('/metrics')).text();
    expect(text).toMatch(/zhengyin_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
  });

  test('security headers and request ids', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('证印');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const traced = await p.fetchFrom()('http://zhengyin.test/healthz', {
      headers: { 'x-request-id': 'trace-12345678' },
    });
    expect(traced.headers.get('x-request-id')).toBe('trace-12345678');
  });

  test('login is rate limited per client address', async () => {
    const limited = await import('../testing/index.js').then((m) =>
      m.createTestPlatform({ ZHENGYIN_LOGIN_RATE_PER_MINUTE: '3' }),
    );
    try {
      // The limiter counts per clock minute: a round that straddles a minute boundary (a slow,
      // loaded machine) starts a new window midway, so it is repeated from another address.
      const round = async (ip: string) => {
        const minute = Math.floor(Date.now() / 60_000);
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) {
          const res = await limited.fetchFrom(ip)('http://zhengyin.test/api/v1/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: 'nobody', password: 'x' }),
          });
          statuses.push(res.status);
        }
        return Math.floor(Date.now() / 60_000) === minute ? statuses : null;
      };
      const statuses = (await round('192.0.2.7')) ?? (await round('192.0.2.9'));
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const other = await limited.fetchFrom('192.0.2.8')('http://zhengyin.test/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'nobody', password: 'x' }),
      });
      expect(other.status).toBe(401);
    } finally {
      await limited.close();
    }
  });
});
