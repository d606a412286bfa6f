import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { deliverNotifications, type NotificationMessage } from '@zhengyin/core';
import { parseEcertIdentifier } from '@zhengyin/gm';
import type { Client } from '@zhengyin/sdk';
import type { HolderLogin, TestPlatform } from '../testing/index.js';
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
let admin: Client;
let otherIssuer: Client;
let usingStaff: Client;
let h1: HolderLogin;
let h2: HolderLogin;
let lic1: { id: string; identifier: string };
let lic2: { id: string; identifier: string };

const H1 = { holderCode: testUscc('MA6T0011'), holderCodeType: '001' as const, name: '西安异议一号有限公司' };
const H2 = { holderCode: testUscc('MA6T0012'), holderCodeType: '001' as const, name: '西安异议二号有限公司' };
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

async function count(table: string, where = 'true'): Promise<number> {
  const r = await sql<{
    n: string;
  }>`select count(*) as n from ${sql.table(table)} where ${sql.raw(where)}`.execute(p.db.database.db);
  return Number(r.rows[0]?.n);
}
const audits = (action: string) => count('audit_events', `action = '${action}'`);
/** Everything an objection request may write. */
const footprint = async () => ({
  objections: await count('objections'),
  blobs: await count('blobs'),
  raised: await audits('objections.raised'),
  notifications: await count('notifications'),
});

/** Sessions idle out when the clock moves days ahead: log everyone in again. */
async function relogin() {
  issuer = (await p.userWithRole('issuer', { departmentId: orgs.deptA })).client;
  usingStaff = (await p.userWithRole('user_operator', { departmentId: orgs.deptB })).client;
  h1 = await loginHolder(p, H1);
  h2 = await loginHolder(p, H2);
}

beforeAll(async () => {
  p = await createTestPlatform({ ZHENGYIN_OBJECTION_EVIDENCE_MAX_BYTES: '4096' });
  orgs = await p.seedOrgs();
  ({ issuer } = await publishedTypeWithSeal(p, orgs.deptA, orgs.provinceCode));
  admin = await p.adminClient();
  otherIssuer = (await p.userWithRole('issuer', { departmentId: orgs.deptOther })).client;
  usingStaff = (await p.userWithRole('user_operator', { departmentId: orgs.deptB })).client;
  const issue = (h: typeof H1) =>
    issuer.issueLicense({
      body: {
        typeCode: BUSINESS_TYPE_CODE,
        departmentId: orgs.deptA,
        sealPin: SEAL_PIN,
        item: { holder: { name: h.name, code: h.holderCode }, data: { FDDBR: '李四', CLRQ: '2021-03-15' } },
      } as never,
    });
  lic1 = await issue(H1);
  lic2 = await issue(H2);
  h1 = await loginHolder(p, H1);
  h2 = await loginHolder(p, H2);
}, 120_000);
afterAll(() => p.close());

describe('working-day calendar administration', () => {
  test('only platform / region administrators set days; a weekday cannot be a make-up day', async () => {
    const before = await count('calendar_days');
    const denied = await rejected(
      issuer.setCalendarDay({ params: { date: '2026-11-23' }, body: { kind: 'holiday', name: '测试假日' } }),
    );
    expect(denied.code).toBe('AUTH_FORBIDDEN');
    const wrong = await rejected(
      admin.setCalendarDay({ params: { date: '2026-11-24' }, body: { kind: 'workday', name: '不是周末' } }),
    );
    expect(wrong.code).toBe('CALENDAR_DATE_INVALID');
    expect(await count('calendar_days')).toBe(before);
    expect(await audits('calendar.day_set')).toBe(0);
  });

  test('a holiday Monday and a make-up working Saturday are stored and audited', async () => {
    await admin.setCalendarDay({
      params: { date: '2026-11-23' },
      body: { kind: 'holiday', name: '测试假日' },
    });
    await admin.setCalendarDay({
      params: { date: '2026-11-28' },
      body: { kind: 'workday', name: '测试调休' },
    });
    const { items } = await issuer.listCalendarDays({ query: { from: '2026-11-01', to: '2026-11-30' } });
    expect(items.map((d) => [d.date, d.kind])).toEqual([
      ['2026-11-23', 'holiday'],
      ['2026-11-28', 'workday'],
    ]);
    expect(await audits('calendar.day_set')).toBe(2);
  });
});

describe('objections (异议)', () => {
  let holderObjection: string;
  let staffObjection: string;

  test('a holder objects on Friday 10:00: marked by end of Tuesday (Monday is a holiday), resolved by end of the make-up Saturday', async () => {
    expect(p.clock.now().toISOString()).toBe('2026-11-20T02:00:00.000Z'); // Friday 10:00 China time
    const o = await h1.client.holderRaiseObjection({
      body: {
        license: lic1.identifier,
        fields: ['FDDBR'],
        text: '法定代表人姓名有误，应为王五。',
        evidence: [{ fileName: '变更登记通知书.pdf', contentType: 'application/pdf', base64: b64(PDF) }],
      },
    });
    holderObjection = o.id;
    expect(o).toMatchObject({
      status: 'submitted',
      requester: { kind: 'holder', name: H1.name },
      acknowledgeDueAt: '2026-11-24T16:00:00.000Z',
      resolveDueAt: '2026-11-28T16:00:00.000Z',
      overdue: false,
    });
    expect(o.evidence).toHaveLength(1);
    expect(o.evidence[0]?.size).toBe(PDF.length);
    // The licence shows "under objection" on its public page.
    const token = p.ctx.licensing.tokens.token(lic1.identifier);
    const status = await p
      .client()
      .publicLicenseStatus({ params: { identifier: lic1.identifier }, query: { t: token } });
    expect(status.underObjection).toBe(true);
    // The issuing department reads the evidence file; another region's issuer may not.
    const file = await issuer.objectionEvidence({ params: { id: o.id, seq: 1 } });
    expect(Buffer.from(file.base64, 'base64').equals(Buffer.from(PDF))).toBe(true);
    expect((await rejected(otherIssuer.objectionEvidence({ params: { id: o.id, seq: 1 } }))).code).toBe(
      'AUTH_FORBIDDEN',
    );
    // …and QR verification reports it as a check.
    const report = await p.client().verifyQr({ body: { identifier: lic1.identifier, token } });
    expect(report.underObjection).toBe(true);
    expect(report.checks.map((c) => c.code)).toContain('LICENSE_UNDER_OBJECTION');
    // The other holder's licence is not under objection.
    const other = await p.client().publicLicenseStatus({
      params: { identifier: lic2.identifier },
      query: { t: p.ctx.licensing.tokens.token(lic2.identifier) },
    });
    expect(other.underObjection).toBe(false);
  });

  test('a holder cannot object to another holder’s licence; nothing is stored', async () => {
    const before = await footprint();
    const err = await rejected(
      h1.client.holderRaiseObjection({
        body: { license: lic2.identifier, fields: ['FDDBR'], text: '不是我的' },
      }),
    );
    expect(err.code).toBe('AUTH_FORBIDDEN');
    expect(await footprint()).toEqual(before);
    expect(await audits('access.denied')).toBeGreaterThan(0);
  });

  test('evidence too large or of the wrong type is refused and nothing is stored', async () => {
    const before = await footprint();
    const big = new Uint8Array(5000);
    big.set(PDF);
    const tooLarge = await rejected(
      h2.client.holderRaiseObjection({
        body: {
          license: lic2.identifier,
          fields: ['FDDBR'],
          text: '材料过大',
          evidence: [{ fileName: 'big.pdf', contentType: 'application/pdf', base64: b64(big) }],
        },
      }),
    );
    expect([tooLarge.status, tooLarge.code]).toEqual([413, 'OBJECTION_EVIDENCE_TOO_LARGE']);
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    for (const evidence of [
      { fileName: 'page.html', contentType: 'text/html', base64: b64(html) },
      { fileName: 'fake.png', contentType: 'image/png', base64: b64(html) },
      { fileName: 'fake.pdf', contentType: 'image/png', base64: b64(PDF) },
    ]) {
      const wrong = await rejected(
        h2.client.holderRaiseObjection({
          body: { license: lic2.identifier, fields: ['FDDBR'], text: '类型不符', evidence: [evidence] },
        }),
      );
      expect([wrong.status, wrong.code]).toEqual([415, 'OBJECTION_EVIDENCE_TYPE']);
    }
    const unknownField = await rejected(
      h2.client.holderRaiseObjection({
        body: { license: lic2.identifier, fields: ['NOPE'], text: '字段不存在' },
      }),
    );
    expect(unknownField.code).toBe('OBJECTION_DATA_INVALID');
    expect(await footprint()).toEqual(before);
  });

  test('a using department objects; the issuing department of another region may not mark it', async () => {
    const o = await usingStaff.raiseObjection({
      body: {
        license: lic1.id,
        fields: ['CLRQ', 'holderName'],
        text: '成立日期与登记档案不符',
        contactEmail: 'ban@example.cn',
      },
    });
    staffObjection = o.id;
    expect(o.requester).toEqual({
      kind: 'department',
      name: expect.stringContaining('行政审批'),
      departmentId: orgs.deptB,
    });
    const err = await rejected(otherIssuer.acknowledgeObjection({ params: { id: o.id }, body: {} }));
    expect(err.code).toBe('AUTH_FORBIDDEN');
    expect((await issuer.getObjection({ params: { id: o.id } })).status).toBe('submitted');
    // The requesting department sees its objection, other departments do not.
    const mine = await usingStaff.listObjections({ query: {} });
    expect(mine.items.map((x) => x.id)).toEqual([o.id]);
    const theirs = await otherIssuer.listObjections({ query: {} });
    expect(theirs.total).toBe(0);
  });

  test('overdue: past end of Tuesday the unmarked objection is flagged and listed, the marked one is not', async () => {
    // Mark the department's objection on Monday (a holiday; still in time).
    p.clock.advance(3 * 86_400_000); // Monday 23rd 10:00 China
    await relogin();
    const acked = await issuer.acknowledgeObjection({
      params: { id: staffObjection },
      body: { note: '已标注' },
    });
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgeOverdue: false });
    expect((await issuer.listObjections({ query: { overdue: true } })).total).toBe(0);

    p.clock.advance(38 * 3_600_000 + 60_000); // Tuesday 24th 16:01 UTC = Wednesday 00:01 China
    await relogin();
    const overdue = await issuer.listObjections({ query: { overdue: true } });
    expect(overdue.items.map((x) => x.id)).toEqual([holderObjection]);
    expect(overdue.items[0]).toMatchObject({
      overdue: true,
      acknowledgeOverdue: true,
      resolveOverdue: false,
    });
    const notOverdue = await issuer.listObjections({ query: { overdue: false } });
    expect(notOverdue.items.map((x) => x.id)).toEqual([staffObjection]);
    // Marking late is allowed and recorded as late.
    const late = await issuer.acknowledgeObjection({ params: { id: holderObjection }, body: {} });
    expect(late).toMatchObject({ acknowledgeOverdue: true, overdue: false });
    const twice = await rejected(issuer.acknowledgeObjection({ params: { id: holderObjection }, body: {} }));
    expect(twice.code).toBe('OBJECTION_INVALID_TRANSITION');
  });

  test('a rejection needs reasons; with them the objection closes and the requester is notified', async () => {
    const before = await issuer.getObjection({ params: { id: holderObjection } });
    const err = await rejected(
      issuer.resolveObjection({
        params: { id: holderObjection },
        body: { outcome: 'rejected', reasons: '  ' },
      }),
    );
    expect(err.code).toBe('OBJECTION_REASONS_REQUIRED');
    expect(await issuer.getObjection({ params: { id: holderObjection } })).toEqual(before);
    expect(await audits('objections.rejected')).toBe(0);

    const done = await issuer.resolveObjection({
      params: { id: holderObjection },
      body: { outcome: 'rejected', reasons: '经核对登记档案，法定代表人信息无误。' },
    });
    expect(done).toMatchObject({ status: 'rejected', resolution: '经核对登记档案，法定代表人信息无误。' });
    // The holder has no contact: the notification only goes to the log, with the masked code.
    const rows = await sql<{ dedupe_key: string; channel: string; recipient: string }>`
      select dedupe_key, channel, recipient from notifications where reference = ${holderObjection} order by dedupe_key`.execute(
      p.db.database.db,
    );
    expect(rows.rows.map((r) => r.dedupe_key)).toEqual([
      `objection:${holderObjection}:acknowledged`,
      `objection:${holderObjection}:resolved`,
    ]);
    expect(rows.rows[0]?.channel).toBe('log');
    expect(rows.rows[0]?.recipient).not.toContain(H1.holderCode);
    const mine = await h1.client.holderObjections({ query: {} });
    expect(mine.items.map((x) => [x.id, x.status])).toEqual([[holderObjection, 'rejected']]);
  });

  test('corrected: a new licence version 002 is issued, 001 superseded and linked, the requester e-mailed', async () => {
    const o = await issuer.resolveObjection({
      params: { id: staffObjection },
      body: {
        outcome: 'corrected',
        reasons: '成立日期按登记档案更正',
        correction: { changes: { data: { CLRQ: '2021-04-01' } }, sealPin: SEAL_PIN },
      },
    });
    expect(o.status).toBe('corrected');
    const id = parseEcertIdentifier(o.correctedIdentifier ?? '', { strict: true });
    expect(id.valid && id.version).toBe('002');
    const next = await issuer.getLicense({ params: { id: o.correctedLicenseId ?? '' } });
    expect(next).toMatchObject({ version: 2, status: 'valid', seriesId: expect.any(String) });
    expect(next.data['CLRQ']).toBe('2021-04-01');
    expect((await issuer.getLicense({ params: { id: lic1.id } })).status).toBe('superseded');
    expect(await audits('objections.corrected')).toBe(1);
    // Both objections of the old version are closed: no longer under objection.
    expect(await p.ctx.deps.uow.run((r) => r.objections.openCountForLicense(lic1.id))).toBe(0);

    const sent: NotificationMessage[] = [];
    const out = await deliverNotifications({
      ...p.ctx.deps,
      notifier: { notify: (m) => Promise.resolve(void sent.push(m)) },
    });
    expect(out.sent).toBe(sent.length);
    const mail = sent.find((m) => m.dedupeKey === `objection:${staffObjection}:resolved`);
    expect(mail).toMatchObject({ channel: 'email', recipient: 'ban@example.cn' });
    expect(mail?.body).toContain(o.correctedIdentifier ?? 'x');
    // A second run sends nothing again.
    expect(
      (
        await deliverNotifications({
          ...p.ctx.deps,
          notifier: { notify: () => Promise.reject(new Error('no')) },
        })
      ).sent,
    ).toBe(0);
  });

  test('objections to a superseded version are refused', async () => {
    const err = await rejected(
      h1.client.holderRaiseObjection({
        body: { license: lic1.identifier, fields: ['FDDBR'], text: '旧版本' },
      }),
    );
    expect(err.code).toBe('OBJECTION_LICENSE_NOT_CURRENT');
  });
});

describe('holder notification settings', () => {
  test('an http (not https) webhook or a bad e-mail is refused and nothing changes; valid settings are stored and audited', async () => {
    for (const body of [
      { email: null, webhook: 'http://example.cn/hook', leadDays: null },
      { email: 'not-an-address', webhook: null, leadDays: null },
    ]) {
      const err = await rejected(h2.client.setHolderNotificationSettings({ body }));
      expect(err.code).toBe('NOTIFICATION_SETTINGS_INVALID');
    }
    expect(await h2.client.holderNotificationSettings()).toEqual({
      email: null,
      webhook: null,
      leadDays: null,
      updatedAt: null,
    });
    const saved = await h2.client.setHolderNotificationSettings({
      body: { email: 'boss@example.cn', webhook: null, leadDays: [1, 14, 14] },
    });
    expect(saved).toMatchObject({ email: 'boss@example.cn', leadDays: [14, 1] });
    expect(await h2.client.holderNotificationSettings()).toMatchObject({
      email: 'boss@example.cn',
      leadDays: [14, 1],
    });
    expect(await audits('holders.notification_settings_updated')).toBe(1);
    // Staff cannot use the holder endpoints.
    expect((await rejected(issuer.holderNotificationSettings())).status).toBe(401);
  });
});
