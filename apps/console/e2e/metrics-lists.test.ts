import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import type { Client } from '@zhengyin/sdk';
import { BUSINESS_TYPE_CODE, NEW_PASSWORD, publishedTypeWithSeal } from '@zhengyin/server/testing';
import type { Page } from 'playwright-core';
import type { ConsoleHarness } from './harness.js';
import { loginThroughPage, startConsoleHarness } from './harness.js';
import { readMetricsViaUi } from './steps/metrics.js';
import {
  addObligatoryEntryViaUi,
  addServiceItemViaUi,
  cancelDialogViaUi,
  removeListLineViaUi,
} from './steps/metrics-lists.js';

let h: ConsoleHarness;
let orgs: Awaited<ReturnType<ConsoleHarness['platform']['seedOrgs']>>;
let admin: Client;
const catalogAdmin = { username: 'lists-catalog', password: '' };
const DEPT_A = '西安市市场监督管理局';
const DEPT_B = '西安市行政审批服务局';

function quarterNow() {
  const now = new Date();
  const year = now.getFullYear();
  const quarter = Math.floor(now.getMonth() / 3) + 1;
  const last = new Date(Date.UTC(year, quarter * 3, 0)).getUTCDate();
  const mm = (m: number) => String(m).padStart(2, '0');
  return { from: `${year}-${mm(quarter * 3 - 2)}-01`, to: `${year}-${mm(quarter * 3)}-${last}` };
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(2)}%`);

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
  // The business licence type is published with department A as an issuer: listing it opens it.
  await publishedTypeWithSeal(p, orgs.deptA, orgs.provinceCode);
  const { initialPassword } = await admin.createUser({
    body: {
      username: catalogAdmin.username,
      displayName: '陕西省目录管理员',
      roles: [{ role: 'catalog_admin', regionCode: orgs.provinceCode } as never],
    },
  });
  catalogAdmin.password = initialPassword;
}, 240_000);
afterAll(async () => h?.close());

describe('the lists behind the metrics rates', () => {
  test('a catalogue administrator keeps the obligatory list; the electronic issuance rate follows it', async () => {
    const page = await watchedPage('metrics-obligatory');
    await loginThroughPage(page, catalogAdmin.username, catalogAdmin.password, NEW_PASSWORD);
    const client = await h.platform.loginAs(catalogAdmin.username, NEW_PASSWORD);
    expect((await readMetricsViaUi(page)).electronicRate).toBe('—');

    // From the rate card to the list.
    await page.getByRole('link', { name: '应开通证照目录' }).click();
    await page.getByRole('heading', { level: 1, name: '应开通证照目录' }).waitFor();

    expect(
      await addObligatoryEntryViaUi(page, {
        department: DEPT_A,
        typeName: '营业执照',
        typeCode: BUSINESS_TYPE_CODE,
        serviceItems: [{ code: 'SX-KB-001', name: '企业开办' }],
        note: '省目录第 1 项',
      }),
    ).toEqual({ saved: true });
    expect(await addObligatoryEntryViaUi(page, { department: DEPT_A, typeName: '食品经营许可证' })).toEqual({
      saved: true,
    });
    const listed = await client.listObligatoryEntries({ query: {} });
    expect(listed.total).toBe(2);
    const licence = listed.items.find((e) => e.typeName === '营业执照');
    expect(licence).toMatchObject({
      departmentId: orgs.deptA,
      typeCode: BUSINESS_TYPE_CODE,
      note: '省目录第 1 项',
      serviceItems: [{ code: 'SX-KB-001', name: '企业开办' }],
      opened: true,
    });
    expect(listed.items.find((e) => e.typeName === '食品经营许可证')).toMatchObject({
      typeCode: null,
      opened: false,
    });
    await expect.poll(() => page.getByRole('row', { name: /营业执照.*已开通/ }).count()).toBe(1);
    await expect.poll(() => page.getByRole('row', { name: /食品经营许可证.*未开通/ }).count()).toBe(1);
    await page.getByRole('region', { name: '证照电子化率' }).getByText('50.00%').waitFor();

    // The same type again for the same department: the server refuses, nothing is added.
    h.allowConsoleError(/409|Conflict/);
    const duplicate = await addObligatoryEntryViaUi(page, { department: DEPT_A, typeName: '营业执照' });
    expect(duplicate.saved).toBe(false);
    expect(duplicate).toMatchObject({ error: expect.stringContaining('CATALOG_OBLIGATORY_DUPLICATE') });
    await cancelDialogViaUi(page, '添加应开通证照');
    // A type code of the wrong length is stopped by the form.
    const badCode = await addObligatoryEntryViaUi(page, {
      department: DEPT_A,
      typeName: '药品经营许可证',
      typeCode: '123',
    });
    expect(badCode).toEqual({ saved: false, error: '证照类型代码为 21 位' });
    await cancelDialogViaUi(page, '添加应开通证照');
    expect((await client.listObligatoryEntries({ query: {} })).total).toBe(2);

    // Correcting the note keeps the other fields as they were.
    await page.getByRole('button', { name: '编辑 营业执照', exact: true }).click();
    const edit = page.getByRole('dialog').filter({ hasText: '编辑目录条目' });
    await edit.getByLabel('备注').fill('省目录第 1 项（2026 版）');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.waitFor({ state: 'hidden' });
    const edited = await client.listObligatoryEntries({ query: { opened: 'true' } });
    expect(edited.items).toEqual([
      expect.objectContaining({
        typeName: '营业执照',
        typeCode: BUSINESS_TYPE_CODE,
        note: '省目录第 1 项（2026 版）',
        serviceItems: [{ code: 'SX-KB-001', name: '企业开办' }],
      }),
    ]);
    await page.getByRole('row', { name: /2026 版/ }).waitFor();
    await h.screenshot(page, 'metrics-obligatory');

    await removeListLineViaUi(page, '食品经营许可证', '省目录已调整');
    const after = await client.listObligatoryEntries({ query: {} });
    expect(after.items.map((e) => e.typeName)).toEqual(['营业执照']);

    const shown = await readMetricsViaUi(page);
    const q = quarterNow();
    const summary = await client.getMetricsSummary({ query: { from: q.from, to: q.to } });
    expect(summary.electronicRate.totals.rate).toBe(1);
    expect(shown.electronicRate).toBe(percent(summary.electronicRate.totals.rate));
    expect(shown.electronicRate).toBe('100.00%');
    h.assertNoConsoleErrors();
  }, 180_000);

  test('the platform administrator keeps the service items; the use rate follows them', async () => {
    const page = await watchedPage('metrics-service-items');
    await loginThroughPage(page, 'admin', NEW_PASSWORD);
    expect((await readMetricsViaUi(page)).usageRate).toBe('—');

    await page.getByRole('link', { name: '事项清单' }).click();
    await page.getByRole('heading', { level: 1, name: '事项清单' }).waitFor();
    expect(
      await addServiceItemViaUi(page, { department: DEPT_B, code: 'SX-KB-001', name: '企业开办' }),
    ).toEqual({ saved: true });
    expect(
      await addServiceItemViaUi(page, { department: DEPT_B, code: 'SX-GT-002', name: '个体工商户登记' }),
    ).toEqual({ saved: true });
    const listed = await admin.listServiceItems({ query: {} });
    expect(listed.items.map((i) => [i.code, i.name, i.departmentId, i.accepting]).sort()).toEqual([
      ['SX-GT-002', '个体工商户登记', orgs.deptB, false],
      ['SX-KB-001', '企业开办', orgs.deptB, false],
    ]);
    await expect.poll(() => page.getByRole('row', { name: /SX-KB-001.*企业开办.*不可用/ }).count()).toBe(1);

    // A code the department already uses: the server refuses; an empty name: the form does.
    h.allowConsoleError(/409|Conflict/);
    const duplicate = await addServiceItemViaUi(page, {
      department: DEPT_B,
      code: 'SX-KB-001',
      name: '重复',
    });
    expect(duplicate).toMatchObject({
      saved: false,
      error: expect.stringContaining('METRICS_SERVICE_ITEM_DUPLICATE'),
    });
    await cancelDialogViaUi(page, '添加事项');
    const empty = await addServiceItemViaUi(page, { department: DEPT_B, code: 'SX-XX-003', name: '  ' });
    expect(empty).toEqual({ saved: false, error: '请输入事项名称' });
    await cancelDialogViaUi(page, '添加事项');
    expect((await admin.listServiceItems({ query: {} })).total).toBe(2);

    // Correcting a name.
    await page.getByRole('button', { name: '编辑 个体工商户登记', exact: true }).click();
    const edit = page.getByRole('dialog').filter({ hasText: '编辑事项' });
    await edit.getByLabel('事项名称').fill('个体工商户设立登记');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.waitFor({ state: 'hidden' });
    await expect
      .poll(async () => (await admin.listServiceItems({ query: {} })).items.map((i) => i.name).sort())
      .toEqual(['个体工商户设立登记', '企业开办']);
    await page.getByRole('row', { name: /个体工商户设立登记/ }).waitFor();
    await h.screenshot(page, 'metrics-service-items');

    await removeListLineViaUi(page, '个体工商户设立登记', '事项已合并');
    const after = await admin.listServiceItems({ query: {} });
    expect(after.items.map((i) => i.code)).toEqual(['SX-KB-001']);

    const shown = await readMetricsViaUi(page);
    const q = quarterNow();
    const summary = await admin.getMetricsSummary({ query: { from: q.from, to: q.to } });
    expect(summary.usageRate.totals).toMatchObject({ whole: 1, part: 0, rate: 0 });
    expect(shown.usageRate).toBe(percent(summary.usageRate.totals.rate));
    expect(shown.usageRate).toBe('0.00%');
    h.assertNoConsoleErrors();
  }, 180_000);
});
