import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeXlsx } from '@zhengyin/documents';
import { createTestDatabase } from '@zhengyin/server/testing';
import type { TestDatabase } from '@zhengyin/server/testing';
import type { Io } from '../io.js';
import { withPlatform } from '../platform.js';
import { runCli } from '../program.js';
import { demoUscc } from './demo-codes.js';
import type { DemoLicenseEntry } from './demo-licenses.js';
import { DEMO_PIN } from './demo.js';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'main.ts');
const ROWS = 240;

let dir: string;
let env: Record<string, string>;
let pg: TestDatabase | undefined;
let typeCode: string;

const quiet: Io = { out: () => {}, err: () => {}, env: {} };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zhengyin-import-'));
  env = {
    ZHENGYIN_DATA_DIR: join(dir, 'data'),
    ZHENGYIN_MASTER_KEY: randomBytes(32).toString('base64'),
    ZHENGYIN_LOG_LEVEL: 'silent',
  };
  if (process.env.TEST_DATABASE_URL) {
    pg = await createTestDatabase('postgres');
    await pg.database.close();
    env.DATABASE_URL = pg.url!;
  }
  const out = join(dir, 'out');
  const code = await runCli(['demo', 'seed', '--out', out], { ...quiet, env });
  if (code !== 0) throw new Error('demo seed failed');
  const demo = JSON.parse(await readFile(join(out, 'licenses', 'index.json'), 'utf8')) as DemoLicenseEntry[];
  typeCode = demo.find((l) => l.type === '营业执照')!.typeCode;
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  if (pg) await pg.close().catch(() => undefined);
});

/** Runs the CLI in a child process (so it can be killed); resolves with its exit code and output. */
function child(args: string[], onLine?: (line: string, kill: () => void) => void) {
  const proc = spawn(process.execPath, ['--conditions=zhengyin-source', '--import', 'tsx', MAIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffered = '';
  proc.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      onLine?.(line, () => proc.kill('SIGKILL'));
    }
  });
  let stderr = '';
  proc.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return new Promise<{ code: number | null; signal: string | null; lines: string[]; stderr: string }>(
    (resolve) => proc.on('close', (code, signal) => resolve({ code, signal, lines, stderr })),
  );
}

describe('zhengyin license import', () => {
  test('killed in the middle of the issuance, the same command run again completes it: none missing, none twice', async () => {
    const headers = [
      '企业名称',
      '统一社会信用代码',
      '证照编号',
      '类型',
      '法定代表人',
      '注册资本',
      '成立日期',
      '住所',
      '经营范围',
    ];
    const rows = Array.from({ length: ROWS }, (_, i) => [
      `存量迁移测试第${i + 1}号有限公司`,
      demoUscc('91', '330105', String(70000000 + i)),
      `ZJ-CL-${String(i + 1).padStart(5, '0')}`,
      '有限责任公司（自然人独资）',
      '钱一',
      '壹拾万元整',
      '2019/6/1',
      '浙江省杭州市拱墅区示例路1号',
      '一般项目：技术服务。',
    ]);
    rows.push([
      '公式注入有限公司',
      demoUscc('91', '330105', '79999999'),
      'ZJ-CL-X',
      '个人独资企业',
      '=1+1',
      '1',
      '2019-01-01',
      '某地',
      '某项',
    ]);
    const file = join(dir, 'existing.xlsx');
    await writeFile(file, writeXlsx(headers, rows));
    const mapping = join(dir, 'mapping.json');
    await writeFile(
      mapping,
      JSON.stringify({
        columns: {
          $holderName: '企业名称',
          $holderCode: '统一社会信用代码',
          $licenseNumber: '证照编号',
          LX: '类型',
          FDDBR: '法定代表人',
          ZCZB: '注册资本',
          CLRQ: '成立日期',
          ZS: '住所',
          JYFW: '经营范围',
        },
      }),
    );
    const pinFile = join(dir, 'pin.txt');
    await writeFile(pinFile, DEMO_PIN);
    const args = [
      'license',
      'import',
      file,
      '--type',
      typeCode,
      '--mapping',
      mapping,
      '--pin-file',
      pinFile,
      '--json',
    ];

    let progressLines = 0;
    const first = await child(args, (line, kill) => {
      if (line.includes('"progress"') && ++progressLines === 1) setTimeout(kill, 400);
    });
    expect(first.signal).toBe('SIGKILL');
    const validation = JSON.parse(first.lines[0] as string) as {
      validation: { valid: number; rejected: number };
    };
    expect(validation.validation).toMatchObject({ valid: ROWS, rejected: 1 });

    const count = () =>
      withPlatform({ ...quiet, env }, (deps) =>
        deps.uow.run(async (r) => {
          const page = await r.licenses.search({ typeCode, page: 1, pageSize: 100, prefixes: null });
          const all = [];
          for (let p = 1; p <= Math.ceil(page.total / 100); p++)
            all.push(
              ...(await r.licenses.search({ typeCode, page: p, pageSize: 100, prefixes: null })).items,
            );
          return all.filter((l) => l.licenseNumber.startsWith('ZJ-CL-'));
        }),
      );
    const partial = (await count()).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(ROWS);

    const second = await child([...args, '--takeover']);
    expect(second.code, second.stderr).toBe(0);
    const result = JSON.parse(second.lines.at(-1) as string) as {
      result: { status: string; issued: number; failed: number };
    };
    expect(result.result).toMatchObject({ status: 'finished', issued: ROWS, failed: 0 });
    const issued = await count();
    expect(issued).toHaveLength(ROWS);
    expect(new Set(issued.map((l) => l.licenseNumber)).size).toBe(ROWS);
    expect(issued.some((l) => l.licenseNumber === 'ZJ-CL-X')).toBe(false);
  }, 240_000);
});
