import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { bundledSealFontPath } from '../seal-image/font.js';
import { checkGlyphCoverage, renderFace, type FaceTemplate, type FontSet } from './index.js';

const SERIF_TTC = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';
const sans = {
  name: 'noto-sans-sc',
  bytes: new Uint8Array(readFileSync(bundledSealFontPath('regular'))),
  style: 'sans',
} as const;
const serif = {
  name: 'noto-serif-cjk',
  bytes: new Uint8Array(readFileSync(SERIF_TTC)),
  style: 'serif',
} as const;
const FULL: FontSet = [serif, sans];
const SANS_ONLY: FontSet = [sans];
const dir = mkdtempSync(join(tmpdir(), 'license-face-'));
const hasZbar = spawnSync('zbarimg', ['--version']).status === 0;

/** A 营业执照-like A4 landscape face. */
const TEMPLATE: FaceTemplate = {
  page: { widthMm: 297, heightMm: 210 },
  fixedTexts: [
    { text: '营业执照', xMm: 60, yMm: 15, widthMm: 177, heightMm: 20, fontSize: 40, align: 'center' },
    { text: '统一社会信用代码', xMm: 20, yMm: 45, widthMm: 50, heightMm: 8, fontSize: 12, align: 'left' },
    { text: '名　　称', xMm: 20, yMm: 60, widthMm: 30, heightMm: 8, fontSize: 12, align: 'left' },
    {
      text: '经营范围',
      xMm: 20,
      yMm: 75,
      widthMm: 30,
      heightMm: 8,
      fontSize: 12,
      align: 'left',
      font: 'sans',
    },
    { text: '成立日期', xMm: 20, yMm: 120, widthMm: 30, heightMm: 8, fontSize: 12, align: 'left' },
  ],
  textBoxes: [
    {
      item: 'USCC',
      xMm: 72,
      yMm: 45,
      widthMm: 90,
      heightMm: 8,
      fontSize: 12,
      minFontSize: 9,
      align: 'left',
      wrap: false,
    },
    {
      item: 'NAME',
      xMm: 52,
      yMm: 60,
      widthMm: 110,
      heightMm: 8,
      fontSize: 14,
      minFontSize: 8,
      align: 'left',
      wrap: false,
    },
    {
      item: 'SCOPE',
      xMm: 52,
      yMm: 75,
      widthMm: 110,
      heightMm: 40,
      fontSize: 11,
      minFontSize: 8,
      align: 'left',
      wrap: true,
      font: 'sans',
    },
    {
      item: 'FOUNDED',
      xMm: 52,
      yMm: 120,
      widthMm: 60,
      heightMm: 8,
      fontSize: 12,
      minFontSize: 10,
      align: 'left',
      wrap: false,
      dateFormat: 'yyyy年M月d日',
    },
  ],
  qr: { xMm: 230, yMm: 40, sizeMm: 40 },
  seal: { xMm: 200, yMm: 140, sizeMm: 42 },
};
const VALUES = {
  USCC: '91350100M000100Y43',
  NAME: '福州证印科技有限公司',
  SCOPE:
    '软件开发；信息技术咨询服务；电子证照与电子印章系统的研发、销售及技术服务。（依法须经批准的项目，经相关部门批准后方可开展经营活动）',
  FOUNDED: '2021-03-09',
};
const QR = 'https://verify.example.cn/l/1135010000000000000000000000000000000001?t=Q7xK2';

function sealPng(): Uint8Array {
  const png = new PNG({ width: 64, height: 64 });
  for (let i = 0; i < 64 * 64; i++) png.data.set([200, 0, 0, (i % 64) + (i >> 6) > 40 ? 255 : 0], i * 4);
  return new Uint8Array(PNG.sync.write(png));
}

function write(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}
const run = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' });

function expectError(fn: () => unknown, code: string): DocumentError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentError);
    expect((e as DocumentError).code).toBe(code);
    return e as DocumentError;
  }
  throw new Error(`expected ${code}`);
}
async function expectRejects(p: Promise<unknown>, code: string): Promise<DocumentError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DocumentError);
  expect((e as DocumentError).code).toBe(code);
  return e as DocumentError;
}

/** Font sizes of the words of a page, from `pdftotext -bbox` (height of each word box). */
function wordHeights(pdf: string): { word: string; height: number }[] {
  const html = run('pdftotext', ['-bbox', pdf, '-']);
  return [
    ...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g),
  ].map((m) => ({ word: m[3]!, height: Number(m[2]) - Number(m[1]) }));
}

describe('license face rendering', () => {
  let facePath: string;
  beforeAll(async () => {
    facePath = write(
      'face.pdf',
      await renderFace({
        template: TEMPLATE,
        values: VALUES,
        fonts: FULL,
        qrPayload: QR,
        sealPng: sealPng(),
      }),
    );
  });

  it('extracts holder name, licence number and formatted date with pdftotext', () => {
    const text = run('pdftotext', [facePath, '-']);
    expect(text).toContain(VALUES.NAME);
    expect(text).toContain(VALUES.USCC);
    expect(text).toContain('2021年3月9日');
    expect(text).toContain('营业执照');
    expect(run('qpdf', ['--check', facePath])).toContain('No syntax or stream encoding errors');
  });

  it('embeds every font as a subset (pdffonts)', () => {
    const rows = run('pdffonts', [facePath]).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(2); // serif and sans faces both used
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+/); // subset tag
      expect(row).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+$/); // emb yes, sub yes
    }
    expect(rows.some((r) => r.includes('NotoSerifCJK'))).toBe(true);
    expect(rows.some((r) => r.includes('NotoSans'))).toBe(true);
  });

  it('draws the QR code in its box and zbarimg decodes the payload', () => {
    run('pdftoppm', ['-r', '50', '-png', '-singlefile', facePath, join(dir, 'face')]);
    const png = PNG.sync.read(readFileSync(join(dir, 'face.png')));
    const px = (mm: number): number => Math.round((mm / 25.4) * 50);
    const dark = (x0: number, y0: number, size: number): number => {
      let n = 0;
      for (let y = px(y0); y < px(y0 + size); y++) {
        for (let x = px(x0); x < px(x0 + size); x++) {
          const i = (y * png.width + x) * 4;
          if (png.data[i]! < 80 && png.data[i + 1]! < 80 && png.data[i + 2]! < 80) n++;
        }
      }
      return n / (px(size) * px(size));
    };
    const q = TEMPLATE.qr!;
    expect(dark(q.xMm, q.yMm, q.sizeMm)).toBeGreaterThan(0.25);
    expect(dark(250, 150, 30)).toBe(0); // nothing dark in an empty area (the seal is red)
    if (hasZbar) {
      // zbar-tools is installed here; the assertion is skipped only on machines without zbarimg.
      const out = spawnSync('zbarimg', ['--quiet', '--raw', join(dir, 'face.png')], { encoding: 'utf8' });
      expect(out.stdout.trim()).toBe(QR);
    }
  });

  it('renders an Extension-B name (𠮷) with the serif TTC, refuses it with only the bundled sans font', async () => {
    const values = { ...VALUES, NAME: '𠮷野家餐饮有限公司' };
    const pdf = write('extb.pdf', await renderFace({ template: TEMPLATE, values, fonts: FULL }));
    expect(run('pdftotext', [pdf, '-'])).toContain('𠮷野家餐饮有限公司');
    expect(checkGlyphCoverage(['𠮷野家'], FULL)).toEqual({ missing: [] });
    expect(checkGlyphCoverage(['𠮷野𠮷家', '𠮷'], SANS_ONLY)).toEqual({ missing: ['𠮷'] });
    const e = await expectRejects(
      renderFace({ template: TEMPLATE, values, fonts: SANS_ONLY }),
      'LICENSE_GLYPH_MISSING',
    );
    expect(e.details?.characters).toEqual(['𠮷']);
  });

  it('lists every uncovered character once, in order, across fixed texts and values', async () => {
    const template = {
      ...TEMPLATE,
      fixedTexts: [...TEMPLATE.fixedTexts, { ...TEMPLATE.fixedTexts[1]!, yMm: 190, text: '\u{E000}标' }],
    };
    const values = { ...VALUES, NAME: '𠮷\u0001𠮷\u{E000}' };
    const e = await expectRejects(
      renderFace({ template, values, fonts: SANS_ONLY }),
      'LICENSE_GLYPH_MISSING',
    );
    expect(e.details?.characters).toEqual(['\u{E000}', '𠮷', '\u0001']);
  });

  it('shrinks a long value in a non-wrapping box and refuses an absurdly long one', async () => {
    const long = write(
      'long.pdf',
      await renderFace({
        template: TEMPLATE,
        values: { ...VALUES, NAME: '福州证印科技有限公司福建省福州市鼓楼区分公司第一营业部' },
        fonts: FULL,
      }),
    );
    const normal = wordHeights(facePath).find((w) => w.word === VALUES.NAME)!;
    const shrunk = wordHeights(long).find((w) => w.word.startsWith('福州证印科技有限公司福建省'))!;
    expect(normal.height).toBeGreaterThan(shrunk.height * 1.2);
    const e = await expectRejects(
      renderFace({ template: TEMPLATE, values: { ...VALUES, NAME: '很长的名称'.repeat(20) }, fonts: FULL }),
      'LICENSE_TEXT_OVERFLOW',
    );
    expect(e.details?.item).toBe('NAME');
    await expectRejects(
      renderFace({ template: TEMPLATE, values: { ...VALUES, SCOPE: '经营范围'.repeat(200) }, fonts: FULL }),
      'LICENSE_TEXT_OVERFLOW',
    );
  });

  it('refuses a fixed text that does not fit and malformed input with typed errors', async () => {
    const tooWide = { ...TEMPLATE, fixedTexts: [{ ...TEMPLATE.fixedTexts[0]!, widthMm: 20 }] };
    const e = await expectRejects(
      renderFace({ template: tooWide, values: VALUES, fonts: FULL }),
      'LICENSE_TEXT_OVERFLOW',
    );
    expect(e.details?.fixedText).toBe(0);
    await expectRejects(
      renderFace({ template: TEMPLATE, values: { ...VALUES, FOUNDED: '2021-02-30' }, fonts: FULL }),
      'LICENSE_VALUE_INVALID',
    );
    await expectRejects(
      renderFace({
        template: { ...TEMPLATE, page: { widthMm: 0, heightMm: 210 } },
        values: VALUES,
        fonts: FULL,
      }),
      'LICENSE_TEMPLATE_INVALID',
    );
    await expectRejects(
      renderFace({
        template: { ...TEMPLATE, textBoxes: [{ ...TEMPLATE.textBoxes[0]!, minFontSize: 20 }] },
        values: VALUES,
        fonts: FULL,
      }),
      'LICENSE_TEMPLATE_INVALID',
    );
    await expectRejects(
      renderFace({ template: TEMPLATE, values: VALUES, fonts: FULL, sealPng: new Uint8Array([1, 2, 3]) }),
      'LICENSE_IMAGE_INVALID',
    );
    await expectRejects(
      renderFace({ template: TEMPLATE, values: VALUES, fonts: [] }),
      'LICENSE_FONT_INVALID',
    );
    expectError(
      () => checkGlyphCoverage(['a'], [{ name: 'junk', bytes: new Uint8Array(100), style: 'sans' }]),
      'LICENSE_FONT_INVALID',
    );
  });

  it('wraps a long scope over several lines at the template size', async () => {
    const text = run('pdftotext', ['-layout', facePath, '-']);
    const scopeLines = text.split('\n').filter((l) => /软件开发|经营活动|技术服务/.test(l));
    expect(scopeLines.length).toBeGreaterThanOrEqual(2);
  });
});
