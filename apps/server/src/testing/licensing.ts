import type { Client } from '@zhengyin/sdk';
import type { TestPlatform } from './platform.js';

export const SEAL_PIN = '246810';

/** A 营业执照-like face (A4 landscape) in the JSON form the catalogue stores. */
export const BUSINESS_FACE = {
  page: { widthMm: 297, heightMm: 210 },
  fixedTexts: [
    { text: '营业执照', xMm: 60, yMm: 15, widthMm: 177, heightMm: 20, fontSize: 40, align: 'center' },
    { text: '统一社会信用代码', xMm: 20, yMm: 45, widthMm: 50, heightMm: 8, fontSize: 12, align: 'left' },
    { text: '名　　称', xMm: 20, yMm: 60, widthMm: 30, heightMm: 8, fontSize: 12, align: 'left' },
    { text: '法定代表人', xMm: 20, yMm: 75, widthMm: 30, heightMm: 8, fontSize: 12, align: 'left' },
    { text: '成立日期', xMm: 20, yMm: 90, widthMm: 30, heightMm: 8, fontSize: 12, align: 'left' },
    { text: '登记机关', xMm: 170, yMm: 150, widthMm: 30, heightMm: 8, fontSize: 12, align: 'left' },
  ],
  textBoxes: [
    {
      item: 'CZZTDM',
      xMm: 72,
      yMm: 45,
      widthMm: 90,
      heightMm: 8,
      fontSize: 12,
      minFontSize: 9,
      align: 'left',
      wrap: false,
    },
    {
      item: 'CZZT',
      xMm: 52,
      yMm: 60,
      widthMm: 110,
      heightMm: 8,
      fontSize: 14,
      minFontSize: 8,
      align: 'left',
      wrap: false,
    },
    {
      item: 'FDDBR',
      xMm: 52,
      yMm: 75,
      widthMm: 110,
      heightMm: 8,
      fontSize: 12,
      minFontSize: 8,
      align: 'left',
      wrap: false,
    },
    {
      item: 'CLRQ',
      xMm: 52,
      yMm: 90,
      widthMm: 60,
      heightMm: 8,
      fontSize: 12,
      minFontSize: 10,
      align: 'left',
      wrap: false,
      dateFormat: 'yyyy年M月d日',
    },
    {
      item: 'ZZBFJG',
      xMm: 170,
      yMm: 160,
      widthMm: 110,
      heightMm: 8,
      fontSize: 12,
      minFontSize: 8,
      align: 'left',
      wrap: false,
    },
    {
      item: 'ZZBH',
      xMm: 20,
      yMm: 185,
      widthMm: 120,
      heightMm: 8,
      fontSize: 10,
      minFontSize: 8,
      align: 'left',
      wrap: false,
    },
  ],
  qr: { xMm: 230, yMm: 40, sizeMm: 40 },
  seal: { xMm: 200, yMm: 140, sizeMm: 42 },
};

export const BUSINESS_TYPE_CODE = '11100000000013338W001';

export function businessLicenceContent(sealId: string | null, issuerDepartmentIds: string[]) {
  return {
    name: '营业执照',
    definer: { name: '国家市场监督管理总局（测试）', code: '11100000000013338W', level: 1 as const },
    holderCategory: 'legal_entity' as const,
    holderCodeTypes: ['001' as const],
    validity: { kind: 'long_term' as const },
    dataItems: [
      {
        code: 'FDDBR',
        labelZh: '法定代表人',
        labelEn: 'Legal representative',
        type: 'text' as const,
        required: true,
        maxLength: 50,
        masking: { kind: 'partial' as const, keepStart: 1, keepEnd: 0 },
      },
      {
        code: 'CLRQ',
        labelZh: '成立日期',
        labelEn: 'Date of establishment',
        type: 'date' as const,
        required: true,
        masking: { kind: 'none' as const },
      },
      {
        code: 'ZCZB',
        labelZh: '注册资本（万元）',
        labelEn: 'Registered capital',
        type: 'number' as const,
        required: false,
        masking: { kind: 'none' as const },
      },
    ],
    faceTemplate: BUSINESS_FACE,
    sampleData: { FDDBR: '张三', CLRQ: '2020-05-01', ZCZB: 100 },
    sealId,
    serviceItems: [{ code: 'SX001', name: '企业开办' }],
    sharing: 'unconditional' as const,
    issuerDepartmentIds,
  };
}

/**
 * An active seal of `departmentId` (applied, approved, made with SEAL_PIN, filed) and the 营业执照
 * type published with it, issuable by that department.
 */
export async function publishedTypeWithSeal(
  p: TestPlatform,
  departmentId: string,
  regionCode: string,
  options: {
    algorithm?: 'sm2' | 'ecdsa-p256' | 'rsa2048';
    typeCode?: string;
    sealName?: string;
    validity?: { kind: 'fixed'; years: number; months: number; days: number };
  } = {},
): Promise<{ issuer: Client; issuerId: string; typeId: string; typeCode: string; sealId: string }> {
  const sealAdmin = (await p.userWithRole('seal_admin', { departmentId })).client;
  const keeper = await p.userWithRole('seal_keeper', { departmentId });
  const approver = (await p.userWithRole('approver', { departmentId })).client;
  const issuer = await p.userWithRole('issuer', { departmentId });
  const catalogAdmin = (await p.userWithRole('catalog_admin', { regionCode })).client;
  const applied = await sealAdmin.applySeal({
    body: {
      departmentId,
      type: 'business',
      purpose: 'other',
      name: options.sealName ?? '电子证照专用章',
      owner: { kind: 'department' },
      keeperId: keeper.id,
      reason: '电子证照签发',
      image: { kind: 'generate' },
      ...(options.algorithm ? { algorithm: options.algorithm } : {}),
    } as never,
  });
  await approver.reviewSeal({ params: { id: applied.id }, body: { decision: 'approve' } });
  await keeper.client.makeSeal({ params: { id: applied.id }, body: { pin: SEAL_PIN } });
  await sealAdmin.fileSeal({
    params: { id: applied.id },
    body: { filingNumber: `GA-${applied.code}`, authority: '公安机关（测试）' },
  });
  const typeCode = options.typeCode ?? BUSINESS_TYPE_CODE;
  const draft = await issuer.client.createLicenseType({
    body: {
      departmentId,
      typeCode,
      content: {
        ...businessLicenceContent(applied.id, [departmentId]),
        ...(options.validity ? { validity: options.validity } : {}),
      },
    },
  });
  await issuer.client.advanceLicenseType({ params: { id: draft.id }, body: { action: 'submit' } });
  await catalogAdmin.advanceLicenseType({ params: { id: draft.id }, body: { action: 'approve' } });
  await catalogAdmin.advanceLicenseType({ params: { id: draft.id }, body: { action: 'publish' } });
  return { issuer: issuer.client, issuerId: issuer.id, typeId: draft.id, typeCode, sealId: applied.id };
}
