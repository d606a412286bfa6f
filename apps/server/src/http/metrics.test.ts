import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'kysely';
import { readTable } from '@zhengyin/documents';
import type { Client } from '@zhengyin/sdk';
import type { TestPlatform } from '../testing/index.js';
import {
  BUSINESS_TYPE_CODE,
  SEAL_PIN,
  createTestPlatform,
  publishedTypeWithSeal,
  rejected,
  testUscc,
} from '../testing/index.js';

// The test clock starts on Friday 2026-11-20 10:00 China time: 2026 Q4.
const PERIOD = { from: '2026-10-01', to: '2026-12-31' };
const TODAY = '2026-11-20';

let p: TestPlatform;
let orgs: Awaited<ReturnType<TestPlatform['seedOrgs']>>;
let admin: Client;
let cityAdmin: Client;
let otherCityAdmin: Client;
let auditor: Client;
let issuer: Client;
let operator: Client;
const items: Record<string, string> = {};

async function count(table: string, where = sql`true`): Promise<number> {
  const { rows } = await sql<{
    n: string;
  }>`select count(*)::text as n from ${sql.table(table)} where ${where}`.execute(p.db.database.db);
  return Number(rows[0]!.n);
}

/** Sessions idle out when the clock moves days ahead: log everyone in again. */
async function relogin() {
  admin = await p.adminClient();
  cityAdmin = (await p.userWithRole('region_admin', { regionCode: orgs.cityCode })).client;
  otherCityAdmin = (await p.userWithRole('region_admin', { regionCode: orgs.otherCityCode })).client;
  auditor = (await p.userWithRole('auditor', {})).client;
  issuer = (await p.userWithRole('issuer', { departmentId: orgs.deptA })).client;
  operator = (await p.userWithRole('user_operator', { departmentId: orgs.deptB })).client;
}

const holder = (n: number) => ({
  name: `西安监测${n}号有限公司`,
  code: testUscc(`MA6T01${String(n).padStart(2, '0')}`),
});

beforeAll(async () => {
  p = await createTestPlatform({
    ZHENGYIN_SESSION_IDLE_MINUTES: '1440',
    ZHENGYIN_SESSION_TTL_MINUTES: '10080',
  });
  orgs = await p.seedOrgs();
  ({ issuer } = await publishedTypeWithSeal(p, orgs.deptA, orgs.provinceCode));
  admin = await p.adminClient();
  cityAdmin = (await p.userWithRole('region_admin', { regionCode: orgs.cityCode })).client;
  otherCityAdmin = (await p.userWithRole('region_admin', { regionCode: orgs.otherCityCode })).client;
  auditor = (await p.userWithRole('auditor', {})).client;
  operator = (await p.userWithRole('user_operator', { departmentId: orgs.deptB })).client;

  // 应开通目录: deptA lists the published 营业执照 (opened) and one more type; Tongchuan one type.
  const catalogAdmin = (await p.userWithRole('catalog_admin', { regionCode: orgs.provinceCode })).client;
  const list = (departmentId: string, typeName: string, typeCode?: string) =>
    catalogAdmin.addObligatoryEntry({ body: { departmentId, typeName, ...(typeCode ? { typeCode } : {}) } });
  await list(orgs.deptA, '营业执照', BUSINESS_TYPE_CODE);
  await list(orgs.deptA, '食品经营许可证');
  await list(orgs.deptOther, '药品经营许可证');

  // Use list: deptB may use the 营业执照 for 企业开办 (SX-KB-001), duty-based.
  const entry = await operator.createUseListEntry({
    body: {
      departmentId: orgs.deptB,
      itemCode: 'SX-KB-001',
      itemName: '企业开办',
      licenseTypeCode: BUSINESS_TYPE_CODE,
      dataItems: ['FDDBR', 'CLRQ'],
      purpose: '核验营业执照',
      dutyBased: true,
    },
  });
  await operator.advanceUseListEntry({ params: { id: entry.id }, body: { action: 'submit' } });
  await cityAdmin.advanceUseListEntry({ params: { id: entry.id }, body: { action: 'approve' } });
}, 180_000);
afterAll(() => p.close());

describe('事项清单 (service items)', () => {
  test('region administrators keep their region’s items, audited; others are refused and change nothing', async () => {
    const kb1 = await cityAdmin.addServiceItem({
      body: { departmentId: orgs.deptB, code: 'SX-KB-001', name: '企业开办' },
    });
    expect(kb1).toMatchObject({ regionCode: orgs.cityCode, departmentId: orgs.deptB, removedAt: null });
    items.kb1 = kb1.id;
    items.kb9 = (
      await cityAdmin.addServiceItem({
        body: { departmentId: orgs.deptB, code: 'SX-KB-009', name: '变更登记' },
      })
    ).id;
    items.tc1 = (
      await otherCityAdmin.addServiceItem({
        body: { departmentId: orgs.deptOther, code: 'SX-TC-001', name: '药店开办' },
      })
    ).id;
    const before = await count('service_items');
    const audits = await count('audit_events', sql`action like 'metrics.service_item.%'`);
    expect(audits).toBe(3);

    const elsewhere = await rejected(
      otherCityAdmin.addServiceItem({ body: { departmentId: orgs.deptB, code: 'SX-X', name: '越权' } }),
    );
    expect(elsewhere.code).toBe('AUTH_FORBIDDEN');
    const twice = await rejected(
      cityAdmin.addServiceItem({ body: { departmentId: orgs.deptB, code: 'SX-KB-001', name: '重复' } }),
    );
    expect(twice.code).toBe('METRICS_SERVICE_ITEM_DUPLICATE');
    const badCode = await rejected(
      cityAdmin.addServiceItem({ body: { departmentId: orgs.deptB, code: '事项 1', name: '坏编码' } }),
    );
    expect(badCode.code).toBe('METRICS_SERVICE_ITEM_INVALID');
    const notMine = await rejected(
      otherCityAdmin.removeServiceItem({ params: { id: items.kb9 }, body: { reason: '越权' } }),
    );
    expect(notMine.code).toBe('AUTH_FORBIDDEN');
    expect(await count('service_items')).toBe(before);
    expect(await count('audit_events', sql`action like 'metrics.service_item.%'`)).toBe(audits);

    // A temporary item, renamed and removed with a reason: it leaves the register.
    const temp = await cityAdmin.addServiceItem({
      body: { departmentId: orgs.deptB, code: 'SX-TMP', name: '临时' },
    });
    const renamed = await cityAdmin.updateServiceItem({
      params: { id: temp.id },
      body: { name: '临时事项' },
    });
    expect(renamed.name).toBe('临时事项');
    const removed = await cityAdmin.removeServiceItem({
      params: { id: temp.id },
      body: { reason: '已取消' },
    });
    expect(removed).toMatchObject({ removalReason: '已取消' });
    expect(removed.removedAt).not.toBeNull();
    const gone = await rejected(
      cityAdmin.removeServiceItem({ params: { id: temp.id }, body: { reason: '再次' } }),
    );
    expect(gone.code).toBe('METRICS_SERVICE_ITEM_REMOVED');

    const listed = await cityAdmin.listServiceItems({ query: {} });
    expect(listed.items.map((i) => [i.code, i.departmentName, i.accepting])).toEqual([
      ['SX-KB-001', '西安市行政审批服务局', true],
      ['SX-KB-009', '西安市行政审批服务局', false],
    ]);
    expect((await admin.listServiceItems({ query: { accepting: 'false' } })).total).toBe(2);
    const otherRegion = await rejected(
      cityAdmin.listServiceItems({ query: { regionCode: orgs.otherCityCode } }),
    );
    expect(otherRegion.code).toBe('AUTH_FORBIDDEN');
  });
});

describe('activity and the numbers', () => {
  let licences: { id: string; identifier: string }[] = [];

  test('issuance, use, verification and objections happen', async () => {
    const issue = (n: number) =>
      issuer.issueLicense({
        body: {
          typeCode: BUSINESS_TYPE_CODE,
          departmentId: orgs.deptA,
          sealPin: SEAL_PIN,
          item: { holder: holder(n), data: { FDDBR: '王五', CLRQ: '2022-01-10' } },
        } as never,
      });
    licences = [await issue(1), await issue(2), await issue(3)];

    // Use: two duty-based contexts, one code redeemed for data, one for a 加注件.
    const context = () =>
      operator.createUsageContext({
        body: {
          cause: '企业开办核验营业执照',
          itemCode: 'SX-KB-001',
          businessNumber: `BJ-${Math.random().toString(36).slice(2, 10)}`,
          holderCode: holder(1).code,
          holderCodeType: '001',
          licenseTypeCodes: [BUSINESS_TYPE_CODE],
          dataItems: ['FDDBR'],
          mode: 'duty',
        },
      });
    const first = await context();
    await operator.redeemUseCode({ body: { code: first.code!.code, kind: 'data' } });
    const second = await context();
    await operator.redeemUseCode({ body: { code: second.code!.code, kind: 'annotated' } });

    // Verification: one valid, one revoked licence, one forged token (no licence identified).
    const tokens = p.ctx.licensing.tokens;
    const anyone = p.client();
    const valid = await anyone.verifyQr({
      body: { identifier: licences[0]!.identifier, token: tokens.token(licences[0]!.identifier) },
    });
    expect(valid.verdict).toBe('VALID');
    await issuer.changeLicense({
      params: { id: licences[2]!.id },
      body: { action: 'revoke', reason: '违法经营' } as never,
    });
    const revoked = await anyone.verifyQr({
      body: { identifier: licences[2]!.identifier, token: tokens.token(licences[2]!.identifier) },
    });
    expect(revoked.firstFailure).toBe('LICENSE_REVOKED');
    const forged = await rejected(
      anyone.verifyQr({ body: { identifier: licences[1]!.identifier, token: 'AAAAAAAAAAAA' } }),
    );
    expect(forged.code).toBe('LICENSE_NOT_FOUND');
    // Nothing about the verifier or the licence is kept, only the tally.
    await p.ctx.verificationTally.flush(); // written in the background after the answer
    const tallies = await sql<
      Record<string, unknown>
    >`select * from verification_tallies order by verdict`.execute(p.db.database.db);
    expect(tallies.rows.map((r) => [r.verdict, r.reason, r.region_code, Number(r.count)])).toEqual([
      ['INVALID', 'LICENSE_REVOKED', orgs.cityCode, 1],
      ['REJECTED', 'LICENSE_NOT_FOUND', '', 1],
      ['VALID', '', orgs.cityCode, 1],
    ]);

    // Objections: one resolved at once (in time), one left alone until it is overdue.
    const raise = (license: string) =>
      operator.raiseObjection({ body: { license, fields: ['FDDBR'], text: '法定代表人有误' } });
    const done = await raise(licences[0]!.id);
    await raise(licences[1]!.id);
    await issuer.acknowledgeObjection({ params: { id: done.id }, body: {} });
    await issuer.resolveObjection({
      params: { id: done.id },
      body: { outcome: 'rejected', reasons: '经核对无误' },
    });
    // Tuesday 00:01 China: the unmarked objection is past its 1-working-day limit.
    p.clock.advance(3 * 86_400_000 + 14 * 3_600_000 + 60_000);
    await relogin();
  }, 180_000);

  const expected = {
    counts: {
      issued: 3,
      usageContexts: 2,
      redeemedCodes: 2,
      useRecords: 2,
      annotatedCopies: 1,
      verifications: 3,
      verificationsFailed: 2,
      objections: 2,
    },
    objections: {
      raised: 2,
      open: 1,
      resolved: 1,
      resolvedOnTime: 1,
      resolvedLate: 0,
      overdueOpen: 1,
      rate: 0.5,
    },
  };

  test('the platform-wide summary has the exact numbers', async () => {
    const s = await admin.getMetricsSummary({ query: PERIOD });
    expect(s.region).toBeNull();
    expect(s.electronicRate.totals).toEqual({ whole: 3, part: 1, rate: 1 / 3 });
    expect(s.electronicRate.departments.map((d) => [d.departmentName, d.whole, d.part, d.rate])).toEqual([
      ['西安市市场监督管理局', 2, 1, 0.5],
      ['铜川市市场监督管理局', 1, 0, 0],
    ]);
    expect(s.electronicRate.regions.map((r) => [r.regionCode, r.regionName, r.whole, r.part])).toEqual([
      [orgs.cityCode, '西安市', 2, 1],
      [orgs.otherCityCode, '铜川市', 1, 0],
    ]);
    // The same numbers as the obligatory list's own coverage endpoint.
    const coverage = await admin.obligatoryCoverage({ query: {} });
    expect(coverage.totals).toEqual({ listed: 3, opened: 1, rate: 1 / 3 });
    expect(s.usageRate.totals).toEqual({ whole: 3, part: 1, rate: 1 / 3 });
    expect(s.usageRate.regions.map((r) => [r.regionCode, r.whole, r.part])).toEqual([
      [orgs.cityCode, 2, 1],
      [orgs.otherCityCode, 1, 0],
    ]);
    expect(s.counts).toEqual(expected.counts);
    expect(s.objections).toEqual(expected.objections);
    expect(s.failureReasons).toEqual([
      { code: 'LICENSE_NOT_FOUND', count: 1 },
      { code: 'LICENSE_REVOKED', count: 1 },
    ]);
    // The auditor reads the same.
    expect(await auditor.getMetricsSummary({ query: PERIOD })).toEqual(s);
  });

  test('a region administrator reads their region (the default) and below; verifications of unknown licences are not theirs', async () => {
    const s = await cityAdmin.getMetricsSummary({ query: PERIOD });
    expect(s.region).toEqual({ code: orgs.cityCode, name: '西安市' });
    expect(s.electronicRate.totals).toEqual({ whole: 2, part: 1, rate: 0.5 });
    expect(s.usageRate.totals).toEqual({ whole: 2, part: 1, rate: 0.5 });
    expect(s.counts).toEqual({ ...expected.counts, verifications: 2, verificationsFailed: 1 });
    expect(s.failureReasons).toEqual([{ code: 'LICENSE_REVOKED', count: 1 }]);
    const other = await otherCityAdmin.getMetricsSummary({ query: PERIOD });
    expect(other.counts).toEqual({
      issued: 0,
      usageContexts: 0,
      redeemedCodes: 0,
      useRecords: 0,
      annotatedCopies: 0,
      verifications: 0,
      verificationsFailed: 0,
      objections: 0,
    });
    expect(other.electronicRate.totals).toEqual({ whole: 1, part: 0, rate: 0 });
  });

  test('scope: another region, a province above, and non-readers are refused', async () => {
    for (const [client, regionCode] of [
      [otherCityAdmin, orgs.cityCode],
      [cityAdmin, orgs.provinceCode],
      [cityAdmin, orgs.otherCityCode],
    ] as const) {
      const err = await rejected(client.getMetricsSummary({ query: { ...PERIOD, regionCode } }));
      expect(err.code).toBe('AUTH_FORBIDDEN');
    }
    expect((await rejected(issuer.getMetricsSummary({ query: PERIOD }))).code).toBe('AUTH_FORBIDDEN');
    expect((await rejected(operator.getMetricsTimeSeries({ query: PERIOD }))).code).toBe('AUTH_FORBIDDEN');
    expect(
      (
        await rejected(
          otherCityAdmin.exportQuarterlyReport({
            query: { regionCode: orgs.cityCode, year: 2026, quarter: 4, format: 'xlsx' },
          }),
        )
      ).code,
    ).toBe('AUTH_FORBIDDEN');
    expect((await rejected(p.client().getMetricsSummary({ query: PERIOD }))).code).toBe('AUTH_REQUIRED');
  });

  test('bad periods, quarters and formats are refused', async () => {
    for (const query of [
      { from: '2026-02-30', to: '2026-03-01' },
      { from: '2026-12-01', to: '2026-11-01' },
      { from: '2020-01-01', to: '2026-12-31' },
    ]) {
      expect((await rejected(admin.getMetricsSummary({ query }))).code).toBe('METRICS_PERIOD_INVALID');
    }
    expect(
      (
        await rejected(
          admin.getMetricsTimeSeries({ query: { from: '2020-01-01', to: '2021-12-31', bucket: 'day' } }),
        )
      ).code,
    ).toBe('METRICS_PERIOD_INVALID');
    for (const query of [
      { year: 2026, quarter: 5, format: 'xlsx' },
      { year: 2026, quarter: 0, format: 'pdf' },
      { year: 2026, quarter: 4, format: 'csv' },
    ]) {
      const err = await rejected(admin.exportQuarterlyReport({ query: query as never }));
      expect(err.code).toBe('REQUEST_VALIDATION_FAILED');
    }
  });

  test('time series: everything on its China day, week or month; empty buckets are 0', async () => {
    const days = await admin.getMetricsTimeSeries({
      query: { from: '2026-11-18', to: '2026-11-24', bucket: 'day' },
    });
    expect(days.points.map((d) => d.start)).toEqual([
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
    ]);
    const { start, ...today } = days.points.find((d) => d.start === TODAY)!;
    expect(start).toBe(TODAY);
    expect(today).toEqual(expected.counts);
    expect(
      days.points.filter((d) => d.start !== TODAY).every((d) => d.issued === 0 && d.verifications === 0),
    ).toBe(true);
    const weeks = await admin.getMetricsTimeSeries({ query: { ...PERIOD, bucket: 'week' } });
    expect(weeks.points[0]!.start).toBe('2026-09-28'); // the Monday of the week holding 1 October
    expect(weeks.points.find((w) => w.start === '2026-11-16')?.issued).toBe(3);
    const months = await admin.getMetricsTimeSeries({ query: { ...PERIOD, bucket: 'month' } });
    expect(months.points.map((m) => [m.start, m.issued])).toEqual([
      ['2026-10-01', 0],
      ['2026-11-01', 3],
      ['2026-12-01', 0],
    ]);
  });

  test('the quarterly XLSX, read back with the project’s reader, has the API’s numbers', async () => {
    const file = await cityAdmin.exportQuarterlyReport({ query: { year: 2026, quarter: 4, format: 'xlsx' } });
    expect(file.filename).toBe('metrics-610100-2026-Q4.xlsx');
    const table = await readTable(new Uint8Array(Buffer.from(file.base64, 'base64')));
    expect(table.headers).toEqual(['部分', '对象', '指标', '数值']);
    const value = (section: string, subject: string, metric = '数值') =>
      table.rows.find((r) => r.cells[0] === section && r.cells[1] === subject && r.cells[2] === metric)
        ?.cells[3];
    const s = await cityAdmin.getMetricsSummary({ query: PERIOD });
    const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(2)}%`);
    expect(value('概况', '证照电子化率')).toBe(pct(s.electronicRate.totals.rate));
    expect(value('概况', '电子证照使用率')).toBe(pct(s.usageRate.totals.rate));
    expect(value('概况', '签发证照数')).toBe(String(s.counts.issued));
    expect(value('概况', '用证记录数')).toBe(String(s.counts.useRecords));
    expect(value('概况', '核验次数')).toBe(String(s.counts.verifications));
    expect(value('概况', '异议数')).toBe(String(s.counts.objections));
    expect(value('异议处理', '未办结已超时')).toBe(String(s.objections.overdueOpen));
    expect(value('异议处理', '按时办结率')).toBe(pct(s.objections.rate));
    expect(value('证照电子化率（按部门）', '西安市市场监督管理局', '已开通')).toBe('1');
    expect(value('电子证照使用率（按地区）', '西安市（610100）', '可用证事项')).toBe('1');
    expect(value('按月统计', '2026-11', '签发证照数')).toBe('3');
    expect(value('核验失败原因', 'LICENSE_REVOKED', '次数')).toBe('1');
  });

  test('the quarterly PDF carries the Chinese title and the numbers as text', async () => {
    const file = await admin.exportQuarterlyReport({ query: { year: 2026, quarter: 4, format: 'pdf' } });
    expect(file).toMatchObject({ filename: 'metrics-all-2026-Q4.pdf', contentType: 'application/pdf' });
    const dir = mkdtempSync(join(tmpdir(), 'metrics-'));
    const path = join(dir, 'report.pdf');
    writeFileSync(path, Buffer.from(file.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('电子证照运行监测季度报告');
    expect(text).toContain('2026年第4季度');
    expect(text).toContain('证照电子化率');
    expect(text).toMatch(/签发证照数\s+3/);
    expect(text).toContain('33.33%');
  }, 60_000);
});
