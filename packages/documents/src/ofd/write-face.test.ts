import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { createFontSubsetter, harfbuzzSubsetWasmPath } from '../license-face/subset.js';
import {
  HOLDER,
  SAMPLE_METADATA,
  SAMPLE_VALUES,
  sampleFonts,
  sampleRequest,
} from '../license-face/testing/sample-licence.js';
import type { FontSet } from '../license-face/types.js';
import { OfdPackage } from './package.js';
import { resolveOfdPath } from './paths.js';
import { openOfd } from './read.js';
import { parseIndependently, unzipOfd, walk, type PlainElement } from './testing/seal-kit.js';
import { LICENCE_TAG_NAMESPACE, RESERVED_UNIT_IDS, renderFaceOfd } from './write-face.js';
import { OFD_NAMESPACE } from './xml.js';

const subsetter = createFontSubsetter(new Uint8Array(readFileSync(harfbuzzSubsetWasmPath())));
const fonts = sampleFonts();
const sansOnly: FontSet = fonts.filter((f) => f.style === 'sans');
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

async function rejects(p: Promise<unknown>, code: string): Promise<DocumentError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DocumentError);
  expect((e as DocumentError).code).toBe(code);
  return e as DocumentError;
}

const ofdChildren = (el: PlainElement | undefined, local: string): PlainElement[] =>
  el ? el.children.filter((c) => c.local === local) : [];
const ofdChild = (el: PlainElement | undefined, local: string) => ofdChildren(el, local)[0];

describe('renderFaceOfd', async () => {
  const bytes = await renderFaceOfd(sampleRequest(fonts, { subsetter }));
  const files = unzipOfd(bytes);
  const xml = Object.fromEntries(
    Object.keys(files)
      .filter((n) => n.endsWith('.xml'))
      .map((n) => [n, parseIndependently(files[n]!)]),
  );
  const part = (name: string): PlainElement => {
    expect(xml[name], name).toBeDefined();
    return xml[name]!;
  };

  it('writes a package every XML part of which is well-formed and in the OFD namespace', () => {
    expect(Object.keys(files).sort()).toEqual(
      [
        'OFD.xml',
        'Doc_0/Document.xml',
        'Doc_0/PublicRes.xml',
        'Doc_0/DocumentRes.xml',
        'Doc_0/Pages/Page_0/Content.xml',
        'Doc_0/Annots/Annotations.xml',
        'Doc_0/Attachs/Attachments.xml',
        'Doc_0/Attachs/license.json',
        'Doc_0/Tags/CustomTags.xml',
        'Doc_0/Tags/CustomTag.xml',
        'Doc_0/Res/font_2.otf',
        'Doc_0/Res/font_3.otf',
        'Doc_0/Res/image_4.png',
      ].sort(),
    );
    for (const [name, root] of Object.entries(xml)) {
      if (name === 'Doc_0/Tags/CustomTag.xml') {
        expect(root.uri).toBe(LICENCE_TAG_NAMESPACE);
        continue;
      }
      for (const el of walk(root)) {
        expect(el.uri, `${name} ${el.local}`).toBe(OFD_NAMESPACE);
        expect(el.prefix).toBe('ofd');
      }
    }
    expect(decode(files['OFD.xml']!).startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(decode(files['Doc_0/Annots/Annotations.xml']!)).toMatch(/<ofd:Annotations [^>]*\/>$/);
    expect(part('Doc_0/Annots/Annotations.xml').children).toEqual([]);
  });

  it('resolves every location the parts name to an existing entry', () => {
    const locations: { from: string; loc: string }[] = [];
    const docRoot = ofdChild(ofdChild(part('OFD.xml'), 'DocBody'), 'DocRoot')!.text;
    locations.push({ from: 'OFD.xml', loc: docRoot });
    const doc = part('Doc_0/Document.xml');
    const common = ofdChild(doc, 'CommonData')!;
    for (const name of ['PublicRes', 'DocumentRes'])
      locations.push({ from: 'Doc_0/Document.xml', loc: ofdChild(common, name)!.text });
    for (const name of ['Annotations', 'Attachments', 'CustomTags'])
      locations.push({ from: 'Doc_0/Document.xml', loc: ofdChild(doc, name)!.text });
    for (const page of ofdChildren(ofdChild(doc, 'Pages'), 'Page'))
      locations.push({ from: 'Doc_0/Document.xml', loc: page.attrs.BaseLoc! });
    for (const res of ['Doc_0/PublicRes.xml', 'Doc_0/DocumentRes.xml']) {
      const root = part(res);
      const base = `${resolveOfdPath(res, root.attrs.BaseLoc!)}/`;
      for (const el of walk(root))
        if (el.local === 'FontFile' || el.local === 'MediaFile')
          locations.push({ from: `${base}x`, loc: el.text });
    }
    for (const el of walk(part('Doc_0/Tags/CustomTags.xml')))
      if (el.local === 'FileLoc') locations.push({ from: 'Doc_0/Tags/CustomTags.xml', loc: el.text });
    for (const el of walk(part('Doc_0/Attachs/Attachments.xml')))
      if (el.local === 'FileLoc') locations.push({ from: 'Doc_0/Attachs/Attachments.xml', loc: el.text });
    expect(locations.length).toBe(12);
    for (const { from, loc } of locations) expect(files[resolveOfdPath(from, loc)], loc).toBeDefined();
  });

  it('carries the licence metadata in DocInfo and the JSON attachment', () => {
    const info = ofdChild(ofdChild(part('OFD.xml'), 'DocBody'), 'DocInfo')!;
    expect(ofdChild(info, 'Title')!.text).toBe(SAMPLE_METADATA.title);
    expect(ofdChild(info, 'Creator')!.text).toBe('zhengyin');
    expect(ofdChild(info, 'CreationDate')!.text).toBe('2026-06-01');
    expect(ofdChild(info, 'DocID')!.text).toMatch(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/);
    const custom = ofdChildren(ofdChild(info, 'CustomDatas'), 'CustomData').map((c) => [
      c.attrs.Name,
      c.text,
    ]);
    // Exact values, the CR of KZ_BZ and the markup-like text included.
    expect(Object.fromEntries(custom)).toEqual(SAMPLE_METADATA.xmp);
    expect(custom.map((c) => c[0])).toEqual(Object.keys(SAMPLE_METADATA.xmp));
    const attachment = ofdChild(part('Doc_0/Attachs/Attachments.xml'), 'Attachment')!;
    expect(attachment.attrs).toMatchObject({ Name: 'license.json', Format: 'json', Visible: 'false' });
    expect(JSON.parse(decode(files['Doc_0/Attachs/license.json']!))).toEqual(
      SAMPLE_METADATA.attachment!.json,
    );
  });

  const page = part('Doc_0/Pages/Page_0/Content.xml');
  const texts = [...walk(page)].filter((e) => e.local === 'TextObject');
  const textOf = (id: string) => {
    const t = texts.find((e) => e.attrs.ID === id);
    expect(t, `TextObject ${id}`).toBeDefined();
    return ofdChild(t, 'TextCode')!.text;
  };

  it('tags every data item with the TextObjects that show its value', () => {
    const root = part('Doc_0/Tags/CustomTag.xml');
    const pageId = ofdChild(ofdChild(part('Doc_0/Document.xml'), 'Pages'), 'Page')!.attrs.ID;
    const tags = Object.fromEntries(
      root.children.map((c) => {
        for (const ref of c.children) {
          expect(ref.uri).toBe(OFD_NAMESPACE);
          expect(ref.attrs.PageRef).toBe(pageId);
        }
        return [c.local, c.children.map((r) => textOf(r.text)).join('')];
      }),
    );
    expect(tags).toEqual({
      CZZT: HOLDER,
      CZZTDM: SAMPLE_VALUES.CZZTDM,
      ZZBH: SAMPLE_VALUES.ZZBH,
      KZ_JYCS: SAMPLE_VALUES.KZ_JYCS, // wrapped over two TextObjects
      ZZYXQJZRQ: '2031年5月31日',
      ZZBFRQ: '2026年6月1日',
    });
    expect(root.children.find((c) => c.local === 'KZ_JYCS')!.children).toHaveLength(2);
  });

  it('gives every object a unique ID within MaxUnitID, leaving room for a 加注件', () => {
    const ids = Object.values(xml).flatMap((root) =>
      [...walk(root)].filter((e) => e.attrs.ID !== undefined).map((e) => Number(e.attrs.ID)),
    );
    expect(new Set(ids).size).toBe(ids.length);
    const max = Number(ofdChild(ofdChild(part('Doc_0/Document.xml'), 'CommonData'), 'MaxUnitID')!.text);
    expect(max).toBe(Math.max(...ids) + RESERVED_UNIT_IDS);
  });

  it('embeds font subsets that draw exactly the characters their TextObjects show', () => {
    const fontsById = new Map(
      [...walk(part('Doc_0/PublicRes.xml'))]
        .filter((e) => e.local === 'Font')
        .map((e) => [
          e.attrs.ID,
          fontkit.create(Buffer.from(files[`Doc_0/Res/${ofdChild(e, 'FontFile')!.text}`]!)) as Font,
        ]),
    );
    expect(fontsById.size).toBe(2);
    const used = new Map<string, Set<number>>();
    for (const t of texts) {
      const set = used.get(t.attrs.Font!) ?? new Set();
      for (const ch of ofdChild(t, 'TextCode')!.text) set.add(ch.codePointAt(0)!);
      used.set(t.attrs.Font!, set);
    }
    for (const [id, chars] of used) {
      const font = fontsById.get(id)!;
      for (const cp of chars) expect(font.glyphForCodePoint(cp).id, String.fromCodePoint(cp)).not.toBe(0);
      expect(font.numGlyphs).toBe(chars.size + 1); // + .notdef
    }
    // The holder's Extension-B character is in the serif subset.
    expect([...used.values()].some((s) => s.has(HOLDER.codePointAt(0)!))).toBe(true);
  });

  it('writes DeltaX as the advances of the laid-out text, in mm', () => {
    const title = texts.find((t) => ofdChild(t, 'TextCode')!.text === '食品经营许可证')!;
    expect(title.attrs.Size).toBe('12.7'); // 36 pt
    expect(ofdChild(title, 'TextCode')!.attrs.DeltaX).toBe('g 6 12.7'); // full-width ideographs
    const uscc = texts.find((t) => ofdChild(t, 'TextCode')!.text === SAMPLE_VALUES.CZZTDM)!;
    const deltaX = ofdChild(uscc, 'TextCode')!.attrs.DeltaX!;
    const expanded = deltaX.split(' ').reduce<number[]>((out, tok, i, all) => {
      if (tok === 'g' || all[i - 1] === 'g') return out;
      if (all[i - 2] === 'g') return [...out, ...Array<number>(Number(all[i - 1])).fill(Number(tok))];
      return [...out, Number(tok)];
    }, []);
    expect(expanded).toHaveLength(SAMPLE_VALUES.CZZTDM.length - 1);
    expect(expanded.every((v) => v > 1.5 && v < 4.5)).toBe(true); // proportional Latin at 12 pt
    expect(new Set(expanded).size).toBeGreaterThan(3);
  });

  it('draws the QR code as vector paths and the seal picture as an image in their boxes', () => {
    const paths = [...walk(page)].filter((e) => e.local === 'PathObject');
    expect(paths.map((p) => p.attrs.Boundary)).toEqual(['230 40 40 40', '230 40 40 40']);
    expect(ofdChild(paths[1], 'AbbreviatedData')!.text.split('M').length).toBeGreaterThan(100);
    const image = [...walk(page)].find((e) => e.local === 'ImageObject')!;
    expect(image.attrs).toMatchObject({ Boundary: '200 140 42 42', CTM: '42 0 0 42 0 0', ResourceID: '4' });
  });

  it('re-opens with OfdPackage and the reader', () => {
    const pkg = OfdPackage.open(bytes);
    expect(pkg.readXml('OFD.xml').name).toBe('OFD');
    const doc = openOfd(bytes);
    expect(doc.pages).toHaveLength(1);
    expect(doc.docInfo.customData.find((c) => c.name === 'CZZT')?.value).toBe(HOLDER);
    const p = doc.page(0);
    expect(p.physicalBox).toEqual({ x: 0, y: 0, width: 297, height: 210 });
    const drawn = p.layers.flatMap((l) => l.objects).filter((o) => o.kind === 'text');
    expect(
      drawn.map((o) => (o.kind === 'text' ? o.codes.map((c) => c.text).join('') : '')).join(''),
    ).toContain(SAMPLE_VALUES.ZZBH);
    expect(doc.customTags[0]?.entries.map((e) => e.name)).toEqual([
      'CZZT',
      'CZZTDM',
      'ZZBH',
      'KZ_JYCS',
      'ZZYXQJZRQ',
      'ZZBFRQ',
    ]);
    expect(doc.attachments.map((a) => a.name)).toEqual(['license.json']);
  });

  it('gives equal bytes for equal inputs, other bytes for another creation time', async () => {
    expect(Buffer.compare(await renderFaceOfd(sampleRequest(fonts, { subsetter })), bytes)).toBe(0);
    const later = await renderFaceOfd(
      sampleRequest(fonts, {
        subsetter,
        metadata: { ...SAMPLE_METADATA, createdAt: new Date('2026-06-02T08:00:00Z') },
      }),
    );
    expect(Buffer.compare(later, bytes)).not.toBe(0);
  });

  it('refuses what renderFace refuses, with the same codes, and a missing subsetter', async () => {
    await rejects(renderFaceOfd(sampleRequest(fonts)), 'OFD_INPUT_INVALID');
    const e = await rejects(
      renderFaceOfd(sampleRequest(sansOnly, { subsetter, values: { ...SAMPLE_VALUES, CZZT: '𠮷野家' } })),
      'LICENSE_GLYPH_MISSING',
    );
    expect(e.details?.characters).toEqual(['𠮷']);
    const overflow = await rejects(
      renderFaceOfd(
        sampleRequest(fonts, { subsetter, values: { ...SAMPLE_VALUES, ZZBH: '很长的编号'.repeat(30) } }),
      ),
      'LICENSE_TEXT_OVERFLOW',
    );
    expect(overflow.details?.item).toBe('ZZBH');
    await rejects(
      renderFaceOfd(sampleRequest(fonts, { subsetter, sealPng: new Uint8Array([1, 2, 3]) })),
      'LICENSE_IMAGE_INVALID',
    );
    await rejects(
      renderFaceOfd(sampleRequest(fonts, { subsetter, qrPayload: 'x'.repeat(5000) })),
      'LICENSE_QR_INVALID',
    );
    await rejects(
      renderFaceOfd(sampleRequest(fonts, { subsetter, values: { ...SAMPLE_VALUES, ZZBFRQ: '2026-02-30' } })),
      'LICENSE_VALUE_INVALID',
    );
    await rejects(
      renderFaceOfd(
        sampleRequest(fonts, { subsetter, metadata: { ...SAMPLE_METADATA, xmp: { 'bad key': 'x' } } }),
      ),
      'LICENSE_METADATA_INVALID',
    );
  });
});
