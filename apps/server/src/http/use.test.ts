import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Actor } from '@zhengyin/core';
import {
  authoriseUse,
  createShowToken,
  decideConsent,
  listHolderUsage,
  listPendingConsents,
  signShowToken,
} from '@zhengyin/core';
import { annotationTime, verifyOfd, verifyPdf } from '@zhengyin/documents';
import { createClient, type Client } from '@zhengyin/sdk';
import { nodeAppSigner } from '@zhengyin/sdk/node';
import type { TestPlatform } from '../testing/index.js';
import {
  BUSINESS_TYPE_CODE,
  SEAL_PIN,
  createTestPlatform,
  loginHolder,
  publishedTypeWithSeal,
  rejected,
  testUscc,
} from '../testing/index.js';

let p: TestPlatform;
let orgs: Awaited<ReturnType<TestPlatform['seedOrgs']>>;
let issuer: Client;
/** 用证人员 of deptB (the using department), of deptOther, and the region administrator of deptB. */
let operator: Client;
let otherOperator: Client;
let regionAdmin: Client;
const meta = { requestId: 'use-test', clientIp: null };

const H1 = { name: '西安证印科技有限公司', code: '91350100M000100Y43' };
const H2 = { name: '西安第二科技有限公司', code: testUscc('MA6T0002') };
const holderActor = (h: { name: string; code: string }, id = 'hs-1'): Actor => ({
  kind: 'holder',
  id,
  holderCodeType: '001',
  holderCode: h.code,
  name: h.name,
});
let licenseH1: { id: string; identifier: string; fileSha256?: string };
let licenseH2: { id: string; identifier: string };

const ITEM = 'SX-KB-001';
const ITEM_NO_DUTY = 'SX-KB-002';

async function count(table: string, where = sql`true`): Promise<number> {
  const { rows } = await sql<{
    n: string;
  }>`select count(*)::text as n from ${sql.table(table)} where ${where}`.execute(p.db.database.db);
  return Number(rows[0]!.n);
}

const audits = async (action: string) =>
  p.ctx.deps.uow.run((r) => r.auditReader.query({ action, limit: 1000 }));

/** Everything a refusal must leave untouched. */
async function state() {
  return {
    contexts: await count('usage_contexts'),
    codes: await count('use_codes'),
    used: await count('use_codes', sql`used_at is not null`),
    records: await count('use_records'),
    redeemed: (await audits('use.redeemed')).length,
  };
}

const contextBody = (extra: Record<string, unknown> = {}) => ({
  cause: '企业开办核验营业执照',
  itemCode: ITEM,
  businessNumber: `BJ-${Math.random().toString(36).slice(2, 10)}`,
  holderCode: H1.code,
  holderCodeType: '001' as const,
  licenseTypeCodes: [BUSINESS_TYPE_CODE],
  dataItems: ['FDDBR', 'CLRQ'],
  stage: '受理',
  place: '政务服务大厅 3 号窗口',
  mode: 'duty' as const,
  ...extra,
});

beforeAll(async () => {
  // The tests move the clock by hours in total; staff sessions must outlive that.
  p = await createTestPlatform({
    ZHENGYIN_SESSION_IDLE_MINUTES: '1440',
    ZHENGYIN_SESSION_TTL_MINUTES: '10080',
  });
  orgs = await p.seedOrgs();
  ({ issuer } = await publishedTypeWithSeal(p, orgs.deptA, orgs.provinceCode));
  const issue = (h: { name: string; code: string }) =>
    issuer.issueLicense({
      body: {
        typeCode: BUSINESS_TYPE_CODE,
        departmentId: orgs.deptA,
        sealPin: SEAL_PIN,
        item: { holder: h, data: { FDDBR: '李四', CLRQ: '2021-03-15', ZCZB: 500 } },
      } as never,
    });
  licenseH1 = await issue(H1);
  licenseH2 = await issue(H2);
  operator = (await p.userWithRole('user_operator', { departmentId: orgs.deptB })).client;
  otherOperator = (await p.userWithRole('user_operator', { departmentId: orgs.deptOther })).client;
  regionAdmin = (await p.userWithRole('region_admin', { regionCode: orgs.cityCode })).client;
  const otherAdmin = (await p.userWithRole('region_admin', { regionCode: orgs.otherCityCode })).client;
  for (const [client, admin, departmentId] of [
    [operator, regionAdmin, orgs.deptB],
    [otherOperator, otherAdmin, orgs.deptOther],
  ] as const) {
    for (const [itemCode, dutyBased] of [
      [ITEM, true],
      [ITEM_NO_DUTY, false],
    ] as const) {
      const entry = await client.createUseListEntry({
        body: {
          departmentId,
          itemCode,
          itemName: '企业开办',
          licenseTypeCode: BUSINESS_TYPE_CODE,
          dataItems: ['FDDBR', 'CLRQ'],
          purpose: '核验企业登记信息',
          dutyBased,
        },
      });
      await client.advanceUseListEntry({ params: { id: entry.id }, body: { action: 'submit' } });
      await admin.advanceUseListEntry({ params: { id: entry.id }, body: { action: 'approve' } });
    }
  }
}, 120_000);
afterAll(() => p.close());

describe('use lists (用证清单)', () => {
  test('data items are checked against the published type; a bad entry creates nothing', async () => {
    const before = await count('use_list_entries');
    const bad = await rejected(
      operator.createUseListEntry({
        body: {
          departmentId: orgs.deptB,
          itemCode: 'SX-X',
          itemName: '某事项',
          licenseTypeCode: BUSINESS_TYPE_CODE,
          dataItems: ['FDDBR', 'NOPE'],
          purpose: '核验',
          dutyBased: false,
        },
      }),
    );
    expect(bad.code).toBe('USE_LIST_ENTRY_INVALID');
    expect(JSON.stringify(bad.details)).toContain('NOPE');
    const unpublished = await rejected(
      operator.createUseListEntry({
        body: {
          departmentId: orgs.deptB,
          itemCode: 'SX-X',
          itemName: '某事项',
          licenseTypeCode: '11100000000013338W999',
          dataItems: ['FDDBR'],
          purpose: '核验',
          dutyBased: false,
        },
      }),
    );
    expect(unpublished.code).toBe('USE_LIST_ENTRY_INVALID');
    const forOther = await rejected(
      operator.createUseListEntry({
        body: {
          departmentId: orgs.deptOther,
          itemCode: 'SX-X',
          itemName: '某事项',
          licenseTypeCode: BUSINESS_TYPE_CODE,
          dataItems: ['FDDBR'],
          purpose: '核验',
          dutyBased: false,
        },
      }),
    );
    expect(forOther.code).toBe('AUTH_FORBIDDEN');
    expect(await count('use_list_entries')).toBe(before);
  });

  test('workflow: only the region administrator of the department approves; an edit goes back to draft', async () => {
    const entry = await operator.createUseListEntry({
      body: {
        departmentId: orgs.deptB,
        itemCode: 'SX-WF-1',
        itemName: '流程事项',
        licenseTypeCode: BUSINESS_TYPE_CODE,
        dataItems: ['FDDBR'],
        purpose: '核验',
        dutyBased: true,
      },
    });
    expect(entry.status).toBe('draft');
    expect(
      (
        await rejected(
          regionAdmin.advanceUseListEntry({ params: { id: entry.id }, body: { action: 'approve' } }),
        )
      ).code,
    ).toBe('USE_LIST_INVALID_TRANSITION');
    await operator.advanceUseListEntry({ params: { id: entry.id }, body: { action: 'submit' } });
    expect(
      (
        await rejected(
          operator.advanceUseListEntry({ params: { id: entry.id }, body: { action: 'approve' } }),
        )
      ).code,
    ).toBe('AUTH_FORBIDDEN');
    const elsewhere = (await p.userWithRole('region_admin', { regionCode: orgs.otherCityCode })).client;
    expect(
      (
        await rejected(
          elsewhere.advanceUseListEntry({ params: { id: entry.id }, body: { action: 'approve' } }),
        )
      ).code,
    ).toBe('AUTH_FORBIDDEN');
    expect(
      (
        await rejected(
          regionAdmin.advanceUseListEntry({ params: { id: entry.id }, body: { action: 'reject' } }),
        )
      ).code,
    ).toBe('USE_LIST_ENTRY_INVALID');
    const approved = await regionAdmin.advanceUseListEntry({
      params: { id: entry.id },
      body: { action: 'approve' },
    });
    expect(approved).toMatchObject({ status: 'approved', reviewComment: null });

    const ctx = await operator.createUsageContext({
      body: contextBody({ itemCode: 'SX-WF-1', dataItems: ['FDDBR'] }),
    });
    expect(ctx.context.status).toBe('approved');

    const edited = await operator.updateUseListEntry({
      params: { id: entry.id },
      body: { dataItems: ['FDDBR', 'CLRQ'] },
    });
    expect(edited.status).toBe('draft');
    const refused = await rejected(
      operator.createUsageContext({ body: contextBody({ itemCode: 'SX-WF-1', dataItems: ['FDDBR'] }) }),
    );
    expect(refused.code).toBe('USE_NOT_IN_USE_LIST');
    // The code of the earlier context no longer works either: the entry stopped authorising use.
    expect(
      (await rejected(operator.redeemUseCode({ body: { code: ctx.code!.code, kind: 'data' } }))).code,
    ).toBe('USE_NOT_IN_USE_LIST');

    const actions = (await audits('use.list.approved')).filter((e) => e.targetId === entry.id);
    expect(actions).toHaveLength(1);
    expect((await audits('use.list.updated')).some((e) => e.targetId === entry.id)).toBe(true);
    const page = await operator.listUseListEntries({ query: { itemCode: 'SX-WF-1' } });
    expect(page.items.map((e) => e.id)).toEqual([entry.id]);
    expect((await otherOperator.listUseListEntries({ query: { itemCode: 'SX-WF-1' } })).total).toBe(0);
  });
});

describe('use-codes (用证码)', () => {
  test('a duty-based context gets a code at once; redeeming returns only the allowed data items, once', async () => {
    const created = await operator.createUsageContext({ body: contextBody() });
    expect(created.context).toMatchObject({ status: 'approved', mode: 'duty', departmentId: orgs.deptB });
    const code = created.code!.code;
    expect(code).toMatch(/^[A-Za-z0-9_-]{27}$/);
    // Only the digest is stored.
    expect(await count('use_codes', sql`code_hash = ${code}`)).toBe(0);

    const data = await operator.redeemUseCode({ body: { code, kind: 'data', dataItems: ['FDDBR'] } });
    expect(data.kind).toBe('data');
    if (data.kind !== 'data') throw new Error('unreachable');
    expect(data.licenses).toHaveLength(1);
    expect(data.licenses[0]!.identifier).toBe(licenseH1.identifier);
    expect(data.licenses[0]!.data).toEqual({ FDDBR: '李四' });

    const before = await state();
    const refusedBefore = (await audits('use.code.refused')).length;
    const again = await rejected(operator.redeemUseCode({ body: { code, kind: 'data' } }));
    expect(again.code).toBe('USE_CODE_ALREADY_USED');
    expect(await state()).toEqual(before);
    const refusals = await audits('use.code.refused');
    expect(refusals.length).toBe(refusedBefore + 1);
    expect(refusals[0]!.details).toMatchObject({ code: 'USE_CODE_ALREADY_USED', kind: 'data' });

    const usage = await listHolderUsage(p.ctx.deps, {
      actor: holderActor(H1),
      input: { page: 1, pageSize: 50 },
    });
    const mine = usage.items.find((u) => u.contextId === created.context.id)!;
    expect(mine).toMatchObject({
      departmentId: orgs.deptB,
      cause: '企业开办核验营业执照',
      itemCode: ITEM,
      businessNumber: created.context.businessNumber,
      licenseIdentifier: licenseH1.identifier,
      fields: ['FDDBR'],
      kind: 'data',
    });
  });

  test('all data items of the context when none are named, never ZCZB (outside the use list)', async () => {
    const { code } = await operator.createUsageContext({ body: contextBody() });
    const data = await operator.redeemUseCode({ body: { code: code!.code, kind: 'data' } });
    if (data.kind !== 'data') throw new Error('unreachable');
    expect(data.licenses[0]!.data).toEqual({ FDDBR: '李四', CLRQ: '2021-03-15' });
    const outside = await rejected(
      operator.createUsageContext({ body: contextBody({ dataItems: ['FDDBR', 'ZCZB'] }) }),
    );
    expect(outside.code).toBe('USE_DATA_ITEM_NOT_ALLOWED');
  });

  test('a data item outside the context is refused, audited, and the code stays usable', async () => {
    const { code } = await operator.createUsageContext({ body: contextBody({ dataItems: ['FDDBR'] }) });
    const before = await state();
    const refused = await rejected(
      operator.redeemUseCode({ body: { code: code!.code, kind: 'data', dataItems: ['CLRQ'] } }),
    );
    expect(refused.code).toBe('USE_DATA_ITEM_NOT_ALLOWED');
    expect(await state()).toEqual(before);
    expect((await audits('use.code.refused'))[0]!.details).toMatchObject({
      code: 'USE_DATA_ITEM_NOT_ALLOWED',
    });
    const ok = await operator.redeemUseCode({ body: { code: code!.code, kind: 'data' } });
    if (ok.kind !== 'data') throw new Error('unreachable');
    expect(ok.licenses[0]!.data).toEqual({ FDDBR: '李四' });
  });

  test('another department cannot redeem the code; refused, audited, nothing changed', async () => {
    const { code } = await operator.createUsageContext({ body: contextBody() });
    const before = await state();
    const refused = await rejected(otherOperator.redeemUseCode({ body: { code: code!.code, kind: 'data' } }));
    expect(refused.code).toBe('USE_CODE_WRONG_DEPARTMENT');
    expect(await state()).toEqual(before);
    const last = (await audits('use.code.refused'))[0]!;
    expect(last.details).toMatchObject({ code: 'USE_CODE_WRONG_DEPARTMENT', departmentId: orgs.deptOther });
    expect((await operator.redeemUseCode({ body: { code: code!.code, kind: 'data' } })).kind).toBe('data');
  });

  test('an expired code is refused and audited; the file of a fresh code is the signed original', async () => {
    const { context } = await operator.createUsageContext({ body: contextBody() });
    const issued = await operator.issueUseCode({ params: { id: context.id } });
    expect(new Date(issued.expiresAt).getTime() - p.clock.now().getTime()).toBe(10 * 60_000);
    p.clock.advance(10 * 60_000 + 1000);
    const before = await state();
    const refused = await rejected(operator.redeemUseCode({ body: { code: issued.code, kind: 'file' } }));
    expect(refused.code).toBe('USE_CODE_EXPIRED');
    expect(await state()).toEqual(before);
    expect((await audits('use.code.refused'))[0]!.details).toMatchObject({
      code: 'USE_CODE_EXPIRED',
      kind: 'file',
    });

    const fresh = await operator.issueUseCode({ params: { id: context.id } });
    const file = await operator.redeemUseCode({ body: { code: fresh.code, kind: 'file' } });
    if (file.kind !== 'file') throw new Error('unreachable');
    const original = await issuer.licenseFile({ params: { id: licenseH1.id } });
    expect(file.pdfBase64).toBe(original.pdfBase64);
    expect(file.sha256).toBe(original.sha256);
  });

  test('a 加注件: the original plus the platform-signed annotation for the using department, once', async () => {
    const { code, context } = await operator.createUsageContext({ body: contextBody() });
    const now = p.clock.now();
    const out = await operator.redeemUseCode({ body: { code: code!.code, kind: 'annotated' } });
    if (out.kind !== 'annotated') throw new Error('unreachable');
    const pdf = new Uint8Array(Buffer.from(out.pdfBase64, 'base64'));
    const original = Buffer.from(
      (await issuer.licenseFile({ params: { id: licenseH1.id } })).pdfBase64,
      'base64',
    );
    expect(Buffer.from(pdf.subarray(0, original.length)).equals(original)).toBe(true);
    const cas = await p.ctx.deps.uow.run((r) => r.certificateAuthorities.list());
    const report = await verifyPdf(pdf, { trustAnchors: cas.map((ca) => ca.certificate) });
    expect(report.verdict).toBe('VALID');
    expect(report.signatures[1]?.annotation).toMatchObject({
      creationTime: annotationTime(now),
      creator: '西安市行政审批服务局',
      cause: context.cause,
      licenseIdentifier: licenseH1.identifier,
      itemCode: ITEM,
      itemName: '企业开办',
    });
    expect(await count('annotated_copies', sql`use_context_id = ${context.id}`)).toBe(1);
    expect(await count('use_records', sql`context_id = ${context.id} and kind = 'annotated'`)).toBe(1);
    const again = await rejected(operator.redeemUseCode({ body: { code: code!.code, kind: 'annotated' } }));
    expect(again.code).toBe('USE_CODE_ALREADY_USED');
    expect(await count('annotated_copies', sql`use_context_id = ${context.id}`)).toBe(1);
  });

  test('unknown and malformed codes are refused as invalid', async () => {
    const before = await state();
    for (const code of ['AAAAAAAAAAAAAAAAAAAAAAAAAAA', 'not a code!']) {
      expect((await rejected(operator.redeemUseCode({ body: { code, kind: 'data' } }))).code).toBe(
        'USE_CODE_INVALID',
      );
    }
    expect(await state()).toEqual(before);
  });

  test('use is refused without duty permission in the list, and codes need an approved context', async () => {
    const before = await state();
    const refused = await rejected(
      operator.createUsageContext({ body: contextBody({ itemCode: ITEM_NO_DUTY }) }),
    );
    expect(refused.code).toBe('USE_DUTY_NOT_ALLOWED');
    expect(await state()).toEqual(before);
    expect((await audits('use.context.refused'))[0]!.details).toMatchObject({ code: 'USE_DUTY_NOT_ALLOWED' });

    const pending = await operator.createUsageContext({
      body: contextBody({ itemCode: ITEM_NO_DUTY, mode: 'consent' }),
    });
    expect(pending.context.status).toBe('pending_consent');
    expect(pending.code).toBeNull();
    expect((await rejected(operator.issueUseCode({ params: { id: pending.context.id } }))).code).toBe(
      'USE_CONTEXT_NOT_APPROVED',
    );
    const badHolder = await rejected(
      operator.createUsageContext({ body: contextBody({ holderCode: '91350100M000100Y44' }) }),
    );
    expect(badHolder.code).toBe('USE_CONTEXT_INVALID');
  });

  test('authoriseUse (for the sharing API): a code works once, a duty context by id', async () => {
    const actor = { kind: 'app' as const, id: 'app-x', departmentId: orgs.deptB, scopes: ['licenses:use'] };
    const { context, code } = await operator.createUsageContext({ body: contextBody() });
    const use = await authoriseUse(p.ctx.deps, p.ctx.use, { actor, meta, input: { code: code!.code } });
    expect(use.context).toMatchObject({ id: context.id, holderCode: H1.code, dataItems: ['FDDBR', 'CLRQ'] });
    await expect(
      authoriseUse(p.ctx.deps, p.ctx.use, { actor, meta, input: { code: code!.code } }),
    ).rejects.toMatchObject({
      code: 'USE_CODE_ALREADY_USED',
    });
    const duty = await authoriseUse(p.ctx.deps, p.ctx.use, {
      actor,
      meta,
      input: { dutyContextId: context.id },
    });
    expect(duty.via).toBe('duty');
    const otherApp = { ...actor, departmentId: orgs.deptOther };
    await expect(
      authoriseUse(p.ctx.deps, p.ctx.use, { actor: otherApp, meta, input: { dutyContextId: context.id } }),
    ).rejects.toMatchObject({ code: 'USE_CONTEXT_NOT_FOUND' });
  });

  test('a business system with the licenses:use scope creates and redeems; without the scope it is refused', async () => {
    const admin = await p.adminClient();
    const signed = async (scopes: ('licenses:use' | 'orgs:read')[]) => {
      const { app, secret } = await admin.createApp({
        body: { name: `用证系统${scopes.join()}`, departmentId: orgs.deptB, scopes },
      });
      return createClient({
        baseUrl: 'http://zhengyin.test',
        fetch: p.fetchFrom(),
        signer: nodeAppSigner({ appKey: app.appKey, secret, now: () => p.clock.now().getTime() }),
      });
    };
    const system = await signed(['licenses:use']);
    const created = await system.createUsageContext({ body: contextBody({ operator: '王五' }) });
    expect(created.context).toMatchObject({ createdByKind: 'app', operator: '王五' });
    const data = await system.redeemUseCode({ body: { code: created.code!.code, kind: 'data' } });
    expect(data.kind).toBe('data');
    const noScope = await signed(['orgs:read']);
    expect((await rejected(noScope.createUsageContext({ body: contextBody() }))).code).toBe(
      'AUTH_SCOPE_MISSING',
    );
  });

  test('guessing: after 10 failures in 10 minutes the department is locked out, durably, and audited', async () => {
    const guesses = Array.from({ length: 10 }, (_, i) => `guess${String(i).padStart(20, '0')}`);
    for (const code of guesses)
      expect((await rejected(otherOperator.redeemUseCode({ body: { code, kind: 'data' } }))).code).toBe(
        'USE_CODE_INVALID',
      );
    const locked = await rejected(otherOperator.redeemUseCode({ body: { code: guesses[0]!, kind: 'data' } }));
    expect(locked.code).toBe('USE_CODE_LOCKED');
    expect(await count('use_code_lockouts', sql`subject = ${`department:${orgs.deptOther}`}`)).toBe(1);
    const lockEvents = await audits('use.code.locked');
    expect(lockEvents).toHaveLength(1);
    expect(lockEvents[0]!.targetId).toBe(`department:${orgs.deptOther}`);
    // A valid code does not help while locked; another department is not affected.
    const { code } = await otherOperator.createUsageContext({ body: contextBody() });
    expect(
      (await rejected(otherOperator.redeemUseCode({ body: { code: code!.code, kind: 'data' } }))).code,
    ).toBe('USE_CODE_LOCKED');
    const mine = await operator.createUsageContext({ body: contextBody() });
    expect((await operator.redeemUseCode({ body: { code: mine.code!.code, kind: 'data' } })).kind).toBe(
      'data',
    );
    p.clock.advance(16 * 60_000);
    const fresh = await otherOperator.createUsageContext({ body: contextBody() });
    expect((await otherOperator.redeemUseCode({ body: { code: fresh.code!.code, kind: 'data' } })).kind).toBe(
      'data',
    );
  });
});

describe('consent and the holder', () => {
  test('the holder approves; another holder can neither see nor decide it', async () => {
    const { context } = await operator.createUsageContext({ body: contextBody({ mode: 'consent' }) });
    const pending = await listPendingConsents(p.ctx.deps, { actor: holderActor(H1) });
    expect(pending.map((c) => c.contextId)).toContain(context.id);
    expect(pending.find((c) => c.contextId === context.id)).toMatchObject({
      departmentName: '西安市行政审批服务局',
    });
    expect(
      (await listPendingConsents(p.ctx.deps, { actor: holderActor(H2, 'hs-2') })).map((c) => c.contextId),
    ).not.toContain(context.id);
    const auditBefore = (await audits('use.context.consented')).length;
    await expect(
      decideConsent(p.ctx.deps, {
        actor: holderActor(H2, 'hs-2'),
        meta,
        input: { contextId: context.id, approve: true },
      }),
    ).rejects.toMatchObject({ code: 'USE_CONTEXT_NOT_FOUND' });
    expect((await operator.getUsageContext({ params: { id: context.id } })).status).toBe('pending_consent');
    expect((await audits('use.context.consented')).length).toBe(auditBefore);
    const staff = { kind: 'system' as const, id: 'system' };
    await expect(
      decideConsent(p.ctx.deps, { actor: staff, meta, input: { contextId: context.id, approve: true } }),
    ).rejects.toMatchObject({ code: 'AUTH_FORBIDDEN' });

    const decided = await decideConsent(p.ctx.deps, {
      actor: holderActor(H1),
      meta,
      input: { contextId: context.id, approve: true },
    });
    expect(decided.status).toBe('approved');
    await expect(
      decideConsent(p.ctx.deps, {
        actor: holderActor(H1),
        meta,
        input: { contextId: context.id, approve: false },
      }),
    ).rejects.toMatchObject({ code: 'USE_CONTEXT_NOT_PENDING' });
    const code = await operator.issueUseCode({ params: { id: context.id } });
    const data = await operator.redeemUseCode({ body: { code: code.code, kind: 'data' } });
    expect(data.kind).toBe('data');
  });

  test('a declined or expired request gives no code', async () => {
    const declined = await operator.createUsageContext({ body: contextBody({ mode: 'consent' }) });
    await decideConsent(p.ctx.deps, {
      actor: holderActor(H1),
      meta,
      input: { contextId: declined.context.id, approve: false, reason: '不认识该部门' },
    });
    expect((await rejected(operator.issueUseCode({ params: { id: declined.context.id } }))).code).toBe(
      'USE_CONTEXT_NOT_APPROVED',
    );
    const late = await operator.createUsageContext({ body: contextBody({ mode: 'consent' }) });
    p.clock.advance(31 * 60_000);
    expect((await operator.getUsageContext({ params: { id: late.context.id } })).status).toBe('expired');
    await expect(
      decideConsent(p.ctx.deps, {
        actor: holderActor(H1),
        meta,
        input: { contextId: late.context.id, approve: true },
      }),
    ).rejects.toMatchObject({ code: 'USE_CONTEXT_EXPIRED' });
    const expired = await operator.listUsageContexts({ query: { status: 'expired' } });
    expect(expired.items.map((c) => c.id)).toContain(late.context.id);
  });

  test('over HTTP: the holder lists, approves and sees the use in the usage history', async () => {
    const holder = await loginHolder(p, { holderCode: H1.code, holderCodeType: '001', name: H1.name });
    const { context } = await operator.createUsageContext({ body: contextBody({ mode: 'consent' }) });
    const { items } = await holder.client.listPendingConsents({});
    expect(items.map((c) => c.contextId)).toContain(context.id);
    const decided = await holder.client.decideConsent({
      params: { id: context.id },
      body: { approve: true },
    });
    expect(decided.status).toBe('approved');
    const code = await operator.issueUseCode({ params: { id: context.id } });
    await operator.redeemUseCode({ body: { code: code.code, kind: 'data', dataItems: ['CLRQ'] } });
    const usage = await holder.client.listHolderUsage({ query: {} });
    expect(usage.items.find((u) => u.contextId === context.id)).toMatchObject({
      fields: ['CLRQ'],
      kind: 'data',
    });
    // Staff cannot call holder endpoints.
    expect((await rejected(operator.listPendingConsents({}))).status).toBe(401);
  });
});

describe('亮证 (show tokens)', () => {
  const token = () =>
    createShowToken(p.ctx.deps, p.ctx.use, {
      actor: holderActor(H1),
      meta,
      input: { licenseId: licenseH1.id },
    });

  test('scanned once: status, type, issuer and masked data; replay refused and audited', async () => {
    const { token: t, expiresAt } = await token();
    expect(t.length).toBeLessThan(120);
    expect(expiresAt.getTime() - p.clock.now().getTime()).toBeLessThanOrEqual(60_000);
    const shown = await operator.scanShowToken({ body: { token: t } });
    expect(shown).toMatchObject({
      identifier: licenseH1.identifier,
      status: 'valid',
      typeName: '营业执照',
      issuerName: '西安市市场监督管理局',
      data: { 法定代表人: '李*', 成立日期: '2021-03-15', '注册资本（万元）': '500' },
    });
    expect(shown.holderCode).not.toBe(H1.code);
    expect((await audits('use.show_token.scanned'))[0]!.targetId).toBe(licenseH1.id);
    const replay = await rejected(operator.scanShowToken({ body: { token: t } }));
    expect(replay.code).toBe('SHOW_TOKEN_REPLAYED');
    expect((await audits('use.show_token.refused'))[0]!.details).toMatchObject({
      code: 'SHOW_TOKEN_REPLAYED',
    });
  });

  test('expired and forged tokens are refused and audited', async () => {
    const { token: t } = await token();
    p.clock.advance(61_000);
    expect((await rejected(operator.scanShowToken({ body: { token: t } }))).code).toBe('SHOW_TOKEN_EXPIRED');
    const fresh = (await token()).token;
    const flipped = `${fresh.slice(0, 10)}${fresh[10] === 'A' ? 'B' : 'A'}${fresh.slice(11)}`;
    expect((await rejected(operator.scanShowToken({ body: { token: flipped } }))).code).toBe(
      'SHOW_TOKEN_INVALID',
    );
    const forged = signShowToken(new Uint8Array(32).fill(7), {
      licenseId: licenseH1.id,
      holderCodeType: '001',
      holderCode: H1.code,
      nonce: '00'.repeat(12),
      expiresAt: new Date(p.clock.now().getTime() + 60_000),
    });
    expect((await rejected(operator.scanShowToken({ body: { token: forged } }))).code).toBe(
      'SHOW_TOKEN_INVALID',
    );
    const codes = (await audits('use.show_token.refused')).slice(0, 3).map((e) => e.details.code);
    expect(codes).toEqual(['SHOW_TOKEN_INVALID', 'SHOW_TOKEN_INVALID', 'SHOW_TOKEN_EXPIRED']);
    // The untouched fresh token still works.
    expect((await operator.scanShowToken({ body: { token: fresh } })).status).toBe('valid');
  });

  test('a holder gets tokens only for own licences', async () => {
    await expect(
      createShowToken(p.ctx.deps, p.ctx.use, {
        actor: holderActor(H2, 'hs-2'),
        meta,
        input: { licenseId: licenseH1.id },
      }),
    ).rejects.toMatchObject({ code: 'LICENSE_NOT_FOUND' });
  });

  test('show-code mode binds the context to the token’s holder; another holder’s token is refused', async () => {
    const before = await state();
    const t2 = await createShowToken(p.ctx.deps, p.ctx.use, {
      actor: holderActor(H2, 'hs-2'),
      meta,
      input: { licenseId: licenseH2.id },
    });
    const mismatch = await rejected(
      operator.createUsageContext({
        body: contextBody({ mode: 'show-code', itemCode: ITEM_NO_DUTY, showToken: t2.token }),
      }),
    );
    expect(mismatch.code).toBe('USE_HOLDER_MISMATCH');
    expect(await state()).toEqual(before);
    expect((await audits('use.context.refused'))[0]!.details).toMatchObject({ code: 'USE_HOLDER_MISMATCH' });

    const t1 = await token();
    const bound = await operator.createUsageContext({
      body: contextBody({ mode: 'show-code', itemCode: ITEM_NO_DUTY, showToken: t1.token }),
    });
    expect(bound.context).toMatchObject({
      status: 'approved',
      mode: 'show-code',
      shownLicenseId: licenseH1.id,
    });
    expect(
      (
        await rejected(
          operator.createUsageContext({
            body: contextBody({ mode: 'show-code', itemCode: ITEM_NO_DUTY, showToken: t1.token }),
          }),
        )
      ).code,
    ).toBe('SHOW_TOKEN_REPLAYED');
    const data = await operator.redeemUseCode({ body: { code: bound.code!.code, kind: 'data' } });
    if (data.kind !== 'data') throw new Error('unreachable');
    expect(data.licenses.map((l) => l.identifier)).toEqual([licenseH1.identifier]);
  });

  test('over HTTP: the holder refreshes a token, the counter scans it', async () => {
    const holder = await loginHolder(p, { holderCode: H1.code, holderCodeType: '001', name: H1.name });
    const a = await holder.client.createShowToken({ params: { id: licenseH1.id } });
    const b = await holder.client.createShowToken({ params: { id: licenseH1.id } });
    expect(a.token).not.toBe(b.token);
    expect((await operator.scanShowToken({ body: { token: b.token } })).identifier).toBe(
      licenseH1.identifier,
    );
    expect((await rejected(holder.client.createShowToken({ params: { id: licenseH2.id } }))).code).toBe(
      'LICENSE_NOT_FOUND',
    );
  });
});

describe('use-codes hand over OFD files', () => {
  const H3 = { name: '西安版式文件科技有限公司', code: testUscc('MA6T0003') };
  let both: { id: string; identifier: string };
  const fromBase64 = (b64: string | undefined) => new Uint8Array(Buffer.from(b64 ?? '', 'base64'));

  beforeAll(async () => {
    // A fresh issuer session: the tests above moved the clock.
    const { client } = await p.userWithRole('issuer', { departmentId: orgs.deptA });
    both = await client.issueLicense({
      body: {
        typeCode: BUSINESS_TYPE_CODE,
        departmentId: orgs.deptA,
        sealPin: SEAL_PIN,
        fileFormat: 'both',
        item: { holder: H3, data: { FDDBR: '李四', CLRQ: '2021-03-15', ZCZB: 500 } },
      } as never,
    });
  });

  test('file: the signed OFD with format ofd, the PDF by default', async () => {
    const { code } = await operator.createUsageContext({ body: contextBody({ holderCode: H3.code }) });
    const file = await operator.redeemUseCode({ body: { code: code!.code, kind: 'file', format: 'ofd' } });
    if (file.kind !== 'file') throw new Error('unreachable');
    expect(file).toMatchObject({
      format: 'ofd',
      contentType: 'application/ofd',
      fileName: `${both.identifier}.ofd`,
    });
    expect(file.pdfBase64).toBeUndefined();
    const staff = (await p.userWithRole('auditor', { regionCode: orgs.provinceCode })).client;
    const original = await staff.licenseFile({ params: { id: both.id }, query: { format: 'ofd' } });
    expect(file.ofdBase64).toBe(original.ofdBase64);
    expect(file.sha256).toBe(original.sha256);

    const again = await operator.createUsageContext({ body: contextBody({ holderCode: H3.code }) });
    const pdf = await operator.redeemUseCode({ body: { code: again.code!.code, kind: 'file' } });
    if (pdf.kind !== 'file') throw new Error('unreachable');
    expect([pdf.format, pdf.contentType]).toEqual(['pdf', 'application/pdf']);
    expect(Buffer.from(fromBase64(pdf.pdfBase64).subarray(0, 5)).toString()).toBe('%PDF-');
  });

  test('annotated: an OFD 加注件 sealed for the using department, recorded with the context', async () => {
    const { code, context } = await operator.createUsageContext({
      body: contextBody({ holderCode: H3.code }),
    });
    const now = p.clock.now();
    const out = await operator.redeemUseCode({
      body: { code: code!.code, kind: 'annotated', format: 'ofd' },
    });
    if (out.kind !== 'annotated') throw new Error('unreachable');
    expect([out.format, out.contentType, out.fileName]).toEqual([
      'ofd',
      'application/ofd',
      `${both.identifier}-加注件.ofd`,
    ]);
    const cas = await p.ctx.deps.uow.run((r) => r.certificateAuthorities.list());
    const report = await verifyOfd(fromBase64(out.ofdBase64), {
      trustAnchors: cas.map((ca) => ca.certificate),
    });
    expect(report.signatures.map((s) => s.verdict)).toEqual(['VALID', 'VALID']);
    expect(report.signatures[1]!.annotation).toMatchObject({
      creationTime: annotationTime(now),
      creator: '西安市行政审批服务局',
      cause: context.cause,
      licenseIdentifier: both.identifier,
      itemCode: ITEM,
    });
    expect(await count('annotated_copies', sql`use_context_id = ${context.id} and file_format = 'ofd'`)).toBe(
      1,
    );
    expect(await count('use_records', sql`context_id = ${context.id} and kind = 'annotated'`)).toBe(1);
  });

  test('a format the licence was not issued in: refused before anything is made, the code stays usable', async () => {
    const { code, context } = await operator.createUsageContext({ body: contextBody() });
    const before = await state();
    const copiesBefore = await count('annotated_copies');
    for (const kind of ['annotated', 'file'] as const) {
      const refused = await rejected(
        operator.redeemUseCode({ body: { code: code!.code, kind, format: 'ofd' } }),
      );
      expect([refused.status, refused.code]).toEqual([404, 'LICENSE_FORMAT_UNAVAILABLE']);
      expect(refused.details).toMatchObject({ identifier: licenseH1.identifier, issued: 'pdf' });
    }
    expect(await state()).toEqual(before);
    expect(await count('annotated_copies')).toBe(copiesBefore);
    const pdf = await operator.redeemUseCode({ body: { code: code!.code, kind: 'annotated' } });
    expect(pdf.kind === 'annotated' && pdf.format).toBe('pdf');
    expect(await count('annotated_copies', sql`use_context_id = ${context.id}`)).toBe(1);
  });
});
