import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeXlsx } from '@zhengyin/documents';
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

const base64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

describe('what the console needs of licences', () => {
  test('search by the beginning of the holder name, wildcards taken literally, within the scope', async () => {
    const items = [
      { holder: { name: '名称检索甲有限公司', code: '91350100M000100Y43' } },
      { holder: { name: '名称检索乙有限公司', code: '91350200776049653A' } },
      { holder: { name: '另一家%_公司', code: '913502000728319549' } },
    ].map((i) => ({ ...i, data: { FDDBR: '李四', CLRQ: '2021-03-15' } }));
    const out = await issuer.issueLicenses({
      body: { typeCode: BUSINESS_TYPE_CODE, departmentId: orgs.deptA, sealPin: SEAL_PIN, items },
    });
    expect(out.issued).toBe(3);

    const names = async (holderName: string) =>
      (await issuer.searchLicenses({ query: { holderName } })).items.map((l) => l.holder.name).sort();
    expect(await names('名称检索')).toEqual(['名称检索乙有限公司', '名称检索甲有限公司']);
    expect(await names('名称检索甲')).toEqual(['名称检索甲有限公司']);
    expect(await names('有限公司')).toEqual([]);
    expect(await names('另一家%_')).toEqual(['另一家%_公司']);
    expect(await names('%')).toEqual([]);
    expect(await names('_')).toEqual([]);

    const outsider = (await p.userWithRole('auditor', { regionCode: orgs.otherCityCode })).client;
    expect((await outsider.searchLicenses({ query: { holderName: '名称检索' } })).total).toBe(0);
  });

  test('import columns: headers and first rows of a CSV or XLSX, read like the import; nothing stored', async () => {
    const headers = ['企业名称', '统一社会信用代码', '法定代表人'];
    const rows = Array.from({ length: 7 }, (_, i) => [`企业${i + 1}`, `CODE${i + 1}`, `代表${i + 1}`]);
    const xlsx = await issuer.licenseImportColumns({
      body: { departmentId: orgs.deptA, fileBase64: base64(writeXlsx(headers, rows)) },
    });
    expect(xlsx.headers).toEqual(headers);
    expect(xlsx.rowCount).toBe(7);
    expect(xlsx.sample).toHaveLength(5);
    expect(xlsx.sample[0]).toEqual(['企业1', 'CODE1', '代表1']);

    const csv = await issuer.licenseImportColumns({
      body: { departmentId: orgs.deptA, fileBase64: base64('\uFEFF名称,代码\n\n甲,=1+1\n乙,B\n') },
    });
    expect(csv).toEqual({
      headers: ['名称', '代码'],
      rowCount: 2,
      sample: [
        ['甲', '=1+1'],
        ['乙', 'B'],
      ],
    });

    const auditor = (await p.userWithRole('auditor', { regionCode: orgs.provinceCode })).client;
    const created = await auditor.listAuditEvents({ query: { action: 'licenses.import.created' } });
    expect(created.items).toEqual([]);
  });

  test('import columns: a file that is no spreadsheet is refused with its reason; other departments are forbidden', async () => {
    const pdf = await rejected(
      issuer.licenseImportColumns({ body: { departmentId: orgs.deptA, fileBase64: base64('%PDF-1.7 x') } }),
    );
    expect(pdf.code).toBe('IMPORT_FILE_INVALID');
    expect(pdf.status).toBe(400);

    const other = await rejected(
      issuer.licenseImportColumns({ body: { departmentId: orgs.deptB, fileBase64: base64('a,b\n1,2\n') } }),
    );
    expect(other.code).toBe('AUTH_FORBIDDEN');
    const auditor = (await p.userWithRole('auditor', { regionCode: orgs.provinceCode })).client;
    const denied = await rejected(
      auditor.licenseImportColumns({ body: { departmentId: orgs.deptA, fileBase64: base64('a,b\n1,2\n') } }),
    );
    expect(denied.code).toBe('AUTH_FORBIDDEN');
  });
});
