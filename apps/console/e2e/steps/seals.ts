import type { Page } from 'playwright-core';

/**
 * Scenario steps of the seals area. Each drives the console as the user logged in on `page`:
 * seal_admin applies and files (备案), the approver reviews the application and the use request,
 * the keeper makes the seal (PIN) and seals documents.
 */

const SEAL_ID = /\/console\/seals\/([0-9a-f-]{36})$/;

/** Picks an option of the antd Select labelled `label` (in its own dropdown: others may still be fading out). */
async function choose(page: Page, label: string | RegExp, option: string | RegExp): Promise<void> {
  const input = page.getByLabel(label);
  await input.click();
  const id = await input.getAttribute('id');
  await page
    .locator(`.ant-select-dropdown:has([id="${id}_list"]) .ant-select-item-option`, { hasText: option })
    .first()
    .click();
}

async function statusIs(page: Page, text: string): Promise<void> {
  await page.locator('h1 .ant-tag', { hasText: text }).waitFor();
}

/**
 * As a seal administrator: fills the application form (generated image) and submits it.
 * `keeper` is the keeper's display name or username (default: the first keeper offered).
 */
export async function applyForSealViaUi(
  page: Page,
  input: { department: string; name: string; reason?: string; keeper?: string; algorithm?: 'SM2' | 'ECDSA' },
): Promise<{ sealId: string }> {
  await page.goto('/console/seals/apply');
  await page.getByRole('heading', { level: 1, name: '申请电子印章' }).waitFor();
  await choose(page, '申请部门', input.department);
  if (input.algorithm === 'ECDSA') await choose(page, '签名算法', 'ECDSA P-256');
  await page.getByLabel('印章名称').fill(input.name);
  await choose(page, '印章保管人', input.keeper ?? /./);
  await page.getByLabel('申请事由').fill(input.reason ?? '新设机构刻制电子公章');
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.waitForURL(SEAL_ID);
  return { sealId: SEAL_ID.exec(new URL(page.url()).pathname)![1]! };
}

/**
 * Approver approves the application, the keeper makes the seal under `pin`, the seal administrator
 * records the 备案: the seal is then active. Each page is logged in as that role.
 */
export async function approveAndMakeSealViaUi(
  pages: { approver: Page; keeper: Page; sealAdmin: Page },
  sealId: string,
  options: { pin: string; filingNumber?: string; authority?: string },
): Promise<void> {
  const { approver, keeper, sealAdmin } = pages;
  await approver.goto(`/console/seals/${sealId}`);
  await approver.getByRole('button', { name: '审核申请' }).click();
  await approver.getByLabel('审核意见').fill('材料齐全，同意刻制');
  await approver.getByRole('button', { name: '提交审核意见' }).click();
  await statusIs(approver, '待制作');

  await keeper.goto(`/console/seals/${sealId}`);
  await keeper.getByRole('button', { name: '制作印章' }).click();
  await keeper.getByLabel('印章 PIN').fill(options.pin);
  await keeper.getByLabel('再次输入 PIN').fill(options.pin);
  await keeper.getByRole('dialog').getByRole('button', { name: '制作', exact: true }).click();
  await statusIs(keeper, '待备案');

  await sealAdmin.goto(`/console/seals/${sealId}`);
  await statusIs(sealAdmin, '待备案');
  await sealAdmin.getByRole('button', { name: '登记备案' }).click();
  await sealAdmin.getByLabel('备案编号').fill(options.filingNumber ?? `GA-${sealId.slice(0, 8)}`);
  await sealAdmin.getByLabel('备案机关').fill(options.authority ?? '西安市公安局');
  await sealAdmin.getByRole('button', { name: '登记备案并启用' }).click();
  await statusIs(sealAdmin, '已启用');
}

/**
 * As the keeper, on /console/seals/sign: uploads the PDF, chooses the seal, clicks the point
 * (`xPt`, `yPt` from the lower-left corner of page `page`) on the page preview, and sends the use request.
 */
export async function requestSealUseViaUi(
  keeper: Page,
  input: {
    sealId: string;
    pdf: Buffer;
    name: string;
    click: { page: number; xPt: number; yPt: number };
    reason?: string;
  },
): Promise<void> {
  await keeper.goto(`/console/seals/sign?seal=${input.sealId}`);
  await keeper
    .locator('input[type=file]')
    .setInputFiles({ name: input.name, mimeType: 'application/pdf', buffer: input.pdf });
  const preview = keeper.getByTestId('seal-page-preview');
  await preview.waitFor();
  for (let p = 1; p < input.click.page; p++) {
    await keeper.getByRole('listitem', { name: '下一页' }).click();
    await keeper.getByText(`第 ${p + 1} 页，共`).waitFor();
  }
  await keeper.locator(`img[alt^="第 ${input.click.page} 页预览"]`).waitFor();
  const size = await preview.evaluate((img) => ({ width: img.clientWidth, height: img.clientHeight }));
  const widthPt = Number(await preview.getAttribute('data-width-pt'));
  const heightPt = Number(await preview.getAttribute('data-height-pt'));
  // Relative to the image's padding box, as the page maps it (the border is outside).
  await preview.click({
    position: {
      x: (input.click.xPt / widthPt) * size.width,
      y: (1 - input.click.yPt / heightPt) * size.height,
    },
  });
  await keeper.getByTestId('seal-marker').waitFor();
  await keeper.getByLabel('用印事由').fill(input.reason ?? '对外签订合同');
  await keeper.getByRole('button', { name: '提交用印申请' }).click();
  await keeper.locator('.ant-tag', { hasText: '待审批' }).waitFor();
}

/** As an approver of the seal's department: approves the pending use request for `documentName`. */
export async function approveSealUseViaUi(
  approver: Page,
  sealId: string,
  documentName: string,
): Promise<void> {
  await approver.goto(`/console/seals/${sealId}`);
  await approver.getByRole('tab', { name: '用印登记' }).click();
  await approver.getByRole('button', { name: `批准用印：${documentName}` }).click();
  await approver.getByRole('dialog').getByRole('button', { name: '批准', exact: true }).click();
  await approver.getByRole('dialog').waitFor({ state: 'detached' });
}

/** As the keeper, on the sign page once approved: enters the PIN and seals; the toast shows any refusal. */
export async function enterSealPinViaUi(keeper: Page, pin: string): Promise<void> {
  const field = keeper.getByLabel('印章 PIN');
  await field.waitFor({ timeout: 20_000 });
  await field.fill(pin);
  await keeper.getByRole('button', { name: '签章', exact: true }).click();
}

/** As the keeper, after sealing: downloads the sealed PDF. */
export async function downloadSealedPdfViaUi(keeper: Page): Promise<Buffer> {
  await keeper.getByText('文件已签章').waitFor();
  const [download] = await Promise.all([
    keeper.waitForEvent('download'),
    keeper.getByRole('button', { name: '下载已签章文件' }).click(),
  ]);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The whole 用印 chain: the keeper uploads and places (page 1 = first page), the approver approves,
 * the keeper enters the PIN and downloads the sealed PDF.
 */
export async function signPdfViaUi(
  pages: { keeper: Page; approver: Page },
  input: {
    sealId: string;
    pdf: Buffer;
    click: { page: number; xPt: number; yPt: number };
    pin: string;
    name?: string;
  },
): Promise<Buffer> {
  const name = input.name ?? 'contract.pdf';
  await requestSealUseViaUi(pages.keeper, { ...input, name });
  await approveSealUseViaUi(pages.approver, input.sealId, name);
  await enterSealPinViaUi(pages.keeper, input.pin);
  return downloadSealedPdfViaUi(pages.keeper);
}
