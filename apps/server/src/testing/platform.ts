import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import type { Clock } from '@zhengyin/core';
import {
  SYSTEM_ACTOR,
  bootstrapPlatform,
  createDepartment,
  createRegion,
  createUser,
  ensureDevelopmentCa,
} from '@zhengyin/core';
import type { Role } from '@zhengyin/core';
import type { Client } from '@zhengyin/sdk';
import { createClient } from '@zhengyin/sdk';
import { scryptPasswordHasher } from '../adapters/password-hasher.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { createContext } from '../container.js';
import { createHttpApp } from '../http/app.js';
import type { ServerContext } from '../http/context.js';
import type { TestDatabase } from './database.js';
import { createTestDatabase } from './database.js';

/** A clock tests can move: frozen at a fixed instant, or (browser tests) running in real time. */
export class TestClock implements Clock {
  private offset = 0;
  constructor(
    private current = new Date('2026-11-20T02:00:00.000Z'),
    private readonly realTime = false,
  ) {}
  now() {
    return new Date((this.realTime ? Date.now() : this.current.getTime()) + this.offset);
  }
  advance(ms: number) {
    this.offset += ms;
  }
}

export const ADMIN_PASSWORD = 'Initial-Admin-Pass-1';
export const NEW_PASSWORD = 'Changed-Pass-2026!';

export interface TestPlatform {
  readonly ctx: ServerContext;
  /** The HTTP app (for serving it on a real socket). */
  readonly app: ReturnType<typeof createHttpApp>;
  readonly db: TestDatabase;
  readonly clock: TestClock;
  readonly config: Config;
  readonly masterKey: Uint8Array;
  /** fetch that serves the app in-process; `ip` sets the peer address. */
  fetchFrom(ip?: string): typeof fetch;
  client(options?: { ip?: string; language?: 'zh-CN' | 'en' }): Client;
  /** Logs in (changing the one-time password) and returns the session client. */
  loginAs(username: string, password: string): Promise<Client>;
  adminClient(): Promise<Client>;
  /** Creates a user with one role directly and returns a logged-in client. */
  userWithRole(
    role: Role,
    scope: { regionCode?: string; departmentId?: string },
  ): Promise<{ client: Client; id: string }>;
  seedOrgs(): Promise<{
    provinceCode: string;
    cityCode: string;
    otherCityCode: string;
    deptA: string;
    deptB: string;
    deptOther: string;
  }>;
  close(): Promise<void>;
}

let counter = 0;

export async function createTestPlatform(
  env: Record<string, string> = {},
  options: { realTime?: boolean } = {},
): Promise<TestPlatform> {
  const db = await createTestDatabase();
  const clock = new TestClock(undefined, options.realTime);
  const config = loadConfig({
    ZHENGYIN_LOG_LEVEL: 'silent',
    ZHENGYIN_COOKIE_SECURE: 'false',
    ZHENGYIN_LOGIN_RATE_PER_MINUTE: '10000',
    ZHENGYIN_API_LOG_FLUSH_MS: '0',
    // Faces render on the test's own thread; the worker pool has its own test.
    ZHENGYIN_RENDER_WORKERS: '0',
    ...env,
  });
  const masterKey = new Uint8Array(randomBytes(32));
  const ctx = createContext(config, db.database, masterKey, {
    logger: pino({ level: 'silent' }),
    // Cheap scrypt parameters keep the suite fast; the production parameters are tested separately.
    overrides: { clock, passwords: scryptPasswordHasher({ N: 1 << 10, r: 8, p: 1 }) },
  });
  const app = createHttpApp(ctx);
  await bootstrapPlatform(ctx.deps, { username: 'admin', password: ADMIN_PASSWORD });
  await ensureDevelopmentCa(ctx.deps);

  const fetchFrom =
    (ip = '127.0.0.1'): typeof fetch =>
    (input, init) =>
      Promise.resolve(
        app.request(String(input), init as RequestInit, {
          incoming: {
            socket: {
              remoteAddress: ip,
              remotePort: 40000,
              remoteFamily: ip.includes(':') ? 'IPv6' : 'IPv4',
            },
          },
        }),
      );
  const client = (options: { ip?: string; language?: 'zh-CN' | 'en' } = {}) =>
    createClient({
      baseUrl: 'http://zhengyin.test',
      fetch: fetchFrom(options.ip),
      manageCookies: true,
      ...(options.language ? { language: options.language } : {}),
    });

  const loginAs = async (username: string, password: string) => {
    const c = client();
    const result = await c.login({ body: { username, password } });
    if (result.user.mustChangePassword) {
      await c.changePassword({ body: { currentPassword: password, newPassword: NEW_PASSWORD } });
    }
    return c;
  };

  let adminPassword = ADMIN_PASSWORD;
  const adminClient = async () => {
    const c = await loginAs('admin', adminPassword);
    adminPassword = NEW_PASSWORD;
    return c;
  };

  const meta = { requestId: 'test', clientIp: null };
  const userWithRole = async (role: Role, scope: { regionCode?: string; departmentId?: string }) => {
    const username = `u${++counter}-${role.replace('_', '')}`;
    const { user, initialPassword } = await createUser(ctx.deps, {
      actor: SYSTEM_ACTOR,
      meta,
      input: {
        username,
        displayName: `${role} ${counter}`,
        roles: [{ role, regionCode: scope.regionCode ?? null, departmentId: scope.departmentId ?? null }],
      },
    });
    return { client: await loginAs(username, initialPassword), id: user.id, username };
  };

  const seedOrgs = async () => {
    const call = <I>(input: I) => ({ actor: SYSTEM_ACTOR, meta, input });
    await createRegion(ctx.deps, call({ code: '610000', name: '陕西省' }));
    await createRegion(ctx.deps, call({ code: '610100', name: '西安市', parentCode: '610000' }));
    await createRegion(ctx.deps, call({ code: '610200', name: '铜川市', parentCode: '610000' }));
    const a = await createDepartment(
      ctx.deps,
      call({ name: '西安市市场监督管理局', uscc: '91350200776049653A', regionCode: '610100' }),
    );
    const b = await createDepartment(
      ctx.deps,
      call({ name: '西安市行政审批服务局', uscc: '913502000728319549', regionCode: '610100' }),
    );
    const o = await createDepartment(
      ctx.deps,
      call({ name: '铜川市市场监督管理局', uscc: '91320115MA202UKD7X', regionCode: '610200' }),
    );
    return {
      provinceCode: '610000',
      cityCode: '610100',
      otherCityCode: '610200',
      deptA: a.id,
      deptB: b.id,
      deptOther: o.id,
    };
  };

  return {
    ctx,
    app,
    db,
    clock,
    config,
    masterKey,
    fetchFrom,
    client,
    loginAs,
    adminClient,
    userWithRole,
    seedOrgs,
    close: () => db.close(),
  };
}
