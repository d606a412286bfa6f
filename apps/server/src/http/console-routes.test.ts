import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestPlatform } from '../testing/index.js';
import { createTestPlatform } from '../testing/index.js';

const built = mkdtempSync(join(tmpdir(), 'zy-console-'));
mkdirSync(join(built, 'assets'));
writeFileSync(join(built, 'index.html'), '<!doctype html><div id="root"></div><!-- built console -->');
writeFileSync(join(built, 'assets', 'index-abc123.js'), 'console.log(1)');
writeFileSync(join(built, 'assets', 'notes.txt'), 'not an asset type');

let p: TestPlatform;
let bare: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform({ ZHENGYIN_CONSOLE_DIR: built });
  bare = await createTestPlatform({ ZHENGYIN_CONSOLE_DIR: join(built, 'missing') });
});
afterAll(async () => {
  await p.close();
  await bare.close();
});

const get = (platform: TestPlatform, path: string, headers: Record<string, string> = {}) =>
  platform.fetchFrom()(`http://zhengyin.test${path}`, { headers });

describe('console serving', () => {
  test('client-side routes answer index.html; the API and server pages keep their own answers', async () => {
    for (const path of ['/', '/console', '/console/licenses/abc', '/holder', '/verify']) {
      const res = await get(p, path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('built console');
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    const api = await get(p, '/api/v1/unknown');
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('REQUEST_NOT_FOUND');
    expect((await get(p, '/openapi.json')).headers.get('content-type')).toContain('application/json');
  });

  test('hashed assets are cached for a year; traversal and unknown types are 404', async () => {
    const js = await get(p, '/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await get(p, '/assets/notes.txt')).status).toBe(404);
    expect((await get(p, '/assets/missing.js')).status).toBe(404);
    expect((await get(p, '/assets/..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await get(p, '/assets/../index.html')).status).not.toBe(500);
  });

  test('without a build the page says how to build it, in Chinese and English', async () => {
    const text = await (await get(bare, '/console')).text();
    expect(text).toContain('npm run build');
    expect(text).toContain('控制台尚未构建');
  });
});
