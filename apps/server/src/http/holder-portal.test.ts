import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Client } from '@zhengyin/sdk';
import type { HolderLogin, TestPlatform } from '../testing/index.js';
import {
  BUSINESS_TYPE_CODE,
  SEAL_PIN,
  createTestPlatform,
  loginHolder,
  publishedTypeWithSeal,
  testUscc,
} from '../testing/index.js';

/** What the holder portal reads beyond codes: data item labels, type names, the platform's time. */
let p: TestPlatform;
let operator: Client;
let holder: HolderLogin;
let licenseId: string;
const HOLDER = { name: '西安门户科技有限公司', code: testUscc('MA6T0101') };

beforeAll(async () => {
  p = await createTestPlatform({ ZHENGYIN_SHOW_TOKEN_TTL_SECONDS: '30' });
  const orgs = await p.seedOrgs();
  const { issuer } = await publishedTypeWithSeal(p, orgs.deptA, orgs.provinceCode);
  licenseId = (
    await issuer.issueLicense({
      body: {
        typeCode: BUSINESS_TYPE_CODE,
        departmentId: orgs.deptA,
        sealPin: SEAL_PIN,
        item: { holder: HOLDER, data: { FDDBR: '王五', CLRQ: '2022-01-10' } },
      } as never,
    })
  ).id;
  operator = (await p.userWithRole('user_operator', { departmentId: orgs.deptB })).client;
  const admin = (await p.userWithRole('region_admin', { regionCode: orgs.cityCode })).client;
  const entry = await operator.createUseListEntry({
    body: {
      departmentId: orgs.deptB,
      itemCode: 'SX-MH-001',
      itemName: '企业开办',
      licenseTypeCode: BUSINESS_TYPE_CODE,
      dataItems: ['FDDBR', 'CLRQ'],
      purpose: '核验企业登记信息',
      dutyBased: false,
    },
  });
  await operator.advanceUseListEntry({ params: { id: entry.id }, body: { action: 'submit' } });
  await admin.advanceUseListEntry({ params: { id: entry.id }, body: { action: 'approve' } });
  holder = await loginHolder(p, { holderCode: HOLDER.code, holderCodeType: '001', name: HOLDER.name });
}, 120_000);
afterAll(() => p.close());

describe('holder portal reads', () => {
  test('my licence names its data items (the type’s order), only those the licence has', async () => {
    const detail = await holder.client.myLicense({ params: { id: licenseId } });
    expect(detail.dataItems).toEqual([
      { code: 'FDDBR', labelZh: '法定代表人', labelEn: 'Legal representative' },
      { code: 'CLRQ', labelZh: '成立日期', labelEn: 'Date of establishment' },
    ]);
    expect(detail.data).toMatchObject({ FDDBR: '王五', CLRQ: '2022-01-10' });
  });

  test('a consent request names the licence type and the data items, listed and decided', async () => {
    const { context } = await operator.createUsageContext({
      body: {
        cause: '企业开办核验营业执照',
        itemCode: 'SX-MH-001',
        businessNumber: 'BJ-MH-1',
        holderCode: HOLDER.code,
        holderCodeType: '001',
        licenseTypeCodes: [BUSINESS_TYPE_CODE],
        dataItems: ['CLRQ', 'FDDBR'],
        mode: 'consent',
      },
    });
    const { items } = await holder.client.listPendingConsents({});
    const request = items.find((c) => c.contextId === context.id);
    expect(request).toMatchObject({
      departmentName: '西安市行政审批服务局',
      licenseTypeNames: ['营业执照'],
      dataItemLabels: [
        { code: 'CLRQ', labelZh: '成立日期', labelEn: 'Date of establishment' },
        { code: 'FDDBR', labelZh: '法定代表人', labelEn: 'Legal representative' },
      ],
    });
    const decided = await holder.client.decideConsent({
      params: { id: context.id },
      body: { approve: false },
    });
    expect(decided).toMatchObject({ status: 'declined', licenseTypeNames: ['营业执照'] });
    expect(decided.dataItemLabels.map((l) => l.labelZh)).toEqual(['成立日期', '法定代表人']);
    expect((await operator.getUsageContext({ params: { id: context.id } })).status).toBe('declined');
  });

  test('a show token carries the platform’s time of issue, so a device counts down by it', async () => {
    p.clock.advance(5 * 60_000);
    const shown = await holder.client.createShowToken({ params: { id: licenseId } });
    const issuedAt = Date.parse(shown.issuedAt);
    expect(Math.abs(issuedAt - p.clock.now().getTime())).toBeLessThan(1_000);
    expect(Date.parse(shown.expiresAt) - issuedAt).toBe(30_000);
    expect((await operator.scanShowToken({ body: { token: shown.token } })).status).toBe('valid');
  });
});
