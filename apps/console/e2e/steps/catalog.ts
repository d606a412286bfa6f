/**
 * Catalogue steps of the end-to-end scenario. The workflow splits the roles (core/catalog
 * manage-license-type.ts): an issuer of the department designs and submits a type; a catalogue
 * administrator of the region approves and publishes it. Hence two steps: `designAndSubmitType`
 * (issuer's page) and `approveAndPublishType` (catalogue administrator's page).
 */
import type { Locator, Page } from 'playwright-core';

export interface StepDataItem {
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly required?: boolean;
}

export interface DesignTypeInput {
  readonly name: string;
  /** Last three digits of the type code (the definer's credit code comes first); default 001. */
  readonly code?: string;
  /** Default: one required text item, 经营场所 (KZ_JYCS). */
  readonly items?: readonly StepDataItem[];
  /** Sample values by item code; default a value for each item. */
  readonly sample?: Readonly<Record<string, string>>;
}

export const DEFAULT_ITEMS: readonly StepDataItem[] = [
  { code: 'KZ_JYCS', labelZh: '经营场所', labelEn: 'Premises', required: true },
];

const waitUntil = async (check: () => Promise<boolean>, what: string, timeoutMs = 20_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** Presses 确定 in the dialog titled `title` and waits until every dialog has closed. */
export async function confirmDialog(page: Page, title: string): Promise<void> {
  await page
    .getByRole('dialog')
    .filter({ has: page.getByText(title, { exact: true }) })
    .getByRole('button', { name: '确定' })
    .click();
  await waitUntil(async () => (await page.getByRole('dialog').count()) === 0, `the dialog ${title} to close`);
}

/** Fills the fields of data item `index` (0-based) in the editor. */
export async function fillDataItem(page: Page, index: number, item: StepDataItem): Promise<Locator> {
  const group = page.getByRole('group', { name: `数据项 ${index + 1}`, exact: true });
  await group.getByLabel('编码（键）').fill(item.code);
  await group.getByLabel('中文名称').fill(item.labelZh);
  await group.getByLabel('英文名称').fill(item.labelEn);
  const required = group.getByRole('switch', { name: '必填' });
  if ((await required.getAttribute('aria-checked')) !== String(!!item.required)) await required.click();
  return group;
}

/** Registers a draft type through the form (department and definer preset from the issuer's department). */
export async function createType(
  page: Page,
  input: DesignTypeInput,
): Promise<{ typeId: string; typeCode: string }> {
  const items = input.items ?? DEFAULT_ITEMS;
  await page.goto('/console/catalog/new');
  await page.getByLabel('证照名称').fill(input.name);
  await waitUntil(
    async () => (await page.getByLabel('定义机构统一社会信用代码').inputValue()).length === 18,
    'the definer preset from the department',
  );
  await page.getByLabel('类型代码后三位').fill(input.code ?? '001');
  for (const [i, item] of items.entries()) {
    if (i > 0) await page.getByRole('button', { name: '添加数据项' }).click();
    await fillDataItem(page, i, item);
  }
  await page.getByRole('button', { name: '创建草稿' }).click();
  await page.waitForURL(/\/console\/catalog\/[0-9a-f-]{36}$/);
  const typeId = page.url().split('/').pop()!;
  const definer = await page.getByLabel('定义机构统一社会信用代码').inputValue();
  return { typeId, typeCode: `${definer}${input.code ?? '001'}` };
}

/** The designer's box of a data item, found by its accessible name. */
export const textBoxOf = (page: Page, code: string) =>
  page.getByRole('button', { name: new RegExp(`^数据框：.*（${code}）$`) });

/** Drags a box on the canvas by (dx, dy) pixels with the mouse. */
export async function dragBy(page: Page, box: Locator, dx: number, dy: number): Promise<void> {
  const b = (await box.boundingBox())!;
  const x = b.x + Math.min(10, b.width / 2);
  const y = b.y + b.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 5; i++) await page.mouse.move(x + (dx * i) / 5, y + (dy * i) / 5);
  await page.mouse.up();
}

/** Waits for the server's preview of the current design; returns its data: URL. */
export async function waitForPreview(page: Page, previous?: string): Promise<string> {
  const img = page.getByRole('img', { name: '照面预览' });
  let src = '';
  await waitUntil(async () => {
    src = (await img.count()) ? ((await img.getAttribute('src')) ?? '') : '';
    return src.startsWith('data:image/png;base64,') && src !== previous;
  }, 'the face preview');
  return src;
}

/**
 * In the designer: adds a text box for each data item (dragged down the face, one below the other),
 * moves the QR code and the seal, enters the sample data, waits for the preview and saves.
 */
export async function designFace(page: Page, typeId: string, input: DesignTypeInput): Promise<void> {
  const items = input.items ?? DEFAULT_ITEMS;
  await page.goto(`/console/catalog/${typeId}/designer`);
  for (const [i, item] of items.entries()) {
    await page.getByRole('combobox', { name: '数据框绑定的数据项' }).click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `（${item.code}）` })
      .click();
    await page.getByRole('button', { name: '添加数据框' }).click();
    await dragBy(page, textBoxOf(page, item.code), 40, 60 + i * 40);
  }
  const qr = page.getByRole('button', { name: '二维码', exact: true });
  await qr.focus();
  await page.keyboard.press('Shift+ArrowDown');
  const seal = page.getByRole('button', { name: '印章', exact: true });
  await seal.focus();
  await page.keyboard.press('ArrowLeft');
  for (const item of items) {
    const value = input.sample?.[item.code] ?? `${item.labelZh}样例`;
    await page.getByRole('textbox', { name: new RegExp(`（${item.code}）`) }).fill(value);
  }
  await waitForPreview(page);
  await page.getByRole('button', { name: '保存照面' }).click();
  await page.getByText('照面已保存').waitFor();
}

/** Submits the draft for review (issuer). */
export async function submitType(page: Page, typeId: string): Promise<void> {
  await page.goto(`/console/catalog/${typeId}`);
  await page.getByRole('button', { name: '提交审核', exact: true }).click();
  await confirmDialog(page, '提交审核？');
  await page.locator('[data-testid=type-status][data-status=submitted]').first().waitFor();
}

/** Issuer: registers the type, designs its face (text boxes, QR, seal, preview), submits it. */
export async function designAndSubmitType(
  page: Page,
  input: DesignTypeInput,
): Promise<{ typeId: string; typeCode: string }> {
  const created = await createType(page, input);
  await designFace(page, created.typeId, input);
  await submitType(page, created.typeId);
  return created;
}

/** Catalogue administrator of the region: approves the submitted type, then publishes it. */
export async function approveAndPublishType(page: Page, typeId: string): Promise<void> {
  await page.goto(`/console/catalog/${typeId}`);
  await page.getByRole('button', { name: '审核通过', exact: true }).click();
  await confirmDialog(page, '审核通过');
  await page.locator('[data-testid=type-status][data-status=approved]').first().waitFor();
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await confirmDialog(page, '发布此版本？');
  await page.locator('[data-testid=type-status][data-status=published]').first().waitFor();
}

/** Issuer, on a draft: chooses the seal that signs the type's licences and saves the draft. */
export async function chooseIssuingSeal(page: Page, typeId: string, sealName: string): Promise<void> {
  await page.goto(`/console/catalog/${typeId}`);
  await page.getByLabel('签发印章').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: sealName })
    .first()
    .click();
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.getByText('已保存').first().waitFor();
}
