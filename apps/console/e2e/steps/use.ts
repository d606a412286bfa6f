import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';

export interface CounterUseStart {
  /** Text of the approved use-list line to choose (事项 name or code); or the licence type's name. */
  readonly useListLine?: string;
  readonly typeName?: string;
  readonly holderCode: string;
  readonly holderCodeType?: '001' | '111';
  readonly mode: 'consent' | 'duty' | 'show-code';
  readonly cause?: string;
  readonly businessNumber?: string;
  /** show-code: the holder's 亮证 token, pasted as a scanner gun would type it. */
  readonly showToken?: string;
}

const MODE_LABEL = { consent: '持证人授权', duty: '依职能', 'show-code': '亮证扫码' } as const;

/** Picks the option containing `text` in the antd select labelled `label`. */
export async function chooseOption(page: Page, label: string | RegExp, text: string): Promise<void> {
  await page.getByLabel(label).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first()
    .click();
}

/** Fills in the case on /console/use/counter and sends it (with the 亮证 token in show-code mode). */
export async function submitCounterCase(page: Page, options: CounterUseStart): Promise<void> {
  await page.goto('/console/use/counter');
  const line = options.useListLine ?? options.typeName;
  if (!line) throw new Error('startCounterUse: name the use-list line or the licence type');
  await chooseOption(page, '事项（用证清单条目）', line);
  await page.getByLabel('用证事由').fill(options.cause ?? '企业开办核验营业执照');
  await page.getByLabel('办件流水号').fill(options.businessNumber ?? `BJ-${Date.now()}`);
  if (options.holderCodeType === '111') await chooseOption(page, '持证主体代码类型', '公民身份号码');
  await page.getByLabel('持证主体代码', { exact: true }).fill(options.holderCode);
  await page.getByLabel(MODE_LABEL[options.mode]).check();
  await page.getByRole('button', { name: '下一步' }).click();
  if (options.mode === 'show-code') {
    if (!options.showToken) throw new Error('startCounterUse: show-code needs the showToken');
    await page.getByLabel('亮证码').fill(options.showToken);
    await page.getByRole('button', { name: '核验亮证码并用证' }).click();
  }
}

/**
 * 柜台用证, first part: fills in the case and creates the usage context (consent: it then waits for
 * the holder; show-code: the token is checked on the way and the context is approved at once).
 */
export async function startCounterUse(page: Page, options: CounterUseStart): Promise<{ contextId: string }> {
  await submitCounterCase(page, options);
  await page.waitForURL(/[?&]context=[0-9a-f-]{36}/);
  const contextId = new URL(page.url()).searchParams.get('context')!;
  return { contextId };
}

/**
 * 柜台用证, second part: waits (polling, up to the consent's expiry or `timeoutMs`) until the
 * context is approved and the allowed data are shown, then downloads the 加注件 (PDF) and returns it.
 */
export async function finishCounterUse(
  page: Page,
  contextId: string,
  options: { timeoutMs?: number } = {},
): Promise<{ annotatedPdf: Buffer }> {
  if (!page.url().includes(contextId)) await page.goto(`/console/use/counter?context=${contextId}`);
  await page.getByTestId('allowed-data').waitFor({ timeout: options.timeoutMs ?? 60_000 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载加注件' }).click(),
  ]);
  const path = await download.path();
  return { annotatedPdf: await readFile(path) };
}
