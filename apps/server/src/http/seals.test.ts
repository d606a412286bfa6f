import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decodeSeal, parseCertificate, validateCertificatePath, verifySeal } from '@zhengyin/gm';
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
  p = await createTestPlatform();
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
