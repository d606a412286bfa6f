import { readFileSync } from 'node:fs';
import { sm3 } from '@zhengyin/gm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { createFontSubsetter, harfbuzzSubsetWasmPath } from '../license-face/subset.js';
import { sampleFonts, sampleRequest } from '../license-face/testing/sample-licence.js';
import { annotationStatement } from '../pdf/annotate-pdf.js';
import type { PdfAnnotationInfo } from '../pdf/types.js';
import { bundledSealFontPath, loadSealFont, type SealFont } from '../seal-image/font.js';
import { annotateOfd, type AnnotateOfdRequest } from './annotate-ofd.js';
import { sealOfd } from './seal-ofd.js';
import {
  SIGNING_TIME,
  makeOfdSealKit,
  parseIndependently,
  unzipOfd,
  walk,
  type OfdSealKit,
  type PlainElement,
} from './testing/seal-kit.js';
import { verifyOfd } from './verify-ofd.js';
import { renderFaceOfd } from './write-face.js';

const ANNOTATION: PdfAnnotationInfo = {
  creationTime: '20260601163000',
  creator: '福建省电子证照共享平台',
  cause: '办理食品经营许可证变更登记',
  expiringTime: '20260630235959',
  licenseIdentifier: '1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U',
  itemCode: '350102-000-XK-001',
  itemName: '食品经营许可变更',
};
const ANNOTATED_AT = new Date(SIGNING_TIME.getTime() + 3600_000);
const fixture = (name: string) => new Uint8Array(readFileSync(`/work/shared/fixtures/ofd/${name}`));
const b64sm3 = (b: Uint8Array) => Buffer.from(sm3(b)).toString('base64');

let kit: OfdSealKit;
let font: SealFont;
let face: Uint8Array;
let issued: Uint8Array;

beforeAll(async () => {
  kit = await makeOfdSealKit();
  font = loadSealFont(new Uint8Array(readFileSync(bundledSealFontPath('regular'))));
  const subsetter = createFontSubsetter(new Uint8Array(readFileSync(harfbuzzSubsetWasmPath())));
  face = await renderFaceOfd(sampleRequest(sampleFonts(), { subsetter }));
  issued = (
    await sealOfd({
      ofd: face,
      sesSeal: kit.seal.der,
      signerCertificate: kit.issuer.certificate.der,
      sign: kit.issuer.sign,
      placement: { kind: 'box', page: 0, xMm: 200, yMm: 140, widthMm: 42, heightMm: 42 },
      signingTime: SIGNING_TIME,
      coverAnnotations: false,
    })
  ).ofd;
});

const request = (extra: Partial<AnnotateOfdRequest> = {}): AnnotateOfdRequest => ({
  ofd: issued,
  annotation: ANNOTATION,
  fonts: [font],
  sesSeal: kit.annotationSeal.der,
  signerCertificate: kit.annotator.certificate.der,
  sign: kit.annotator.sign,
  signingTime: ANNOTATED_AT,
  ...extra,
});

function references(files: Record<string, Uint8Array>, part: string): Map<string, string> {
  const refs = new Map<string, string>();
  for (const el of walk(parseIndependently(files[part]!)))
    if (el.local === 'Reference') refs.set(el.attrs.FileRef!.replace(/^\//, ''), el.children[0]!.text);
  return refs;
}

function expectHold(files: Record<string, Uint8Array>, refs: Map<string, string>): void {
  for (const [part, value] of refs) expect(b64sm3(files[part]!), part).toBe(value);
}

async function rejects(p: Promise<unknown>, code: string) {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DocumentError);
  expect((e as DocumentError).code).toBe(code);
  return e as DocumentError;
}

const find = (root: PlainElement, local: string) => [...walk(root)].filter((e) => e.local === local);

describe('annotateOfd', () => {
  it('adds a sealed Watermark annotation and keeps the issuing seal valid', async () => {
    const result = await annotateOfd(request());
    const before = unzipOfd(issued);
    const files = unzipOfd(result.ofd);
    expect(result.signaturePart).toBe('Doc_0/Signs/Sign_1/Signature.xml');
    // The sample face has its title at the top and less text at the bottom: the band goes below.
    expect(result.position).toBe('bottom');
    expect((await annotateOfd(request({ position: 'top' }))).position).toBe('top');
    expect(result.pages).toEqual([0]);

    // Only the annotation index and Signatures.xml change; the page annotation file is new.
    const changed = Object.keys(before).filter((n) => Buffer.compare(before[n]!, files[n]!) !== 0);
    expect(changed.sort()).toEqual(['Doc_0/Annots/Annotations.xml', 'Doc_0/Signs/Signatures.xml']);
    const issuer = references(files, 'Doc_0/Signs/Sign_0/Signature.xml');
    expectHold(files, issuer);
    expect(issuer.has('Doc_0/Annots/Annotations.xml')).toBe(false);
    const annotator = references(files, result.signaturePart);
    expectHold(files, annotator);
    for (const part of [
      'Doc_0/Annots/Annotations.xml',
      'Doc_0/Annots/Page_0/Annotation.xml',
      'Doc_0/Signs/Sign_0/Signature.xml',
      'Doc_0/Signs/Sign_0/SignedValue.dat',
    ])
      expect(annotator.has(part), part).toBe(true);

    const index = parseIndependently(files['Doc_0/Annots/Annotations.xml']!);
    expect(index.children.map((p) => [p.attrs.PageID, p.children[0]!.text])).toEqual([
      ['1', 'Page_0/Annotation.xml'],
    ]);
    const annot = find(parseIndependently(files['Doc_0/Annots/Page_0/Annotation.xml']!), 'Annot')[0]!;
    expect(annot.attrs).toMatchObject({
      Type: 'Watermark',
      Subtype: 'ZY_Annotation',
      Creator: ANNOTATION.creator,
    });
    const params = Object.fromEntries(find(annot, 'Parameter').map((p) => [p.attrs.Name, p.text]));
    expect(params).toEqual({
      'ZY_Annotation.creationTime': ANNOTATION.creationTime,
      'ZY_Annotation.creator': ANNOTATION.creator,
      'ZY_Annotation.cause': ANNOTATION.cause,
      'ZY_Annotation.expiringTime': ANNOTATION.expiringTime,
      'ZY_Annotation.licenseIdentifier': ANNOTATION.licenseIdentifier,
      'ZY_Annotation.itemCode': ANNOTATION.itemCode,
      'ZY_Annotation.itemName': ANNOTATION.itemName,
    });
    const { statement, detail } = annotationStatement(ANNOTATION);
    expect(find(annot, 'Remark')[0]!.text).toBe(statement);
    expect(result.lines.join('')).toBe(statement + detail);
    // Glyph outlines only: no text objects, no fonts needed.
    expect(find(annot, 'TextObject')).toEqual([]);
    const paths = find(annot, 'PathObject');
    expect(paths.length).toBe(2 + result.lines.length);
    const [x, y, w, h] = find(annot, 'Appearance')[0]!.attrs.Boundary!.split(' ').map(Number) as number[];
    expect(h).toBeGreaterThan(8);
    expect(h).toBeLessThan(20);
    // 8 mm from the bottom of the 297 × 210 mm page, as wide as the page less the margins.
    expect([x, Number((y + h).toFixed(2)), w]).toEqual([8, 202, 281]);
    // New object IDs are unique in the document.
    const ids = Object.entries(files)
      .filter(([n]) => n.endsWith('.xml') && !n.includes('/Signs/'))
      .flatMap(([, b]) => [...walk(parseIndependently(b))].flatMap((e) => (e.attrs.ID ? [e.attrs.ID] : [])));
    expect(new Set(ids).size).toBe(ids.length);

    const report = await verifyOfd(result.ofd, { trustAnchors: [kit.root.der] });
    expect(report.signatures.map((s) => s.verdict)).toEqual(['VALID', 'VALID']);
    expect(report.signatures[1]!.annotation).toEqual(ANNOTATION);
    expect(report.verdict).toBe('VALID');
  });

  it('moves the band to the bottom when a seal occupies the top', async () => {
    const topSealed = await sealOfd({
      ofd: face,
      sesSeal: kit.seal.der,
      signerCertificate: kit.issuer.certificate.der,
      sign: kit.issuer.sign,
      placement: { kind: 'box', page: 0, xMm: 120, yMm: 2 },
      signingTime: SIGNING_TIME,
      coverAnnotations: false,
    });
    const result = await annotateOfd(request({ ofd: topSealed.ofd }));
    expect(result.position).toBe('bottom');
    const annot = parseIndependently(unzipOfd(result.ofd)['Doc_0/Annots/Page_0/Annotation.xml']!);
    const [, y, , h] = find(annot, 'Appearance')[0]!.attrs.Boundary!.split(' ').map(Number) as number[];
    expect(y! + h!).toBeCloseTo(210 - 8, 6);
  });

  it('extends an existing page annotation file and adds the index a document lacks', async () => {
    // 20240531141733.ofd: page 61 already has a Watermark annotation file.
    const invoice = await annotateOfd(request({ ofd: fixture('20240531141733.ofd') }));
    const files = unzipOfd(invoice.ofd);
    const annots = find(parseIndependently(files['Doc_0/Annots/Page_0/Annotation.xml']!), 'Annot');
    expect(annots.length).toBeGreaterThan(1);
    expect(annots.at(-1)!.attrs.Subtype).toBe('ZY_Annotation');
    expectHold(files, references(files, invoice.signaturePart));
    // z.ofd (2012 namespace) has no annotation index: Document.xml gets one.
    const sample = await annotateOfd(request({ ofd: fixture('z.ofd') }));
    const z = unzipOfd(sample.ofd);
    expect(new TextDecoder().decode(z['Doc_0/Document.xml']!)).toContain(
      '<ofd:Annotations>Annots/Annotations.xml</ofd:Annotations></ofd:Document>',
    );
    expect(z['Doc_0/Annots/Page_0/Annotation.xml']).toBeDefined();
    expectHold(z, references(z, sample.signaturePart));
  });

  describe('refuses and returns nothing', () => {
    it('when the issuing seal protects the annotation layer', async () => {
      const covered = await sealOfd({
        ofd: face,
        sesSeal: kit.seal.der,
        signerCertificate: kit.issuer.certificate.der,
        sign: kit.issuer.sign,
        placement: { kind: 'box', page: 0, xMm: 200, yMm: 140 },
        signingTime: SIGNING_TIME,
      });
      const e = await rejects(annotateOfd(request({ ofd: covered.ofd })), 'OFD_INPUT_INVALID');
      expect(e.details).toMatchObject({ signature: '1', part: 'Doc_0/Annots/Annotations.xml' });
    });

    it('for a bad statement, characters no font draws and bad options', async () => {
      await rejects(
        annotateOfd(request({ annotation: { ...ANNOTATION, expiringTime: '2026-06-30' } })),
        'OFD_INPUT_INVALID',
      );
      await rejects(annotateOfd(request({ annotation: { ...ANNOTATION, cause: ' ' } })), 'OFD_INPUT_INVALID');
      const e = await rejects(
        annotateOfd(request({ annotation: { ...ANNOTATION, creator: '平台\u{E000}' } })),
        'OFD_INPUT_INVALID',
      );
      expect(e.details?.characters).toEqual(['\u{E000}']);
      await rejects(annotateOfd(request({ fonts: [] })), 'OFD_INPUT_INVALID');
      await rejects(annotateOfd(request({ color: 'blue' })), 'OFD_INPUT_INVALID');
      await rejects(annotateOfd(request({ position: 'left' as 'top' })), 'OFD_INPUT_INVALID');
      await rejects(annotateOfd(request({ ofd: new Uint8Array(10) })), 'OFD_MALFORMED');
    });
  });
});
