import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { SEAL_PIN } from '@zhengyin/server/testing';

/** The open dropdown of an antd Select. */
const openDropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

/** Picks the option of an antd Select whose label is `label` (or ends with it, for `（001）`). */
async function choose(page: Page, field: Locator, label: string, search = false): Promise<void> {
  await field.click();
  if (search) await field.fill(label);
  const options = openDropdown(page).locator('.ant-select-item-option');
  const exact = options.and(page.locator(`[title="${label}"]`));
  await ((await exact.count()) ? exact : options.filter({ hasText: label })).first().click();
  await openDropdown(page).waitFor({ state: 'hidden' });
}

export interface IssueViaUi {
  /** The licence type by its name (picked in the form) or its version id (opened with ?type=). */
  readonly typeName?: string;
  readonly typeId?: string;
  readonly holder: { name: string; code: string; codeType?: string };
  /** Data items by code: text, number, date (YYYY-MM-DD), enum value, 是/否. */
  readonly data: Record<string, string>;
  readonly licenseNumber?: string;
  /** Default: the test platform's seal PIN. */
  readonly sealPin?: string;
}

/** Fills the issuance form (without submitting it); the page must be logged in as an issuer. */
export async function fillIssueForm(page: Page, input: IssueViaUi): Promise<void> {
  await page.goto(`/console/licenses/issue${input.typeId ? `?type=${input.typeId}` : ''}`);
  if (input.typeName) await choose(page, page.getByLabel('证照类型'), input.typeName, true);
  await page.getByLabel('持证主体名称').fill(input.holder.name);
  if (input.holder.codeType)
    await choose(page, page.getByLabel('持证主体代码类型'), `（${input.holder.codeType}）`);
  await page.getByLabel('持证主体代码', { exact: true }).fill(input.holder.code);
  if (input.licenseNumber) await page.getByLabel('证照编号').fill(input.licenseNumber);
  for (const [code, value] of Object.entries(input.data)) {
    const field = page.locator(`[data-item-code="${code}"]`);
    const type = await field.getAttribute('data-item-type');
    if (type === 'enum' || type === 'boolean') await choose(page, field.getByRole('combobox'), value);
    else if (type === 'number') await field.getByRole('spinbutton').fill(value);
    else if (type === 'date') {
      const box = field.getByRole('textbox');
      await box.click();
      await box.fill(value);
      await box.press('Enter');
    } else await field.getByRole('textbox').fill(value);
  }
  await page.getByLabel('印章 PIN 码').fill(input.sealPin ?? SEAL_PIN);
}

/** Issues a licence through 签发证照 and returns it as the detail page shows it. */
export async function issueLicenseViaUi(
  page: Page,
  input: IssueViaUi,
): Promise<{ licenseId: string; identifier: string }> {
  await fillIssueForm(page, input);
  await page.getByRole('button', { name: '签发', exact: true }).click();
  await page.waitForURL(/\/console\/licenses\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  const licenseId = new URL(page.url()).pathname.split('/').pop() as string;
  const identifier =
    (
      await page
        .getByText(/^1\.2\.156\./)
        .first()
        .textContent()
    )?.trim() ?? '';
  return { licenseId, identifier };
}

/** Downloads the signed PDF from the licence's detail page. */
export async function downloadLicensePdf(page: Page, licenseId: string): Promise<Buffer> {
  if (!page.url().endsWith(`/console/licenses/${licenseId}`))
    await page.goto(`/console/licenses/${licenseId}`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /下载 PDF/ }).click(),
  ]);
  return readFile(await download.path());
}

/** Applies a lifecycle action (注销, 暂扣 …) with its reason through the confirmation dialog. */
export async function changeLicenseViaUi(
  page: Page,
  licenseId: string,
  action: string,
  reason: string,
  options: { reasonCode?: string } = {},
): Promise<void> {
  if (!page.url().endsWith(`/console/licenses/${licenseId}`))
    await page.goto(`/console/licenses/${licenseId}`);
  await page
    .getByRole('group', { name: '证照操作' })
    .getByRole('button', { name: action, exact: true })
    .click();
  const dialog = page.getByRole('dialog');
  if (options.reasonCode) await choose(page, dialog.getByLabel('注销原因类别'), options.reasonCode);
  await dialog.getByLabel('原因', { exact: true }).fill(reason);
  await dialog.getByRole('button', { name: `确认${action}` }).click();
  await dialog.waitFor({ state: 'hidden' });
}
