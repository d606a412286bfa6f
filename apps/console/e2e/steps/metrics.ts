import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';

/** The numbers the metrics page shows for the selected region and the current quarter. */
export interface MetricsShown {
  readonly issued: number;
  readonly usageContexts: number;
  readonly redeemedCodes: number;
  readonly useRecords: number;
  readonly annotatedCopies: number;
  /** Verifications of any verdict. */
  readonly verified: number;
  readonly verificationsFailed: number;
  readonly objections: number;
  /** 证照电子化率 and 电子证照使用率 as shown, e.g. "50.00%" or "—". */
  readonly electronicRate: string;
  readonly usageRate: string;
}

const FIGURES = {
  issued: '签发证照数',
  usageContexts: '用证上下文数',
  redeemedCodes: '用证码兑换数',
  useRecords: '用证记录数',
  annotatedCopies: '加注件数',
  verified: '核验次数',
  verificationsFailed: '核验未通过次数',
  objections: '异议数',
} as const;

async function figure(page: Page, label: string): Promise<string> {
  const value = page.getByRole('region', { name: label, exact: true }).locator('.ant-statistic-content');
  await value.waitFor();
  return ((await value.textContent()) ?? '').trim();
}

/** Opens /console/metrics (optionally choosing the region by its code) and reads the figures shown. */
export async function readMetricsViaUi(
  page: Page,
  options: { regionCode?: string } = {},
): Promise<MetricsShown> {
  await page.goto('/console/metrics');
  await page.getByRole('region', { name: FIGURES.issued, exact: true }).waitFor();
  if (options.regionCode) {
    await page.getByLabel('地区').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', {
        hasText: `（${options.regionCode}）`,
      })
      .first()
      .click();
    await page.getByText(new RegExp(`（${options.regionCode}），`)).waitFor();
  }
  const numbers = Object.fromEntries(
    await Promise.all(
      Object.entries(FIGURES).map(async ([key, label]) => [key, Number(await figure(page, label))] as const),
    ),
  ) as Record<keyof typeof FIGURES, number>;
  return {
    ...numbers,
    electronicRate: await figure(page, '证照电子化率'),
    usageRate: await figure(page, '电子证照使用率'),
  };
}

/** Clicks the quarterly report export of the page and returns the downloaded file. */
export async function exportQuarterlyReportViaUi(
  page: Page,
  format: 'xlsx' | 'pdf',
): Promise<{ filename: string; bytes: Uint8Array }> {
  const label = format === 'xlsx' ? '导出季度报告（XLSX）' : '导出季度报告（PDF）';
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: label }).click(),
  ]);
  const path = await download.path();
  return { filename: download.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
}
