import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { License, LicenseEvent } from '@zhengyin/core';
import { readLicenseMetadata, verifyOfd, verifyPdf } from '@zhengyin/documents';
import { decodePemBlocks, parseEcertIdentifier } from '@zhengyin/gm';
import { createTestDatabase } from '@zhengyin/server/testing';
import type { TestDatabase } from '@zhengyin/server/testing';
import type { Io } from '../io.js';
import { withPlatform } from '../platform.js';
import { runCli } from '../program.js';
import { demoUscc } from './demo-codes.js';
import type { DemoLicenseEntry } from './demo-licenses.js';
import { DEMO_PIN } from './demo.js';

let dir: string;
let out: string;
let env: Record<string, string>;
let pg: TestDatabase | undefined;
let anchors: Uint8Array[];
let demo: DemoLicenseEntry[];
let pinFile: string;

type Json = Record<string, unknown>;
type Shown = { license: License; versions: License[]; events: LicenseEvent[]; file?: string };

async function cli(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: Io = { out: (l) => stdout.push(l), err: (l) => stderr.push(l), env };
  const code = await runCli(argv, io);
  return { code, out: stdout.join('\n'), err: stderr.join('\n') };
}

const quiet: Io = { out: () => {}, err: () => {}, env: {} };
/** Licence rows in the database (every version). */
const licenceCount = () =>
  withPlatform({ ...quiet, env }, (deps) =>
    deps.uow.run(
      async (r) =>
        (await r.licenses.search({ page: 1, pageSize: 1, includeSuperseded: true, prefixes: null })).total,
    ),
  );

async function dataFile(name: string, content: unknown) {
  const file = join(dir, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const foodItem = (name: string, code: string, licenseNumber: string) => ({
  holder: { name, code },
  licenseNumber,
  data: {
    FDDBR: '沈一鸣',
    ZS: '浙江省杭州市拱墅区大关路1号',
    JYCS: '浙江省杭州市拱墅区大关路1号一层',
    ZTYT: '餐饮服务经营者',
    JYXM: '热食类食品制售',
    RCJDGLJG: '拱墅区市场监督管理局大关市场监督管理所',
    RCJDGLRY: '陆明',
    TSJBDH: '12315',
  },
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zhengyin-license-'));
  out = join(dir, 'out');
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
  const seeded = await cli('demo', 'seed', '--out', out);
  if (seeded.code !== 0) throw new Error(`demo seed failed: ${seeded.out}${seeded.err}`);
  anchors = decodePemBlocks(await readFile(join(out, 'ca.pem'), 'utf8')).map((b) => b.der);
  demo = JSON.parse(await readFile(join(out, 'licenses', 'index.json'), 'utf8')) as DemoLicenseEntry[];
  pinFile = await dataFile('pin.txt', `${DEMO_PIN}\n`);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  if (pg) await pg.close().catch(() => undefined);
});

const foodType = () => demo.find((l) => l.type === '食品经营许可证')!.typeCode;

describe('zhengyin demo seed twice', () => {
  test('the second run succeeds, reuses types and seals and issues nothing new', async () => {
    const before = await licenceCount();
    expect(before).toBe(demo.length);
    const indexBefore = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as Json;
    const again = await cli('demo', 'seed', '--out', out);
    expect(again.code).toBe(0);
    expect(await licenceCount()).toBe(before);
    expect(JSON.parse(await readFile(join(out, 'licenses', 'index.json'), 'utf8'))).toEqual(demo);
    const indexAfter = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as Json;
    expect(indexAfter.seals).toEqual(indexBefore.seals);
    expect(indexAfter.licenseTypes).toEqual(indexBefore.licenseTypes);
  }, 60_000);
});

describe('zhengyin license show', () => {
  test('the file’s embedded metadata and data equal the database record that show --json prints', async () => {
    const samples = [...new Map(demo.map((l) => [l.typeCode, l])).values()];
    const rare = demo.find((l) => /[\u{20000}-\u{2FFFF}]/u.test(l.holder))!;
    for (const entry of [...samples, rare]) {
      const file = join(dir, 'shown.pdf');
      const shown = await cli('license', 'show', entry.identifier, '--json', '--out', file);
      expect(shown.code).toBe(0);
      const { license: l, versions, events } = JSON.parse(shown.out) as Shown;
      expect(l).toMatchObject({
        identifier: entry.identifier,
        licenseNumber: entry.licenseNumber,
        status: 'valid',
      });
      const pdf = new Uint8Array(await readFile(file));
      expect(Buffer.compare(pdf, await readFile(join(out, entry.file)))).toBe(0);
      const attachment = readLicenseMetadata(pdf).attachment?.json as Json;
      expect(attachment.metadata).toEqual({
        certificateName: l.typeName,
        certificateTypeName: l.typeName,
        certificateTypeCode: l.typeCode,
        certificateNumber: l.licenseNumber,
        certificateIdentifier: l.identifier,
        certificateIssuingAuthorityName: l.issuerName,
        certificateIssuingAuthorityCode: l.issuerCode,
        certificateIssuedDate: l.issueDate,
        certificateHolderName: l.holder.name,
        certificateHolderCode: l.holder.code,
        certificateHolderTypeName: l.holder.codeType === '111' ? '公民身份号码' : '统一社会信用代码',
        certificateHolderTypeCode: l.holder.codeType,
        certificateEffectiveDate: l.validFrom,
        certificateExpiringDate: l.longTerm ? '长期' : l.validTo,
        certificateAreaCode: l.regionCode,
      });
      expect(attachment.data).toEqual(l.data);
      expect(attachment.version).toBe(l.version);
      expect(attachment.typeVersionId).toBe(l.typeVersionId);
      expect(versions.map((v) => v.id)).toEqual([l.id]);
      expect(events.map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([['issue', 'made', 'valid']]);
    }
    const byId = await cli(
      'license',
      'show',
      (JSON.parse((await cli('license', 'show', rare.identifier, '--json')).out) as Shown).license.id,
    );
    expect(byId.code).toBe(0);
    expect(byId.out).toContain(rare.holder);
    expect(byId.out).toContain(rare.identifier);
  });

  test('an unknown licence: exit 1 with LICENSE_NOT_FOUND', async () => {
    const missing = await cli('license', 'show', '1.2.156.3005.2.nothing');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('LICENSE_NOT_FOUND');
    expect((await cli('license', 'show', 'not-an-id')).err).toContain('LICENSE_NOT_FOUND');
  });
});

describe('zhengyin license issue', () => {
  test('a good item: exit 0, a valid signed file; the same key again issues nothing new', async () => {
    const data = await dataFile(
      'good.json',
      foodItem('杭州大关示例面馆有限公司', demoUscc('91', '330105', 'MA2H0101'), 'JY23301050009901'),
    );
    const file = join(dir, 'good.pdf');
    const args = [
      'license',
      'issue',
      '--type',
      foodType(),
      '--data',
      data,
      '--pin-file',
      pinFile,
      '--key',
      'cli-good-1',
    ];
    const before = await licenceCount();
    const issued = await cli(...args, '--out', file, '--json');
    expect(issued.code).toBe(0);
    const result = JSON.parse(issued.out) as {
      issued: number;
      failed: number;
      results: (Json & { license: License })[];
    };
    expect(result).toMatchObject({ issued: 1, failed: 0 });
    const license = result.results[0]!.license;
    expect(result.results[0]).toMatchObject({ ok: true, replayed: false, file });
    expect(parseEcertIdentifier(license.identifier, { strict: true }).valid).toBe(true);
    const report = await verifyPdf(new Uint8Array(await readFile(file)), { trustAnchors: anchors });
    expect(report.verdict).toBe('VALID');
    expect(license).toMatchObject({
      typeCode: foodType(),
      licenseNumber: 'JY23301050009901',
      algorithm: 'sm2',
    });

    const again = await cli(...args);
    expect(again.code).toBe(0);
    expect(again.out).toContain(`${license.identifier}`);
    expect(again.out).toContain('already issued');
    expect(await licenceCount()).toBe(before + 1);
  });

  test('a batch with an invalid USCC: exit 1, the field named, the good item issued', async () => {
    const good = foodItem('杭州示例茶饮有限公司', demoUscc('91', '330105', 'MA2H0102'), 'JY23301050009902');
    const valid = demoUscc('91', '330105', 'MA2H0109');
    const wrongCheck = `${valid.slice(0, -1)}${valid.endsWith('0') ? '1' : '0'}`;
    const bad = foodItem('杭州错误代码有限公司', wrongCheck, 'JY23301050009903');
    const data = await dataFile('batch.json', [good, bad]);
    const before = await licenceCount();
    const dept = (
      JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as { department: { uscc: string } }
    ).department.uscc;
    const r = await cli(
      'license',
      'issue',
      '--type',
      foodType(),
      '--data',
      data,
      '--department',
      dept,
      '--pin-file',
      pinFile,
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/\[0\] ok 1\.2\.156\./);
    expect(r.out).toContain('[1] failed LICENSE_DATA_INVALID');
    expect(r.out).toContain('holder.code');
    expect(r.out).toContain('issued 1, failed 1');
    expect(await licenceCount()).toBe(before + 1);
  });

  test('refused requests issue nothing: unknown type, wrong PIN (exit 2); unreadable data (exit 2)', async () => {
    const before = await licenceCount();
    const data = await dataFile(
      'one.json',
      foodItem('杭州示例某公司', demoUscc('91', '330105', 'MA2H0103'), 'JY23301050009904'),
    );
    const unknown = await cli(
      'license',
      'issue',
      '--type',
      `${foodType().slice(0, 18)}999`,
      '--data',
      data,
      '--json',
    );
    expect(unknown.code).toBe(2);
    expect((JSON.parse(unknown.out) as { error: { code: string } }).error.code).toBe(
      'CATALOG_TYPE_NOT_FOUND',
    );
    const plain = await cli('license', 'issue', '--type', `${foodType().slice(0, 18)}999`, '--data', data);
    expect(plain.code).toBe(2);
    expect(plain.err).toContain('CATALOG_TYPE_NOT_FOUND');

    const wrongPin = await cli('license', 'issue', '--type', foodType(), '--data', data);
    expect(wrongPin.code).toBe(2);
    expect(wrongPin.err).toContain('KEYS_PIN_REQUIRED');
    env.ZHENGYIN_SEAL_PIN = '00000000';
    try {
      const bad = await cli('license', 'issue', '--type', foodType(), '--data', data);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('KEYS_PIN_INVALID');
    } finally {
      delete env.ZHENGYIN_SEAL_PIN;
    }

    const broken = await cli(
      'license',
      'issue',
      '--type',
      foodType(),
      '--data',
      await dataFile('broken.json', '{"holder":'),
    );
    expect(broken.code).toBe(2);
    const empty = await cli(
      'license',
      'issue',
      '--type',
      foodType(),
      '--data',
      await dataFile('empty.json', []),
    );
    expect(empty.code).toBe(2);
    expect(await licenceCount()).toBe(before);
  });
});

describe('zhengyin license issue --format', () => {
  test('both: a PDF at --out and the OFD beside it, each valid; show --format ofd writes the same OFD', async () => {
    const data = await dataFile(
      'both.json',
      foodItem('杭州示例双格式有限公司', demoUscc('91', '330105', 'MA2H0105'), 'JY23301050009905'),
    );
    const file = join(dir, 'both.pdf');
    const issued = await cli(
      'license',
      'issue',
      '--type',
      foodType(),
      '--data',
      data,
      '--pin-file',
      pinFile,
      '--format',
      'both',
      '--out',
      file,
      '--json',
    );
    expect(issued.code).toBe(0);
    const [result] = (JSON.parse(issued.out) as { results: (Json & { license: License; files: string[] })[] })
      .results;
    const ofdFile = join(dir, 'both.ofd');
    expect(result).toMatchObject({ ok: true, file, files: [file, ofdFile] });
    const license = result!.license;
    expect(license.ofdSha256).toMatch(/^[0-9a-f]{64}$/);
    const pdf = new Uint8Array(await readFile(file));
    expect((await verifyPdf(pdf, { trustAnchors: anchors })).verdict).toBe('VALID');
    const ofd = new Uint8Array(await readFile(ofdFile));
    expect(createHash('sha256').update(ofd).digest('hex')).toBe(license.ofdSha256);
    expect((await verifyOfd(ofd, { trustAnchors: anchors })).verdict).toBe('VALID');

    const shownFile = join(dir, 'shown.ofd');
    const shown = await cli('license', 'show', license.identifier, '--out', shownFile, '--format', 'ofd');
    expect(shown.code).toBe(0);
    expect(Buffer.compare(await readFile(shownFile), ofd)).toBe(0);
    expect(shown.out).toContain(`OFD sha256 ${license.ofdSha256}`);
  });

  test('an unknown format is a usage error and issues nothing', async () => {
    const before = await licenceCount();
    const data = await dataFile(
      'fmt.json',
      foodItem('杭州示例格式有限公司', demoUscc('91', '330105', 'MA2H0106'), 'JY23301050009906'),
    );
    const r = await cli('license', 'issue', '--type', foodType(), '--data', data, '--format', 'docx');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/docx/);
    expect(await licenceCount()).toBe(before);
  });
});
