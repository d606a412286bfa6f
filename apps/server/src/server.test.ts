import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadConfig } from './config/load.js';
import { startServer } from './server.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('startServer (what npm start runs)', () => {
  test('first start on the embedded database: admin with a one-time password, real HTTP, graceful stop', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'zy-serve-'));
    dirs.push(dataDir);
    const printed: string[] = [];
    const config = loadConfig({
      ZHENGYIN_DATA_DIR: dataDir,
      ZHENGYIN_PORT: '0',
      ZHENGYIN_LOG_LEVEL: 'silent',
    });
    const server = await startServer(config, (line) => printed.push(line));
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const password = /one-time password[^:]*: (\S+)/.exec(printed.join('\n'))?.[1];
      expect(password).toHaveLength(16);
      expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({
        status: 'ok',
        database: 'pglite',
      });
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!;
      expect(cookie).toMatch(/zy_session=.+; .*HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect(cookie).toMatch(/Secure/);
      expect(((await stat(join(dataDir, 'master.key'))).mode & 0o777).toString(8)).toBe('600');
      expect(await readdir(join(dataDir, 'pglite'))).toContain('PG_VERSION');
      expect(printed.join('\n')).toContain('development-only CAs created');
      // Two self-signed roots, SM2 and ECDSA, each accepted by openssl (SM2 with the distinguishing ID).
      const blocks = (await readFile(join(dataDir, 'dev-ca.pem'), 'utf8')).match(
        /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g,
      )!;
      expect(blocks).toHaveLength(2);
      for (const [i, block] of blocks.entries()) {
        const file = join(dataDir, `root-${i}.pem`);
        await writeFile(file, block);
        const text = execFileSync('openssl', ['x509', '-in', file, '-noout', '-text', '-nameopt', 'utf8'], {
          encoding: 'utf8',
        });
        expect(text).toContain('仅供开发测试');
        expect(text).toContain('DEVELOPMENT ONLY');
        expect(text).toMatch(/CA:TRUE/);
        const sm2 = text.includes('SM2-with-SM3');
        expect(sm2 || text.includes('ecdsa-with-SHA256')).toBe(true);
        const verified = execFileSync(
          'openssl',
          ['verify', ...(sm2 ? ['-vfyopt', 'distid:1234567812345678'] : []), '-CAfile', file, file],
          { encoding: 'utf8' },
        );
        expect(verified.trim()).toBe(`${file}: OK`);
      }
    } finally {
      await server.stop();
    }
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

    // A second start reuses the data directory: no new administrator, no new password printed.
    const again: string[] = [];
    const restarted = await startServer(config, (line) => again.push(line));
    await restarted.stop();
    expect(again.join('\n')).not.toContain('one-time password');
    expect(again.join('\n')).not.toContain('CA created');
  });

  test('PostgreSQL without a master key is a configuration error', async () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      ZHENGYIN_LOG_LEVEL: 'silent',
    });
    await expect(startServer(config, () => {})).rejects.toThrow(/ZHENGYIN_MASTER_KEY/);
    const keyed = loadConfig({ ZHENGYIN_MASTER_KEY: randomBytes(32).toString('base64') });
    expect(keyed.ZHENGYIN_MASTER_KEY).toHaveLength(44);
  });
});
