/**
 * 加注件: annotatePdf on sealed originals (SM2 and ECDSA), read back by verifyPdf and, for ECDSA,
 * cross-checked with pdfsig (both signatures valid); tampering and bad input.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { bundledSealFontPath, loadSealFont } from '../seal-image/font.js';
import type { SealFont } from '../seal-image/font.js';
import { annotatePdf, annotationStatement, annotationTime, parseAnnotationTime } from './annotate-pdf.js';
import type { AnnotatePdfRequest } from './annotate-pdf.js';
import { sealPdf } from './seal-pdf.js';
import { contractPdf } from './testing/fixtures.js';
import { testSealPng } from './testing/seal-png.js';
import { nssDatabase, pdfsig, renderPages, run, workspace } from './testing/tools.js';
import type { Workspace } from './testing/tools.js';
import type { PdfAnnotationInfo, SealPlacement } from './types.js';
import { SIGNING_TIME, issue, makeTestPki } from './verify-fixtures.test.js';
import type { TestPki, TestSigner } from './verify-fixtures.test.js';
import { verifyPdf } from './verify-pdf.js';

let pki: TestPki;
let ws: Workspace;
let font: SealFont;
let onePage: Uint8Array;
let sm2Annotator: TestSigner;
let ecdsaAnnotator: TestSigner;
const png = testSealPng(200);
const hasPdfsig = run('sh', ['-c', 'command -v pdfsig && command -v certutil']).status === 0;
const hasPdftoppm = run('sh', ['-c', 'command -v pdftoppm']).status === 0;

const ANNOTATION: PdfAnnotationInfo = {
  creationTime: '20260601163000',
  creator: '西安市行政审批服务局',
  cause: '办理企业开办业务，核验营业执照',
  expiringTime: '20260830235959',
  licenseIdentifier: '1.2.156.3005.2.11100000000013338W001.91350200776049653A.2600001.001.K',
  itemCode: 'SX001',
  itemName: '企业开办',
};
const ANNOTATED_AT = new Date('2026-06-01T08:30:00Z');

beforeAll(async () => {
  pki = await makeTestPki();
  ws = workspace('zhengyin-annotate-');
  font = loadSealFont(new Uint8Array(readFileSync(bundledSealFontPath('regular'))));
  onePage = (await contractPdf(1)).pdf;
  sm2Annotator = await issue('SM2', pki.sm2Root, { cn: '证印加注件签发（测试）' });
  ecdsaAnnotator = await issue('ECDSA', pki.root, { cn: '证印加注件签发 ECDSA（测试）' });
});
afterAll(() => ws?.remove());

const anchors = (): Uint8Array[] => [pki.root.certificate.der, pki.sm2Root.certificate.der];

async function original(signer: TestSigner, placement: SealPlacement = { kind: 'last-page' }) {
  return (
    await sealPdf({
      pdf: onePage,
      signerCertificate: signer.certificate.der,
      sign: signer.sign,
      appearance: { png, widthMm: 42, heightMm: 42 },
      placement,
      signingTime: SIGNING_TIME,
      name: '某某市市场监督管理局电子证照专用章',
      seal: { code: '61010000000001' },
    })
  ).pdf;
}

const annotate = (pdf: Uint8Array, signer: TestSigner, extra: Partial<AnnotatePdfRequest> = {}) =>
  annotatePdf({
    pdf,
    annotation: ANNOTATION,
    fonts: [font],
    signerCertificate: signer.certificate.der,
    sign: signer.sign,
    signingTime: ANNOTATED_AT,
    ...extra,
  });

describe('annotation times and wording', () => {
  it('writes yyyyMMddHHmmss in China time and reads it back; refuses impossible dates', () => {
    expect(annotationTime(new Date('2026-11-20T02:00:00Z'))).toBe('20261120100000');
    expect(annotationTime(new Date('2026-12-31T16:30:05Z'))).toBe('20270101003005');
    expect(parseAnnotationTime('20270101003005')?.toISOString()).toBe('2026-12-31T16:30:05.000Z');
    expect(parseAnnotationTime('20261131000000')).toBeNull();
    expect(parseAnnotationTime('2026-11-30')).toBeNull();
  });

  it('states maker, service item and expiry (time shown unless it is the end of the day)', () => {
    const s = annotationStatement(ANNOTATION);
    expect(s.statement).toBe(
      '此件由西安市行政审批服务局提供，仅供办理企业开办事项时使用，有效期至2026年8月30日',
    );
    expect(s.detail).toBe(
      `事由：办理企业开办业务，核验营业执照；制作时间：2026年6月1日16时30分；证照标识：${ANNOTATION.licenseIdentifier}；事项编码：SX001`,
    );
    const noItem = annotationStatement({ ...ANNOTATION, itemName: null, expiringTime: '20260830120000' });
    expect(noItem.statement).toBe(
      '此件由西安市行政审批服务局提供，仅供办理政务服务事项时使用，有效期至2026年8月30日12时00分',
    );
  });
});

describe('annotatePdf', () => {
  it('SM2 licence + SM2 annotation: both signatures VALID, the first changed by signatures only, statement read back', async () => {
    const signed = await original(pki.sm2);
    const copy = await annotate(signed, sm2Annotator);
    expect(copy.position).toBe('top');
    expect(copy.pages).toEqual([1]);
    expect(copy.lines[0]).toBe(annotationStatement(ANNOTATION).statement);
    // The original bytes are a prefix of the copy: an incremental update.
    expect(Buffer.from(copy.pdf.subarray(0, signed.length)).equals(Buffer.from(signed))).toBe(true);

    const report = await verifyPdf(copy.pdf, { trustAnchors: anchors() });
    expect(report.verdict).toBe('VALID');
    expect(report.signatures.map((s) => [s.index, s.verdict, s.modifiedAfter])).toEqual([
      [1, 'VALID', 'signatures-only'],
      [2, 'VALID', 'none'],
    ]);
    expect(report.signatures[0]?.annotation).toBeNull();
    expect(report.signatures[0]?.seal?.code).toBe('61010000000001');
    expect(report.signatures[1]?.annotation).toEqual(ANNOTATION);
    expect(report.signatures[1]?.signer?.subject).toContain('证印加注件签发（测试）');
    expect(report.signatures[1]?.signer?.algorithm).toMatch(/sm2/i);
    expect(report.signatures[1]?.reason).toBe(`加注件：${ANNOTATION.cause}`);
  });

  it('ECDSA licence + ECDSA annotation: verifyPdf and pdfsig both say both signatures are valid', async (ctx) => {
    const signed = await original(pki.ecdsa);
    const copy = await annotate(signed, ecdsaAnnotator);
    const report = await verifyPdf(copy.pdf, { trustAnchors: anchors() });
    expect(report.signatures.map((s) => [s.verdict, s.modifiedAfter])).toEqual([
      ['VALID', 'signatures-only'],
      ['VALID', 'none'],
    ]);
    expect(report.signatures[1]?.annotation).toEqual(ANNOTATION);
    if (!hasPdfsig) {
      ctx.skip('pdfsig / certutil (Debian poppler-utils, libnss3-tools) are not installed');
      return;
    }
    const nss = nssDatabase(ws, pki.rootPem);
    const view = pdfsig(ws.write('ecdsa-copy.pdf', copy.pdf), nss);
    expect(view.signatures.map((s) => [s.valid, s.trusted, s.coversWholeFile])).toEqual([
      [true, true, false],
      [true, true, true],
    ]);
  });

  it('one changed byte in the annotation revision: the copy’s signature INVALID; in the original: both', async () => {
    const copy = await annotate(await original(pki.sm2), sm2Annotator);
    const text = Buffer.from(copy.pdf).toString('latin1');
    // Inside the /ZY_Annotation dictionary of the second revision (the statement itself).
    const at = text.indexOf('/ZY_Annotation') + 20;
    const tampered = Uint8Array.from(copy.pdf);
    tampered[at] = (tampered[at] as number) ^ 0x01;
    const r1 = await verifyPdf(tampered, { trustAnchors: anchors() });
    expect(r1.verdict).toBe('INVALID');
    expect(r1.signatures.map((s) => s.verdict)).toEqual(['VALID', 'INVALID']);

    // In the original's page content (covered by both signatures).
    const early = Uint8Array.from(copy.pdf);
    const inOriginal = text.indexOf('stream') + 40;
    early[inOriginal] = (early[inOriginal] as number) ^ 0x01;
    const r2 = await verifyPdf(early, { trustAnchors: anchors() });
    expect(r2.signatures.map((s) => s.verdict)).toEqual(['INVALID', 'INVALID']);
  });

  it('the band goes to the bottom when the issuing seal occupies the top, and shows there', async () => {
    const topSeal = await original(pki.sm2, { kind: 'coordinates', page: 1, x: 297, y: 800 });
    const copy = await annotate(topSeal, sm2Annotator);
    expect(copy.position).toBe('bottom');
    const normal = await annotate(await original(pki.sm2), sm2Annotator);
    expect(normal.position).toBe('top');
    if (!hasPdftoppm) return;
    // Dark-blue statement pixels: only in the band, in the top 30 mm of the page (A4: 842 pt).
    const [page] = renderPages(ws, normal.pdf, 40);
    expect(page).toBeDefined();
    const rows: number[] = [];
    const p = page!;
    for (let y = 0; y < p.height; y++)
      for (let x = 0; x < p.width; x++) {
        const i = (y * p.width + x) * 3;
        const [r, g, b] = [p.rgb[i] as number, p.rgb[i + 1] as number, p.rgb[i + 2] as number];
        if (b > 90 && b - r > 50 && b - g > 30) rows.push(y);
      }
    expect(rows.length).toBeGreaterThan(50);
    expect(Math.max(...rows) / p.scale).toBeLessThan(30 * (72 / 25.4));
  });

  it('bad input is refused with a clear error: times, empty maker, missing glyphs, no fonts', async () => {
    const signed = await original(pki.sm2);
    const codeOf = async (extra: Partial<AnnotatePdfRequest>) => {
      try {
        await annotate(signed, sm2Annotator, extra);
        return 'no error';
      } catch (e) {
        expect(e).toBeInstanceOf(DocumentError);
        return `${(e as DocumentError).code} ${JSON.stringify((e as DocumentError).details ?? {})}`;
      }
    };
    expect(await codeOf({ annotation: { ...ANNOTATION, expiringTime: '2026-08-30' } })).toMatch(
      /^PDF_REQUEST_INVALID .*expiringTime/,
    );
    expect(await codeOf({ annotation: { ...ANNOTATION, creationTime: '20260230120000' } })).toMatch(
      /^PDF_REQUEST_INVALID/,
    );
    expect(await codeOf({ annotation: { ...ANNOTATION, creator: ' ' } })).toMatch(
      /^PDF_REQUEST_INVALID .*creator/,
    );
    expect(await codeOf({ annotation: { ...ANNOTATION, cause: '核验\u{F0000}' } })).toBe(
      'PDF_GLYPH_MISSING {"characters":["\u{F0000}"]}',
    );
    expect(await codeOf({ fonts: [] })).toMatch(/^PDF_REQUEST_INVALID/);
  });
});
