import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { Client } from '@zhengyin/sdk';
import { NEW_PASSWORD, samplePdf } from '@zhengyin/server/testing';
import type { ConsoleHarness } from './harness.js';
import { loginThroughPage, startConsoleHarness } from './harness.js';
import {
  applyForSealViaUi,
  approveAndMakeSealViaUi,
  approveSealUseViaUi,
  enterSealPinViaUi,
  requestSealUseViaUi,
  signPdfViaUi,
} from './steps/seals.js';

const PIN = '135790';
const DEPARTMENT = '西安市市场监督管理局';

let h: ConsoleHarness;
let sealAdminApi: Client;
let users: Record<'sealAdmin' | 'keeper' | 'approver', { username: string; client: Client }>;
let pages: Record<'sealAdmin' | 'keeper' | 'approver', Page>;

beforeAll(async () => {
  h = await startConsoleHarness();
  const orgs = await h.platform.seedOrgs();
  const make = async (role: 'seal_admin' | 'seal_keeper' | 'approver') => {
    const u = (await h.platform.userWithRole(role, { departmentId: orgs.deptA })) as {
      client: Client;
      username: string;
    };
    return { username: u.username, client: u.client };
  };
  users = {
    sealAdmin: await make('seal_admin'),
    keeper: await make('seal_keeper'),
    approver: await make('approver'),
  };
  sealAdminApi = users.sealAdmin.client;
  const login = async (who: keyof typeof users) => {
    const page = await h.newPage();
    await loginThroughPage(page, users[who].username, NEW_PASSWORD);
    page.setDefaultTimeout(15_000);
    return page;
  };
  pages = {
    sealAdmin: await login('sealAdmin'),
    keeper: await login('keeper'),
    approver: await login('approver'),
  };
}, 120_000);
afterAll(async () => h?.close());

/** The centre of the last widget rectangle written into the PDF (the seal just added). */
function lastWidgetCentre(pdf: Buffer): { x: number; y: number } {
  const rects = [
    ...pdf.toString('latin1').matchAll(/\/Rect\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/g),
  ];
  const [, x0, y0, x1, y1] = rects.at(-1)!.map(Number);
  return { x: (x0! + x1!) / 2, y: (y0! + y1!) / 2 };
}

describe('seals in the console', () => {
  let sealId: string;

  test('a bad application is refused in the form and creates nothing', async () => {
    const page = pages.sealAdmin;
    await page.goto('/console/seals/apply');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByText('请选择部门').waitFor();
    await page.getByText('请填写印章名称').waitFor();
    expect((await sealAdminApi.listSeals({ query: {} })).total).toBe(0);
    await h.screenshot(page, 'seals-apply');
    h.assertNoConsoleErrors();
  }, 120_000);

  test('apply → approve → make (PIN) → 备案: the seal is active with its workflow and filing', async () => {
    ({ sealId } = await applyForSealViaUi(pages.sealAdmin, {
      department: DEPARTMENT,
      name: '西安市市场监督管理局',
    }));
    const applied = await sealAdminApi.getSeal({ params: { id: sealId } });
    expect(applied.seal).toMatchObject({ status: 'applied', name: '西安市市场监督管理局', algorithm: 'sm2' });

    await approveAndMakeSealViaUi(pages, sealId, { pin: PIN, filingNumber: 'GA-2026-0001' });
    const detail = await sealAdminApi.getSeal({ params: { id: sealId } });
    expect(detail.seal.status).toBe('active');
    expect(detail.filing).toMatchObject({ filingNumber: 'GA-2026-0001', authority: '西安市公安局' });
    expect(detail.reviews).toEqual([
      expect.objectContaining({ decision: 'approved', comment: '材料齐全，同意刻制' }),
    ]);
    expect(detail.seal.certificatePem).toContain('BEGIN CERTIFICATE');
    await pages.sealAdmin.getByText('已备案：GA-2026-0001').waitFor();
    await h.screenshot(pages.sealAdmin, 'seals-detail');

    await pages.sealAdmin.goto('/console/seals?status=active');
    await pages.sealAdmin.getByRole('link', { name: '西安市市场监督管理局' }).waitFor();
    await h.screenshot(pages.sealAdmin, 'seals-registry');
    await pages.sealAdmin.goto('/console/seals?type=personal');
    await pages.sealAdmin.getByText('没有符合条件的印章').waitFor();
    h.assertNoConsoleErrors();
  }, 120_000);

  test('sign: the clicked point on page 2 is where the seal lands; the sealed PDF verifies and is registered', async () => {
    const pdf = Buffer.from(await samplePdf(2));
    const sent: { page: number; x: number; y: number }[] = [];
    pages.keeper.on('request', (r) => {
      if (r.url().endsWith('/seal-pdf'))
        sent.push((r.postDataJSON() as { placement: { page: number; x: number; y: number } }).placement);
    });
    const click = { page: 2, xPt: 420, yPt: 180 };
    const sealed = await signPdfViaUi(
      { keeper: pages.keeper, approver: pages.approver },
      { sealId, pdf, click, pin: PIN },
    );

    expect(sent).toHaveLength(1);
    expect(sent[0]!.page).toBe(2);
    expect(Math.abs(sent[0]!.x - click.xPt)).toBeLessThanOrEqual(1);
    expect(Math.abs(sent[0]!.y - click.yPt)).toBeLessThanOrEqual(1);
    const centre = lastWidgetCentre(sealed);
    expect(Math.abs(centre.x - click.xPt)).toBeLessThanOrEqual(1);
    expect(Math.abs(centre.y - click.yPt)).toBeLessThanOrEqual(1);

    const report = await h.platform.client().verifyPdf({ body: { pdfBase64: sealed.toString('base64') } });
    expect(['VALID', 'INDETERMINATE']).toContain(report.verdict);
    expect(report.signatures).toHaveLength(1);

    const use = await sealAdminApi.listSealUse({ params: { id: sealId } });
    expect(use.usages.total).toBe(1);
    expect(use.requests[0]).toMatchObject({ status: 'exhausted', documentName: 'contract.pdf', usesDone: 1 });

    await pages.keeper.getByRole('link', { name: '查看用印登记' }).click();
    await pages.keeper.getByRole('tab', { name: '用印登记' }).click();
    await pages.keeper.getByText('共 1 次').waitFor();
    await h.screenshot(pages.keeper, 'seals-usage');
    h.assertNoConsoleErrors();
  }, 120_000);

  test('a wrong PIN is refused and nothing is sealed', async () => {
    const pdf = Buffer.from(await samplePdf(1, 'Second contract'));
    await requestSealUseViaUi(pages.keeper, {
      sealId,
      pdf,
      name: 'second.pdf',
      click: { page: 1, xPt: 300, yPt: 300 },
    });
    await h.screenshot(pages.keeper, 'seals-sign');
    await approveSealUseViaUi(pages.approver, sealId, 'second.pdf');
    h.allowConsoleError(/status of 403 .*\/seal-pdf\)$/);
    await enterSealPinViaUi(pages.keeper, 'wrong-pin-000');
    await pages.keeper.getByText(/KEYS_PIN_INVALID/).waitFor();
    expect(await pages.keeper.getByText('文件已签章').count()).toBe(0);
    const use = await sealAdminApi.listSealUse({ params: { id: sealId } });
    expect(use.usages.total).toBe(1);
    expect(use.requests.find((r) => r.documentName === 'second.pdf')).toMatchObject({
      status: 'approved',
      usesDone: 0,
    });
    h.assertNoConsoleErrors();
  }, 120_000);
});
