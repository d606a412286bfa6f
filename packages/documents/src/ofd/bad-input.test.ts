import { describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { openOfd, type OpenOfdOptions } from './read.js';
import { expandDeltas } from './read-values.js';
import { extractOfdText } from './text.js';
import {
  makeManyPagesOfd,
  makeSampleOfd,
  readOfdFixture,
  rezip,
  sampleOfdParts,
} from './testing/ofd-files.js';

const PAGE = 'Doc_0/Pages/Page_0/Content.xml';
const NS = 'http://www.ofdspec.org/2016';

interface Refusal {
  code: string;
  details: Record<string, unknown>;
  message: string;
}

/** The DocumentError that opening (and reading every page of) `bytes` gives; the input is left unchanged. */
function refusal(bytes: Uint8Array, options?: OpenOfdOptions): Refusal {
  const before = Uint8Array.from(bytes);
  try {
    const doc = openOfd(bytes, options);
    for (let i = 0; i < doc.pages.length; i++) doc.page(i);
  } catch (e) {
    expect(bytes).toEqual(before);
    if (e instanceof DocumentError) return { code: e.code, details: e.details ?? {}, message: e.message };
    throw e;
  }
  throw new Error('no error');
}

const withParts = (changes: Record<string, string | Uint8Array | null>, base = sampleOfdParts()) => {
  const parts = { ...base };
  for (const [name, data] of Object.entries(changes)) {
    if (data === null) delete parts[name];
    else parts[name] = data;
  }
  return rezip(parts);
};

const page = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="${NS}"><ofd:Content><ofd:Layer ID="1">${body}</ofd:Layer></ofd:Content></ofd:Page>`;

const XXE = (root: string) =>
  `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><ofd:${root} xmlns:ofd="${NS}">&e;</ofd:${root}>`;

describe('openOfd refuses bad input with a clear code', () => {
  it('accepts the untouched sample (the baseline the cases below break)', () => {
    const doc = openOfd(makeSampleOfd());
    expect(extractOfdText(doc.page(0))).toBe('模板\n证照 第 1 页');
  });

  it('not a zip, an empty file and a truncated zip → OFD_MALFORMED', () => {
    expect(refusal(new TextEncoder().encode('<ofd:OFD/>')).code).toBe('OFD_MALFORMED');
    expect(refusal(new Uint8Array()).code).toBe('OFD_MALFORMED');
    const fixture = readOfdFixture('1.ofd');
    expect(refusal(fixture.subarray(0, fixture.length - 200)).code).toBe('OFD_MALFORMED');
    expect(refusal(fixture.subarray(0, 1000)).code).toBe('OFD_MALFORMED');
  });

  it('a zip without OFD.xml → OFD_MALFORMED', () => {
    const r = refusal(withParts({ 'OFD.xml': null }));
    expect(r.code).toBe('OFD_MALFORMED');
    expect(r.message).toContain('OFD.xml');
  });

  it('zip bomb: a 24 MB entry of zeros (ratio ~1000) → OFD_ZIP_BOMB before inflating', () => {
    const bomb = withParts({ 'Doc_0/Res/big.bin': new Uint8Array(24 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(100_000);
    expect(refusal(bomb).code).toBe('OFD_ZIP_BOMB');
    // The same part stored uncompressed is not a bomb: the sample opens.
    const stored = rezip(
      { ...sampleOfdParts(), 'Doc_0/Res/big.bin': new Uint8Array(2 * 1024 * 1024) },
      { method: 0 },
    );
    expect(openOfd(stored).pages).toHaveLength(1);
  });

  it('zip bomb: more entries than the limit → OFD_ZIP_BOMB', () => {
    const parts = sampleOfdParts();
    for (let i = 0; i < 120; i++) parts[`Doc_0/Res/x${i}.txt`] = 'x';
    const bytes = rezip(parts);
    expect(refusal(bytes, { limits: { zip: { maxEntries: 100 } } }).code).toBe('OFD_ZIP_BOMB');
    expect(openOfd(bytes, { limits: { zip: { maxEntries: 200 } } }).pages).toHaveLength(1);
  });

  it('XXE in Document.xml → OFD_XXE when opening', () => {
    const r = refusal(withParts({ 'Doc_0/Document.xml': XXE('Document') }));
    expect(r).toMatchObject({ code: 'OFD_XXE', details: { part: 'Doc_0/Document.xml' } });
  });

  it('XXE in a page → OFD_XXE when the page is read, not before', () => {
    const bytes = withParts({ [PAGE]: XXE('Page') });
    const doc = openOfd(bytes);
    expect(doc.pages).toHaveLength(1);
    expect(refusal(bytes)).toMatchObject({ code: 'OFD_XXE', details: { part: PAGE } });
  });

  it('an entity bomb without DOCTYPE cannot expand: undefined entity → OFD_MALFORMED', () => {
    expect(refusal(withParts({ [PAGE]: page('&lol9;') })).code).toBe('OFD_MALFORMED');
  });

  it('path traversal in a page BaseLoc → OFD_PATH_TRAVERSAL', () => {
    const base = sampleOfdParts();
    const doc = String(base['Doc_0/Document.xml']).replace('Pages/Page_0/Content.xml', '../../../etc/passwd');
    const r = refusal(withParts({ 'Doc_0/Document.xml': doc }));
    expect(r).toMatchObject({ code: 'OFD_PATH_TRAVERSAL', details: { location: '../../../etc/passwd' } });
  });

  it('path traversal in DocRoot, a resource file and a template → OFD_PATH_TRAVERSAL', () => {
    const base = sampleOfdParts();
    const ofd = String(base['OFD.xml']).replace('Doc_0/Document.xml', '../Doc_0/Document.xml');
    expect(refusal(withParts({ 'OFD.xml': ofd })).code).toBe('OFD_PATH_TRAVERSAL');
    const res = `<ofd:Res xmlns:ofd="${NS}" BaseLoc="../../.."><ofd:Fonts><ofd:Font ID="2" FontName="x"><ofd:FontFile>f.ttf</ofd:FontFile></ofd:Font></ofd:Fonts></ofd:Res>`;
    expect(refusal(withParts({ 'Doc_0/PublicRes.xml': res })).code).toBe('OFD_PATH_TRAVERSAL');
    const doc = String(base['Doc_0/Document.xml']).replace('Tpls/Tpl_0/Content.xml', 'C:/Windows/win.ini');
    expect(refusal(withParts({ 'Doc_0/Document.xml': doc })).code).toBe('OFD_PATH_TRAVERSAL');
  });

  it('path traversal in a zip entry name → OFD_PATH_TRAVERSAL', () => {
    const r = refusal(withParts({ '../../evil.xml': '<x/>' }));
    expect(r.code).toBe('OFD_PATH_TRAVERSAL');
  });

  it('missing Document.xml → OFD_PART_MISSING naming it', () => {
    const r = refusal(withParts({ 'Doc_0/Document.xml': null }));
    expect(r).toMatchObject({ code: 'OFD_PART_MISSING', details: { part: 'Doc_0/Document.xml' } });
  });

  it('missing page part → OFD_PART_MISSING when that page is read', () => {
    const bytes = withParts({ [PAGE]: null });
    expect(openOfd(bytes).pages[0]!.part).toBe(PAGE);
    expect(refusal(bytes)).toMatchObject({ code: 'OFD_PART_MISSING', details: { part: PAGE } });
  });

  it('missing template part and missing annotation part → OFD_PART_MISSING', () => {
    expect(refusal(withParts({ 'Doc_0/Tpls/Tpl_0/Content.xml': null }))).toMatchObject({
      code: 'OFD_PART_MISSING',
      details: { part: 'Doc_0/Tpls/Tpl_0/Content.xml' },
    });
    const annotated = sampleOfdParts({ annotation: true });
    expect(refusal(withParts({ 'Doc_0/Annots/Page_0/Annotation.xml': null }, annotated))).toMatchObject({
      code: 'OFD_PART_MISSING',
      details: { part: 'Doc_0/Annots/Page_0/Annotation.xml' },
    });
  });

  it('a page naming an unknown template → OFD_MALFORMED naming the page and template', () => {
    const bytes = withParts({
      [PAGE]: String(sampleOfdParts()[PAGE]).replace('TemplateID="3"', 'TemplateID="99"'),
    });
    expect(refusal(bytes)).toMatchObject({
      code: 'OFD_MALFORMED',
      details: { part: PAGE, templateId: '99' },
    });
  });

  it('wrong namespace on the OFD.xml root → OFD_NAMESPACE_UNKNOWN; wrong root name → OFD_MALFORMED', () => {
    const ofd = String(sampleOfdParts()['OFD.xml']);
    const r = refusal(withParts({ 'OFD.xml': ofd.replace(NS, 'http://example.com/ofd') }));
    expect(r).toMatchObject({
      code: 'OFD_NAMESPACE_UNKNOWN',
      details: { namespace: 'http://example.com/ofd' },
    });
    expect(refusal(withParts({ 'OFD.xml': ofd.replace(/ofd:OFD/g, 'ofd:Document') })).code).toBe(
      'OFD_MALFORMED',
    );
    expect(refusal(withParts({ 'OFD.xml': ofd.replace(/<ofd:DocRoot>.*<\/ofd:DocRoot>/, '') })).code).toBe(
      'OFD_MALFORMED',
    );
  });

  it('elements nested deeper than the limit → OFD_LIMIT_EXCEEDED', () => {
    const deep = '<ofd:PageBlock>'.repeat(100) + '</ofd:PageBlock>'.repeat(100);
    const r = refusal(withParts({ [PAGE]: page(deep) }));
    expect(r).toMatchObject({ code: 'OFD_LIMIT_EXCEEDED', details: { part: PAGE } });
    // 40 levels are within the default depth of 64 and read as nested blocks.
    const ok = '<ofd:PageBlock>'.repeat(40) + '</ofd:PageBlock>'.repeat(40);
    expect(openOfd(withParts({ [PAGE]: page(ok) })).page(0).layers[0]!.objects[0]!.kind).toBe('block');
  });

  it('more elements in a part than the node limit → OFD_LIMIT_EXCEEDED', () => {
    const many =
      '<ofd:PathObject Boundary="0 0 1 1"><ofd:AbbreviatedData>M 0 0</ofd:AbbreviatedData></ofd:PathObject>'.repeat(
        300,
      );
    const bytes = withParts({ [PAGE]: page(many) });
    expect(refusal(bytes, { limits: { xml: { maxNodes: 500 } } })).toMatchObject({
      code: 'OFD_LIMIT_EXCEEDED',
    });
    expect(openOfd(bytes, { limits: { xml: { maxNodes: 1000 } } }).page(0).layers[0]!.objects).toHaveLength(
      300,
    );
  });

  it('more pages than maxPages → OFD_LIMIT_EXCEEDED when opening', () => {
    const bytes = makeManyPagesOfd(11);
    expect(refusal(bytes, { limits: { maxPages: 10 } })).toMatchObject({
      code: 'OFD_LIMIT_EXCEEDED',
      details: { pages: 11, maxPages: 10 },
    });
    expect(openOfd(bytes, { limits: { maxPages: 11 } }).pages).toHaveLength(11);
  });

  it('malformed boxes, matrices, numbers, colours and deltas → OFD_MALFORMED naming where', () => {
    const text = (attrs: string, code = '<ofd:TextCode X="0" Y="4">字</ofd:TextCode>', color = '') =>
      page(`<ofd:TextObject ID="42" Font="2" Size="4" ${attrs}>${color}${code}</ofd:TextObject>`);
    const cases: [string, string][] = [
      [text('Boundary="0 0 10"'), `${PAGE} TextObject 42 Boundary`],
      [text('Boundary="0 0 10 x"'), `${PAGE} TextObject 42 Boundary`],
      [text('Boundary="0 0 10 10" CTM="1 0 0 1 0"'), `${PAGE} TextObject 42 CTM`],
      [text('Boundary="0 0 10 10" Alpha="half"'), `${PAGE} TextObject 42 Alpha`],
      [
        text('Boundary="0 0 10 10"', '<ofd:TextCode X="a" Y="4">字</ofd:TextCode>'),
        `${PAGE} TextObject 42 TextCode X`,
      ],
      [
        text('Boundary="0 0 10 10"', '<ofd:TextCode X="0" Y="4" DeltaX="g x 1">字字</ofd:TextCode>'),
        `${PAGE} TextObject 42 DeltaX`,
      ],
      [
        text('Boundary="0 0 10 10"', undefined, '<ofd:FillColor Value="#GG 0 0"/>'),
        `${PAGE} TextObject 42 FillColor`,
      ],
    ];
    for (const [content, where] of cases) {
      expect(refusal(withParts({ [PAGE]: content }))).toMatchObject({
        code: 'OFD_MALFORMED',
        details: { where },
      });
    }
    const doc = String(sampleOfdParts()['Doc_0/Document.xml']).replace('0 0 210 297', '0 0 210');
    expect(refusal(withParts({ 'Doc_0/Document.xml': doc }))).toMatchObject({
      code: 'OFD_MALFORMED',
      details: { where: 'Doc_0/Document.xml PageArea PhysicalBox' },
    });
  });

  it('a huge "g" repeat count is cut at the characters it can apply to (no blow-up)', () => {
    expect(expandDeltas('g 1000000000 1.5', 3, 'x')).toEqual([1.5, 1.5, 1.5]);
    expect(expandDeltas('1 g 2 3 4 5', 10, 'x')).toEqual([1, 3, 3, 4, 5]);
    const bytes = withParts({
      [PAGE]: page(
        '<ofd:TextObject Boundary="0 0 9 9" Font="2" Size="4"><ofd:TextCode X="0" Y="4" DeltaX="g 999999999 2">三个字</ofd:TextCode></ofd:TextObject>',
      ),
    });
    const t = openOfd(bytes).page(0).layers[0]!.objects[0]!;
    expect(t.kind === 'text' && t.codes[0]!.deltaX).toEqual([2, 2]);
  });

  it('not well-formed XML and a wrong root element in a part → OFD_MALFORMED naming the part', () => {
    expect(refusal(withParts({ [PAGE]: '<ofd:Page xmlns:ofd="x"><unclosed></ofd:Page>' }))).toMatchObject({
      code: 'OFD_MALFORMED',
      details: { part: PAGE },
    });
    expect(refusal(withParts({ [PAGE]: `<ofd:Res xmlns:ofd="${NS}"/>` }))).toMatchObject({
      code: 'OFD_MALFORMED',
      details: { part: PAGE, root: 'Res' },
    });
  });

  it('a 1,000-page generated file opens and every page parses (bounded time)', { timeout: 60_000 }, () => {
    const doc = openOfd(makeManyPagesOfd(1000));
    expect(doc.pages).toHaveLength(1000);
    for (let i = 0; i < doc.pages.length; i++) {
      const text = extractOfdText(doc.page(i));
      expect(text).toBe(`模板\n第 ${i + 1} 页\n持证人：张三\n编号 ${100000 + i}`);
    }
  });
});
