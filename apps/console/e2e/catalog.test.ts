import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { Client } from '@zhengyin/sdk';
import { NEW_PASSWORD } from '@zhengyin/server/testing';
import type { ConsoleHarness } from './harness.js';
import { loginThroughPage, startConsoleHarness } from './harness.js';
import {
  approveAndPublishType,
  confirmDialog,
  createType,
  designAndSubmitType,
  dragBy,
  fillDataItem,
  submitType,
  textBoxOf,
  waitForPreview,
} from './steps/catalog.js';

/** 𰀀 (U+30000, CJK Extension G): no face font draws it. */
const EXTENSION_G = '\u{30000}';

let h: ConsoleHarness;
let reader: Client;
let issuerPage: Page;
let reviewerPage: Page;
let typeId: string;
let typeCode: string;

const items = [
  { code: 'KZ_JYCS', labelZh: '经营场所', labelEn: 'Premises', required: true },
  { code: 'KZ_FZR', labelZh: '负责人', labelEn: 'Person in charge', required: false },
];

/** A user created by the administrator, logged in through the login page (first password changed). */
async function staffPage(
  role: 'issuer' | 'catalog_admin',
  scope: { departmentId?: string; regionCode?: string },
) {
  const admin = await h.platform.adminClient();
  const username = `${role.replace('_', '')}${Date.now() % 100000}`;
  const { initialPassword } = await admin.createUser({
    body: { username, displayName: `${role} 测试`, roles: [{ role, ...scope }] },
  });
  const page = await h.newPage();
  await loginThroughPage(page, username, initialPassword, NEW_PASSWORD);
  return page;
}

const numberIn = async (page: Page, label: string) => Number(await page.getByLabel(label).inputValue());

beforeAll(async () => {
  h = await startConsoleHarness();
  const orgs = await h.platform.seedOrgs();
  reader = (await h.platform.userWithRole('auditor', {})).client;
  issuerPage = await staffPage('issuer', { departmentId: orgs.deptA });
  reviewerPage = await staffPage('catalog_admin', { regionCode: orgs.provinceCode });
}, 120_000);
afterAll(async () => h?.close());

describe('licence catalogue', () => {
  test('an issuer registers a type with data items; an invalid key is refused with the server’s message', async () => {
    const page = issuerPage;
    ({ typeId, typeCode } = await createType(page, { name: '食品小作坊登记证', code: '101', items }));
    const created = await reader.getLicenseType({ params: { id: typeId } });
    expect(created).toMatchObject({ typeCode, status: 'draft', version: 1, name: '食品小作坊登记证' });
    expect(created.dataItems.map((i) => [i.code, i.labelZh, i.required])).toEqual([
      ['KZ_JYCS', '经营场所', true],
      ['KZ_FZR', '负责人', false],
    ]);
    expect(created.issuerDepartmentIds).toEqual([created.departmentId]);

    // Reorder: the second item moves up, and a third one with a bad key is refused by the server.
    await page.getByRole('button', { name: '上移数据项 2' }).click();
    await page.getByRole('button', { name: '添加数据项' }).click();
    const bad = await fillDataItem(page, 2, { code: 'bad key', labelZh: '坏键', labelEn: 'Bad key' });
    h.allowConsoleError(/status of 400 .*\/api\/v1\/license-types\/[0-9a-f-]+\)$/);
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: '服务器拒绝保存' }).textContent())
      .toMatch(/请求参数校验失败.*REQUEST_VALIDATION_FAILED/);
    await expect
      .poll(() => bad.locator('.ant-form-item-explain-error').textContent())
      .toContain('upper-case code');
    const unchanged = await reader.getLicenseType({ params: { id: typeId } });
    expect(unchanged.rowVersion).toBe(created.rowVersion);
    expect(unchanged.dataItems.map((i) => i.code)).toEqual(['KZ_JYCS', 'KZ_FZR']);

    // Fixed, the reordered items are saved.
    await bad.getByLabel('编码（键）').fill('KZ_BZ');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('已保存', { exact: true }).waitFor();
    const saved = await reader.getLicenseType({ params: { id: typeId } });
    expect(saved.dataItems.map((i) => i.code)).toEqual(['KZ_FZR', 'KZ_JYCS', 'KZ_BZ']);
    await h.screenshot(page, 'catalog-editor');
    h.assertNoConsoleErrors();
  }, 120_000);

  test('the designer drags and nudges boxes, previews through the server and warns about missing glyphs', async () => {
    const page = issuerPage;
    await page.goto(`/console/catalog/${typeId}/designer`);
    const canvas = page.getByTestId('face-canvas');
    const scale = Number(await canvas.getAttribute('data-scale'));
    expect(scale).toBeGreaterThan(1);
    const firstPreview = await waitForPreview(page);

    // A text box bound to 经营场所, dragged with the mouse: the side panel shows where it went.
    await page.getByRole('combobox', { name: '数据框绑定的数据项' }).click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '（KZ_JYCS）' })
      .click();
    await page.getByRole('button', { name: '添加数据框' }).click();
    const box = textBoxOf(page, 'KZ_JYCS');
    expect(await numberIn(page, 'X（毫米）')).toBe(20);
    expect(await numberIn(page, 'Y（毫米）')).toBe(40);
    await dragBy(page, box, 50, 80);
    const snap = (mm: number) => Math.round(mm * 2) / 2;
    const dragged = { x: snap(20 + 50 / scale), y: snap(40 + 80 / scale) };
    expect(await numberIn(page, 'X（毫米）')).toBeCloseTo(dragged.x, 1);
    expect(await numberIn(page, 'Y（毫米）')).toBeCloseTo(dragged.y, 1);

    // The keyboard: arrow 1 mm, Shift + arrow 5 mm.
    await box.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    const placed = { x: dragged.x + 1, y: dragged.y + 5 };
    expect(await numberIn(page, 'X（毫米）')).toBeCloseTo(placed.x, 1);
    expect(await numberIn(page, 'Y（毫米）')).toBeCloseTo(placed.y, 1);
    await page.getByLabel('字号（磅）', { exact: true }).fill('14');

    // The QR code by exact numbers in the side panel; the seal dragged.
    await page.getByRole('button', { name: '二维码', exact: true }).click();
    await page.getByLabel('X（毫米）').fill('230');
    await page.getByLabel('边长（毫米）').fill('38');
    await dragBy(page, page.getByRole('button', { name: '印章', exact: true }), -40, 0);

    // Sample data; a character outside the fonts is named next to its field, and the preview waits.
    const premises = page.getByRole('textbox', { name: /（KZ_JYCS）/ });
    await premises.fill(`西安市${EXTENSION_G}路`);
    const warning = page.getByTestId('glyph-warning');
    await expect.poll(() => warning.textContent()).toContain(`${EXTENSION_G}（U+30000）`);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '当前设计无法渲染' }).count()).toBe(1);
    await premises.fill('西安市雁塔区科技路 1 号');
    await page.getByRole('textbox', { name: /（KZ_FZR）/ }).fill('李四');
    await page.getByRole('textbox', { name: /（KZ_BZ）/ }).fill('无');
    await expect.poll(() => warning.count()).toBe(0);

    const preview = await waitForPreview(page, firstPreview);
    expect(preview.length).toBeGreaterThan(20_000);
    const png = Buffer.from(preview.split(',')[1]!, 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(Math.ceil((297 * 96) / 25.4));
    await h.screenshot(page, 'catalog-designer');

    await page.getByRole('button', { name: '保存照面' }).click();
    await page.getByText('照面已保存').waitFor();
    const saved = await reader.getLicenseType({ params: { id: typeId } });
    const template = saved.faceTemplate as {
      textBoxes: { item: string; xMm: number; yMm: number; fontSize: number }[];
      qr: { xMm: number; sizeMm: number };
      seal: { xMm: number; yMm: number };
    };
    const savedBox = template.textBoxes.find((b) => b.item === 'KZ_JYCS')!;
    expect(savedBox.xMm).toBeCloseTo(placed.x, 1);
    expect(savedBox.yMm).toBeCloseTo(placed.y, 1);
    expect(savedBox.fontSize).toBe(14);
    expect(template.qr).toMatchObject({ xMm: 230, sizeMm: 38 });
    expect(template.seal.xMm).toBeCloseTo(snap(200 - 40 / scale), 1);
    expect(saved.sampleData).toEqual({ KZ_JYCS: '西安市雁塔区科技路 1 号', KZ_FZR: '李四', KZ_BZ: '无' });
    h.assertNoConsoleErrors();
  }, 120_000);

  test('submit → reject with a reason → resubmit → approve → publish; then a new version', async () => {
    await submitType(issuerPage, typeId);
    expect((await reader.getLicenseType({ params: { id: typeId } })).status).toBe('submitted');
    // The issuer may not review: no approve button for them.
    expect(await issuerPage.getByRole('button', { name: '审核通过', exact: true }).count()).toBe(0);

    const page = reviewerPage;
    await page.goto(`/console/catalog/${typeId}`);
    await page.getByRole('button', { name: '退回修改' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.getByText('请填写原因').waitFor();
    expect((await reader.getLicenseType({ params: { id: typeId } })).status).toBe('submitted');
    await dialog.getByLabel('退回原因').fill('照面缺少发证机关');
    await dialog.getByRole('button', { name: '确定' }).click();
    await page.locator('[data-testid=type-status][data-status=draft]').first().waitFor();
    const rejected = await reader.getLicenseType({ params: { id: typeId } });
    expect(rejected).toMatchObject({ status: 'draft', reviewComment: '照面缺少发证机关' });

    await issuerPage.goto(`/console/catalog/${typeId}`);
    await issuerPage.getByText('审核意见：照面缺少发证机关').waitFor();
    await submitType(issuerPage, typeId);
    await approveAndPublishType(page, typeId);
    const published = await reader.getLicenseType({ params: { id: typeId } });
    expect(published.status).toBe('published');
    expect(published.publishedAt).not.toBeNull();

    // A change to a published type is a new draft version.
    await issuerPage.goto(`/console/catalog/${typeId}`);
    await issuerPage.getByRole('button', { name: '创建新版本' }).click();
    await confirmDialog(issuerPage, '创建新版本？');
    await issuerPage.waitForURL(
      (url) => /\/console\/catalog\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(typeId),
    );
    const v2 = await reader.getLicenseType({ params: { id: issuerPage.url().split('/').pop()! } });
    expect(v2).toMatchObject({ typeCode, version: 2, status: 'draft' });
    await issuerPage.getByRole('cell', { name: 'v1', exact: true }).waitFor();
    h.assertNoConsoleErrors();
  }, 120_000);

  test('the composed scenario steps design, submit and publish a type; the list filters by status', async () => {
    const { typeId: id, typeCode: code } = await designAndSubmitType(issuerPage, {
      name: '特种作业操作证',
      code: '102',
    });
    await approveAndPublishType(reviewerPage, id);
    const type = await reader.getLicenseType({ params: { id } });
    expect(type).toMatchObject({ typeCode: code, status: 'published' });
    expect((type.faceTemplate as { textBoxes: { item: string }[] }).textBoxes.map((b) => b.item)).toEqual([
      'KZ_JYCS',
    ]);

    const page = reviewerPage;
    await page.goto('/console/catalog');
    await page.getByRole('link', { name: '特种作业操作证' }).waitFor();
    await page.getByRole('combobox', { name: '状态' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '草稿' }).click();
    await expect.poll(() => page.getByRole('link', { name: '特种作业操作证' }).count()).toBe(0);
    await page.getByRole('link', { name: '食品小作坊登记证' }).waitFor();
    await page.getByRole('combobox', { name: '状态' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '已发布' }).click();
    await page.getByRole('link', { name: '特种作业操作证' }).waitFor();
    await page.getByLabel('名称或类型代码').fill('作坊');
    await page.getByLabel('名称或类型代码').press('Enter');
    await page.getByRole('link', { name: '食品小作坊登记证' }).waitFor();
    await expect.poll(() => page.getByRole('link', { name: '特种作业操作证' }).count()).toBe(0);
    await h.screenshot(page, 'catalog-list');
    h.assertNoConsoleErrors();
  }, 120_000);
});
