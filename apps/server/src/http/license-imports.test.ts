import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readTable, writeXlsx } from '@zhengyin/documents';
import type { Client } from '@zhengyin/sdk';
import type { TestPlatform } from '../testing/index.js';
import {
  BUSINESS_TYPE_CODE,
  SEAL_PIN,
  createTestPlatform,
  publishedTypeWithSeal,
  rejected,
} from '../testing/index.js';

let p: TestPlatform;
let orgs: Awaited<ReturnType<TestPlatform['seedOrgs']>>;
let issuer: Client;

beforeAll(async () => {
  p = await createTestPlatform();
  orgs = await p.seedOrgs();
  ({ issuer } = await publishedTypeWithSeal(p, orgs.deptA, orgs.provinceCode));
}, 60_000);
afterAll(() => p.close());

const HEADERS = ['企业名称', '统一社会信用代码', '证照编号', '法定代表人', '成立日期', '注册资本'];
const mapping = {
  $holderName: '企业名称',
  $holderCode: '统一社会信用代码',
  $licenseNumber: '证照编号',
  FDDBR: '法定代表人',
  CLRQ: '成立日期',
  ZCZB: '注册资本',
};
const ROWS = [
  ['存量一号有限公司', '91350100M000100Y43', 'CL-0001', '赵一', '2015/3/1', '100'],
  ['存量二号有限公司', '91350200776049653A', 'CL-0002', '钱二', '2016年4月2日', '200'],
  ['存量三号有限公司', '91350200776049653B', 'CL-0003', '孙三', '2017-05-03', '300'],
  ['存量四号有限公司', '913502000728319549', 'CL-0002', '李四', '2018-06-04', '400'],
  ['存量五号有限公司', '91320115MA202UKD7X', 'CL-0005', '=HYPERLINK("http://x")', '2019-07-05', '500'],
  ['存量六号有限公司', '91350100M000100Y43', 'CL-0006', '周六', '2019-02-30', '600'],
];

const upload = (bytes: Uint8Array, fileName = 'existing.xlsx', map: Record<string, string> = mapping) =>
  issuer.createLicenseImport({
    body: {
      departmentId: orgs.deptA,
      typeCode: BUSINESS_TYPE_CODE,
      fileName,
      fileBase64: Buffer.from(bytes).toString('base64'),
      mapping: map,
    },
  });

async function finished(id: string) {
  for (let i = 0; i < 200; i++) {
    const job = await issuer.getLicenseImport({ params: { id } });
    if (job.status === 'finished') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('import did not finish');
}

describe('bulk conversion of existing licences (存量证照导入)', () => {
  test('validation report → rejection report → issuance with progress; re-uploading returns the same job', async () => {
    const file = writeXlsx(HEADERS, ROWS);
    const job = await upload(file);
    expect(job).toMatchObject({ status: 'validated', total: 6, valid: 2, rejectedCount: 4, issued: 0 });
    const reasons = Object.fromEntries(job.rejected.map((r) => [r.line, r.reasons.join(' ')]));
    expect(reasons[4]).toContain('holder.code');
    expect(reasons[5]).toMatch(/重复|duplicate/);
    expect(reasons[6]).toMatch(/公式|FORMULA|formula/i);
    expect(reasons[7]).toContain('成立日期');
    expect((await issuer.searchLicenses({ query: { licenseNumber: 'CL-0001' } })).total).toBe(0);

    const report = await issuer.licenseImportReport({ params: { id: job.id }, query: { format: 'csv' } });
    const csv = Buffer.from(report.base64, 'base64').toString('utf8');
    expect(csv).toContain(`'=HYPERLINK`);
    const table = await readTable(new Uint8Array(Buffer.from(report.base64, 'base64')));
    expect(table.rows).toHaveLength(4);

    expect((await upload(file)).id).toBe(job.id);

    const running = await issuer.runLicenseImport({ params: { id: job.id }, body: { sealPin: SEAL_PIN } });
    expect(running.status).toBe('running');
    const done = await finished(job.id);
    expect(done).toMatchObject({ issued: 2, failed: 0, done: 2, interrupted: false });
    const issued = await issuer.searchLicenses({ query: { licenseNumber: 'CL-0002' } });
    expect(issued.items.map((l) => l.holder.name)).toEqual(['存量二号有限公司']);
    expect(issued.items[0]?.data).toMatchObject({ CLRQ: '2016-04-02', ZCZB: 200 });

    // Running a finished job again issues nothing.
    await issuer.runLicenseImport({ params: { id: job.id }, body: { sealPin: SEAL_PIN } });
    expect(
      (
        await issuer.searchLicenses({
          query: { holderCode: '91350100M000100Y43', typeCode: BUSINESS_TYPE_CODE },
        })
      ).items.filter((l) => l.licenseNumber === 'CL-0001'),
    ).toHaveLength(1);

    // A second file naming an already issued number is rejected against the registry.
    const again = await upload(writeXlsx(HEADERS, [ROWS[0] as string[]]), 'again.xlsx');
    expect(again).toMatchObject({ valid: 0, rejectedCount: 1 });
    expect(again.rejected[0]?.reasons.join(' ')).toContain('CL-0001');
  });

  test('a wrong PIN stops the run and leaves the job resumable at once', async () => {
    const job = await upload(
      writeXlsx(HEADERS, [['存量八号有限公司', '91350200776049653A', 'CL-0008', '吴八', '2020-01-01', '1']]),
      'pin.xlsx',
    );
    expect(job.valid).toBe(1);
    await issuer.runLicenseImport({ params: { id: job.id }, body: { sealPin: '999999' } });
    for (let i = 0; i < 50; i++) {
      const j = await issuer.getLicenseImport({ params: { id: job.id } });
      if (j.interrupted) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await issuer.getLicenseImport({ params: { id: job.id } })).interrupted).toBe(true);
    await issuer.runLicenseImport({ params: { id: job.id }, body: { sealPin: SEAL_PIN } });
    expect(await finished(job.id)).toMatchObject({ issued: 1, failed: 0 });
  });

  test('malformed files and mappings are refused with a clear code and create no job', async () => {
    const garbage = await rejected(
      upload(new TextEncoder().encode('\u0000\u0001 not a spreadsheet'), 'x.xlsx'),
    );
    expect(garbage.code).toBe('IMPORT_FILE_INVALID');
    const badMap = await rejected(
      upload(writeXlsx(HEADERS, ROWS), 'y.xlsx', { ...mapping, FDDBR: '不存在的列' }),
    );
    expect(badMap.code).toBe('MAPPING_INVALID');
    const other = (await p.userWithRole('issuer', { departmentId: orgs.deptB })).client;
    const forbidden = await rejected(
      other.createLicenseImport({
        body: {
          departmentId: orgs.deptB,
          typeCode: BUSINESS_TYPE_CODE,
          fileName: 'z.csv',
          fileBase64: 'YSxi',
          mapping,
        },
      }),
    );
    expect(forbidden.code).toBe('LICENSE_ISSUER_NOT_ALLOWED');
  });
});
