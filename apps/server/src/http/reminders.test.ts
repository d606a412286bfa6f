import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import {
  deliverNotifications,
  dueLeadDay,
  parseLeadDays,
  queueExpiryReminders,
  type NotificationMessage,
} from '@zhengyin/core';
import type { Client } from '@zhengyin/sdk';
import type { TestPlatform } from '../testing/index.js';
import {
  BUSINESS_TYPE_CODE,
  SEAL_PIN,
  createTestPlatform,
  loginHolder,
  publishedTypeWithSeal,
  testUscc,
} from '../testing/index.js';

let p: TestPlatform;
let issuer: Client;
let deptA: string;
const DAY = 86_400_000;
const LEADS = parseLeadDays('30,7,1');

const H1 = { holderCode: testUscc('MA6T0021'), holderCodeType: '001' as const, name: '西安提醒一号有限公司' };
const H2 = { holderCode: testUscc('MA6T0022'), holderCodeType: '001' as const, name: '西安提醒二号有限公司' };
const licenses: Record<string, { id: string; identifier: string }> = {};

async function rows() {
  const r = await sql<{
    dedupe_key: string;
    channel: string;
    recipient: string;
    status: string;
    attempts: number;
  }>`
    select dedupe_key, channel, recipient, status, attempts from notifications
    where kind = 'expiry_reminder' order by dedupe_key`.execute(p.db.database.db);
  return r.rows;
}
const key = (name: string, lead: number) => `reminder:${licenses[name]!.id}:${lead}`;
const run = () => queueExpiryReminders(p.ctx.deps, { leadDays: LEADS });

beforeAll(async () => {
  p = await createTestPlatform();
  const orgs = await p.seedOrgs();
  deptA = orgs.deptA;
  ({ issuer } = await publishedTypeWithSeal(p, deptA, orgs.provinceCode, {
    validity: { kind: 'fixed', years: 1, months: 0, days: 0 },
  }));
  const issue = async (name: string, h: typeof H1, validTo: string) => {
    licenses[name] = await issuer.issueLicense({
      body: {
        typeCode: BUSINESS_TYPE_CODE,
        departmentId: deptA,
        sealPin: SEAL_PIN,
        item: {
          holder: { name: h.name, code: h.holderCode },
          validTo,
          data: { FDDBR: '李四', CLRQ: '2021-03-15' },
        },
      } as never,
    });
  };
  // Today is 2026-11-20 (China time).
  await issue('in20days', H1, '2026-12-10');
  await issue('in5days', H2, '2026-11-25');
  await issue('later', H1, '2027-06-01');
  // H2 gives an e-mail address; H1 gives nothing.
  const h2 = await loginHolder(p, H2);
  await h2.client.setHolderNotificationSettings({
    body: { email: 'h2@example.cn', webhook: null, leadDays: null },
  });
}, 120_000);
afterAll(() => p.close());

describe('expiry reminders (到期提醒)', () => {
  test('the due lead day is the smallest one not below the days left', () => {
    expect(dueLeadDay(20, LEADS)).toBe(30);
    expect(dueLeadDay(7, LEADS)).toBe(7);
    expect(dueLeadDay(5, LEADS)).toBe(7);
    expect(dueLeadDay(0, LEADS)).toBe(1);
    expect(dueLeadDay(31, LEADS)).toBeNull();
    expect(dueLeadDay(-1, LEADS)).toBeNull();
    expect(() => parseLeadDays('30,0')).toThrow();
  });

  test('one reminder per licence version and lead day: run twice, advance the clock, run twice again', async () => {
    expect(await run()).toBe(2);
    expect(await run()).toBe(0);
    expect((await rows()).map((r) => r.dedupe_key).sort()).toEqual(
      [key('in20days', 30), key('in5days', 7)].sort(),
    );
    const byKey = Object.fromEntries((await rows()).map((r) => [r.dedupe_key, r]));
    // No contact: only the log, with the masked holder code.
    expect(byKey[key('in20days', 30)]).toMatchObject({ channel: 'log' });
    expect(byKey[key('in20days', 30)]!.recipient).not.toContain(H1.holderCode);
    expect(byKey[key('in5days', 7)]).toMatchObject({ channel: 'email', recipient: 'h2@example.cn' });

    p.clock.advance(14 * DAY); // 2026-12-04: 6 days left for in20days; in5days has ended
    const [a, b] = await Promise.all([run(), run()]);
    expect(a + b).toBe(1);
    expect(await run()).toBe(0);
    expect((await rows()).map((r) => r.dedupe_key).sort()).toEqual(
      [key('in20days', 30), key('in20days', 7), key('in5days', 7)].sort(),
    );
    const audited = await sql<{
      n: string;
    }>`select count(*) as n from audit_events where action = 'reminders.queued'`.execute(p.db.database.db);
    expect(Number(audited.rows[0]?.n)).toBe(3);
  });

  test('the sender retries a failed delivery with backoff and sends each notification once', async () => {
    const failing = await deliverNotifications({
      ...p.ctx.deps,
      notifier: { notify: () => Promise.reject(new Error('gateway down')) },
    });
    expect(failing).toEqual({ sent: 0, retried: 3, failed: 0 });
    expect((await rows()).every((r) => r.status === 'pending' && r.attempts === 1)).toBe(true);

    const sent: NotificationMessage[] = [];
    const capture = { notify: (m: NotificationMessage) => Promise.resolve(void sent.push(m)) };
    // Before the retry delay nothing is due.
    expect((await deliverNotifications({ ...p.ctx.deps, notifier: capture })).sent).toBe(0);
    p.clock.advance(2 * 60_000);
    expect((await deliverNotifications({ ...p.ctx.deps, notifier: capture })).sent).toBe(3);
    expect((await deliverNotifications({ ...p.ctx.deps, notifier: capture })).sent).toBe(0);
    expect(sent.map((m) => m.dedupeKey).sort()).toEqual((await rows()).map((r) => r.dedupe_key).sort());
    expect((await rows()).every((r) => r.status === 'sent')).toBe(true);
  });

  test('a delivery that keeps failing is given up after the last attempt and audited', async () => {
    // With another lead day (365) both H1 licences are due for one more reminder each.
    expect(await queueExpiryReminders(p.ctx.deps, { leadDays: [365] })).toBe(2);
    const down = { notify: () => Promise.reject(new Error('gateway down')) };
    for (let i = 0; i < 3; i++) {
      await deliverNotifications({ ...p.ctx.deps, notifier: down }, { maxAttempts: 3 });
      p.clock.advance(10 * 60_000);
    }
    const later = (await rows()).find((r) => r.dedupe_key === key('later', 365));
    expect(later).toMatchObject({ status: 'failed', attempts: 3 });
    const failed = await sql<{
      n: string;
    }>`select count(*) as n from audit_events where action = 'notifications.failed'`.execute(
      p.db.database.db,
    );
    expect(Number(failed.rows[0]?.n)).toBe(2);
  });

  test('holders see their own reminders', async () => {
    const h1 = await loginHolder(p, H1);
    const mine = await h1.client.holderReminders({ query: {} });
    expect(mine.items.map((r) => [r.identifier, r.leadDay]).sort()).toEqual(
      [
        [licenses['in20days']!.identifier, 30],
        [licenses['in20days']!.identifier, 7],
        [licenses['in20days']!.identifier, 365],
        [licenses['later']!.identifier, 365],
      ].sort(),
    );
    const h2 = await loginHolder(p, H2);
    expect((await h2.client.holderReminders({ query: {} })).items.map((r) => r.leadDay)).toEqual([7]);
  });
});
