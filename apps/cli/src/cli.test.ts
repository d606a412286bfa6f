import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SYSTEM_ACTOR, createDepartment, createRegion } from '@zhengyin/core';
import { createTestDatabase, tamperWithAudit } from '@zhengyin/server/testing';
import type { TestDatabase } from '@zhengyin/server/testing';
import type { Io } from './io.js';
import { withPlatform } from './platform.js';
import { runCli } from './program.js';

let env: Record<string, string>;
let dataDir: string;
let pgDatabase: TestDatabase | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'zhengyin-cli-'));
  env = {
    ZHENGYIN_DATA_DIR: dataDir,
    ZHENGYIN_MASTER_KEY: randomBytes(32).toString('base64'),
    ZHENGYIN_LOG_LEVEL: 'silent',
  };
  if (process.env.TEST_DATABASE_URL) {
    pgDatabase = await createTestDatabase('postgres');
    await pgDatabase.database.close();
    env.DATABASE_URL = pgDatabase.url!;
  }
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  if (pgDatabase) await pgDatabase.close().catch(() => undefined);
});

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), env };
  const code = await runCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('zhengyin CLI on the configured database', () => {
  test('migrate applies the schema once', async () => {
    const first = await run('migrate');
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toMatch(/applied: 0001_foundation\.sql|up to date/);
    expect((await run('migrate')).out).toBe('database is up to date');
  });

  test('admin create-user and reset-password print one-time passwords', async () => {
    const created = await run(
      'admin',
      'create-user',
      '--username',
      'ops',
      '--display-name',
      '运维',
      '--role',
      'platform_admin',
    );
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/one-time password: \S{16}/);
    const dup = await run(
      'admin',
      'create-user',
      '--username',
      'ops',
      '--display-name',
      'x',
      '--role',
      'platform_admin',
    );
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('ACCOUNTS_USERNAME_TAKEN');
    const badRole = await run(
      'admin',
      'create-user',
      '--username',
      'x1',
      '--display-name',
      'x',
      '--role',
      'king',
    );
    expect(badRole.code).toBe(2);
    const reset = await run('admin', 'reset-password', '--username', 'ops');
    expect(reset.code).toBe(0);
    expect(reset.out).toMatch(/one-time password: \S{16}/);
    expect((await run('admin', 'reset-password', '--username', 'ghost')).code).toBe(1);
  });

  test('app create and rotate-secret', async () => {
    const departmentId = await withPlatform({ out: () => {}, err: () => {}, env }, async (deps) => {
      const call = <I>(input: I) => ({
        actor: SYSTEM_ACTOR,
        meta: { requestId: 't', clientIp: null },
        input,
      });
      await createRegion(deps, call({ code: '610000', name: '陕西省' }));
      await createRegion(deps, call({ code: '610100', name: '西安市', parentCode: '610000' }));
      return (
        await createDepartment(
          deps,
          call({ name: '西安市数据局', uscc: '11100000000013338W', regionCode: '610100' }),
        )
      ).id;
    });
    const created = await run(
      'app',
      'create',
      '--name',
      '审批系统',
      '--department',
      departmentId,
      '--scope',
      'orgs:read',
      '--ip',
      '10.0.0.0/8',
    );
    expect(created.code).toBe(0);
    const appKey = /AppKey: (\S+)/.exec(created.out)![1]!;
    expect(created.out).toMatch(/secret: \S{40,}/);
    const rotated = await run('app', 'rotate-secret', '--app-key', appKey, '--overlap-minutes', '60');
    expect(rotated.code).toBe(0);
    expect(rotated.out).toMatch(/previous secret valid until: \d{4}-/);
  });

  test('audit verify: exit 0 on the intact log, 1 after a direct edit of an audit row', async () => {
    const intact = await run('audit', 'verify');
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/^intact: \d+ events/);
    await withPlatform({ out: () => {}, err: () => {}, env }, (_deps, _config, database) =>
      tamperWithAudit(database, [`UPDATE audit_events SET action = 'accounts.logout' WHERE seq = 2`]),
    );
    const broken = await run('audit', 'verify', '--json');
    expect(broken.code).toBe(1);
    const report = JSON.parse(broken.out) as { intact: boolean; problems: { seq: number; kind: string }[] };
    expect(report.intact).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ seq: 2, kind: 'HASH_MISMATCH' }));
  });

  test('a configuration error lists every problem and exits 2', async () => {
    const out: string[] = [];
    const code = await runCli(['migrate'], {
      out: () => {},
      err: (l) => out.push(l),
      env: { ZHENGYIN_PORT: 'eighty', DATABASE_URL: 'mysql://x', ZHENGYIN_LOG_LEVEL: 'loud' },
    });
    expect(code).toBe(2);
    expect(out.join('\n')).toMatch(/ZHENGYIN_PORT[\s\S]*DATABASE_URL[\s\S]*ZHENGYIN_LOG_LEVEL|ZHENGYIN_PORT/);
    expect(out.join('\n')).toContain('DATABASE_URL');
    expect(out.join('\n')).toContain('ZHENGYIN_LOG_LEVEL');
  });
});
