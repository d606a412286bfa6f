import type { Page } from 'playwright-core';

/** Logs a holder in from /holder through the development identity provider's form. */
export async function holderLoginViaUi(
  page: Page,
  { username, password }: { username: string; password: string },
): Promise<void> {
  await page.goto('/holder');
  await page.getByRole('button', { name: /^(登录|Log in)$/ }).click();
  await page.waitForURL(/\/dev-idp\//);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登录/ }).click();
  await page.waitForURL(/\/holder/);
  await page.getByTestId('holder-name').waitFor();
}

/** Approves the first pending consent request on /holder/consents (confirming the dialog). */
export async function approveFirstConsent(page: Page): Promise<void> {
  await page.goto('/holder/consents');
  const card = page.getByTestId('consent-card').first();
  await card.getByRole('button', { name: /^(同意|Approve)$/ }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(同意|Approve)$/ })
    .click();
  await page.getByText(/^(已同意|Approved)$/).waitFor();
}

/** Opens 亮证 for the licence and returns the text code shown under the QR code. */
export async function showQr(page: Page, licenseId: string): Promise<string> {
  await page.goto(`/holder/licenses/${licenseId}/show`);
  const token = page.getByTestId('show-token');
  await token.waitFor();
  return (await token.locator('code').textContent()) ?? '';
}
