import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { Client } from '@zhengyin/sdk';
import { BUSINESS_TYPE_CODE, SEAL_PIN, publishedTypeWithSeal } from '@zhengyin/server/testing';
import type { ConsoleHarness } from './harness.js';
import { startConsoleHarness } from './harness.js';
import { chooseFileOnVerifyPage, openQrLanding, verifyFileViaUi } from './steps/public.js';

let h: ConsoleHarness;
let issuer: Client;
let departmentId: string;

/** Issues a licence through the SDK and returns it with its PDF and the URL its QR code holds. */
async function issueLicence(holderName: string) {
  const license = await issuer.issueLicense({
    body: {
      typeCode: BUSINESS_TYPE_CODE,
      departmentId,
      sealPin: SEAL_PIN,
      item: {
        holder: { name: holderName, code: '91350100M000100Y43' },
        data: { FDDBR: '李四', CLRQ: '2021-03-15', ZCZB: 500 },
      },
    } as never,
  });
  const file = await issuer.licenseFile({ params: { id: license.id } });
  const token = h.platform.ctx.licensing.tokens.token(license.identifier);
  return {
    license,
    pdf: Buffer.from(file.pdfBase64, 'base64'),
    qrUrl: `${h.baseUrl}/v/${encodeURIComponent(license.identifier)}?t=${encodeURIComponent(token)}`,
  };
}

/** Flips one byte in the middle of the longest stream of the signed part (the face's content). */
function flipSignedByte(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const signedEnd = text.lastIndexOf('/ByteRange');
  let best: [number, number] = [0, 0];
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end > 0 && end < signedEnd && end - start > best[1] - best[0]) best = [start, end];
  }
  const copy = Buffer.from(pdf);
  const at = Math.floor((best[0] + best[1]) / 2);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

/** Verifications the server counted (zhengyin_verifications_total), by kind. */
async function verificationsCounted(kind: 'file' | 'qr'): Promise<number> {
  const metric = await h.platform.ctx.metrics.getSingleMetric('zhengyin_verifications_total')?.get();
  return (metric?.values ?? []).filter((v) => v.labels.kind === kind).reduce((n, v) => n + v.value, 0);
}

const stepNames = (view: { steps: readonly { name: string }[] }) => view.steps.map((s) => s.name);

async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

beforeAll(async () => {
  h = await startConsoleHarness();
  const orgs = await h.platform.seedOrgs();
  departmentId = orgs.deptA;
  ({ issuer } = await publishedTypeWithSeal(h.platform, orgs.deptA, orgs.provinceCode));
}, 180_000);
afterAll(async () => h?.close());

describe('public verification page', () => {
  test('an issued PDF verifies as valid, step by step; the page shows its size limit', async () => {
    const { pdf, license } = await issueLicence('核验页面有限公司');
    const page = await h.newPage();
    await page.goto('/verify');
    await expect.poll(() => page.getByTestId('upload-limit').textContent()).toMatch(/最大 \d+(\.\d)? MB/);
    await h.screenshot(page, 'public-verify-upload');

    const view = await verifyFileViaUi(page, { name: 'licence.pdf', buffer: pdf });
    expect([view.verdict, view.title, view.tone]).toEqual(['VALID', '有效', 'success']);
    expect(stepNames(view)).toEqual(['完整性', '签名', '证书', '印章', '时间戳', '登记', '状态']);
    // Licences are issued without an RFC 3161 time-stamp: that step is "not applicable", not a failure.
    expect(view.steps.filter((s) => s.tone !== 'success')).toEqual([
      { name: '时间戳', result: '未加时间戳', tone: 'neutral' },
    ]);
    expect(view.steps.find((s) => s.name === '状态')?.result).toBe('证照有效');
    // The licence facts come from the server's report.
    await expect.poll(() => page.getByText(license.identifier).count()).toBe(1);
    await expect.poll(() => page.getByText('核验页面有限公司').count()).toBe(1);
    await h.screenshot(page, 'public-verify-report');
    h.assertNoConsoleErrors();
  });

  test('a tampered PDF is invalid and the failing step says what failed', async () => {
    const { pdf } = await issueLicence('篡改页面有限公司');
    const page = await h.newPage();
    const view = await verifyFileViaUi(page, { name: 'tampered.pdf', buffer: flipSignedByte(pdf) });
    expect([view.verdict, view.title, view.tone]).toEqual(['INVALID', '无效', 'failure']);
    const integrity = view.steps.find((s) => s.name === '完整性');
    expect(integrity).toEqual({ name: '完整性', result: '文件内容在签名后被篡改', tone: 'failure' });
    expect(view.steps.find((s) => s.name === '登记')).toMatchObject({ tone: 'failure' });
    await expect.poll(() => page.getByText(/未通过：文件内容在签名后被篡改/).count()).toBe(1);
    // The technical details name the reason code behind the plain words.
    await page
      .getByRole('listitem')
      .filter({ hasText: '完整性' })
      .getByText(/技术详情/)
      .click();
    await expect.poll(() => page.getByText('PDF_DIGEST_MISMATCH').count()).toBeGreaterThan(0);
    h.assertNoConsoleErrors();
  });

  test('a file that is no PDF or OFD is refused with a clear error, and nothing is sent', async () => {
    const before = await verificationsCounted('file');
    const page = await h.newPage();
    for (const file of [
      { name: 'notes.txt', buffer: Buffer.from('这不是证照 not a licence'), mimeType: 'text/plain' },
      { name: 'renamed.pdf', buffer: Buffer.from('<html>not a pdf</html>'), mimeType: 'application/pdf' },
    ]) {
      await chooseFileOnVerifyPage(page, file);
      const alert = page.getByRole('alert');
      await expect.poll(() => alert.textContent()).toContain('只能核验 PDF 或 OFD 格式的证照文件');
      expect(await page.getByTestId('file-report').count()).toBe(0);
      expect(await page.getByTestId('verdict').count()).toBe(0);
    }
    expect(await verificationsCounted('file')).toBe(before);
    h.assertNoConsoleErrors();
  });

  test('the licence QR URL lands on the report page; after cancellation it reads 已注销', async () => {
    const { license, qrUrl } = await issueLicence('扫码核验有限公司');
    const page = await h.newPage({ width: 375, height: 800 });
    const view = await openQrLanding(page, qrUrl);
    expect(new URL(page.url()).pathname).toBe(`/verify/licence/${encodeURIComponent(license.identifier)}`);
    expect([view.verdict, view.title]).toEqual(['VALID', '有效']);
    expect(view.steps).toEqual([
      { name: '登记', result: '证照已在证照库登记', tone: 'success' },
      { name: '状态', result: '证照有效', tone: 'success' },
    ]);
    // Holder data is shown masked, as the server gives it.
    await expect.poll(() => page.getByText('李*').count()).toBe(1);
    expect(await page.getByText('李四').count()).toBe(0);
    // The server-rendered report stays one link away (no JavaScript needed).
    const plain = await page.getByRole('link', { name: /简洁版报告/ }).getAttribute('href');
    const res = await fetch(`${h.baseUrl}${plain}`, { headers: { accept: 'text/html' } });
    expect([res.status, (await res.text()).includes('验证通过')]).toEqual([200, true]);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await h.screenshot(page, 'public-qr-landing');

    await issuer.changeLicense({
      params: { id: license.id },
      body: { action: 'cancel', reason: '企业申请注销', reasonCode: 'normal' } as never,
    });
    const after = await openQrLanding(page, qrUrl);
    expect([after.verdict, after.title, after.tone]).toEqual(['INVALID', '已注销', 'lifecycle']);
    expect(after.steps.find((s) => s.name === '状态')).toEqual({
      name: '状态',
      result: '已注销',
      tone: 'lifecycle',
    });
    expect(after.steps.find((s) => s.name === '登记')?.tone).toBe('success');
    expect(await hasHorizontalScroll(page)).toBe(false);
    await h.screenshot(page, 'public-revoked');

    // The link a QR code holds can be pasted on /verify; anything else is named as not such a link.
    await page.goto('/verify');
    const link = page.getByLabel('二维码链接');
    await link.fill('https://example.com/not-a-licence');
    await page.getByRole('button', { name: '核验二维码' }).click();
    await expect.poll(() => page.getByText(/这不是证照二维码链接/).count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe('/verify');
    await link.fill(qrUrl);
    await page.getByRole('button', { name: '核验二维码' }).click();
    await page.waitForURL(/\/verify\/licence\//);
    await expect.poll(() => page.getByTestId('verdict').textContent()).toBe('已注销');

    // A forged token is refused like an unknown licence: a clear error, no report.
    h.allowConsoleError(/status of 404 .*\/api\/v1\/verify\/qr\)$/);
    await page.goto(`/verify/licence/${encodeURIComponent(license.identifier)}?t=forged`);
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: '无法核验此二维码' }).textContent())
      .toMatch(/无法核验此二维码.*LICENSE_NOT_FOUND/);
    expect(await page.getByTestId('verdict').count()).toBe(0);
    h.assertNoConsoleErrors();
  });

  test('a cancelled licence’s file is genuine but reads 已注销 (warning, not error)', async () => {
    const { license, pdf } = await issueLicence('注销文件有限公司');
    await issuer.changeLicense({
      params: { id: license.id },
      body: { action: 'cancel', reason: '企业申请注销', reasonCode: 'normal' } as never,
    });
    const page = await h.newPage();
    const view = await verifyFileViaUi(page, { name: 'cancelled.pdf', buffer: pdf });
    expect([view.verdict, view.title, view.tone]).toEqual(['INVALID', '已注销', 'lifecycle']);
    expect(view.steps.filter((s) => s.tone !== 'success').map((s) => [s.name, s.tone])).toEqual([
      ['时间戳', 'neutral'],
      ['状态', 'lifecycle'],
    ]);
    h.assertNoConsoleErrors();
  });

  test('in English, at 375 px: the report reads in English and nothing scrolls sideways', async () => {
    const { pdf } = await issueLicence('English Test Co');
    const page = await h.newPage({ width: 375, height: 800 });
    await page.goto('/verify');
    await page.getByText('English').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Verify a licence');
    await expect
      .poll(() => page.getByTestId('upload-limit').textContent())
      .toMatch(/PDF or OFD files, at most/);
    // The language is kept for the next page load (verifyFileViaUi opens /verify afresh).
    const view = await verifyFileViaUi(page, { name: 'licence.pdf', buffer: pdf });
    expect([view.verdict, view.title]).toEqual(['VALID', 'Valid']);
    expect(stepNames(view)).toEqual([
      'Integrity',
      'Signature',
      'Certificate',
      'Seal',
      'Time-stamp',
      'Registry',
      'Status',
    ]);
    expect(view.steps.find((s) => s.name === 'Status')?.result).toBe('The licence is in force');
    expect(await hasHorizontalScroll(page)).toBe(false);
    h.assertNoConsoleErrors();
  });
});
