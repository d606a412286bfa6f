import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { verifyAuditChainUnchecked } from '@zhengyin/core';
import type { Client } from '@zhengyin/sdk';
import type { TestPlatform } from '../testing/index.js';
import { NEW_PASSWORD, createTestPlatform, rejected, tamperWithAudit } from '../testing/index.js';

let p: TestPlatform;
let admin: Client;
let auditor: Client;
let adminId: string;
beforeAll(async () => {
  p = await createTestPlatform();
  admin = await p.adminClient();
  adminId = (await admin.me()).user.id;
  await p.seedOrgs();
  await admin.createRegion({ body: { code: '610113', name: '雁塔区', parentCode: '610100' } });
  p.clock.advance(60 * 60_000);
  admin = await p.loginAs('admin', NEW_PASSWORD);
  await admin.createRegion({ body: { code: '610114', name: '阎良区', parentCode: '610100' } });
  auditor = (await p.userWithRole('auditor', {})).client;
  await sql.raw('CREATE TABLE audit_backup AS SELECT * FROM audit_events').execute(p.ctx.database.db);
});
afterAll(() => p.close());

const verify = () => verifyAuditChainUnchecked(p.ctx.deps);

describe('audit trail', () => {
  beforeEach(async () => {
    // Every test starts from the intact log.
    await tamperWithAudit(p.ctx.database, [
      'DELETE FROM audit_events',
      'INSERT INTO audit_events SELECT * FROM audit_backup',
    ]);
    await sql
      .raw(
        'UPDATE audit_head SET seq = (SELECT max(seq) FROM audit_events), hash = (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1)',
      )
      .execute(p.ctx.database.db);
  });

  test('the intact chain verifies, through the API for a platform auditor too', async () => {
    const report = await verify();
    expect(report.intact).toBe(true);
    expect(report.checked).toBeGreaterThan(10);
    expect(await auditor.verifyAuditChain()).toMatchObject({ intact: true, problems: [] });
  });

  test('the database refuses UPDATE, DELETE and TRUNCATE on audit events', async () => {
    for (const statement of [
      "UPDATE audit_events SET action = 'x' WHERE seq = 1",
      'DELETE FROM audit_events WHERE seq = 1',
      'TRUNCATE audit_events',
    ]) {
      await expect(sql.raw(statement).execute(p.ctx.database.db)).rejects.toThrow(/append-only/);
    }
    expect((await verify()).intact).toBe(true);
  });

  test('an edited event is detected', async () => {
    await tamperWithAudit(p.ctx.database, [
      `UPDATE audit_events SET details = '{"name":"北京市"}' WHERE seq = 3`,
    ]);
    const report = await verify();
    expect(report.intact).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ seq: 3, kind: 'HASH_MISMATCH' }));
  });

  test('an edited time or actor is detected', async () => {
    await tamperWithAudit(p.ctx.database, [
      "UPDATE audit_events SET at = at - interval '1 day' WHERE seq = 4",
      "UPDATE audit_events SET actor_id = 'someone-else' WHERE seq = 5",
    ]);
    const kinds = (await verify()).problems.map((x) => `${x.seq}:${x.kind}`);
    expect(kinds).toEqual(expect.arrayContaining(['4:HASH_MISMATCH', '5:HASH_MISMATCH']));
  });

  test('a deleted event is detected', async () => {
    await tamperWithAudit(p.ctx.database, ['DELETE FROM audit_events WHERE seq = 4']);
    const report = await verify();
    expect(report.intact).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ seq: 5, kind: 'SEQUENCE_GAP' }));
    expect(report.problems).toContainEqual(
      expect.objectContaining({ seq: 5, kind: 'PREVIOUS_HASH_MISMATCH' }),
    );
  });

  test('an inserted event (renumbering the rest) is detected', async () => {
    await tamperWithAudit(p.ctx.database, [
      'CREATE TEMP TABLE shifted AS SELECT * FROM audit_events WHERE seq >= 3',
      'DELETE FROM audit_events WHERE seq >= 3',
      'INSERT INTO audit_events SELECT seq + 1, at, actor_kind, actor_id, action, target_type, target_id, region_code, details, request_id, client_ip, prev_hash, hash FROM shifted',
      "INSERT INTO audit_events SELECT 3, at, actor_kind, actor_id, 'orgs.region.created', target_type, target_id, region_code, details, request_id, client_ip, hash, hash FROM audit_events WHERE seq = 2",
      'DROP TABLE shifted',
    ]);
    const report = await verify();
    expect(report.intact).toBe(false);
    expect(report.problems.map((x) => x.seq)).toEqual(expect.arrayContaining([3, 4]));
  });

  test('two reordered events are detected', async () => {
    await tamperWithAudit(p.ctx.database, [
      'UPDATE audit_events SET seq = -1 WHERE seq = 4',
      'UPDATE audit_events SET seq = 4 WHERE seq = 5',
      'UPDATE audit_events SET seq = 5 WHERE seq = -1',
    ]);
    const report = await verify();
    expect(report.intact).toBe(false);
    expect(report.problems.map((x) => x.seq)).toEqual(expect.arrayContaining([4, 5]));
  });

  test('a truncated tail is detected against the chain head', async () => {
    const { seq } = await p.ctx.deps.uow.run((r) => r.auditReader.head());
    await tamperWithAudit(p.ctx.database, [`DELETE FROM audit_events WHERE seq = ${seq}`]);
    const report = await verify();
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'HEAD_MISMATCH', seq: null })]);
  });

  test('auditors query by actor, action, target and time, newest first, with a cursor', async () => {
    const byAction = await auditor.listAuditEvents({ query: { action: 'orgs.region.created' } });
    expect(byAction.items.map((e) => e.target.id)).toEqual([
      '610114',
      '610113',
      '610200',
      '610100',
      '610000',
    ]);
    const byActor = await auditor.listAuditEvents({
      query: { actorId: adminId, action: 'orgs.region.created' },
    });
    expect(byActor.items.map((e) => e.target.id)).toEqual(['610114', '610113']);
    const byTarget = await auditor.listAuditEvents({ query: { targetType: 'region', targetId: '610113' } });
    expect(byTarget.items).toHaveLength(1);
    expect(byTarget.items[0]).toMatchObject({
      actor: { kind: 'user', id: adminId },
      requestId: expect.any(String),
    });
    const late = await auditor.listAuditEvents({
      query: {
        action: 'orgs.region.created',
        from: new Date(p.clock.now().getTime() - 30 * 60_000).toISOString(),
      },
    });
    expect(late.items.map((e) => e.target.id)).toEqual(['610114']);
    const first = await auditor.listAuditEvents({ query: { limit: 2 } });
    expect(first.items).toHaveLength(2);
    const next = await auditor.listAuditEvents({ query: { limit: 2, beforeSeq: first.nextBeforeSeq! } });
    expect(next.items[0]!.seq).toBe(first.items[1]!.seq - 1);
    const calls = await auditor.listApiCalls({ query: { actorId: adminId } });
    expect(
      calls.items.some((c) => c.path === '/api/v1/regions' && c.method === 'POST' && c.status === 201),
    ).toBe(true);
  });

  test('administrators cannot read the audit trail; region auditors see their region only', async () => {
    expect((await rejected(admin.listAuditEvents({ query: {} }))).code).toBe('AUTH_FORBIDDEN');
    const cityAuditor = (await p.userWithRole('auditor', { regionCode: '610200' })).client;
    const events = await cityAuditor.listAuditEvents({ query: {} });
    expect(events.items.length).toBeGreaterThan(0);
    expect(events.items.every((e) => e.regionCode?.startsWith('6102'))).toBe(true);
    expect((await rejected(cityAuditor.verifyAuditChain())).code).toBe('AUTH_FORBIDDEN');
  });
});
