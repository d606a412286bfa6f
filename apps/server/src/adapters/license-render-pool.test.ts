import { afterAll, describe, expect, test } from 'vitest';
import { BUSINESS_FACE } from '../testing/licensing.js';
import { loadLicenseFonts } from './license-fonts.js';
import { documentLicenseRenderer } from './license-renderer.js';

const fonts = loadLicenseFonts(['/usr/share/fonts/opentype/noto']);
const inWorkers = documentLicenseRenderer(fonts, 1);
const onThread = documentLicenseRenderer(fonts, 0);
afterAll(() => undefined);

const input = (holder: string) => ({
  template: BUSINESS_FACE,
  values: { CZZT: holder, CZZTDM: '91350100M000100Y43', FDDBR: '张三', CLRQ: '2020-05-01', ZZBH: 'No.1' },
  qrPayload: 'https://zz.example.gov.cn/v/1.2.156.3005.2.TEST?t=abc',
  title: '营业执照 No.1',
  xmp: { CZZT: holder },
  attachment: { holder },
  createdAt: new Date('2026-11-20T02:00:00Z'),
});

describe('licence faces rendered in worker threads', () => {
  test('give the same bytes as on the calling thread, also when several run at once', async () => {
    const names = ['甲有限公司', '乙有限公司', '丙有限公司', '丁有限公司', '黄𠮷有限公司'];
    const pooled = await Promise.all(names.map((n) => inWorkers.render(input(n))));
    for (const [i, name] of names.entries()) {
      const direct = await onThread.render(input(name));
      expect(Buffer.compare(pooled[i]!, direct)).toBe(0);
    }
  }, 60_000);

  test('report the renderer’s errors with their codes', async () => {
    const long = '很长的名称'.repeat(40);
    await expect(inWorkers.render(input(long))).rejects.toMatchObject({ code: 'LICENSE_TEXT_OVERFLOW' });
    // The pool keeps working after an error.
    expect((await inWorkers.render(input('戊有限公司'))).length).toBeGreaterThan(1000);
  }, 60_000);
});
