import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from './load.js';
import { configSchema } from './schema.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
};

describe('configuration', () => {
  test('defaults run the embedded platform on 127.0.0.1:8080 with ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      ZHENGYIN_HOST: '127.0.0.1',
      ZHENGYIN_PORT: 8080,
      ZHENGYIN_DATA_DIR: './data',
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  test('every problem is reported at once', () => {
    const problems = problemsOf({
      ZHENGYIN_PORT: '99999',
      DATABASE_URL: 'mysql://x',
      ZHENGYIN_COOKIE_SECURE: 'maybe',
    });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/ZHENGYIN_PORT[\s\S]*/);
    expect(problems.some((p) => p.startsWith('DATABASE_URL'))).toBe(true);
    expect(problems.some((p) => p.startsWith('ZHENGYIN_COOKIE_SECURE'))).toBe(true);
  });

  test('config file, environment precedence and *_FILE secrets', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zy-config-'));
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({ ZHENGYIN_PORT: 9000, ZHENGYIN_HOST: '0.0.0.0' }),
    );
    await writeFile(join(dir, 'key'), `${Buffer.alloc(32, 7).toString('base64')}\n`);
    const config = loadConfig({
      ZHENGYIN_CONFIG_FILE: join(dir, 'config.json'),
      ZHENGYIN_HOST: '127.0.0.2',
      ZHENGYIN_MASTER_KEY_FILE: join(dir, 'key'),
    });
    expect(config).toMatchObject({ ZHENGYIN_PORT: 9000, ZHENGYIN_HOST: '127.0.0.2' });
    expect(config.ZHENGYIN_MASTER_KEY).toBe(Buffer.alloc(32, 7).toString('base64'));
    expect(problemsOf({ ZHENGYIN_MASTER_KEY_FILE: join(dir, 'missing') })[0]).toMatch(
      /^ZHENGYIN_MASTER_KEY_FILE/,
    );
    expect(problemsOf({ ZHENGYIN_CONFIG_FILE: join(dir, 'key') })[0]).toMatch(/^ZHENGYIN_CONFIG_FILE/);
    await writeFile(join(dir, 'unknown.json'), JSON.stringify({ ZHENGYIN_PROT: 1 }));
    expect(problemsOf({ ZHENGYIN_CONFIG_FILE: join(dir, 'unknown.json') }).join()).toContain('ZHENGYIN_PROT');
  });

  test('.env.example documents exactly the schema keys', async () => {
    const text = await readFile(new URL('../../../../.env.example', import.meta.url), 'utf8');
    const keys = [...text.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(keys.sort()).toEqual(Object.keys(configSchema.shape).sort());
  });
});
