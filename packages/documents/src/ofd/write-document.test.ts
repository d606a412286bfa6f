import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { createFontSubsetter, harfbuzzSubsetWasmPath } from '../license-face/subset.js';
import { HOLDER, sampleFonts } from '../license-face/testing/sample-licence.js';
import type { FontSet } from '../license-face/types.js';
import { openOfd } from './read.js';
import { sealOfd } from './seal-ofd.js';
import { SIGNING_TIME, makeOfdSealKit, parseIndependently, unzipOfd, walk } from './testing/seal-kit.js';
import { extractOfdText } from './text.js';
import { verifyOfd } from './verify-ofd.js';
import { writeOfdDocument, type WriteOfdDocumentOptions } from './write-document.js';
import { OFD_NAMESPACE } from './xml.js';

const subsetter = createFontSubsetter(new Uint8Array(readFileSync(harfbuzzSubsetWasmPath())));
const fonts: FontSet = sampleFonts();
const CREATED = new Date('2026-11-22T02:00:00Z');

const THREE_PAGES = [
  {
    lines: [
      { text: '采购合同（测试）', sizePt: 18, align: 'center' as const },
      '',
      '甲方：某某市场监督管理局',
    ],
  },
  { lines: ['第二页：服务内容', `乙方：${HOLDER}`, 'Latin text 123 & <tags>'] },
  { lines: ['第三页', '甲方（盖章）'] },
];

const options = (extra: Partial<WriteOfdDocumentOptions> = {}): WriteOfdDocumentOptions => ({
  title: '采购合同（测试）',
  pages: THREE_PAGES,
  fonts,
  subsetter,
  createdAt: CREATED,
  ...extra,
});

async function refused(work: Promise<unknown>, code: string): Promise<DocumentError> {
  const e = await work.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DocumentError);
  expect((e as DocumentError).code).toBe(code);
  return e as DocumentError;
}

describe('writeOfdDocument', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await writeOfdDocument(options());
  });

  it('re-opens with openOfd: three A4 pages whose text is the lines given, the title in DocInfo', () => {
    const doc = openOfd(bytes);
    expect(doc.pages).toHaveLength(3);
    const pages = doc.pages.map((_, i) => doc.page(i));
    for (const page of pages) expect(page.physicalBox).toEqual({ x: 0, y: 0, width: 210, height: 297 });
    expect(pages.map((p) => extractOfdText(p).split('\n'))).toEqual([
      ['采购合同（测试）', '甲方：某某市场监督管理局'],
      ['第二页：服务内容', `乙方：${HOLDER}`, 'Latin text 123 & <tags>'],
      ['第三页', '甲方（盖章）'],
    ]);
    expect(doc.docInfo.title).toBe('采购合同（测试）');
  });

  it('writes well-formed OFD XML (an independent parser) and embeds only fonts that are used, as subsets', () => {
    const files = unzipOfd(bytes);
    for (const [name, data] of Object.entries(files)) {
      if (!name.endsWith('.xml')) continue;
      const root = parseIndependently(data);
      expect({ name, uri: root.uri }).toEqual({ name, uri: OFD_NAMESPACE });
    }
    const res = parseIndependently(files['Doc_0/PublicRes.xml']!);
    const fontFiles = [...walk(res)].filter((e) => e.local === 'FontFile').map((e) => e.text);
    expect(fontFiles.length).toBeGreaterThanOrEqual(1);
    for (const f of fontFiles) {
      const font = files[`Doc_0/Res/${f}`]!;
      expect(font).toBeDefined();
      // A subset: far smaller than the CJK fonts it came from.
      expect(font.length).toBeLessThan(fonts[1]!.bytes.length / 10);
    }
    const texts = Object.entries(files)
      .filter(([n]) => n.endsWith('Content.xml'))
      .flatMap(([, d]) => [...walk(parseIndependently(d))].filter((e) => e.local === 'TextObject'));
    // One TextObject per line (and per font run within a line: the Extension-B character).
    expect(texts.length).toBeGreaterThanOrEqual(7);
  });

  it('equal inputs and creation time give equal bytes; another date changes them', async () => {
    expect(Buffer.from(await writeOfdDocument(options())).equals(Buffer.from(bytes))).toBe(true);
    const later = await writeOfdDocument(options({ createdAt: new Date('2027-01-01T00:00:00Z') }));
    expect(Buffer.from(later).equals(Buffer.from(bytes))).toBe(false);
  });

  it('wraps a line longer than the text width; the page size and margins are honoured', async () => {
    const long = '本合同为测试文件，'.repeat(12);
    const doc = openOfd(
      await writeOfdDocument(
        options({ pages: [{ lines: [long] }], pageSizeMm: { widthMm: 148, heightMm: 210 }, marginMm: 15 }),
      ),
    );
    expect(doc.page(0).physicalBox).toEqual({ x: 0, y: 0, width: 148, height: 210 });
    const lines = extractOfdText(doc.page(0)).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(long);
  });

  it('a written document takes a riding seal over its three pages that verifies', async () => {
    const kit = await makeOfdSealKit();
    const sealed = await sealOfd({
      ofd: bytes,
      sesSeal: kit.seal.der,
      signerCertificate: kit.issuer.certificate.der,
      sign: kit.issuer.sign,
      placement: { kind: 'riding' },
      signingTime: SIGNING_TIME,
    });
    expect(sealed.pages).toEqual([0, 1, 2]);
    const report = await verifyOfd(sealed.ofd, { trustAnchors: [kit.root.der] });
    expect(report.verdict).toBe('VALID');
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]!.stampAnnots).toHaveLength(3);
  });

  it('refuses bad input with OFD_INPUT_INVALID and says why', async () => {
    await refused(writeOfdDocument(options({ pages: [] })), 'OFD_INPUT_INVALID');
    await refused(writeOfdDocument(options({ title: ' ' })), 'OFD_INPUT_INVALID');
    await refused(
      writeOfdDocument({
        ...options(),
        subsetter: undefined as unknown as WriteOfdDocumentOptions['subsetter'],
      }),
      'OFD_INPUT_INVALID',
    );
    const glyph = await refused(
      writeOfdDocument(options({ pages: [{ lines: ['私用区字符\uE000'] }] })),
      'OFD_INPUT_INVALID',
    );
    expect(glyph.details).toMatchObject({ characters: ['\uE000'] });
    const control = await refused(
      writeOfdDocument(options({ pages: [{ lines: ['响铃\u0007'] }] })),
      'OFD_INPUT_INVALID',
    );
    expect(control.details).toMatchObject({ characters: ['\u0007'] });
    const overflow = await refused(
      writeOfdDocument(options({ pages: [{ lines: ['一'] }, { lines: Array(80).fill('太多的行') }] })),
      'OFD_INPUT_INVALID',
    );
    expect(overflow.details).toMatchObject({ page: 2 });
    await refused(writeOfdDocument(options({ fontSizePt: 0 })), 'OFD_INPUT_INVALID');
    await refused(
      writeOfdDocument(options({ pages: [{ lines: [42 as unknown as string] }] })),
      'OFD_INPUT_INVALID',
    );
  });
});
