import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createCertificate,
  decodeSeal,
  encodePem,
  parseCertificate,
  parseCsr,
  sm2GenerateKeyPair,
  sm2PublicKeyToSpki,
  sm2Sign,
  validateCertificatePath,
  verifyCsr,
  verifySeal,
} from '@zhengyin/gm';
import { expireSeals } from '@zhengyin/core';
import type { Client } from '@zhengyin/sdk';
import type { TestPlatform } from '../testing/index.js';
import { NEW_PASSWORD, createTestPlatform, rejected, samplePdf } from '../testing/index.js';

let p: TestPlatform;
let orgs: Awaited<ReturnType<TestPlatform['seedOrgs']>>;
let sealAdmin: Client;
let keeper: Client;
let keeperId: string;
let approver: Client;
let issuer: Client;
let otherSealAdmin: Client;
const PIN = '246810';

let usernames: Record<'sealAdmin' | 'keeper' | 'approver' | 'issuer' | 'otherSealAdmin', string>;

beforeAll(async () => {
  p = await createTestPlatform({ ZHENGYIN_UPLOAD_LIMIT_BYTES: String(2 * 1024 * 1024) });
  orgs = await p.seedOrgs();
  const a = await p.userWithRole('seal_admin', { departmentId: orgs.deptA });
  const k = await p.userWithRole('seal_keeper', { departmentId: orgs.deptA });
  const ap = await p.userWithRole('approver', { departmentId: orgs.deptA });
  const i = await p.userWithRole('issuer', { departmentId: orgs.deptA });
  const o = await p.userWithRole('seal_admin', { departmentId: orgs.deptOther });
  usernames = {
    sealAdmin: a.username,
    keeper: k.username,
    approver: ap.username,
    issuer: i.username,
    otherSealAdmin: o.username,
  };
  keeperId = k.id;
  await relogin();
});

/** Moves the clock and logs everyone in again (sessions expire when idle). */
async function advance(ms: number) {
  p.clock.advance(ms);
  await relogin();
}

async function relogin() {
  const login = (name: string) => p.loginAs(name, NEW_PASSWORD);
  [sealAdmin, keeper, approver, issuer, otherSealAdmin] = await Promise.all([
    login(usernames.sealAdmin),
    login(usernames.keeper),
    login(usernames.approver),
    login(usernames.issuer),
    login(usernames.otherSealAdmin),
  ]);
}
afterAll(() => p.close());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const apply = (client: Client, overrides: Record<string, unknown> = {}) =>
  client.applySeal({
    body: {
      departmentId: orgs.deptA,
      type: 'official',
      name: '西安市市场监督管理局',
      owner: { kind: 'department' },
      keeperId,
      reason: '新设机构刻制电子公章',
      image: { kind: 'generate' },
      ...overrides,
    } as never,
  });

/** Applies, approves, makes and files a seal; returns it active. */
async function activeSeal(overrides: Record<string, unknown> = {}, validityDays?: number) {
  const applied = await apply(sealAdmin, overrides);
  await approver.reviewSeal({ params: { id: applied.id }, body: { decision: 'approve' } });
  await keeper.makeSeal({
    params: { id: applied.id },
    body: { pin: PIN, ...(validityDays ? { validityDays } : {}) },
  });
  return sealAdmin.fileSeal({
    params: { id: applied.id },
    body: { filingNumber: `GA-${applied.code}`, authority: '西安市公安局' },
  });
}

describe('seal lifecycle over HTTP', () => {
  test('apply → review → make → 备案 → active, every step audited', async () => {
    const applied = await apply(sealAdmin, {
      attachments: [
        {
          name: '营业执照.pdf',
          contentType: 'application/pdf',
          base64: Buffer.from('%PDF-1.4 test').toString('base64'),
        },
      ],
    });
    expect(applied).toMatchObject({ status: 'applied', code: '61010000000001', approvalsDone: 0 });
    expect(applied.image!.widthMm).toBe(42);
    expect(Buffer.from(applied.image!.pngBase64, 'base64').subarray(1, 4).toString()).toBe('PNG');

    // The applicant cannot make it before approval; an approver of another department cannot approve.
    expect((await rejected(keeper.makeSeal({ params: { id: applied.id }, body: { pin: PIN } }))).code).toBe(
      'SEALS_INVALID_TRANSITION',
    );
    const approved = await approver.reviewSeal({
      params: { id: applied.id },
      body: { decision: 'approve', comment: '同意' },
    });
    expect(approved.status).toBe('approved');
    expect(
      (await rejected(approver.reviewSeal({ params: { id: applied.id }, body: { decision: 'approve' } })))
        .code,
    ).toBe('SEALS_ALREADY_REVIEWED');
    // Only the keeper makes the seal.
    expect(
      (await rejected(sealAdmin.makeSeal({ params: { id: applied.id }, body: { pin: PIN } }))).code,
    ).toBe('AUTH_FORBIDDEN');
    const made = await keeper.makeSeal({ params: { id: applied.id }, body: { pin: PIN } });
    expect(made).toMatchObject({ status: 'made', sealVersion: 1 });

    // The certificate chains to the development CA; the SESeal decodes and its maker signature verifies.
    const cert = parseCertificate(made.certificatePem!);
    expect(cert.subject.text).toContain('西安市市场监督管理局');
    const cas = await p.ctx.deps.uow.run((r) => r.certificateAuthorities.list());
    const path = validateCertificatePath({
      certificate: cert,
      trustAnchors: cas.map((ca) => parseCertificate(ca.certificate)),
      time: p.clock.now(),
    });
    expect(path.ok).toBe(true);
    const ses = decodeSeal(new Uint8Array(Buffer.from(made.sesSealBase64!, 'base64')));
    expect(ses.sealInfo.esId).toBe(applied.code);
    const checks = verifySeal(ses, { at: p.clock.now() });
    expect(checks.filter((c) => c.status !== 'VALID' && c.status !== 'SKIPPED')).toEqual([]);

    const pkg = await sealAdmin.sealFilingPackage({ params: { id: applied.id } });
    expect(pkg.overdue).toBe(false);
    await advance(25 * 3600_000);
    expect((await sealAdmin.sealFilingPackage({ params: { id: applied.id } })).overdue).toBe(true);
    const active = await sealAdmin.fileSeal({
      params: { id: applied.id },
      body: { filingNumber: 'GA-2026-0001', authority: '西安市公安局' },
    });
    expect(active.status).toBe('active');
    const detail = await sealAdmin.getSeal({ params: { id: applied.id } });
    expect(detail.filing).toMatchObject({ filingNumber: 'GA-2026-0001', overdue: false });
    expect(detail.history.map((h) => h.status)).toEqual(['applied', 'approved', 'made', 'active']);
    expect(detail.attachments).toEqual([expect.objectContaining({ name: '营业执照.pdf', size: 13 })]);

    const status = await p.client().publicSealStatus({ params: { code: applied.code } });
    expect(status).toMatchObject({ status: 'active', filed: true, ownerName: '西安市市场监督管理局' });

    const actions = (
      await p.ctx.database.db
        .selectFrom('audit_events')
        .select('action')
        .where('target_id', '=', applied.id)
        .orderBy('seq')
        .execute()
    ).map((r) => r.action);
    expect(actions).toEqual(['seals.applied', 'seals.approved', 'seals.made', 'seals.filed']);
  });

  test('bad applications are refused and change nothing', async () => {
    const before = await p.ctx.database.db.selectFrom('seals').select('id').execute();
    expect((await rejected(apply(otherSealAdmin))).code).toBe('AUTH_FORBIDDEN');
    expect((await rejected(apply(sealAdmin, { keeperId: orgs.deptA }))).code).toBe('SEALS_KEEPER_INVALID');
    expect(
      (
        await rejected(
          apply(sealAdmin, {
            type: 'personal',
            name: '张三印',
            owner: { kind: 'person', name: '张三', code: '110105194912310021' },
          }),
        )
      ).code,
    ).toBe('SEALS_OWNER_INVALID');
    expect((await rejected(apply(sealAdmin, { type: 'business' }))).code).toBe('REQUEST_VALIDATION_FAILED');
    const notImage = await rejected(
      apply(sealAdmin, {
        image: {
          kind: 'upload',
          base64: Buffer.from('not an image').toString('base64'),
          widthMm: 40,
          heightMm: 40,
        },
      }),
    );
    expect(notImage.code).toBe('SEALS_IMAGE_INVALID');
    const huge = await p.fetchFrom()('http://zhengyin.test/api/v1/verify/pdf', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pdfBase64: 'A'.repeat(3 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect(await p.ctx.database.db.selectFrom('seals').select('id').execute()).toHaveLength(before.length);
  });

  test('approved use: request → approval → keeper seals with the PIN; register; wrong PIN; unapproved use', async () => {
    const seal = await activeSeal({
      type: 'business',
      purpose: 'contract',
      name: '西安市市场监督管理局合同专用章',
    });
    const pdf = await samplePdf(2);
    const request = await issuer.requestSealUse({
      params: { id: seal.id },
      body: { reason: '签订采购合同', documentName: '采购合同.pdf', documentSha256: sha256(pdf), uses: 1 },
    });
    const body = {
      pin: PIN,
      pdfBase64: Buffer.from(pdf).toString('base64'),
      placement: { kind: 'last-page' as const },
    };
    expect((await rejected(keeper.sealPdf({ params: { id: request.id }, body }))).code).toBe(
      'SEALS_USE_NOT_APPROVED',
    );
    expect(
      (await rejected(issuer.reviewSealUse({ params: { id: request.id }, body: { decision: 'approve' } })))
        .code,
    ).toBe('AUTH_FORBIDDEN');
    await approver.reviewSealUse({ params: { id: request.id }, body: { decision: 'approve' } });
    const other = await samplePdf(1, 'A different document');
    expect(
      (
        await rejected(
          keeper.sealPdf({
            params: { id: request.id },
            body: { ...body, pdfBase64: Buffer.from(other).toString('base64') },
          }),
        )
      ).code,
    ).toBe('SEALS_DOCUMENT_MISMATCH');
    const wrong = await rejected(
      keeper.sealPdf({ params: { id: request.id }, body: { ...body, pin: '000000' } }),
    );
    expect(wrong.code).toBe('KEYS_PIN_INVALID');
    expect(wrong.details).toMatchObject({ attemptsLeft: 4 });
    expect((await rejected(issuer.sealPdf({ params: { id: request.id }, body }))).code).toBe(
      'AUTH_FORBIDDEN',
    );

    const { pdfBase64, usage } = await keeper.sealPdf({ params: { id: request.id }, body });
    const sealed = new Uint8Array(Buffer.from(pdfBase64, 'base64'));
    // An incremental update: the original bytes are untouched, the seal code is in the signature dictionary.
    expect(Buffer.from(sealed.subarray(0, pdf.length)).equals(Buffer.from(pdf))).toBe(true);
    expect(Buffer.from(sealed).toString('latin1')).toContain(`/ZY_SealCode (${seal.code})`);
    expect(usage).toMatchObject({
      documentSha256: sha256(pdf),
      sealedSha256: sha256(sealed),
      reason: '签订采购合同',
    });

    expect((await rejected(keeper.sealPdf({ params: { id: request.id }, body }))).code).toBe(
      'SEALS_USE_EXHAUSTED',
    );
    const register = await sealAdmin.listSealUse({ params: { id: seal.id }, query: {} });
    expect(register.usages.total).toBe(1);
    expect(register.requests[0]).toMatchObject({ status: 'exhausted', usesDone: 1 });
  });

  test('suspended, lost, revoked seals cannot sign; destroy is final', async () => {
    const seal = await activeSeal({ name: '西安市市场监督管理局（备用）' });
    const request = await issuer.requestSealUse({
      params: { id: seal.id },
      body: { reason: '批量用印', documentName: '通知', uses: 5 },
    });
    await approver.reviewSealUse({ params: { id: request.id }, body: { decision: 'approve' } });
    const body = {
      pin: PIN,
      pdfBase64: Buffer.from(await samplePdf()).toString('base64'),
      placement: { kind: 'last-page' as const },
    };

    await sealAdmin.changeSealStatus({
      params: { id: seal.id },
      body: { action: 'suspend', reason: '单位停业整顿' },
    });
    expect((await rejected(keeper.sealPdf({ params: { id: request.id }, body }))).code).toBe(
      'SEALS_CANNOT_SIGN',
    );
    await sealAdmin.changeSealStatus({ params: { id: seal.id }, body: { action: 'resume', reason: '恢复' } });
    const { pdfBase64: signedBeforeLoss } = await keeper.sealPdf({ params: { id: request.id }, body });
    await advance(60_000);

    // The keeper reports the seal lost: suspended at once.
    const lost = await keeper.changeSealStatus({
      params: { id: seal.id },
      body: { action: 'report_lost', reason: 'UKey 遗失' },
    });
    expect(lost.status).toBe('lost');
    expect((await rejected(keeper.sealPdf({ params: { id: request.id }, body }))).code).toBe(
      'SEALS_CANNOT_SIGN',
    );
    expect(
      (
        await rejected(
          keeper.changeSealStatus({ params: { id: seal.id }, body: { action: 'resume', reason: 'x' } }),
        )
      ).code,
    ).toBe('AUTH_FORBIDDEN');
    const revoked = await sealAdmin.changeSealStatus({
      params: { id: seal.id },
      body: { action: 'revoke', reason: '遗失注销' },
    });
    expect(revoked.status).toBe('revoked');
    expect((await p.client().publicSealStatus({ params: { code: seal.code } })).status).toBe('revoked');
    // Revoked after signing: the earlier signature stays valid and the change is reported.
    const report = await p.client().verifyPdf({ body: { pdfBase64: signedBeforeLoss } });
    expect(
      report.signatures[0]!.checks.filter((c) => c.status !== 'VALID' && c.status !== 'SKIPPED'),
    ).toEqual([]);
    expect(report.verdict).toBe('VALID');
    expect(report.signatures[0]!.registry).toMatchObject({ statusAtSigning: 'active', statusNow: 'revoked' });
    expect(report.signatures[0]!.checks).toContainEqual(
      expect.objectContaining({ name: 'SEAL_STATUS_NOW', code: 'SEAL_STATUS_CHANGED_SINCE' }),
    );
    // The signed 注销证书: a PDF sealed by the platform, valid, naming the seal and the reason.
    const { pdfBase64: certificate } = await sealAdmin.sealRevocationCertificate({ params: { id: seal.id } });
    const certificateReport = await p.client().verifyPdf({ body: { pdfBase64: certificate } });
    expect(certificateReport.verdict).toBe('VALID');
    expect(certificateReport.signatures[0]!.signer!.subject).toContain('证印电子印章制作系统');
    const text = spawnSync('pdftotext', ['-', '-'], {
      input: Buffer.from(certificate, 'base64'),
    }).stdout.toString();
    expect(text).toContain('电子印章注销证书');
    expect(text).toContain(seal.code);
    expect(text).toContain('遗失注销');
    const destroyed = await sealAdmin.destroySealKey({
      params: { id: seal.id },
      body: { reason: '注销后销毁' },
    });
    expect(destroyed.status).toBe('destroyed');
    expect(
      (await rejected(sealAdmin.destroySealKey({ params: { id: seal.id }, body: { reason: 'again' } }))).code,
    ).toBe('SEALS_INVALID_TRANSITION');
    const vaultRow = await p.ctx.database.db
      .selectFrom('vault_keys')
      .selectAll()
      .where('key_ref', '=', destroyed.id)
      .executeTakeFirst();
    expect(vaultRow).toBeUndefined();
  });

  test('renewal opens 30 days before expiry: new certificate and SESeal version, same code', async () => {
    const seal = await activeSeal({ name: '西安市市场监督管理局（续期）' }, 40);
    expect((await rejected(sealAdmin.renewSeal({ params: { id: seal.id }, body: {} }))).code).toBe(
      'SEALS_RENEWAL_TOO_EARLY',
    );
    await advance(11 * 86_400_000);
    const renewed = await sealAdmin.renewSeal({ params: { id: seal.id }, body: {} });
    expect(renewed).toMatchObject({ code: seal.code, sealVersion: 2, status: 'active' });
    expect(renewed.certificatePem).not.toBe(seal.certificatePem);
    expect(new Date(renewed.validTo!).getTime()).toBeGreaterThan(new Date(seal.validTo!).getTime());
    const detail = await sealAdmin.getSeal({ params: { id: seal.id } });
    expect(detail.versions.map((v) => v.version)).toEqual([1, 2]);

    // Without renewal the seal expires: the job marks it, and it can no longer sign.
    const lapsing = await activeSeal({ name: '西安市市场监督管理局（到期）' }, 30);
    expect(await expireSeals(p.ctx.deps)).toBe(0);
    await advance(31 * 86_400_000);
    expect(await expireSeals(p.ctx.deps)).toBeGreaterThanOrEqual(1);
    expect(await expireSeals(p.ctx.deps)).toBe(0);
    expect((await sealAdmin.getSeal({ params: { id: lapsing.id } })).seal.status).toBe('expired');
    expect((await p.client().publicSealStatus({ params: { code: lapsing.code } })).status).toBe('expired');
  });

  test('a two-step chain needs the department and then the region approver', async () => {
    const admin = await p.adminClient();
    const regionSealAdmin = (await p.userWithRole('seal_admin', { regionCode: orgs.cityCode })).client;
    await regionSealAdmin.setSealApprovalChain({
      params: { regionCode: orgs.cityCode },
      body: { steps: [{ scope: 'department' }, { scope: 'region', regionCode: orgs.cityCode }] },
    });
    const regionApprover = (await p.userWithRole('approver', { regionCode: orgs.cityCode })).client;
    const applied = await apply(sealAdmin, { name: '西安市市场监督管理局（两级审批）' });
    expect(applied.approvalSteps).toHaveLength(2);
    expect(
      (await approver.reviewSeal({ params: { id: applied.id }, body: { decision: 'approve' } })).status,
    ).toBe('applied');
    // The second step belongs to the region: a department approver cannot take it.
    expect(
      (await rejected(approver.reviewSeal({ params: { id: applied.id }, body: { decision: 'approve' } })))
        .code,
    ).toBe('AUTH_FORBIDDEN');
    expect(
      (await regionApprover.reviewSeal({ params: { id: applied.id }, body: { decision: 'approve' } })).status,
    ).toBe('approved');
    // Back to the default single step for the tests that follow.
    await regionSealAdmin.setSealApprovalChain({
      params: { regionCode: orgs.cityCode },
      body: { steps: [{ scope: 'department' }] },
    });
    expect(
      (
        await rejected(
          admin.setSealApprovalChain({
            params: { regionCode: orgs.cityCode },
            body: { steps: [{ scope: 'department' }] },
          }),
        )
      ).code,
    ).toBe('AUTH_FORBIDDEN');
  });
});

describe('data signing, batch sealing, timestamps, an external CA, change of name', () => {
  test('change of name: a new seal with the new name; the old one is revoked when the new one is filed', async () => {
    const old = await activeSeal({ name: '西安市市场监督管理局（旧名）' });
    const changed = await sealAdmin.changeSeal({
      params: { id: old.id },
      body: { name: '西安市市场监督管理局（新名）', reason: '机构更名' },
    });
    expect(changed).toMatchObject({
      status: 'applied',
      replacesSealId: old.id,
      name: '西安市市场监督管理局（新名）',
    });
    expect(changed.code).not.toBe(old.code);
    await approver.reviewSeal({ params: { id: changed.id }, body: { decision: 'approve' } });
    await keeper.makeSeal({ params: { id: changed.id }, body: { pin: PIN } });
    expect((await sealAdmin.getSeal({ params: { id: old.id } })).seal.status).toBe('active');
    await sealAdmin.fileSeal({
      params: { id: changed.id },
      body: { filingNumber: 'GA-CHANGE-1', authority: '西安市公安局' },
    });
    const detail = await sealAdmin.getSeal({ params: { id: old.id } });
    expect(detail.seal.status).toBe('revoked');
    expect(detail.history.at(-1)).toMatchObject({
      action: 'revoke',
      reason: expect.stringContaining(changed.code),
    });
  });

  test('a JSON form signed with an SM2 seal verifies (SES + CMS); any change of the data does not', async () => {
    const seal = await activeSeal({ name: '西安市市场监督管理局（表单）' });
    const request = await issuer.requestSealUse({
      params: { id: seal.id },
      body: { reason: '网上申报表签章', documentName: '申报表', uses: 1 },
    });
    await approver.reviewSealUse({ params: { id: request.id }, body: { decision: 'approve' } });
    const data = { 申请人: '张三', 金额: 1234.5, 项目: ['营业执照', '食品经营许可证'], 同意: true, z: null };
    const signed = await keeper.signData({ params: { id: request.id }, body: { pin: PIN, data } });
    expect(signed.canonical).toBe(
      '{"z":null,"同意":true,"申请人":"张三","金额":1234.5,"项目":["营业执照","食品经营许可证"]}',
    );
    expect(signed.sesSignatureBase64).not.toBeNull();
    const reordered = { 项目: data.项目, 金额: 1234.5, z: null, 申请人: '张三', 同意: true };
    const ok = await p.client().verifyData({
      body: { data: reordered, sesSignatureBase64: signed.sesSignatureBase64!, cmsBase64: signed.cmsBase64 },
    });
    expect(ok.checks.filter((c) => c.status === 'INVALID' || c.status === 'ERROR')).toEqual([]);
    expect(ok).toMatchObject({ verdict: 'VALID', sealCode: seal.code });
    const changed = await p.client().verifyData({
      body: {
        data: { ...data, 金额: 1234.6 },
        sesSignatureBase64: signed.sesSignatureBase64!,
        cmsBase64: signed.cmsBase64,
      },
    });
    expect(changed.verdict).toBe('INVALID');
    expect(changed.checks.filter((c) => c.status === 'INVALID').map((c) => c.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^SES_/), expect.stringMatching(/^CMS_/)]),
    );
    expect(
      (await rejected(keeper.signData({ params: { id: request.id }, body: { pin: PIN, data } }))).code,
    ).toBe('SEALS_USE_EXHAUSTED');
  });

  test('batch sealing uses one approval for several documents; a timestamp from the built-in TSA', async () => {
    const seal = await activeSeal({
      type: 'business',
      purpose: 'contract',
      name: '西安市市场监督管理局合同专用章（批量）',
      algorithm: 'ecdsa-p256',
    });
    const request = await issuer.requestSealUse({
      params: { id: seal.id },
      body: { reason: '批量合同用印', documentName: '三份合同', uses: 3 },
    });
    await approver.reviewSealUse({ params: { id: request.id }, body: { decision: 'approve' } });
    const docs = await Promise.all([1, 2, 3, 4].map((i) => samplePdf(1, `Contract ${i}`)));
    const { results } = await keeper.sealPdfBatch({
      params: { id: request.id },
      body: {
        pin: PIN,
        documents: docs.map((d, i) => ({
          name: `合同${i + 1}.pdf`,
          pdfBase64: Buffer.from(d).toString('base64'),
          placement: { kind: 'last-page' as const },
        })),
      },
    });
    expect(results.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'SEALS_USE_EXHAUSTED']);

    const tsRequest = await issuer.requestSealUse({
      params: { id: seal.id },
      body: { reason: '带时间戳', documentName: 'ts', uses: 1 },
    });
    await approver.reviewSealUse({ params: { id: tsRequest.id }, body: { decision: 'approve' } });
    const { pdfBase64 } = await keeper.sealPdf({
      params: { id: tsRequest.id },
      body: {
        pin: PIN,
        pdfBase64: Buffer.from(docs[0]!).toString('base64'),
        placement: { kind: 'last-page' },
        timestamp: true,
      },
    });
    const report = await p.client().verifyPdf({ body: { pdfBase64 } });
    expect(report.signatures[0]!.timestampTime).not.toBeNull();
    expect(report.signatures[0]!.checks).toContainEqual(
      expect.objectContaining({ name: 'TIMESTAMP', status: 'VALID' }),
    );
    expect(report.verdict).toBe('VALID');
  });

  test('a real CA: the keeper exports a CSR and imports the certificate it issued', async () => {
    const applied = await apply(sealAdmin, { name: '西安市市场监督管理局（外部CA）' });
    await approver.reviewSeal({ params: { id: applied.id }, body: { decision: 'approve' } });
    const { csrPem } = await keeper.requestSealCsr({ params: { id: applied.id }, body: { pin: PIN } });
    const csr = parseCsr(csrPem);
    expect(verifyCsr(csr)).toBe(true);
    // An "external" CA that is not the platform's.
    const rootKey = sm2GenerateKeyPair();
    const rootSpki = sm2PublicKeyToSpki(rootKey.publicKey);
    const signRoot = async (d: Uint8Array) => sm2Sign(rootKey.privateKey, d);
    const now = p.clock.now();
    const later = new Date(now.getTime() + 365 * 86_400_000);
    const root = await createCertificate({
      subject: [{ type: 'CN', value: '外部测试CA' }],
      publicKey: rootSpki,
      serialNumber: '01',
      notBefore: now,
      notAfter: later,
      sign: signRoot,
      extensions: { basicConstraints: { ca: true }, keyUsage: ['keyCertSign'] },
    });
    const issued = await createCertificate({
      subject: csr.subject,
      publicKey: csr.publicKey.spki,
      serialNumber: '02',
      notBefore: now,
      notAfter: later,
      issuer: root,
      sign: signRoot,
      extensions: { keyUsage: ['digitalSignature', 'nonRepudiation'] },
    });
    const wrongKey = await createCertificate({
      ...{
        subject: csr.subject,
        serialNumber: '03',
        notBefore: now,
        notAfter: later,
        issuer: root,
        sign: signRoot,
      },
      publicKey: rootSpki,
    });
    expect(
      (
        await rejected(
          keeper.importSealCertificate({
            params: { id: applied.id },
            body: { certificatePem: encodePem('CERTIFICATE', wrongKey.der) },
          }),
        )
      ).code,
    ).toBe('SEALS_CERTIFICATE_INVALID');
    const made = await keeper.importSealCertificate({
      params: { id: applied.id },
      body: { certificatePem: encodePem('CERTIFICATE', issued.der) },
    });
    expect(made).toMatchObject({ status: 'made', sealVersion: 1 });
    expect(parseCertificate(made.certificatePem!).issuer.text).toContain('外部测试CA');
  });
});
