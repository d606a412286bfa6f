import type { Page } from 'playwright-core';

/** A file as the browser's file chooser hands it over. */
export interface UploadFile {
  readonly name: string;
  readonly buffer: Buffer;
  readonly mimeType?: string;
}

/** What the public verification page shows: the verdict banner and the named steps. */
export interface VerificationView {
  /** The server's verdict (the banner's data-verdict). */
  readonly verdict: 'VALID' | 'INVALID' | 'INDETERMINATE';
  /** The banner heading as shown, e.g. 有效, 无效, 无法确定, 已注销. */
  readonly title: string;
  /** success, failure, lifecycle (genuine but no longer in force) or undecided. */
  readonly tone: string;
  readonly steps: readonly { name: string; result: string; tone: string }[];
}

/** Reads the report on the page once its verdict banner is there. */
export async function readVerificationView(page: Page): Promise<VerificationView> {
  const banner = page.getByTestId('verdict');
  await banner.waitFor({ timeout: 30_000 });
  const items = page.getByRole('list', { name: /核验步骤|Verification steps/ }).locator(':scope > li');
  const steps = [];
  for (const item of await items.all()) {
    steps.push({
      name: (await item.getByRole('heading', { level: 3 }).textContent()) ?? '',
      result: (await item.getByTestId('step-result').textContent()) ?? '',
      tone: (await item.getAttribute('data-tone')) ?? '',
    });
  }
  return {
    verdict: (await banner.getAttribute('data-verdict')) as VerificationView['verdict'],
    title: (await banner.textContent()) ?? '',
    tone: (await banner.getAttribute('data-tone')) ?? '',
    steps,
  };
}

/** Opens /verify and hands `file` to the upload area through the file chooser (as a user does). */
export async function chooseFileOnVerifyPage(page: Page, file: UploadFile): Promise<void> {
  await page.goto('/verify');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /点击选择证照文件|Click to choose a licence file/ }).click();
  await (
    await chooser
  ).setFiles({ name: file.name, mimeType: file.mimeType ?? 'application/pdf', buffer: file.buffer });
}

/** Uploads a licence file on the public page and returns the report it shows (throws on a refusal). */
export async function verifyFileViaUi(page: Page, file: UploadFile): Promise<VerificationView> {
  await chooseFileOnVerifyPage(page, file);
  const report = page.getByTestId('file-report');
  const refusal = page.getByRole('alert');
  await report.or(refusal).first().waitFor({ timeout: 30_000 });
  if (await refusal.isVisible()) throw new Error(`verification refused: ${await refusal.textContent()}`);
  return readVerificationView(page);
}

/** Opens a licence QR URL (…/v/<identifier>?t=<token>) as a phone would and returns the report. */
export async function openQrLanding(page: Page, url: string): Promise<VerificationView> {
  await page.goto(url);
  await page.waitForURL(/\/verify\/licence\//);
  return readVerificationView(page);
}
