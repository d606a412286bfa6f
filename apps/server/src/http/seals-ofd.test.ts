import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  bundledSealFontPath,
  createFontSubsetter,
  harfbuzzSubsetWasmPath,
  openOfd,
  verifyOfd,
  writeOfdDocument,
  type OfdDocumentLine,
} from '@zhengyin/documents';
import type { Client } from '@zhengyin/sdk';
import type { TestPlatform } from '../testing/index.js';
import { NEW_PASSWORD, createTestPlatform, rejected, samplePdf } from '../testing/index.js';

let p: TestPlatform;
let sealAdmin: Client;
let keeper: Client;
let approver: Client;
let issuer: Client;
let keeperId: string;
let deptA: string;
let anchors: Uint8Array[];
let contract: Uint8Array;
let threePages: Uint8Array;
const PIN = '246810';
const PT = 72 / 25.4;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromB64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

const subsetter = createFontSubsetter(new Uint8Array(readFileSync(harfbuzzSubsetWasmPath())));
const fonts = [
  {
    name: 'sans',
    bytes: new Uint8Array(readFileSync(bundledSealFontPath('regular'))),
    style: 'sans' as const,
  },
];
const ofdDocument = (pages: OfdDocumentLine[][]) =>
  writeOfdDocument({
    title: '采购合同（测试）',
    pages: pages.map((lines) => ({ lines })),
    fonts,
    subsetter,
    createdAt: new Date('2026-11-22T00:00:00Z'),
  });

beforeAll(async () => {
  p = await createTestPlatform({ ZHENGYIN_UPLOAD_LIMIT_BYTES: String(4 * 1024 * 1024) });
  const orgs = await p.seedOrgs();
  deptA = orgs.deptA;
  const users = await Promise.all([
    p.userWithRole('seal_admin', { departmentId: deptA }),
    p.userWithRole('seal_keeper', { departmentId: deptA }),
    p.userWithRole('approver', { departmentId: deptA }),
    p.userWithRole('issuer', { departmentId: deptA }),
  ]);
  keeperId = users[1].id;
  [sealAdmin, keeper, approver, issuer] = await Promise.all(
    users.map((u) => p.loginAs(u.username, NEW_PASSWORD)),
  );
  anchors = (await p.ctx.deps.uow.run((r) => r.certificateAuthorities.list())).map((ca) => ca.certificate);
  contract = await ofdDocument([
    ['采购合同（测试）', '甲方：西安市市场监督管理局', '乙方：示例科技有限公司'],
    ['第二页：付款方式', '甲方（盖章）', '日期：2026年11月22日'],
  ]);
  threePages = await ofdDocument([['第一页'], ['第二页'], ['第三页']]);
}, 120_000);
afterAll(() => p.close());

/** Applies, approves, makes and files a seal (SM2 unless told otherwise); returns it active. */
async function activeSeal(name: string, extra: Record<string, unknown> = {}) {
  const applied = await sealAdmin.applySeal({
    body: {
      departmentId: deptA,
      type: 'business',
      purpose: 'contract',
      name,
      owner: { kind: 'department' },
      keeperId,
      reason: '合同用印',
      image: { kind: 'generate' },
      ...extra,
    } as never,
  });
  await approver.reviewSeal({ params: { id: applied.id }, body: { decision: 'approve' } });
  await keeper.makeSeal({ params: { id: applied.id }, body: { pin: PIN } });
  return sealAdmin.fileSeal({
    params: { id: applied.id },
    body: { filingNumber: `GA-${applied.code}`, authority: '西安市公安局' },
  });
}

async function approvedUse(sealId: string, uses = 1, documentSha256?: string) {
  const request = await issuer.requestSealUse({
    params: { id: sealId },
    body: {
      reason: 'OFD 合同用印',
      documentName: '采购合同.ofd',
      uses,
      ...(documentSha256 ? { documentSha256 } : {}),
    },
  });
  await approver.reviewSealUse({ params: { id: request.id }, body: { decision: 'approve' } });
  return request;
}

/** What the register and the use request say: proves a refusal consumed nothing. */
async function consumed(sealId: string) {
  const register = await sealAdmin.listSealUse({ params: { id: sealId }, query: {} });
  return {
    usages: register.usages.total,
    usesDone: register.requests.map((r) => r.usesDone).reduce((a, b) => a + b, 0),
  };
}

const signatureParts = (ofd: Uint8Array) =>
  openOfd(ofd)
    .package.files()
    .filter((f) => f.endsWith('/Signature.xml'));

describe('用印 on OFD documents over HTTP', () => {
  let seal: Awaited<ReturnType<typeof activeSeal>>;
  let first: Uint8Array;
  beforeAll(async () => {
    seal = await activeSeal('西安市市场监督管理局合同专用章（OFD）');
  });

  test('coordinates: sealed, SES signature VALID against the platform CA, seal where asked, usage registered and audited', async () => {
    const request = await approvedUse(seal.id, 1, sha256(contract));
    const x = 150 * PT;
    const y = 60 * PT; // centre 60 mm above the bottom of an A4 page
    const answer = await keeper.sealDocument({
      params: { id: request.id },
      body: { pin: PIN, documentBase64: b64(contract), placement: { kind: 'coordinates', page: 2, x, y } },
    });
    expect(answer).toMatchObject({ format: 'ofd', contentType: 'application/ofd', pages: [2] });
    first = fromB64(answer.documentBase64);

    const report = await verifyOfd(first, { trustAnchors: anchors });
    expect(report.verdict).toBe('VALID');
    expect(report.signatures).toHaveLength(1);
    const signature = report.signatures[0]!;
    expect(signature.seal?.code).toBe(seal.code);
    expect(signature.signer?.algorithm).toMatch(/^SM2/);
    expect(signature.pages).toEqual([2]);
    const { widthMm, heightMm } = seal.image!;
    const box = signature.stampAnnots[0]!.boundary;
    expect(box.x).toBeCloseTo(150 - widthMm / 2, 3);
    expect(box.y).toBeCloseTo(297 - 60 - heightMm / 2, 3);
    expect([box.width, box.height]).toEqual([widthMm, heightMm]);
    // Without the platform root the chain cannot be decided: never VALID.
    expect((await verifyOfd(first, { trustAnchors: [] })).verdict).not.toBe('VALID');

    expect(answer.usage).toMatchObject({
      documentSha256: sha256(contract),
      sealedSha256: sha256(first),
      reason: 'OFD 合同用印',
    });
    expect(await consumed(seal.id)).toEqual({ usages: 1, usesDone: 1 });
    const audit = await p.ctx.database.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', '=', 'seals.document_sealed')
      .where('target_id', '=', seal.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ format: 'ofd', pages: [2], resultSha256: sha256(first) });

    // The public verification endpoint says the same and knows the seal.
    const online = await p.client().verifyFile({ query: {}, body: { fileBase64: b64(first) } });
    expect(online.verdict).toBe('VALID');
  });

  test('a second seal (keyword) on the sealed OFD keeps the first valid; last-page lands at the lower right', async () => {
    const official = await activeSeal('西安市市场监督管理局（OFD）', { type: 'official', purpose: null });
    const request = await approvedUse(official.id, 2);
    const answer = await keeper.sealDocument({
      params: { id: request.id },
      body: {
        pin: PIN,
        documentBase64: b64(first),
        format: 'ofd',
        placement: { kind: 'keyword', keyword: '（盖章）' },
      },
    });
    const twice = fromB64(answer.documentBase64);
    expect(answer.pages).toEqual([2]);
    const report = await verifyOfd(twice, { trustAnchors: anchors });
    expect(report.verdict).toBe('VALID');
    expect(report.signatures.map((s) => [s.seal?.code, s.verdict])).toEqual([
      [seal.code, 'VALID'],
      [official.code, 'VALID'],
    ]);
    expect(signatureParts(twice)).toHaveLength(2);

    const last = fromB64(
      (
        await keeper.sealDocument({
          params: { id: request.id },
          body: { pin: PIN, documentBase64: b64(contract), placement: { kind: 'last-page' } },
        })
      ).documentBase64,
    );
    const stamp = (await verifyOfd(last, { trustAnchors: anchors })).signatures[0]!;
    expect(stamp.pages).toEqual([2]);
    const { widthMm, heightMm } = official.image!;
    expect(stamp.stampAnnots[0]!.boundary.x + widthMm).toBeCloseTo(210 - 20, 3);
    expect(stamp.stampAnnots[0]!.boundary.y + heightMm).toBeCloseTo(297 - 20, 3);
  });

  test('riding seal (骑缝章) over three pages with a timestamp: one signature, one stamp per page, VALID', async () => {
    const request = await approvedUse(seal.id);
    const answer = await keeper.sealDocument({
      params: { id: request.id },
      body: { pin: PIN, documentBase64: b64(threePages), placement: { kind: 'riding' }, timestamp: true },
    });
    expect(answer.pages).toEqual([1, 2, 3]);
    const report = await verifyOfd(fromB64(answer.documentBase64), { trustAnchors: anchors });
    expect(report.verdict).toBe('VALID');
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]!.stampAnnots).toHaveLength(3);
    expect(report.signatures[0]!.pages).toEqual([1, 2, 3]);
    // timestamp: true → an RFC 3161 token of the built-in TSA in the SES timeStamp field.
    expect(report.signatures[0]!.timestampTime).not.toBeNull();
  });

  test('an ECDSA seal cannot seal an OFD document: SEALS_OFD_SEAL_UNSUITABLE, nothing consumed', async () => {
    const ecdsa = await activeSeal('西安市市场监督管理局合同专用章（ECDSA）', { algorithm: 'ecdsa-p256' });
    const request = await approvedUse(ecdsa.id);
    const error = await rejected(
      keeper.sealDocument({
        params: { id: request.id },
        body: { pin: PIN, documentBase64: b64(contract), placement: { kind: 'last-page' } },
      }),
    );
    expect(error.code).toBe('SEALS_OFD_SEAL_UNSUITABLE');
    expect(error.details).toMatchObject({ algorithm: 'ecdsa-p256' });
    expect(await consumed(ecdsa.id)).toEqual({ usages: 0, usesDone: 0 });
    // The same approval still seals a PDF.
    const pdf = await keeper.sealDocument({
      params: { id: request.id },
      body: { pin: PIN, documentBase64: b64(await samplePdf(1)), placement: { kind: 'last-page' } },
    });
    expect(pdf).toMatchObject({ format: 'pdf', contentType: 'application/pdf', pages: [1] });
    expect(await consumed(ecdsa.id)).toEqual({ usages: 1, usesDone: 1 });
  });

  test('malformed or mismatched documents are refused with a clear code and consume nothing', async () => {
    const spare = await activeSeal('西安市市场监督管理局合同专用章（备用 OFD）');
    const request = await approvedUse(spare.id);
    const attempt = (documentBase64: string, extra: Record<string, unknown> = {}) =>
      rejected(
        keeper.sealDocument({
          params: { id: request.id },
          body: { pin: PIN, documentBase64, placement: { kind: 'last-page' }, ...extra },
        }),
      );
    const noOfdXml = zipSync({ 'readme.txt': new TextEncoder().encode('not an OFD package') });
    expect((await attempt(b64(noOfdXml))).code).toBe('OFD_MALFORMED');
    expect((await attempt(b64(contract.subarray(0, contract.length - 200)))).code).toMatch(/^OFD_/);
    const outside = await attempt(b64(contract), {
      placement: { kind: 'coordinates', page: 1, x: 5000, y: 100 },
    });
    expect(outside.code).toBe('OFD_INPUT_INVALID');
    expect(
      (await attempt(b64(contract), { placement: { kind: 'coordinates', page: 9, x: 1, y: 1 } })).code,
    ).toBe('OFD_INPUT_INVALID');
    expect(
      (await attempt(b64(contract), { placement: { kind: 'keyword', keyword: '不存在的词' } })).code,
    ).toMatch(/^OFD_/);
    const mismatch = await attempt(b64(await samplePdf(1)), { format: 'ofd' });
    expect(mismatch).toMatchObject({
      code: 'SEALS_DOCUMENT_INVALID',
      details: { reason: 'FORMAT_MISMATCH' },
    });
    expect((await attempt(b64(new TextEncoder().encode('neither a PDF nor an OFD')))).code).toBe(
      'SEALS_DOCUMENT_INVALID',
    );
    // An OFD sent to the PDF endpoint is refused too.
    const viaPdf = await rejected(
      keeper.sealPdf({
        params: { id: request.id },
        body: { pin: PIN, pdfBase64: b64(contract), placement: { kind: 'last-page' } },
      }),
    );
    expect(viaPdf.code).toBe('SEALS_DOCUMENT_INVALID');
    const wrongPin = await attempt(b64(contract), { pin: '000000' });
    expect(wrongPin.code).toBe('KEYS_PIN_INVALID');
    expect(await consumed(spare.id)).toEqual({ usages: 0, usesDone: 0 });
    const sealedEvents = await p.ctx.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'seals.document_sealed')
      .where('target_id', '=', spare.id)
      .execute();
    expect(sealedEvents).toEqual([]);
  });
});
