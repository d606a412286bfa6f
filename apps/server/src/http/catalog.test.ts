import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Client } from '@zhengyin/sdk';
import type { TestPlatform } from '../testing/index.js';
import { BUSINESS_FACE, createTestPlatform, rejected } from '../testing/index.js';

let p: TestPlatform;
let orgs: Awaited<ReturnType<TestPlatform['seedOrgs']>>;
let issuer: Client;
let otherIssuer: Client;
let catalogAdmin: Client;

beforeAll(async () => {
  p = await createTestPlatform();
  orgs = await p.seedOrgs();
  issuer = (await p.userWithRole('issuer', { departmentId: orgs.deptA })).client;
  otherIssuer = (await p.userWithRole('issuer', { departmentId: orgs.deptOther })).client;
  catalogAdmin = (await p.userWithRole('catalog_admin', { regionCode: orgs.provinceCode })).client;
});
afterAll(() => p.close());

// 营业执照, defined by 国家市场监督管理总局-like definer code (a valid 统一社会信用代码 from the vectors).
const content = {
  name: '营业执照',
  definer: { name: '国家市场监督管理总局（测试）', code: '11100000000013338W', level: 1 as const },
  holderCategory: 'legal_entity' as const,
  holderCodeTypes: ['001' as const],
  validity: { kind: 'long_term' as const },
  dataItems: [
    {
      code: 'ZZBH',
      labelZh: '证照编号',
      labelEn: 'Licence number',
      type: 'text' as const,
      required: true,
      maxLength: 32,
      masking: { kind: 'none' as const },
    },
    {
      code: 'CZZT',
      labelZh: '名称',
      labelEn: 'Name',
      type: 'text' as const,
      required: true,
      masking: { kind: 'none' as const },
    },
    {
      code: 'FDDBR',
      labelZh: '法定代表人',
      labelEn: 'Legal representative',
      type: 'text' as const,
      required: true,
      masking: { kind: 'partial' as const, keepStart: 1, keepEnd: 0 },
    },
  ],
  faceTemplate: BUSINESS_FACE,
  sampleData: { ZZBH: '91350200776049653A', CZZT: '示例有限公司', FDDBR: '张三' },
  sealId: null,
  serviceItems: [{ code: 'SX001', name: '企业开办' }],
  sharing: 'unconditional' as const,
  issuerDepartmentIds: [] as string[],
};

describe('licence catalogue (目录) workflow over HTTP', () => {
  test('draft → submitted → approved by the region → published; published never changes; a change is a new version', async () => {
    const draft = await issuer.createLicenseType({
      body: { departmentId: orgs.deptA, typeCode: '11100000000013338W001', content },
    });
    expect(draft).toMatchObject({ status: 'draft', version: 1, typeCode: '11100000000013338W001' });
    const edited = await issuer.updateLicenseType({
      params: { id: draft.id },
      body: { rowVersion: 1, content: { ...content, sharing: 'conditional' } },
    });
    expect(edited).toMatchObject({ sharing: 'conditional', rowVersion: 2 });
    expect(
      (
        await rejected(
          issuer.updateLicenseType({ params: { id: draft.id }, body: { rowVersion: 1, content } }),
        )
      ).code,
    ).toBe('CATALOG_VERSION_CONFLICT');
    expect(
      (
        await rejected(
          otherIssuer.updateLicenseType({ params: { id: draft.id }, body: { rowVersion: 2, content } }),
        )
      ).code,
    ).toBe('AUTH_FORBIDDEN');
    await issuer.advanceLicenseType({ params: { id: draft.id }, body: { action: 'submit' } });
    expect(
      (await rejected(issuer.advanceLicenseType({ params: { id: draft.id }, body: { action: 'approve' } })))
        .code,
    ).toBe('AUTH_FORBIDDEN');
    const back = await catalogAdmin.advanceLicenseType({
      params: { id: draft.id },
      body: { action: 'reject', comment: '补充数据项' },
    });
    expect(back).toMatchObject({ status: 'draft', reviewComment: '补充数据项' });
    await issuer.advanceLicenseType({ params: { id: draft.id }, body: { action: 'submit' } });
    await catalogAdmin.advanceLicenseType({
      params: { id: draft.id },
      body: { action: 'approve', comment: '同意' },
    });
    const published = await catalogAdmin.advanceLicenseType({
      params: { id: draft.id },
      body: { action: 'publish' },
    });
    expect(published.status).toBe('published');
    expect(
      (
        await rejected(
          issuer.updateLicenseType({
            params: { id: draft.id },
            body: { rowVersion: published.rowVersion, content },
          }),
        )
      ).code,
    ).toBe('CATALOG_INVALID_TRANSITION');
    expect(
      (
        await rejected(
          issuer.createLicenseType({
            body: { departmentId: orgs.deptA, typeCode: '11100000000013338W001', content },
          }),
        )
      ).code,
    ).toBe('CATALOG_TYPE_EXISTS');

    const v2 = await issuer.newLicenseTypeVersion({ params: { id: draft.id } });
    expect(v2).toMatchObject({ status: 'draft', version: 2, typeCode: draft.typeCode });
    await issuer.advanceLicenseType({ params: { id: v2.id }, body: { action: 'submit' } });
    await catalogAdmin.advanceLicenseType({ params: { id: v2.id }, body: { action: 'approve' } });
    await catalogAdmin.advanceLicenseType({ params: { id: v2.id }, body: { action: 'publish' } });
    expect((await issuer.getLicenseType({ params: { id: draft.id } })).status).toBe('superseded');
    const catalogue = await otherIssuer.listLicenseTypes({ query: { status: 'published' } });
    expect(catalogue.items.map((t) => [t.typeCode, t.version])).toEqual([['11100000000013338W001', 2]]);

    const actions = (
      await p.ctx.database.db
        .selectFrom('audit_events')
        .select('action')
        .where('target_id', '=', draft.id)
        .orderBy('seq')
        .execute()
    ).map((r) => r.action);
    expect(actions).toEqual([
      'catalog.type.created',
      'catalog.type.updated',
      'catalog.type.submitted',
      'catalog.type.rejected',
      'catalog.type.submitted',
      'catalog.type.approved',
      'catalog.type.published',
    ]);
  });

  test('bad definitions are refused with every problem and change nothing', async () => {
    const before = await p.ctx.database.db.selectFrom('license_types').select('id').execute();
    const wrongPrefix = await rejected(
      issuer.createLicenseType({
        body: { departmentId: orgs.deptA, typeCode: '91350200776049653A001', content },
      }),
    );
    expect(wrongPrefix.code).toBe('CATALOG_TYPE_INVALID');
    expect(JSON.stringify(wrongPrefix.details)).toContain('definer code');
    const duplicateItems = await rejected(
      issuer.createLicenseType({
        body: {
          departmentId: orgs.deptA,
          typeCode: '11100000000013338W002',
          content: { ...content, dataItems: [content.dataItems[0]!, content.dataItems[0]!] },
        },
      }),
    );
    expect(JSON.stringify(duplicateItems.details)).toContain('unique');
    const badPattern = await rejected(
      issuer.createLicenseType({
        body: {
          departmentId: orgs.deptA,
          typeCode: '11100000000013338W003',
          content: { ...content, dataItems: [{ ...content.dataItems[0]!, pattern: '([' }] },
        },
      }),
    );
    expect(badPattern.code).toBe('REQUEST_VALIDATION_FAILED');
    expect(await p.ctx.database.db.selectFrom('license_types').select('id').execute()).toHaveLength(
      before.length,
    );
  });
});
