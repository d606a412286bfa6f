import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import { readTable } from '@zhengyin/documents';
import type { Client } from '@zhengyin/sdk';
import {
  BUSINESS_TYPE_CODE,
  NEW_PASSWORD,
  SEAL_PIN,
  publishedTypeWithSeal,
  testUscc,
} from '@zhengyin/server/testing';
import type { Page } from 'playwright-core';
import type { ConsoleHarness } from './harness.js';
import { loginThroughPage, startConsoleHarness } from './harness.js';
import { exportQuarterlyReportViaUi, readMetricsViaUi } from './steps/metrics.js';

let h: ConsoleHarness;
let orgs: Awaited<ReturnType<ConsoleHarness['platform']['seedOrgs']>>;
let admin: Client;
const account = { username: 'metrics-city', password: '' };

function quarterNow() {
  const now = new Date();
  const year = now.getFullYear();
  const quarter = Math.floor(now.getMonth() / 3) + 1;
  const last = new Date(Date.UTC(year, quarter * 3, 0)).getUTCDate();
  const mm = (m: number) => String(m).padStart(2, '0');
  return {
    year,
    quarter,
    from: `${year}-${mm(quarter * 3 - 2)}-01`,
    to: `${year}-${mm(quarter * 3)}-${last}`,
  };
}

async function watchedPage(name: string): Promise<Page> {
  const page = await h.newPage();
  onTestFailed(async () => void (await h.screenshot(page, `failed-${name}`).catch(() => undefined)));
  return page;
}

beforeAll(async () => {
  h = await startConsoleHarness();
  const p = h.platform;
  orgs = await p.seedOrgs();
  admin = await p.adminClient();
  const { issuer } = await publishedTypeWithSeal(p, orgs.deptA, orgs.provinceCode);
  // Two licences issued, one verified (valid) and one refused QR lookup.
  const issued = [];
  for (const n of [1, 2]) {
    issued.push(
      await issuer.issueLicense({
        body: {
          typeCode: BUSINESS_TYPE_CODE,
          departmentId: orgs.deptA,
          sealPin: SEAL_PIN,
          item: {
            holder: { name: `西安看板${n}号有限公司`, code: testUscc(`MA6T0M0${n}`) },
            data: { FDDBR: '赵六', CLRQ: '2023-04-01' },
          },
        } as never,
      }),
    );
  }
  const identifier = issued[0]!.identifier;
  await p.client().verifyQr({ body: { identifier, token: p.ctx.licensing.tokens.token(identifier) } });
  // 应开通目录: one type opened out of two; 事项清单: one item of two accepts (no use list yet).
  const catalogAdmin = (await p.userWithRole('catalog_admin', { regionCode: orgs.provinceCode })).client;
  await catalogAdmin.addObligatoryEntry({
    body: { departmentId: orgs.deptA, typeName: '营业执照', typeCode: BUSINESS_TYPE_CODE },
  });
  await catalogAdmin.addObligatoryEntry({ body: { departmentId: orgs.deptA, typeName: '食品经营许可证' } });
  await admin.addServiceItem({ body: { departmentId: orgs.deptB, code: 'SX-KB-001', name: '企业开办' } });
  const { initialPassword } = await admin.createUser({
    body: {
      username: account.username,
      displayName: '西安市管理员',
      roles: [{ role: 'region_admin', regionCode: orgs.cityCode } as never],
    },
  });
  account.password = initialPassword;
}, 240_000);
afterAll(async () => h?.close());

describe('metrics page', () => {
  test('a region administrator sees the numbers of the API, charts with their tables, and downloads both reports', async () => {
    const page = await watchedPage('metrics');
    await loginThroughPage(page, account.username, account.password, NEW_PASSWORD);
    const shown = await readMetricsViaUi(page);
    const q = quarterNow();
    const city = await h.platform.loginAs(account.username, NEW_PASSWORD);
    const api = await city.getMetricsSummary({ query: { from: q.from, to: q.to } });
    expect(api.region?.code).toBe(orgs.cityCode);
    expect(api.counts).toMatchObject({ issued: 2, verifications: 1, verificationsFailed: 0 });
    expect(shown).toEqual({
      issued: api.counts.issued,
      usageContexts: api.counts.usageContexts,
      redeemedCodes: api.counts.redeemedCodes,
      useRecords: api.counts.useRecords,
      annotatedCopies: api.counts.annotatedCopies,
      verified: api.counts.verifications,
      verificationsFailed: api.counts.verificationsFailed,
      objections: api.counts.objections,
      electronicRate: '50.00%',
      usageRate: '0.00%',
    });
    // The charts are images described by the table holding their numbers.
    const charts = page.getByRole('img', { name: /趋势图/ });
    expect(await charts.count()).toBe(2);
    expect(await charts.first().getAttribute('aria-describedby')).toBe('metrics-counts-table');
    expect(await page.locator('#metrics-counts-table').getByRole('row').count()).toBeGreaterThan(1);
    await expect
      .poll(() => page.getByRole('row', { name: /西安市市场监督管理局.*2.*1.*50\.00%/ }).count())
      .toBe(1);
    await h.screenshot(page, 'metrics');

    const xlsx = await exportQuarterlyReportViaUi(page, 'xlsx');
    expect(xlsx.filename).toBe(`metrics-${orgs.cityCode}-${q.year}-Q${q.quarter}.xlsx`);
    const table = await readTable(xlsx.bytes);
    const issuedRow = table.rows.find((r) => r.cells[0] === '概况' && r.cells[1] === '签发证照数');
    expect(issuedRow?.cells[3]).toBe(String(shown.issued));
    const pdf = await exportQuarterlyReportViaUi(page, 'pdf');
    expect(pdf.filename).toBe(`metrics-${orgs.cityCode}-${q.year}-Q${q.quarter}.pdf`);
    expect(new TextDecoder().decode(pdf.bytes.subarray(0, 5))).toBe('%PDF-');
    h.assertNoConsoleErrors();
  }, 180_000);

  test('the platform administrator chooses a region; another region shows none of its activity', async () => {
    const page = await watchedPage('metrics-admin');
    await loginThroughPage(page, 'admin', NEW_PASSWORD);
    const all = await readMetricsViaUi(page);
    expect(all.issued).toBe(2);
    const other = await readMetricsViaUi(page, { regionCode: orgs.otherCityCode });
    expect(other).toMatchObject({ issued: 0, verified: 0, electronicRate: '—', usageRate: '—' });
    h.assertNoConsoleErrors();
  }, 120_000);
});
