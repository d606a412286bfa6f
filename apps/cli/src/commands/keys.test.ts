import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CoreDeps } from '@zhengyin/core';
import { SYSTEM_ACTOR, createApp, createDepartment, createRegion } from '@zhengyin/core';
import { sm2PublicKeyFromSpki, sm2Verify } from '@zhengyin/gm';
import { softwareKeyVault } from '@zhengyin/server';
import type { Io } from '../io.js';
import { withPlatform } from '../platform.js';
import { runCli } from '../program.js';

const b64 = (key: Uint8Array) => Buffer.from(key).toString('base64');
const K1 = new Uint8Array(randomBytes(32));
const K2 = new Uint8Array(randomBytes(32));
const PIN = 'cli-seal-pin';
const message = new TextEncoder().encode('signed after rotation');
const by = { actor: SYSTEM_ACTOR, meta: { requestId: 'cli-keys-test', clientIp: null } };

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'zhengyin-cli-keys-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const quiet = (env: Record<string, string>): Io => ({ out: () => {}, err: () => {}, env });

async function run(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const vaultOf = (deps: CoreDeps, masterKey: Uint8Array) =>
  softwareKeyVault({
    uow: deps.uow,
    masterKey,
    clock: deps.clock,
    ids: deps.ids,
    pinScrypt: { N: 1 << 10, r: 8, p: 1 },
  });

async function keyFile(name: string, content: string) {
  const path = join(root, name);
  await writeFile(path, content);
  return path;
}

describe('zhengyin admin rotate-master-key', () => {
  test('configured key: re-wraps and re-seals on the PGlite data dir; the stale key is then refused', async () => {
    const env = {
      ZHENGYIN_DATA_DIR: join(root, 'configured'),
      ZHENGYIN_MASTER_KEY: b64(K1),
      ZHENGYIN_LOG_LEVEL: 'silent',
    };
    await mkdir(env.ZHENGYIN_DATA_DIR); // PGlite creates only the last level of its directory
    const seeded = await withPlatform(quiet(env), async (deps) => {
      const call = <I>(input: I) => ({ ...by, input });
      await createRegion(deps, call({ code: '610000', name: '陕西省' }));
      await createRegion(deps, call({ code: '610100', name: '西安市', parentCode: '610000' }));
      const department = await createDepartment(
        deps,
        call({ name: '西安市数据局', uscc: '11100000000013338W', regionCode: '610100' }),
      );
      const { app, secret } = await createApp(
        deps,
        call({ name: '审批系统', departmentId: department.id, scopes: [], ipAllowList: [] }),
      );
      const key = await vaultOf(deps, K1).generate({ alg: 'sm2', label: 'seal', pin: PIN }, by);
      return { appId: app.id, secret, key };
    });

    const rotated = await run(
      env,
      'admin',
      'rotate-master-key',
      '--new-key-file',
      await keyFile('k2', `${b64(K2)}\n`),
    );
    expect(rotated.err).toBe('');
    expect(rotated.code).toBe(0);
    expect(rotated.out).toContain(
      're-wrapped 1 vault key(s); re-sealed 1 app secret(s) and 0 TOTP secret(s)',
    );
    expect(rotated.out).toMatch(/now configure the new key/);

    // The configuration still names K1: a second rotation from it opens nothing and is refused.
    const stale = await run(
      env,
      'admin',
      'rotate-master-key',
      '--new-key-file',
      await keyFile('k3', b64(randomBytes(32))),
    );
    expect(stale.code).toBe(1);
    expect(stale.err).toContain('KEYS_UNWRAP_FAILED');

    await withPlatform(quiet({ ...env, ZHENGYIN_MASTER_KEY: b64(K2) }), async (deps) => {
      const signature = await vaultOf(deps, K2).sign({ keyRef: seeded.key.keyRef, data: message, pin: PIN });
      expect(sm2Verify(sm2PublicKeyFromSpki(seeded.key.publicKey), message, signature)).toBe(true);
      const app = (await deps.uow.run((r) => r.apps.get(seeded.appId)))!;
      expect(new TextDecoder().decode(deps.secrets.open(app.secretSealed))).toBe(seeded.secret);
      expect(
        (await deps.uow.run((r) => r.auditReader.query({ action: 'keys.master_key_rotated', limit: 5 })))
          .length,
      ).toBe(1);
    });
  });

  test('embedded default: the master key file in the data directory is replaced', async () => {
    const dataDir = join(root, 'embedded');
    const env = { ZHENGYIN_DATA_DIR: dataDir, ZHENGYIN_LOG_LEVEL: 'silent' };
    const keyRef = await withPlatform(quiet(env), async (deps) => {
      const generated = new Uint8Array(
        Buffer.from(await readFile(join(dataDir, 'master.key'), 'utf8'), 'base64'),
      );
      return (await vaultOf(deps, generated).generate({ alg: 'ecdsa-p256', label: 'dev CA' }, by)).keyRef;
    });
    const result = await run(
      env,
      'admin',
      'rotate-master-key',
      '--new-key-file',
      await keyFile('embedded.key', b64(K2)),
    );
    expect(result.code).toBe(0);
    expect(result.out).toContain(`${join(dataDir, 'master.key')} now holds the new key`);
    expect((await readFile(join(dataDir, 'master.key'), 'utf8')).trim()).toBe(b64(K2));
    expect((await stat(join(dataDir, 'master.key'))).mode & 0o777).toBe(0o600);
    await withPlatform(quiet(env), async (deps) => {
      const vault = vaultOf(deps, K2);
      expect((await vault.sign({ keyRef, data: message })).length).toBeGreaterThan(64);
      expect(await vault.describe(keyRef)).toMatchObject({ alg: 'ecdsa-p256', destroyedAt: null });
    });
  });

  test('unreadable, malformed or unchanged new keys exit 2 before touching the database', async () => {
    const env = {
      ZHENGYIN_DATA_DIR: join(root, 'refusals'),
      ZHENGYIN_MASTER_KEY: b64(K1),
      ZHENGYIN_LOG_LEVEL: 'silent',
    };
    const missing = await run(env, 'admin', 'rotate-master-key', '--new-key-file', join(root, 'absent.key'));
    expect(missing).toMatchObject({ code: 2, err: expect.stringMatching(/^cannot read/) });
    const short = await run(
      env,
      'admin',
      'rotate-master-key',
      '--new-key-file',
      await keyFile('short', b64(randomBytes(16))),
    );
    expect(short).toMatchObject({ code: 2, err: expect.stringContaining('32-byte key in base64') });
    const same = await run(
      env,
      'admin',
      'rotate-master-key',
      '--new-key-file',
      await keyFile('same', b64(K1)),
    );
    expect(same).toMatchObject({ code: 2, err: 'the new key is the current master key' });
    expect((await run(env, 'admin', 'rotate-master-key')).code).toBe(2);
    await expect(stat(join(root, 'refusals'))).rejects.toThrow(/ENOENT/);
  });
});
