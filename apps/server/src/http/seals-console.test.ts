import { PNG } from 'pngjs';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Client } from '@zhengyin/sdk';
import type { TestPlatform } from '../testing/index.js';
import { createTestPlatform, rejected, samplePdf } from '../testing/index.js';

/** What the console's seal pages need beyond the lifecycle API: keepers, the type filter, page previews. */
let p: TestPlatform;
let orgs: Awaited<ReturnType<TestPlatform['seedOrgs']>>;
let sealAdmin: Client;
let keeperId: string;
let approver: Client;
let auditor: Client;
let otherSealAdmin: Client;

beforeAll(async () => {
  p = await createTestPlatform();
  orgs = await p.seedOrgs();
  sealAdmin = (await p.userWithRole('seal_admin', { departmentId: orgs.deptA })).client;
  keeperId = (await p.userWithRole('seal_keeper', { departmentId: orgs.deptA })).id;
  await p.userWithRole('seal_keeper', { departmentId: orgs.deptB });
  approver = (await p.userWithRole('approver', { departmentId: orgs.deptA })).client;
  auditor = (await p.userWithRole('auditor', { regionCode: orgs.cityCode })).client;
  otherSealAdmin = (await p.userWithRole('seal_admin', { departmentId: orgs.deptOther })).client;
});
afterAll(() => p.close());

/** A landscape page of 500 × 300 pt: the preview must report the displayed size, not A4. */
function landscapePdf(): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: [500, 300], autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.addPage({ size: [500, 300], margin: 0 }).text('one', 10, 10);
    doc.addPage({ size: [500, 300], margin: 0 }).text('two', 10, 10);
    doc.end();
  });
}

describe('seal keepers for the application form', () => {
  test('a seal administrator lists the keepers of the department, and only there', async () => {
    const { items } = await sealAdmin.listSealKeepers({ query: { departmentId: orgs.deptA } });
    expect(items.map((k) => k.id)).toEqual([keeperId]);
    expect(items[0]!.displayName).toMatch(/seal_keeper/);
    expect((await rejected(sealAdmin.listSealKeepers({ query: { departmentId: orgs.deptB } }))).code).toBe(
      'AUTH_FORBIDDEN',
    );
    expect(
      (await rejected(otherSealAdmin.listSealKeepers({ query: { departmentId: orgs.deptA } }))).code,
    ).toBe('AUTH_FORBIDDEN');
    expect((await rejected(approver.listSealKeepers({ query: { departmentId: orgs.deptA } }))).code).toBe(
      'AUTH_FORBIDDEN',
    );
  });
});

describe('seal registry filters', () => {
  test('the type filter narrows the list', async () => {
    const apply = (type: 'official' | 'internal', name: string) =>
      sealAdmin.applySeal({
        body: {
          departmentId: orgs.deptA,
          type,
          name,
          owner: { kind: 'department' },
          keeperId,
          reason: '控制台筛选测试',
          image: { kind: 'generate' },
        },
      });
    await apply('official', '西安市市场监督管理局');
    await apply('internal', '西安市市场监督管理局办公室');
    const internal = await sealAdmin.listSeals({ query: { type: 'internal' } });
    expect(internal.items.map((s) => s.name)).toEqual(['西安市市场监督管理局办公室']);
    const all = await sealAdmin.listSeals({ query: {} });
    expect(all.total).toBe(2);
  });
});

describe('page preview of a PDF about to be sealed', () => {
  test('returns the page as PNG with the page count and its size in points', async () => {
    const pdfBase64 = Buffer.from(await landscapePdf()).toString('base64');
    const preview = await sealAdmin.previewSealDocumentPage({ body: { pdfBase64, page: 2 } });
    expect(preview).toMatchObject({ page: 2, pageCount: 2, widthPt: 500, heightPt: 300 });
    const png = PNG.sync.read(Buffer.from(preview.pngBase64, 'base64'));
    // 96 dpi: 500 pt = 666.7 px, drawn as 667.
    expect([png.width, png.height]).toEqual([667, 400]);
    const a4 = await sealAdmin.previewSealDocumentPage({
      body: { pdfBase64: Buffer.from(await samplePdf()).toString('base64') },
    });
    expect(a4).toMatchObject({ page: 1, pageCount: 1 });
    expect(a4.widthPt).toBeCloseTo(595.28, 1);
    expect(a4.heightPt).toBeCloseTo(841.89, 1);
  });

  test('refuses a missing page, a file that is not a PDF, and callers who may not use seals', async () => {
    const pdfBase64 = Buffer.from(await landscapePdf()).toString('base64');
    const missing = await rejected(sealAdmin.previewSealDocumentPage({ body: { pdfBase64, page: 3 } }));
    expect(missing.code).toBe('SEALS_DOCUMENT_INVALID');
    expect(missing.details).toMatchObject({ reason: 'PDF_RASTER_OPTIONS_INVALID', pageCount: 2 });
    const junk = Buffer.from('%PDF-1.7 this is not a document at all').toString('base64');
    const broken = await rejected(sealAdmin.previewSealDocumentPage({ body: { pdfBase64: junk } }));
    expect(broken.code).toBe('SEALS_DOCUMENT_INVALID');
    expect((await rejected(auditor.previewSealDocumentPage({ body: { pdfBase64 } }))).code).toBe(
      'AUTH_FORBIDDEN',
    );
    expect((await rejected(p.client().previewSealDocumentPage({ body: { pdfBase64 } }))).code).toBe(
      'AUTH_REQUIRED',
    );
  });
});
