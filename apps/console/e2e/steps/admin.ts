import type { Locator, Page } from 'playwright-core';
import { roleName } from '../../src/layouts/roles.js';
import type { RoleName } from '../../src/session.js';

/** The open antd dialog with this title. */
export const dialog = (page: Page, title: string | RegExp): Locator =>
  page.getByRole('dialog').filter({ has: page.getByText(title, { exact: typeof title === 'string' }) });

/**
 * Picks the option of an antd Select / TreeSelect whose label contains `text`, after typing
 * `search` (searchable selects only; pass '' for the others).
 */
export async function chooseOption(page: Page, field: Locator, search: string, text: string): Promise<void> {
  // The select's root shows the chosen label; a click that lands while the dropdown is still
  // moving (a loaded machine) chooses nothing, so check and try again.
  const select = field.locator(
    'xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  for (let attempt = 1; ; attempt++) {
    await field.click();
    if (search) await field.fill(search);
    // The field's own dropdown (antd names its list FIELD-ID_list), the newest if several exist.
    const id = await field.getAttribute('id');
    const visible = page.locator('.ant-select-dropdown:visible');
    const own = visible.filter({ has: page.locator(`[id="${id}_list"]`) });
    const dropdown = id && (await own.count()) ? own.last() : visible.last();
    await dropdown
      .locator('.ant-select-item-option, .ant-select-tree-treenode')
      .filter({ hasText: text })
      .first()
      .click();
    for (let waited = 0; waited < 3000; waited += 100) {
      if (((await select.textContent()) ?? '').includes(text)) return;
      await page.waitForTimeout(100);
    }
    if (attempt === 3) throw new Error(`could not choose “${text}”`);
    await page.keyboard.press('Escape');
  }
}

/** The success toast, then it is gone (so the next step's toast is its own). */
async function expectToast(page: Page, text: string): Promise<void> {
  await page.locator('.ant-message').getByText(text).first().waitFor();
}

/** On 组织机构: creates a region (province when `parentCode` is absent). */
export async function createRegionViaUi(
  page: Page,
  region: { code: string; name: string; parentCode?: string },
): Promise<void> {
  if (!page.url().endsWith('/console/admin/orgs')) await page.goto('/console/admin/orgs');
  await page.getByRole('button', { name: '新建行政区划' }).click();
  const form = dialog(page, '新建行政区划');
  await form.getByLabel('行政区划代码').fill(region.code);
  if (region.parentCode)
    await chooseOption(page, form.getByLabel('上级行政区划'), region.parentCode, `（${region.parentCode}）`);
  await form.getByLabel('名称', { exact: true }).fill(region.name);
  await form.getByRole('button', { name: '保存' }).click();
  await expectToast(page, '行政区划已创建');
  await form.waitFor({ state: 'hidden' });
}

/** On 组织机构: creates a department in a region; the region must exist. */
export async function createDepartmentViaUi(
  page: Page,
  department: { name: string; uscc: string; regionCode: string },
): Promise<void> {
  await fillDepartmentForm(page, department);
  await expectToast(page, '部门已创建');
  await dialog(page, '新建部门').waitFor({ state: 'hidden' });
}

/** Opens 新建部门, fills it and saves (the caller checks the outcome). */
export async function fillDepartmentForm(
  page: Page,
  department: { name: string; uscc: string; regionCode: string },
): Promise<void> {
  if (!page.url().endsWith('/console/admin/orgs')) await page.goto('/console/admin/orgs');
  await page.getByRole('button', { name: '新建部门' }).click();
  const form = dialog(page, '新建部门');
  await form.getByLabel('部门名称').fill(department.name);
  await form.getByLabel('统一社会信用代码').fill(department.uscc);
  await chooseOption(
    page,
    form.getByLabel('所属行政区划'),
    department.regionCode,
    `（${department.regionCode}）`,
  );
  await form.getByRole('button', { name: '保存' }).click();
}

/**
 * On 账号: creates an account with one role in a department (by name) or a region (by code) and
 * returns the one-time initial password read from its one-time display.
 */
export async function createAccountViaUi(
  page: Page,
  account: {
    username: string;
    displayName: string;
    role: RoleName;
    departmentName?: string;
    regionCode?: string;
  },
): Promise<string> {
  if (!page.url().endsWith('/console/admin/accounts')) await page.goto('/console/admin/accounts');
  await page.getByRole('button', { name: '新建账号' }).click();
  const form = dialog(page, '新建账号');
  await form.getByLabel('登录名').fill(account.username);
  await form.getByLabel('姓名').fill(account.displayName);
  const role = roleName(account.role, 'zh-CN');
  await chooseOption(page, form.getByLabel('角色', { exact: true }), '', role);
  if (account.departmentName) {
    if (await form.getByLabel('范围', { exact: true }).count())
      await chooseOption(page, form.getByLabel('范围', { exact: true }), '', '部门');
    await chooseOption(
      page,
      form.getByLabel('部门', { exact: true }),
      account.departmentName,
      account.departmentName,
    );
  } else if (account.regionCode) {
    if (await form.getByLabel('范围', { exact: true }).count())
      await chooseOption(page, form.getByLabel('范围', { exact: true }), '', '行政区划');
    await chooseOption(
      page,
      form.getByLabel('行政区划', { exact: true }),
      account.regionCode,
      `（${account.regionCode}）`,
    );
  }
  await form.getByRole('button', { name: '保存' }).click();
  return readOneTimeSecret(page, '账号已创建');
}

/** Reads the secret of the one-time display titled `title` and closes it. */
export async function readOneTimeSecret(page: Page, title: string): Promise<string> {
  const shown = dialog(page, title);
  const secret = await shown.getByTestId('one-time-secret').inputValue();
  await shown.getByRole('button', { name: '我已妥善保存' }).click();
  await shown.waitFor({ state: 'hidden' });
  return secret;
}
