import { sql } from 'kysely';
import { PNG } from 'pngjs';
import { openOfd } from '@zhengyin/documents';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient, type Client } from '@zhengyin/sdk';
import { nodeAppSigner } from '@zhengyin/sdk/node';
import type { TestPlatform } from '../testing/index.js';
import {
  BUSINESS_TYPE_CODE,
  SEAL_PIN,
  createTestPlatform,
  publishedTypeWithSeal,
  rejected,
  testUscc,
} from '../testing/index.js';

let p: TestPlatform;
let orgs: Awaited<ReturnType<TestPlatform['seedOrgs']>>;
/** The using department's business system (scope licenses:use), another department's, and one without the scope. */
let system: Client;
let otherSystem: Client;
let unscoped: Client;
let license: { id: string; identifier: string; licenseNumber: string; fileSha256: string };
type Issued = { id: string; identifier: string; fileSha256: string | null; ofdSha256: string | null };
/** Issued as PDF and OFD, and as OFD only. */
let both: Issued;
let ofdOnly: Issued;

const HOLDER = { name: '西安共享科技有限公司', code: testUscc('MA6T0G01') };
const OTHER_HOLDER = { name: '西安另一科技有限公司', code: testUscc('MA6T0G02') };
const BOTH_HOLDER = { name: '西安双格式科技有限公司', code: testUscc('MA6T0G03') };
const OFD_HOLDER = { name: '西安版式科技有限公司', code: testUscc('MA6T0G04') };
const ITEM = 'SX-GX-001';
const USE_FOR = '企业开办核验营业执照';

const count = async (table: string, where = sql`true`) =>
  Number(
    (
      await sql<{
        n: string;
      }>`select count(*)::text as n from ${sql.table(table)} where ${where}`.execute(p.db.database.db)
    ).rows[0]!.n,
  );

async function appClient(departmentId: string, scopes: ('licenses:use' | 'orgs:read')[]) {
  const admin = await p.adminClient();
  const { app, secret } = await admin.createApp({
    body: { name: `共享测试${departmentId.slice(0, 4)}${scopes.join()}`, departmentId, scopes },
  });
  return createClient({
    baseUrl: 'http://zhengyin.test',
    fetch: p.fetchFrom(),
    signer: nodeAppSigner({ appKey: app.appKey, secret, now: () => p.clock.now().getTime() }),
  });
}

/** A fresh use-code of a duty-based context of the using department for HOLDER (or `holder`). */
async function useCode(client = system, holder = HOLDER) {
  const created = await client.createUsageContext({
    body: {
      cause: USE_FOR,
      itemCode: ITEM,
      businessNumber: `GX-${Math.random().toString(36).slice(2, 10)}`,
      holderCode: holder.code,
      holderCodeType: '001',
      licenseTypeCodes: [BUSINESS_TYPE_CODE],
      dataItems: ['FDDBR', 'CLRQ'],
      stage: '受理',
      place: '一网通办',
      operator: '赵六',
      mode: 'duty',
    },
  });
  return { code: created.code!.code, contextId: created.context.id };
}

beforeAll(async () => {
  p = await createTestPlatform();
  orgs = await p.seedOrgs();
  const { issuer } = await publishedTypeWithSeal(p, orgs.deptA, orgs.provinceCode);
  const issue = (holder: { name: string; code: string }, fileFormat?: 'both' | 'ofd') =>
    issuer.issueLicense({
      body: {
        typeCode: BUSINESS_TYPE_CODE,
        departmentId: orgs.deptA,
        sealPin: SEAL_PIN,
        item: { holder, data: { FDDBR: '李四', CLRQ: '2021-03-15', ZCZB: 500 } },
        ...(fileFormat ? { fileFormat } : {}),
      } as never,
    });
  license = await issue(HOLDER);
  await issue(OTHER_HOLDER);
  both = await issue(BOTH_HOLDER, 'both');
  ofdOnly = await issue(OFD_HOLDER, 'ofd');
  const { client: operator } = await p.userWithRole('user_operator', { departmentId: orgs.deptB });
  const { client: admin } = await p.userWithRole('region_admin', { regionCode: orgs.cityCode });
  const entry = await operator.createUseListEntry({
    body: {
      departmentId: orgs.deptB,
      itemCode: ITEM,
      itemName: '企业开办',
      licenseTypeCode: BUSINESS_TYPE_CODE,
      // ZCZB (registered capital) is in the list but not in the contexts: it must never be handed over.
      dataItems: ['FDDBR', 'CLRQ', 'ZCZB'],
      purpose: '核验企业登记信息',
      dutyBased: true,
    },
  });
  await operator.advanceUseListEntry({ params: { id: entry.id }, body: { action: 'submit' } });
  await admin.advanceUseListEntry({ params: { id: entry.id }, body: { action: 'approve' } });
  system = await appClient(orgs.deptB, ['licenses:use']);
  otherSystem = await appClient(orgs.deptOther, ['licenses:use']);
  unscoped = await appClient(orgs.deptB, ['orgs:read']);
}, 120_000);
afterAll(() => p.close());

describe('sharing API (GB/T 36906 operations)', () => {
  test('GetCertificateDataByCertificateID hands over only the context’s items, once per use-code', async () => {
    const { code, contextId } = await useCode();
    const body = { CertificateID: license.identifier, UseFor: USE_FOR, UseCode: code };
    const shared = await system.shareGetCertificateDataByCertificateID({ body });
    expect(shared.licenses).toHaveLength(1);
    expect(shared.licenses[0]).toMatchObject({ identifier: license.identifier, holderCode: HOLDER.code });
    expect(shared.licenses[0]!.data).toEqual({ FDDBR: '李四', CLRQ: '2021-03-15' });
    expect(await count('use_records', sql`context_id = ${contextId}`)).toBe(1);

    const again = await rejected(system.shareGetCertificateDataByCertificateID({ body }));
    expect(again.code).toBe('USE_CODE_ALREADY_USED');
    expect(await count('use_records', sql`context_id = ${contextId}`)).toBe(1);
    const shares = await p.ctx.deps.uow.run((r) => r.auditReader.query({ action: 'use.shared', limit: 50 }));
    expect(shares.some((e) => e.targetId === contextId)).toBe(true);
  });

  test('the file and the image by identifier: the signed original and a PNG of its face', async () => {
    const file = await system.shareGetCertificateFileByCertificateID({
      body: { CertificateID: license.identifier, UseFor: USE_FOR, UseCode: (await useCode()).code },
    });
    const pdf = Buffer.from(file.fileBase64, 'base64');
    expect([file.fileType, file.contentType, file.fileName]).toEqual([
      'pdf',
      'application/pdf',
      `${license.identifier}.pdf`,
    ]);
    expect(Buffer.from(p.ctx.licensing.sha256(pdf)).toString('hex')).toBe(license.fileSha256);
    const image = await system.shareGetCertificateImageByCertificateID({
      body: { CertificateID: license.identifier, UseFor: USE_FOR, UseCode: (await useCode()).code },
    });
    const png = Buffer.from(image.fileBase64, 'base64');
    expect([image.fileType, image.contentType]).toEqual(['png', 'image/png']);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  test('by holder, Retrieval and a duty-based context; another holder or type is refused and uses nothing', async () => {
    const { code, contextId } = await useCode();
    const byHolder = {
      CertificateHolderCode: HOLDER.code,
      CertificateHolderTypeCode: '001' as const,
      CertificateTypeCode: BUSINESS_TYPE_CODE,
      UseFor: USE_FOR,
    };
    const wrongHolder = await rejected(
      system.shareGetCertificateDataByHolder({
        body: { ...byHolder, CertificateHolderCode: OTHER_HOLDER.code, UseCode: code },
      }),
    );
    expect(wrongHolder.code).toBe('USE_HOLDER_MISMATCH');
    // The refused call rolled back: the code is still unused and works for the right holder.
    expect(await count('use_codes', sql`context_id = ${contextId} and used_at is not null`)).toBe(0);
    const data = await system.shareGetCertificateDataByHolder({ body: { ...byHolder, UseCode: code } });
    expect(data.licenses.map((l) => l.identifier)).toEqual([license.identifier]);

    const listed = await system.shareRetrieval({ body: { ...byHolder, DutyContextId: contextId } });
    expect(listed.licenses).toEqual([expect.objectContaining({ identifier: license.identifier })]);
    const file = await system.shareGetCertificateFileByHolder({
      body: { ...byHolder, CertificateNumber: license.licenseNumber, DutyContextId: contextId },
    });
    expect(file.license.identifier).toBe(license.identifier);
  });

  test('another department, a missing scope, no use at all, or a forged code are refused', async () => {
    const { code, contextId } = await useCode();
    const body = { CertificateID: license.identifier, UseFor: USE_FOR, UseCode: code };
    expect((await rejected(otherSystem.shareGetCertificateDataByCertificateID({ body }))).code).toBe(
      'USE_CODE_WRONG_DEPARTMENT',
    );
    expect((await rejected(unscoped.shareGetCertificateDataByCertificateID({ body }))).code).toBe(
      'AUTH_SCOPE_MISSING',
    );
    const noUse = await rejected(
      system.shareGetCertificateDataByCertificateID({
        body: { CertificateID: license.identifier, UseFor: USE_FOR } as never,
      }),
    );
    expect(noUse.code).toBe('REQUEST_VALIDATION_FAILED');
    const forged = await rejected(
      system.shareGetCertificateDataByCertificateID({
        body: { ...body, UseCode: 'A'.repeat(code.length) },
      }),
    );
    expect(forged.code).toBe('USE_CODE_INVALID');
    expect(await count('use_records', sql`context_id = ${contextId}`)).toBe(0);
    const refusals = await p.ctx.deps.uow.run((r) =>
      r.auditReader.query({ action: 'use.code.refused', limit: 100 }),
    );
    expect(refusals.map((e) => e.details.code)).toEqual(
      expect.arrayContaining(['USE_CODE_WRONG_DEPARTMENT', 'USE_CODE_INVALID']),
    );
    // The code was never used: its own department still redeems it.
    const shared = await system.shareGetCertificateDataByCertificateID({ body });
    expect(shared.licenses).toHaveLength(1);
  });

  test('the licence types and file verification need the app but no use-code', async () => {
    const { types } = await system.shareGetCertificateType({ body: {} });
    expect(types.find((t) => t.typeCode === BUSINESS_TYPE_CODE)?.dataItems.map((d) => d.code)).toEqual(
      expect.arrayContaining(['FDDBR', 'CLRQ']),
    );
    const file = await system.shareGetCertificateFileByCertificateID({
      body: { CertificateID: license.identifier, UseFor: USE_FOR, UseCode: (await useCode()).code },
    });
    const report = await system.shareVerifyCertificateFile({ body: { FileBase64: file.fileBase64 } });
    expect(report.verdict).toBe('VALID');
    const tampered = Buffer.from(file.fileBase64, 'base64');
    tampered[200] ^= 1;
    const bad = await system.shareVerifyCertificateFile({
      body: { FileBase64: tampered.toString('base64') },
    });
    expect(bad.verdict).toBe('INVALID');
  });
});

describe('sharing API: OFD licences', () => {
  const sha256hex = (b: Uint8Array) => Buffer.from(p.ctx.licensing.sha256(b)).toString('hex');
  const bytesOf = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
  const used = (contextId: string) =>
    count('use_codes', sql`context_id = ${contextId} and used_at is not null`);

  test('FileType ofd (or the hubs’ fileType) hands over the signed OFD; without it the PDF', async () => {
    const byId = async (extra: Record<string, string>) =>
      system.shareGetCertificateFileByCertificateID({
        body: {
          CertificateID: both.identifier,
          UseFor: USE_FOR,
          UseCode: (await useCode(system, BOTH_HOLDER)).code,
          ...extra,
        } as never,
      });
    const ofd = await byId({ FileType: 'ofd' });
    expect([ofd.fileType, ofd.contentType, ofd.fileName]).toEqual([
      'ofd',
      'application/ofd',
      `${both.identifier}.ofd`,
    ]);
    expect(sha256hex(bytesOf(ofd.fileBase64))).toBe(both.ofdSha256);
    const lower = await byId({ fileType: 'ofd' });
    expect([lower.fileType, sha256hex(bytesOf(lower.fileBase64))]).toEqual(['ofd', both.ofdSha256]);
    const pdf = await byId({});
    expect([pdf.fileType, sha256hex(bytesOf(pdf.fileBase64))]).toEqual(['pdf', both.fileSha256]);

    // By holder too; and the OFD handed over verifies through the sharing API.
    const { contextId } = await useCode(system, BOTH_HOLDER);
    const byHolder = await system.shareGetCertificateFileByHolder({
      body: {
        CertificateHolderCode: BOTH_HOLDER.code,
        CertificateTypeCode: BUSINESS_TYPE_CODE,
        UseFor: USE_FOR,
        DutyContextId: contextId,
        FileType: 'ofd',
      },
    });
    expect(byHolder.fileType).toBe('ofd');
    const report = await system.shareVerifyCertificateFile({ body: { FileBase64: byHolder.fileBase64 } });
    expect([report.format, report.verdict]).toEqual(['ofd', 'VALID']);
  });

  test('an OFD-only licence: the OFD by default; FileType pdf is refused and uses nothing; conflicting types are refused', async () => {
    const { code, contextId } = await useCode(system, OFD_HOLDER);
    const body = { CertificateID: ofdOnly.identifier, UseFor: USE_FOR, UseCode: code };
    const records = await count('use_records', sql`context_id = ${contextId}`);
    const noPdf = await rejected(
      system.shareGetCertificateFileByCertificateID({ body: { ...body, FileType: 'pdf' } }),
    );
    expect([noPdf.status, noPdf.code]).toEqual([404, 'LICENSE_FORMAT_UNAVAILABLE']);
    expect(noPdf.details).toMatchObject({ identifier: ofdOnly.identifier, format: 'pdf', issued: 'ofd' });
    const conflicting = await rejected(
      system.shareGetCertificateFileByCertificateID({ body: { ...body, FileType: 'ofd', fileType: 'pdf' } }),
    );
    expect(conflicting.code).toBe('REQUEST_VALIDATION_FAILED');
    expect(await used(contextId)).toBe(0);
    expect(await count('use_records', sql`context_id = ${contextId}`)).toBe(records);

    const file = await system.shareGetCertificateFileByCertificateID({ body });
    expect([file.fileType, file.contentType]).toEqual(['ofd', 'application/ofd']);
    expect(sha256hex(bytesOf(file.fileBase64))).toBe(ofdOnly.ofdSha256);
    expect(await used(contextId)).toBe(1);
  });

  test('the image of an OFD-only licence is its OFD page at 96 dpi, face and seal drawn', async () => {
    const image = await system.shareGetCertificateImageByCertificateID({
      body: {
        CertificateID: ofdOnly.identifier,
        UseFor: USE_FOR,
        UseCode: (await useCode(system, OFD_HOLDER)).code,
      },
    });
    expect([image.fileType, image.contentType, image.fileName]).toEqual([
      'png',
      'image/png',
      `${ofdOnly.identifier}.png`,
    ]);
    const png = PNG.sync.read(Buffer.from(image.fileBase64, 'base64'));
    const ofd = await p.ctx.deps.uow.run((r) => r.blobs.get(ofdOnly.ofdSha256!));
    const box = openOfd(ofd!).page(0).physicalBox;
    expect([png.width, png.height]).toEqual([
      Math.ceil((box.width * 96) / 25.4 - 1e-6),
      Math.ceil((box.height * 96) / 25.4 - 1e-6),
    ]);
    let ink = 0;
    let red = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      if (r + g + b < 600) ink++;
      if (r > 180 && g < 90 && b < 90) red++;
    }
    const pixels = png.width * png.height;
    // Text, QR code and frame (ink), and the issuing seal (seal red).
    expect(ink / pixels).toBeGreaterThan(0.01);
    expect(red).toBeGreaterThan(500);
  });
});
