import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Client } from '@zhengyin/sdk';
import type { TestPlatform } from '../testing/index.js';
import {
  BUSINESS_FACE,
  BUSINESS_TYPE_CODE,
  businessLicenceContent,
  createTestPlatform,
  rejected,
} from '../testing/index.js';

/** 𰀀 (U+30000, CJK Extension G) and a private-use character: no face font draws them. */
const EXTENSION_G = '\u{30000}';
const PRIVATE_USE = '\uE000';

let p: TestPlatform;
let orgs: Awaited<ReturnType<TestPlatform['seedOrgs']>>;
let issuer: Client;
let otherIssuer: Client;
let catalogAdmin: Client;
let auditor: Client;
let typeId: string;

const png = (base64: string) => Buffer.from(base64, 'base64');
const pngSize = (bytes: Buffer) => ({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });

beforeAll(async () => {
  p = await createTestPlatform();
  orgs = await p.seedOrgs();
  issuer = (await p.userWithRole('issuer', { departmentId: orgs.deptA })).client;
  otherIssuer = (await p.userWithRole('issuer', { departmentId: orgs.deptOther })).client;
  catalogAdmin = (await p.userWithRole('catalog_admin', { regionCode: orgs.provinceCode })).client;
  auditor = (await p.userWithRole('auditor', {})).client;
  const draft = await issuer.createLicenseType({
    body: {
      departmentId: orgs.deptA,
      typeCode: BUSINESS_TYPE_CODE,
      content: businessLicenceContent(null, []),
    },
  });
  typeId = draft.id;
});
afterAll(() => p.close());

describe('template designer: preview of unsaved changes', () => {
  test('draws the given template, data items and sample data, and saves nothing', async () => {
    const before = await issuer.getLicenseType({ params: { id: typeId } });
    const auditBefore = await auditor.listAuditEvents({ query: { targetId: typeId } });
    const template = {
      ...BUSINESS_FACE,
      page: { widthMm: 210, heightMm: 148 },
      fixedTexts: [
        { text: '草稿照面', xMm: 10, yMm: 10, widthMm: 100, heightMm: 12, fontSize: 20, align: 'left' },
      ],
      textBoxes: [
        {
          item: 'KZ_JYCS',
          xMm: 10,
          yMm: 40,
          widthMm: 120,
          heightMm: 10,
          fontSize: 12,
          minFontSize: 8,
          align: 'left',
          wrap: false,
        },
      ],
      qr: { xMm: 150, yMm: 20, sizeMm: 40 },
      seal: { xMm: 150, yMm: 90, sizeMm: 40 },
    };
    const dataItems = [
      ...before.dataItems,
      {
        code: 'KZ_JYCS',
        labelZh: '经营场所',
        labelEn: 'Premises',
        type: 'text' as const,
        required: false,
        masking: { kind: 'none' as const },
      },
    ];
    const preview = await issuer.previewLicenseTypeDraft({
      params: { id: typeId },
      body: { faceTemplate: template, sampleData: { KZ_JYCS: '西安市雁塔区' }, dataItems, dpi: 72 },
    });
    expect(preview.contentType).toBe('image/png');
    const bytes = png(preview.base64);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    // 210 × 148 mm at 72 dpi: the unsaved page size, not the saved A4 landscape.
    expect(pngSize(bytes)).toEqual({
      width: Math.ceil((210 * 72) / 25.4),
      height: Math.ceil((148 * 72) / 25.4),
    });

    const pdf = await catalogAdmin.previewLicenseTypeDraft({
      params: { id: typeId },
      body: { faceTemplate: template, sampleData: {}, format: 'pdf' },
    });
    expect(pdf.contentType).toBe('application/pdf');
    expect(png(pdf.base64).subarray(0, 5).toString()).toBe('%PDF-');

    const after = await issuer.getLicenseType({ params: { id: typeId } });
    expect(after.rowVersion).toBe(before.rowVersion);
    expect(after.faceTemplate).toEqual(before.faceTemplate);
    const auditAfter = await auditor.listAuditEvents({ query: { targetId: typeId } });
    expect(auditAfter.items.length).toBe(auditBefore.items.length);
  });

  test('a bad template is refused with the path of the bad field; missing glyphs name the characters', async () => {
    const outside = await rejected(
      issuer.previewLicenseTypeDraft({
        params: { id: typeId },
        body: { faceTemplate: { ...BUSINESS_FACE, qr: { xMm: 280, yMm: 40, sizeMm: 40 } }, sampleData: {} },
      }),
    );
    expect(outside.code).toBe('LICENSE_TEMPLATE_INVALID');
    expect(outside.details).toMatchObject({ path: '$.qr.sizeMm' });

    const glyph = await rejected(
      issuer.previewLicenseTypeDraft({
        params: { id: typeId },
        body: { faceTemplate: BUSINESS_FACE, sampleData: { FDDBR: `张${EXTENSION_G}` } },
      }),
    );
    expect(glyph.code).toBe('LICENSE_GLYPH_MISSING');
    expect(glyph.details).toMatchObject({ characters: [EXTENSION_G] });
  });

  test('only issuers of the department and catalogue administrators of the region preview drafts', async () => {
    const body = { faceTemplate: BUSINESS_FACE, sampleData: {} };
    expect((await rejected(otherIssuer.previewLicenseTypeDraft({ params: { id: typeId }, body }))).code).toBe(
      'AUTH_FORBIDDEN',
    );
    expect((await rejected(auditor.previewLicenseTypeDraft({ params: { id: typeId }, body }))).code).toBe(
      'AUTH_FORBIDDEN',
    );
    expect((await rejected(p.client().previewLicenseTypeDraft({ params: { id: typeId }, body }))).code).toBe(
      'AUTH_REQUIRED',
    );
  });
});

describe('template designer: glyph coverage as you type', () => {
  test('names, per text, the characters no face font draws', async () => {
    const { results } = await issuer.checkFaceGlyphs({
      body: { texts: ['营业执照 Licence 𠮷', `名称${EXTENSION_G}`, `${PRIVATE_USE}a${PRIVATE_USE}`, ''] },
    });
    expect(results).toEqual([
      { missing: [] },
      { missing: [EXTENSION_G] },
      { missing: [PRIVATE_USE] },
      { missing: [] },
    ]);
  });

  test('needs a staff session and refuses oversized requests', async () => {
    expect((await rejected(p.client().checkFaceGlyphs({ body: { texts: ['a'] } }))).code).toBe(
      'AUTH_REQUIRED',
    );
    const tooMany = Array.from({ length: 501 }, () => 'a');
    expect((await rejected(issuer.checkFaceGlyphs({ body: { texts: tooMany } }))).code).toBe(
      'REQUEST_VALIDATION_FAILED',
    );
  });
});
