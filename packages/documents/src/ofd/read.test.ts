import { describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { openOfd } from './read.js';
import { readOfdSignatures } from './signatures.js';
import { extractOfdText } from './text.js';
import {
  makeSampleOfd,
  ofdFixtureNames,
  readOfdFixture,
  rezip,
  sampleOfdParts,
} from './testing/ofd-files.js';
import type { OfdDocument, OfdGraphic, OfdPage, OfdText } from './types.js';

const open = (name: string) => openOfd(readOfdFixture(name));

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DocumentError) return e.code;
    throw e;
  }
  return 'no error';
}

function allObjects(objects: readonly OfdGraphic[]): OfdGraphic[] {
  return objects.flatMap((g) => (g.kind === 'block' ? [g, ...allObjects(g.objects)] : [g]));
}

const pageObjects = (page: OfdPage) => page.layers.flatMap((l) => allObjects(l.objects));
const textById = (page: OfdPage, id: string) =>
  pageObjects(page).find((g): g is OfdText => g.kind === 'text' && g.id === id);

describe('openOfd on the real fixtures', () => {
  const expected: Record<string, { pages: number; signatures?: string; namespace?: string }> = {
    '1.ofd': { pages: 1, signatures: 'Doc_0/Signs/Signatures.xml' },
    '999.ofd': { pages: 5, signatures: 'Doc_0/Signs/Signatures.xml' },
    'SignScaleError.ofd': { pages: 1, signatures: 'Doc_0/Signs/Signatures.xml' },
    'V4RideRight.ofd': { pages: 5, signatures: 'Doc_0/Signs/Signatures.xml' },
    'SESV4SignDoc.ofd': { pages: 1, signatures: 'Doc_0/Signs/Signatures.xml' },
    'n.ofd': { pages: 2, signatures: 'Doc_0/Signatures.xml' },
    '20240531141733.ofd': { pages: 1 },
    'signout.ofd': { pages: 1 },
    'z.ofd': { pages: 4, namespace: 'http://www.ofdspec.org' },
  };

  it('knows every fixture', () => {
    expect(ofdFixtureNames()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s: page count, signatures part, every page parses', (name, want) => {
    const doc = open(name);
    expect(doc.pages.length).toBe(want.pages);
    expect(doc.signaturesPart).toBe(want.signatures);
    expect(doc.namespace).toBe(want.namespace ?? 'http://www.ofdspec.org/2016');
    expect(doc.docBodyCount).toBe(1);
    expect(doc.docIndex).toBe(0);
    for (let i = 0; i < doc.pages.length; i++) {
      const page = doc.page(i);
      expect(page.index).toBe(i);
      expect(page.id).toBe(doc.pages[i]!.id);
      expect(page.physicalBox.width).toBeGreaterThan(100);
      expect(pageObjects(page).length).toBeGreaterThan(0);
      // Every embedded font and image the page can use is a part of the package.
      for (const font of page.resources.fonts.values())
        if (font.fontFile) expect(doc.package.has(font.fontFile)).toBe(true);
      for (const media of page.resources.multiMedias.values()) expect(doc.package.has(media.file)).toBe(true);
    }
  });

  it('1.ofd: DocInfo CustomData, custom tags, attachment, template, text deltas, image resource', () => {
    const doc = open('1.ofd');
    expect(doc.docInfo.customData.find((c) => c.name === '发票代码')?.value).toBe('033002000211');
    expect(doc.docInfo.docId).toBe('314d31d026e84941b484c3cf9d6be5b4');
    expect(doc.version).toBe('1.1');
    expect(doc.maxUnitId).toBe(98);
    expect(doc.pageArea).toEqual({ x: 0, y: 0, width: 210, height: 140 });
    expect(doc.customTagsPart).toBe('Doc_0/Tags/CustomTags.xml');
    expect(doc.customTags).toHaveLength(1);
    const tags = doc.customTags[0]!;
    expect(tags.file).toBe('Doc_0/Tags/CustomTag.xml');
    expect(tags.entries.find((e) => e.name === 'InvoiceCode')?.refs).toEqual([
      { pageRef: '1', objectId: '64' },
    ]);
    expect(
      tags.entries.find((e) => e.name === 'TaxInclusiveTotalAmount')?.refs.map((r) => r.objectId),
    ).toEqual(['82', '83']);
    expect(tags.entries).toHaveLength(24);
    expect(doc.attachments).toEqual([
      {
        id: '98',
        name: 'original_invoice',
        format: 'xml',
        file: 'Doc_0/Attachs/original_invoice.xml',
        size: 2.3467,
      },
    ]);
    expect(new TextDecoder().decode(doc.read(doc.attachments[0]!.file))).toContain('033002000211');

    const page = doc.page(0);
    expect(page.part).toBe('Doc_0/Pages/Page_0/Content.xml');
    expect(page.physicalBox).toEqual(doc.pageArea);
    expect(page.layers.map((l) => [l.type, l.templateId])).toEqual([
      ['Background', '2'],
      ['Body', undefined],
    ]);
    // The invoice code the custom tag points at is text object 64 on page 1.
    const code = textById(page, '64')!;
    expect(code.codes[0]).toEqual({ x: 0, y: 4.0875, deltaX: Array(11).fill(1.5875), text: '033002000211' });
    expect(code.font).toBe('63');
    expect(page.resources.fonts.get('63')?.fontName).toBe('宋体');
    // "g 7 3.175 g 4 1.5875 3.175 g 11 1.5875" unrolls to 23 offsets.
    expect(textById(page, '68')!.codes[0]!.deltaX).toEqual([
      ...Array(7).fill(3.175),
      ...Array(4).fill(1.5875),
      3.175,
      ...Array(11).fill(1.5875),
    ]);
    const title = textById(page, '62')!;
    expect(title.fillColor).toEqual({ value: [156, 82, 35] });
    expect(title.size).toBe(6.7028);
    const image = pageObjects(page).find((g) => g.kind === 'image');
    expect(image).toMatchObject({ kind: 'image', resourceId: '78', ctm: [20, 0, 0, 20, 0, 0] });
    expect(page.resources.multiMedias.get('78')).toEqual({
      id: '78',
      type: 'Image',
      format: 'GBIG2',
      file: 'Doc_0/Res/image_78.jb2',
    });
    expect(page.resources.drawParams.get('4')).toMatchObject({
      lineWidth: 0.25,
      strokeColor: { value: [156, 82, 35] },
    });
    expect(page.annotations).toEqual([
      {
        id: '91',
        type: 'Stamp',
        subtype: 'SignatureInFile',
        visible: true,
        print: true,
        parameters: { 'fp.NativeSign': 'original_invoice' },
        boundary: { x: 4.5, y: 104, width: 115, height: 20 },
        objects: [],
      },
    ]);
  });

  it('1.ofd: the text of page 0 shows the title and the invoice code, in reading order', () => {
    const text = extractOfdText(open('1.ofd').page(0));
    expect(text).toContain('浙江增值税电子普通发票');
    expect(text).toContain('033002000211');
    expect(text).toContain('名称：江苏京利华新材料有限公司');
    const lines = text.split('\n');
    // Code (baseline 10.3 mm) above the title (12.8 mm) above the buyer (34.5 mm).
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at('033002000211')).toBeLessThan(at('浙江增值税电子普通发票'));
    expect(at('浙江增值税电子普通发票')).toBeLessThan(at('江苏京利华新材料有限公司'));
    expect(lines.find((l) => l.includes('价税合计'))).toBe('价税合计（大写） 伍佰贰拾陆圆整 （小写）¥526.00');
  });

  it('999.ofd: relative BaseLocs resolve against Document.xml and Signatures.xml', () => {
    const doc = open('999.ofd');
    expect(doc.documentPart).toBe('Doc_0/Document.xml');
    expect(doc.pages.map((p) => p.part)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `Doc_0/Pages/Page_${i}/Content.xml`),
    );
    expect(doc.pages.map((p) => p.id)).toEqual(['10', '92', '271', '450', '629']);
    expect(doc.page(3).layers[0]).toMatchObject({ type: 'Background', templateId: '449' });
    expect(doc.customTags[0]?.file).toBe('Doc_0/Tags/Tag_Invoice.xml');
    const signatures = readOfdSignatures(doc.package, doc.signaturesPart!);
    expect(signatures.entries.map((e) => e.part)).toEqual(['Doc_0/Signs/Sign_0/Signature.xml']);
    expect(signatures.entries[0]!.stampAnnots[0]!.pageRef).toBe(doc.pages[0]!.id);
    expect(extractOfdText(doc.page(0))).toContain('重庆增值税电子普通发票');
  });

  it('n.ofd: Signatures.xml outside Signs/, "#0" hexadecimal colours, DrawParam resources', () => {
    const doc = open('n.ofd');
    expect(doc.signaturesPart).toBe('Doc_0/Signatures.xml');
    const page = doc.page(1);
    expect(page.id).toBe('1021');
    const text = textById(page, '1022')!;
    expect(text.fillColor).toEqual({ value: [0, 0, 0], colorSpace: '1' });
    expect(text.charDirection).toBe(0);
    expect(text.italic).toBe(false);
    expect(page.resources.colorSpaces.get('3')).toEqual({ id: '3', type: 'CMYK' });
    expect(page.resources.drawParams.get('1025')).toEqual({ id: '1025', lineWidth: 0.35 });
    expect(extractOfdText(doc.page(0))).toContain('关于同意张阿三同志辞职的批复');
  });

  it('z.ofd: the 2012 namespace opens, with an embedded font and PNG resources', () => {
    const doc = open('z.ofd');
    expect(doc.docInfo.title).toBe('11.4 字型变换');
    const page = doc.page(0);
    expect(page.resources.fonts.get('88')?.fontFile).toBe('Doc_0/Res/font1.ttf');
    expect(page.resources.multiMedias.get('10086')).toMatchObject({
      format: 'png',
      file: 'Doc_0/Res/10086.png',
    });
    expect(extractOfdText(page).split('\n')[0]).toBe('11.4字型变换');
  });

  it('signout.ofd: three Stamp appearances and one FreeText, composite units, embedded fonts', () => {
    const doc = open('signout.ofd');
    const page = doc.page(0);
    expect(page.annotations.map((a) => `${a.type}/${a.subtype}`)).toEqual([
      'Stamp/Stamp',
      'Stamp/Stamp',
      'Stamp/Stamp',
      'Stamp/FreeText',
    ]);
    const stamp = page.annotations[0]!;
    expect(stamp.boundary).toEqual({ x: 70.4878, y: 145.2108, width: 19.1715, height: 23.134 });
    expect(stamp.objects[0]).toMatchObject({
      kind: 'composite',
      resourceId: '472',
      ctm: [0.3528, 0, 0, 0.3528, 0, 0],
    });
    const unit = page.resources.compositeUnits.get('472')!;
    expect(unit.width).toBe(154.0464);
    expect(unit.content.length).toBeGreaterThan(10);
    const freeText = page.annotations[3]!;
    expect(freeText.remark).toBe('测试文本注释');
    expect(freeText.objects[0]).toMatchObject({ kind: 'text', font: '951', size: 12 });
    expect((freeText.objects[0] as OfdText).clips?.[0]).toMatchObject({
      path: 'M 0 16.26 L 72.01 16.26 L 72.01 0 L 0 0 C',
      ctm: [0.3528, 0, 0, 0.3528, 0, 0],
    });
    expect(page.resources.fonts.get('6')?.fontFile).toBe('Doc_0/Res/font_6_6.ttf');
    expect(doc.read('Doc_0/Res/font_6_6.ttf').length).toBe(341224);
    expect(extractOfdText(page)).toContain('测试文本注释');
    expect(doc.customTags).toEqual([{ typeId: 'ofdls', file: 'Doc_0/Tags/CustomTag.xml', entries: [] }]);
  });

  it('20240531141733.ofd: Watermark annotations, no signatures, page Area over a missing PageArea', () => {
    const doc = open('20240531141733.ofd');
    expect(doc.signaturesPart).toBeUndefined();
    expect(doc.pageArea).toEqual({ x: 0, y: 0, width: 210, height: 297 });
    const page = doc.page(0);
    expect(page.physicalBox).toEqual({ x: 0, y: 0, width: 210, height: 140 });
    expect(page.annotations.map((a) => a.type)).toEqual(['Watermark', 'Watermark']);
    expect(page.annotations[0]).toMatchObject({ noRotate: true, parameters: { sw_printable: 'true' } });
    expect(page.annotations[0]!.objects[0]).toMatchObject({ kind: 'image', resourceId: '6949' });
    expect(page.annotations[1]!.objects[0]).toMatchObject({
      kind: 'text',
      alpha: 127,
      ctm: [0, 1, -1, 0, 3.3084, 0],
    });
    expect(doc.docInfo.customData.some((c) => c.name === '发票代码')).toBe(false);
    expect(extractOfdText(page)).toContain('下载次数：1');
  });

  it('SignScaleError.ofd: PageBlock and CGTransform', () => {
    const page = open('SignScaleError.ofd').page(0);
    const blocks = page.layers.flatMap((l) => allObjects(l.objects)).filter((g) => g.kind === 'block');
    expect(blocks.length).toBe(1);
    expect(blocks[0]!.kind === 'block' && blocks[0]!.objects.length).toBeGreaterThan(0);
  });

  it('V4RideRight.ofd: a named but absent PublicRes.xml is skipped', () => {
    const doc = open('V4RideRight.ofd');
    expect(doc.package.has('Doc_0/PublicRes.xml')).toBe(false);
    expect(doc.page(0).resources.fonts.size).toBe(0);
    expect(doc.pages.map((p) => p.id)).toEqual(['1', '21', '43', '63', '83']);
  });

  it('z.ofd CGTransform glyph lists are read', () => {
    const doc = open('z.ofd');
    const withGlyphs = doc.pages
      .flatMap((_, i) => pageObjects(doc.page(i)))
      .filter((g): g is OfdText => g.kind === 'text' && g.glyphTransforms !== undefined);
    expect(withGlyphs.length).toBeGreaterThan(0);
    expect(withGlyphs[0]!.glyphTransforms![0]!.glyphs.length).toBe(
      withGlyphs[0]!.glyphTransforms![0]!.glyphCount,
    );
  });
});

describe('openOfd on generated files', () => {
  it('reads DocInfo, the template, annotations and text of a sample', () => {
    const doc = openOfd(
      makeSampleOfd({
        pages: [['持证人：张三', '证号：123'], ['第二页']],
        annotation: true,
        customData: { 证照类型: '营业执照' },
      }),
    );
    expect(doc.docInfo).toMatchObject({
      title: '样例',
      creationDate: '2024-01-02',
      customData: [{ name: '证照类型', value: '营业执照' }],
    });
    expect(doc.pages).toHaveLength(2);
    const page = doc.page(0);
    expect(page.layers.map((l) => l.type)).toEqual(['Background', 'Body']);
    expect(page.annotations[0]).toMatchObject({ type: 'Stamp', subtype: 'Note', parameters: { note: '1' } });
    expect(extractOfdText(page)).toBe('模板\n持证人：张三\n证号：123\n批注');
    expect(extractOfdText(doc.page(1))).toBe('模板\n第二页');
  });

  it('orders lines by baseline then x, whatever the order in the file', () => {
    const parts = sampleOfdParts({ template: false });
    const text = (id: number, x: number, y: number, s: string) =>
      `<ofd:TextObject ID="${id}" Boundary="${x} ${y} 50 6" Font="2" Size="4"><ofd:TextCode X="0" Y="4">${s}</ofd:TextCode></ofd:TextObject>`;
    parts['Doc_0/Pages/Page_0/Content.xml'] =
      '<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>' +
      text(1, 100, 50, '右下') +
      text(2, 10, 50, '左下') +
      text(3, 60, 10, '上') +
      '<ofd:FutureObject ID="9" Boundary="0 0 1 1"/>' +
      text(4, 40, 50.3, '同') +
      '</ofd:Layer></ofd:Content></ofd:Page>';
    const page = openOfd(rezip(parts)).page(0);
    expect(extractOfdText(page)).toBe('上\n左下 同 右下');
    expect(pageObjects(page).map((g) => g.id)).toEqual(['1', '2', '3', '4']);
  });

  it('opens the chosen DocBody and counts them', () => {
    const parts = sampleOfdParts({ pages: [['一号文档']] });
    const second = sampleOfdParts({ pages: [['二号文档'], ['第二页']] });
    for (const [name, data] of Object.entries(second)) {
      if (name !== 'OFD.xml') parts[name.replace('Doc_0/', 'Doc_1/')] = data;
    }
    parts['OFD.xml'] = String(parts['OFD.xml']).replace(
      '</ofd:DocBody>',
      '</ofd:DocBody><ofd:DocBody><ofd:DocInfo><ofd:DocID>b</ofd:DocID></ofd:DocInfo><ofd:DocRoot>/Doc_1/Document.xml</ofd:DocRoot></ofd:DocBody>',
    );
    const bytes = rezip(parts);
    const first: OfdDocument = openOfd(bytes);
    expect(first.docBodyCount).toBe(2);
    expect(extractOfdText(first.page(0))).toContain('一号文档');
    const other = openOfd(bytes, { docIndex: 1 });
    expect(other.documentPart).toBe('Doc_1/Document.xml');
    expect(other.pages.map((p) => p.part)).toEqual([
      'Doc_1/Pages/Page_0/Content.xml',
      'Doc_1/Pages/Page_1/Content.xml',
    ]);
    expect(extractOfdText(other.page(0))).toContain('二号文档');
    expect(codeOf(() => openOfd(bytes, { docIndex: 2 }))).toBe('OFD_INPUT_INVALID');
    expect(codeOf(() => first.page(1))).toBe('OFD_INPUT_INVALID');
    expect(codeOf(() => first.page(-1))).toBe('OFD_INPUT_INVALID');
  });

  it('resolves resource files through the Res BaseLoc, and page resources override document ones', () => {
    const parts = sampleOfdParts({ template: false });
    parts['Doc_0/PublicRes.xml'] =
      '<ofd:Res xmlns:ofd="http://www.ofdspec.org/2016" BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="宋体"><ofd:FontFile>f.ttf</ofd:FontFile></ofd:Font></ofd:Fonts>' +
      '<ofd:MultiMedias><ofd:MultiMedia ID="7" Type="Image"><ofd:MediaFile>/Doc_0/img/a.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>';
    parts['Doc_0/Pages/Page_0/Res.xml'] =
      '<ofd:Res xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Fonts><ofd:Font ID="2" FontName="黑体"/></ofd:Fonts></ofd:Res>';
    parts['Doc_0/Pages/Page_0/Content.xml'] = String(parts['Doc_0/Pages/Page_0/Content.xml']).replace(
      '<ofd:Content>',
      '<ofd:PageRes>Res.xml</ofd:PageRes><ofd:Content>',
    );
    const doc = openOfd(rezip(parts));
    const page = doc.page(0);
    expect(page.resources.fonts.get('2')).toEqual({ id: '2', fontName: '黑体' });
    expect(page.resources.multiMedias.get('7')).toEqual({ id: '7', type: 'Image', file: 'Doc_0/img/a.png' });
    const withoutPageRes = { ...parts };
    withoutPageRes['Doc_0/Pages/Page_0/Content.xml'] = String(
      parts['Doc_0/Pages/Page_0/Content.xml'],
    ).replace('<ofd:PageRes>Res.xml</ofd:PageRes>', '');
    expect(openOfd(rezip(withoutPageRes)).page(0).resources.fonts.get('2')).toEqual({
      id: '2',
      fontName: '宋体',
      fontFile: 'Doc_0/Res/f.ttf',
    });
  });

  it('a Foreground template is drawn after the page body', () => {
    const parts = sampleOfdParts();
    parts['Doc_0/Pages/Page_0/Content.xml'] = String(parts['Doc_0/Pages/Page_0/Content.xml']).replace(
      'ZOrder="Background"',
      'ZOrder="Foreground"',
    );
    const page = openOfd(rezip(parts)).page(0);
    expect(page.layers.map((l) => `${l.type}:${l.templateId ?? ''}`)).toEqual(['Body:', 'Foreground:3']);
  });
});
