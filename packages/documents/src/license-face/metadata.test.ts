import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { DocumentError } from '../checks.js';
import { IncrementalUpdate } from '../pdf/incremental-update.js';
import { PdfFile } from '../pdf/parse-document.js';
import { decodeStream } from '../pdf/parse-filters.js';
import { PdfDict, PdfStream, isArray, isDict, isRef, name } from '../pdf/parse-objects.js';
import type { PdfObject, PdfRef } from '../pdf/parse-objects.js';
import { sealPdf } from '../pdf/seal-pdf.js';
import { verifyPdf } from '../pdf/verify-pdf.js';
import { makeTestPki, SIGNING_TIME } from '../pdf/testing/pki.js';
import type { TestPki } from '../pdf/testing/pki.js';
import { testSealPng } from '../pdf/testing/seal-png.js';
import { workspace } from '../pdf/testing/tools.js';
import type { Workspace } from '../pdf/testing/tools.js';
import { ECERT_NAMESPACE, readLicenseMetadata, renderFace } from './index.js';
import type { FontSet, LicenseFileMetadata } from './index.js';
import {
  HOLDER,
  SAMPLE_METADATA,
  SAMPLE_VALUES,
  sampleFonts,
  sampleRequest,
} from './testing/sample-licence.js';
import { parseXmpProperties } from './xmp.js';

let fonts: FontSet;
let pdf: Uint8Array;
let ws: Workspace;
let pki: TestPki;
const EXPECTED: LicenseFileMetadata = {
  xmp: { ...SAMPLE_METADATA.xmp },
  attachment: { name: 'license.json', json: SAMPLE_METADATA.attachment!.json },
};

beforeAll(async () => {
  fonts = sampleFonts();
  [pdf, pki] = await Promise.all([renderFace(sampleRequest(fonts)), makeTestPki()]);
  ws = workspace('license-metadata-');
});
afterAll(() => ws?.remove());

function ok(command: string, args: string[], env?: NodeJS.ProcessEnv): string {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000, env: env ?? process.env });
  expect(r.status, `${command} ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

function expectCode(fn: () => unknown, code: string): DocumentError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentError);
    expect((e as DocumentError).code, (e as Error).message).toBe(code);
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
  expect((e as DocumentError).code, (e as Error).message).toBe(code);
  return e as DocumentError;
}

async function seal(input: Uint8Array): Promise<Uint8Array> {
  const result = await sealPdf({
    pdf: input,
    signerCertificate: pki.ecdsa.certificate.der,
    chain: [pki.root.der],
    sign: pki.ecdsa.sign,
    appearance: { png: testSealPng(), widthMm: 40, heightMm: 40 },
    placement: { kind: 'coordinates', page: 1, x: 650, y: 150 },
    signingTime: SIGNING_TIME,
    name: '发证机关电子印章',
  });
  return result.pdf;
}

/** The catalog's associated data file: its file specification and embedded file stream. */
function associatedFile(bytes: Uint8Array): {
  file: PdfFile;
  spec: PdfDict;
  streamRef: PdfRef;
  stream: PdfStream;
} {
  const file = PdfFile.open(bytes, { maxBytes: 1 << 26 });
  const af = file.resolve(file.catalog.get('AF'));
  expect(isArray(af) && af.length).toBe(1);
  const spec = file.resolve((af as PdfObject[])[0]) as PdfDict;
  const ef = file.resolve(spec.get('EF')) as PdfDict;
  const streamRef = ef.get('F') as PdfRef;
  expect(isRef(streamRef)).toBe(true);
  return { file, spec, streamRef, stream: file.resolve(streamRef) as PdfStream };
}

/** Appends an incremental update that replaces (or adds) objects. */
function tamper(bytes: Uint8Array, edit: (file: PdfFile, update: IncrementalUpdate) => void): Uint8Array {
  const file = PdfFile.open(bytes, { maxBytes: 1 << 26 });
  const update = new IncrementalUpdate(file);
  edit(file, update);
  return update.write(new Uint8Array(16)).bytes;
}

const xmpStream = (xml: string): PdfStream =>
  new PdfStream(
    new PdfDict([
      ['Type', name('Metadata')],
      ['Subtype', name('XML')],
    ]),
    new TextEncoder().encode(xml),
  );

function withXmp(xml: string): Uint8Array {
  return tamper(pdf, (file, update) => update.put(file.catalog.get('Metadata') as PdfRef, xmpStream(xml)));
}

describe('licence PDF metadata', () => {
  it('reads back exactly the XMP properties and the attachment it was given', () => {
    expect(readLicenseMetadata(pdf)).toEqual(EXPECTED);
    // Extension B (𩽾 drawn, 𪚥 metadata only), markup characters, CR/LF/TAB survive.
    expect(readLicenseMetadata(pdf).xmp.KZ_BZ).toBe(SAMPLE_METADATA.xmp.KZ_BZ);
    expect(readLicenseMetadata(pdf).xmp.CZZT).toBe(HOLDER);
  });

  it('still reads the same after two signatures appended by sealPdf', async () => {
    const once = await seal(pdf);
    const twice = await seal(once);
    expect(twice.length).toBeGreaterThan(once.length);
    expect(readLicenseMetadata(once)).toEqual(EXPECTED);
    expect(readLicenseMetadata(twice)).toEqual(EXPECTED);
    const path = ws.write('sealed.pdf', twice);
    expect(ok('qpdf', ['--check', path])).toContain('No syntax or stream encoding errors');
    expect(ok('pdfdetach', ['-list', path])).toContain('license.json');
  });

  it('a signed licence whose XMP is replaced afterwards no longer verifies', async () => {
    const signed = await seal(pdf);
    const anchors = { trustAnchors: [pki.root.der] };
    expect((await verifyPdf(signed, anchors)).verdict).toBe('VALID');
    const forged = tamper(signed, (file, update) =>
      update.put(
        file.catalog.get('Metadata') as PdfRef,
        xmpStream(
          new TextDecoder()
            .decode(decodeStream(file.resolve(file.catalog.get('Metadata')) as PdfStream))
            .replace(HOLDER, '冒名顶替有限公司'),
        ),
      ),
    );
    expect(readLicenseMetadata(forged).xmp.CZZT).toBe('冒名顶替有限公司');
    const report = await verifyPdf(forged, anchors);
    expect(report.verdict).not.toBe('VALID');
    expect(report.signatures[0]?.modifiedAfter).toBe('other');
  });

  it('writes the XMP stream uncompressed on the catalog with the ecert namespace', () => {
    const file = PdfFile.open(pdf, { maxBytes: 1 << 26 });
    const meta = file.resolve(file.catalog.get('Metadata')) as PdfStream;
    expect(meta).toBeInstanceOf(PdfStream);
    expect((meta.dict.get('Type') as { name: string }).name).toBe('Metadata');
    expect((meta.dict.get('Subtype') as { name: string }).name).toBe('XML');
    expect(meta.dict.get('Filter')).toBeUndefined();
    const xml = new TextDecoder().decode(meta.data);
    expect(xml).toContain(`xmlns:ecert="${ECERT_NAMESPACE}"`);
    expect(xml).toContain('<ecert:CZZTDMLXDM>001</ecert:CZZTDMLXDM>');
    expect(xml).toContain('<xmp:CreateDate>2026-06-01T08:00:00Z</xmp:CreateDate>');
    expect(xml).toContain('<pdf:Producer>zhengyin</pdf:Producer>');
    expect(xml).toContain('&lt;a href="x"&gt;&amp;amp;&lt;/a&gt; ]]&gt;');
    // Poppler reads the same packet and the Info dictionary.
    const path = ws.write('face.pdf', pdf);
    expect(ok('pdfinfo', ['-meta', path])).toContain(`<ecert:CZZT>${HOLDER}</ecert:CZZT>`);
    const info = ok('pdfinfo', ['-isodates', path]);
    expect(info).toMatch(/Title:\s+食品经营许可证 JY13501020000123/);
    expect(info).toMatch(/Producer:\s+zhengyin/);
    expect(info).toMatch(/CreationDate:\s+2026-06-01T08:00:00Z/);
  });

  it('embeds the JSON as an associated file (/AF, /Data, application/json, /Size, /ModDate)', () => {
    const { file, spec, stream } = associatedFile(pdf);
    expect((spec.get('AFRelationship') as { name: string }).name).toBe('Data');
    expect((stream.dict.get('Subtype') as { name: string }).name).toBe('application/json');
    const params = file.resolve(stream.dict.get('Params')) as PdfDict;
    const json = decodeStream(stream);
    expect(params.get('Size')).toBe(json.length);
    expect(params.get('ModDate')).toBeDefined();
    expect(JSON.parse(new TextDecoder().decode(json))).toEqual(SAMPLE_METADATA.attachment!.json);
    const names = file.resolve(file.catalog.get('Names')) as PdfDict;
    expect(isDict(file.resolve(names.get('EmbeddedFiles')))).toBe(true);
  });

  it('pdfdetach lists and saves the attachment; qpdf, pdffonts and pdftotext accept the file', () => {
    const path = ws.write('face.pdf', pdf);
    const list = ok('pdfdetach', ['-list', path]);
    expect(list).toMatch(/^1 embedded files\n1: license\.json$/m);
    const out = ws.path('saved.json');
    ok('pdfdetach', ['-save', '1', '-o', out, path]);
    expect(JSON.parse(new TextDecoder().decode(ws.read('saved.json')))).toEqual(
      SAMPLE_METADATA.attachment!.json,
    );
    expect(ok('qpdf', ['--check', path])).toContain('No syntax or stream encoding errors');
    const rows = ok('pdffonts', [path]).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+$/);
    const text = ok('pdftotext', [path, '-']);
    for (const v of [
      HOLDER,
      SAMPLE_VALUES.CZZTDM,
      SAMPLE_VALUES.ZZBH,
      '2031年5月31日',
      '2026年6月1日',
      '食品经营许可证',
    ]) {
      expect(text).toContain(v);
    }
  });

  it('gives equal bytes for equal inputs and createdAt, different bytes for another createdAt', async () => {
    const again = await renderFace(sampleRequest(fonts));
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
    const later = await renderFace(
      sampleRequest(fonts, { metadata: { ...SAMPLE_METADATA, createdAt: new Date('2026-06-02T08:00:00Z') } }),
    );
    expect(Buffer.from(later).equals(Buffer.from(pdf))).toBe(false);
  });

  it('renders the same without any system font (pdftoppm with an empty fontconfig)', () => {
    const path = ws.write('face.pdf', pdf);
    const conf = ws.write(
      'fonts.conf',
      '<?xml version="1.0"?>\n<fontconfig><cachedir>/nonexistent</cachedir></fontconfig>\n',
    );
    ok('pdftoppm', ['-r', '50', '-png', '-singlefile', path, ws.path('normal')]);
    ok('pdftoppm', ['-r', '50', '-png', '-singlefile', path, ws.path('nofonts')], {
      ...process.env,
      FONTCONFIG_FILE: conf,
    });
    const a = PNG.sync.read(Buffer.from(ws.read('normal.png')));
    const b = PNG.sync.read(Buffer.from(ws.read('nofonts.png')));
    expect([b.width, b.height]).toEqual([a.width, a.height]);
    expect(createHash('sha256').update(b.data).digest('hex')).toBe(
      createHash('sha256').update(a.data).digest('hex'),
    );
    let dark = 0;
    for (let i = 0; i < a.data.length; i += 4) if (a.data[i]! < 100 && a.data[i + 1]! < 100) dark++;
    expect(dark).toBeGreaterThan(1000); // text and QR modules, not a blank page
  });

  it('reads { xmp: {}, attachment: null } from a face rendered without metadata', async () => {
    const plain = await renderFace(sampleRequest(fonts, { metadata: undefined }));
    expect(readLicenseMetadata(plain)).toEqual({ xmp: {}, attachment: null });
    expect(readLicenseMetadata(await seal(plain))).toEqual({ xmp: {}, attachment: null });
    const noAttachment = await renderFace(
      sampleRequest(fonts, { metadata: { title: 't', xmp: { ZZBH: '1' }, createdAt: new Date(0) } }),
    );
    expect(readLicenseMetadata(noAttachment)).toEqual({ xmp: { ZZBH: '1' }, attachment: null });
  });
});

describe('hostile or invalid metadata', () => {
  const base = (body: string, doctype = ''): string =>
    `${doctype}<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
    `<rdf:Description rdf:about="" xmlns:ecert="${ECERT_NAMESPACE}">${body}</rdf:Description></rdf:RDF></x:xmpmeta>`;

  it('refuses a DOCTYPE with entities (no expansion), in the PDF and in the packet', () => {
    const bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>';
    const e = expectCode(
      () => readLicenseMetadata(withXmp(base('<ecert:CZZT>&b;</ecert:CZZT>', bomb))),
      'LICENSE_METADATA_INVALID',
    );
    expect(e.message).toMatch(/DOCTYPE/);
    const external = '<!DOCTYPE x [<!ENTITY f SYSTEM "file:///etc/passwd">]>';
    expectCode(
      () => readLicenseMetadata(withXmp(base('<ecert:CZZT>&f;</ecert:CZZT>', external))),
      'LICENSE_METADATA_INVALID',
    );
    // An undeclared entity without any DOCTYPE is not well-formed.
    expectCode(
      () => parseXmpProperties(new TextEncoder().encode(base('<ecert:CZZT>&nbsp;</ecert:CZZT>'))),
      'LICENSE_METADATA_INVALID',
    );
  });

  it('reads the attribute form and refuses structured, repeated or misplaced ecert properties', () => {
    const parse = (xml: string) => parseXmpProperties(new TextEncoder().encode(xml));
    expect(parse(base('<ecert:ZZBH>A&amp;B&#x2A6A5;</ecert:ZZBH>'))).toEqual({ ZZBH: 'A&B𪚥' });
    expect(
      parse(base('').replace('rdf:about=""', 'rdf:about="" xmlns:e="' + ECERT_NAMESPACE + '" e:ZZMC="证"')),
    ).toEqual({ ZZMC: '证' });
    for (const bad of [
      base('<ecert:ZZBH><rdf:Seq><rdf:li>1</rdf:li></rdf:Seq></ecert:ZZBH>'),
      base('<ecert:ZZBH>1</ecert:ZZBH><ecert:ZZBH>2</ecert:ZZBH>'),
      base('<ecert:ZZBH rdf:resource="x"/>'),
      base('<dc:x xmlns:dc="d"><ecert:ZZBH>1</ecert:ZZBH></dc:x>'),
      base('<ecert:ZZBH>1</ecert:ZZBH').slice(0, -10),
      '\uFFFE',
    ]) {
      expectCode(() => parse(bad), 'LICENSE_METADATA_INVALID');
    }
    expectCode(() => parseXmpProperties(Uint8Array.of(0x3c, 0xff, 0x3e)), 'LICENSE_METADATA_INVALID');
  });

  it('refuses a /Metadata that is not a stream or cannot be decoded', () => {
    const notStream = tamper(pdf, (file, update) =>
      update.put(file.catalog.get('Metadata') as PdfRef, new PdfDict([['Type', name('Metadata')]])),
    );
    expectCode(() => readLicenseMetadata(notStream), 'LICENSE_METADATA_INVALID');
    const badFlate = tamper(pdf, (file, update) =>
      update.put(
        file.catalog.get('Metadata') as PdfRef,
        new PdfStream(new PdfDict([['Filter', name('FlateDecode')]]), Uint8Array.of(1, 2, 3, 4)),
      ),
    );
    expectCode(() => readLicenseMetadata(badFlate), 'LICENSE_METADATA_INVALID');
  });

  it('refuses an attachment that is not JSON, not UTF-8 or not of its declared size', () => {
    const { streamRef, stream } = associatedFile(pdf);
    const replace = (data: Uint8Array, size: number) =>
      tamper(pdf, (_file, update) => {
        const params = new PdfDict([['Size', size]]);
        update.put(
          streamRef,
          new PdfStream(stream.dict.clone().set('Params', params).set('Filter', null), data),
        );
      });
    const text = (s: string) => new TextEncoder().encode(s);
    // The unchanged JSON uncompressed reads fine (the tampering itself is sound).
    const plain = decodeStream(stream);
    expect(readLicenseMetadata(replace(plain, plain.length)).attachment).toEqual(EXPECTED.attachment);
    for (const data of [text('{"a":'), text('{"a":1} trailing'), Uint8Array.of(0x22, 0xc3, 0x28, 0x22)]) {
      const e = expectCode(() => readLicenseMetadata(replace(data, data.length)), 'LICENSE_METADATA_INVALID');
      expect(e.details?.name).toBe('license.json');
    }
    expectCode(() => readLicenseMetadata(replace(plain, plain.length + 1)), 'LICENSE_METADATA_INVALID');
  });

  it('refuses an invalid XMP key, value, attachment name or JSON at render, before drawing anything', async () => {
    const render = (metadata: Partial<typeof SAMPLE_METADATA>) =>
      renderFace(sampleRequest(fonts, { metadata: { ...SAMPLE_METADATA, ...metadata } }));
    for (const key of ['1ZZBH', 'ZZ BH', 'ecert:ZZBH', 'ZZ<BH', '', 'xmlZZ', 'K'.repeat(129)]) {
      const e = await expectRejects(render({ xmp: { [key]: 'x' } }), 'LICENSE_METADATA_INVALID');
      expect(e.details?.key).toBe(key);
    }
    for (const value of ['a\u0001b', 'lone \uD800 surrogate', '\uFFFF']) {
      await expectRejects(render({ xmp: { ZZBH: value } }), 'LICENSE_METADATA_INVALID');
    }
    await expectRejects(render({ title: 'bell\u0007' }), 'LICENSE_METADATA_INVALID');
    for (const attachmentName of ['', '../license.json', 'a/b.json', 'a\\b', 'x\ny']) {
      await expectRejects(
        render({ attachment: { name: attachmentName, json: {} } }),
        'LICENSE_METADATA_INVALID',
      );
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expectRejects(
      render({ attachment: { name: 'license.json', json: cyclic } }),
      'LICENSE_METADATA_INVALID',
    );
    await expectRejects(
      render({ attachment: { name: 'license.json', json: undefined } }),
      'LICENSE_METADATA_INVALID',
    );
    await expectRejects(render({ createdAt: new Date(Number.NaN) }), 'LICENSE_METADATA_INVALID');
  });

  it('keeps parser codes for files that are not PDFs', () => {
    expectCode(() => readLicenseMetadata(new TextEncoder().encode('not a pdf')), 'PDF_MALFORMED');
    expectCode(() => readLicenseMetadata(pdf, { maxBytes: 100 }), 'PDF_TOO_LARGE');
  });
});
