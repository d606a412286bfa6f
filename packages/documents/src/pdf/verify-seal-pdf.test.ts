/**
 * verifyPdf on the outputs of sealPdf (the platform's own signer), cross-checked with pdfsig:
 * both must call the same files valid or invalid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeal } from '@zhengyin/gm';
import { sealPdf } from './seal-pdf.js';
import { contractPdf } from './testing/fixtures.js';
import { testSealPng } from './testing/seal-png.js';
import { nssDatabase, pdfsig, run, workspace } from './testing/tools.js';
import type { Workspace } from './testing/tools.js';
import type { PdfVerification, SealPdfRequest } from './types.js';
import { openPdf } from './read-signatures.js';
import type { PdfRef } from './verify-objects.js';
import { PdfDict } from './verify-objects.js';
import { NOT_BEFORE, SIGNING_TIME, issue, makeTestPki } from './verify-fixtures.test.js';
import type { TestPki, TestSigner } from './verify-fixtures.test.js';
import { verifyPdf } from './verify-pdf.js';

let pki: TestPki;
let ws: Workspace;
let nss: string;
let onePage: Uint8Array;
let threePages: Uint8Array;
let sesSeal: Uint8Array;
const png = testSealPng(200);
const CODE = '44010000000001';

beforeAll(async () => {
  pki = await makeTestPki();
  ws = workspace('zhengyin-verify-seal-');
  nss = nssDatabase(ws, pki.rootPem);
  [onePage, threePages] = await Promise.all([
    contractPdf(1).then((c) => c.pdf),
    contractPdf(3).then((c) => c.pdf),
  ]);
  const maker = await issue('SM2', pki.sm2Root, { cn: '证印印章制作' });
  sesSeal = (
    await createSeal({
      esId: CODE,
      type: 1,
      name: '某某市市场监督管理局合同专用章',
      signerCertificates: [pki.ecdsa.certificate.der, pki.rsa.certificate.der, pki.sm2.certificate.der],
      validStart: NOT_BEFORE,
      validEnd: new Date('2030-01-01T00:00:00Z'),
      createDate: NOT_BEFORE,
      picture: { type: 'png', data: png, width: 42, height: 42 },
      makerCertificate: maker.certificate.der,
      sign: maker.sign,
    })
  ).der;
});

afterAll(() => ws?.remove());

const anchors = (): Uint8Array[] => [pki.root.certificate.der, pki.sm2Root.certificate.der];

function request(pdf: Uint8Array, signer: TestSigner, extra: Partial<SealPdfRequest> = {}): SealPdfRequest {
  return {
    pdf,
    signerCertificate: signer.certificate.der,
    sign: signer.sign,
    appearance: { png, widthMm: 42, heightMm: 42 },
    placement: { kind: 'last-page' },
    signingTime: SIGNING_TIME,
    name: '某某市市场监督管理局合同专用章',
    reason: '合同盖章',
    location: '广州',
    seal: { code: CODE, sesSeal },
    ...extra,
  };
}

let fileNo = 0;
/** pdfsig's view: per signature, valid and whether it covers the whole file. */
function pdfsigView(bytes: Uint8Array): { valid: boolean; total: boolean }[] {
  const file = ws.write(`f${fileNo++}.pdf`, bytes);
  return pdfsig(file, nss).signatures.map((s) => ({ valid: s.valid, total: s.coversWholeFile }));
}

const ours = (r: PdfVerification): { valid: boolean; total: boolean }[] =>
  r.signatures.map((s) => ({
    valid: s.verdict === 'VALID',
    total: s.modifiedAfter === 'none',
  }));

describe('verifyPdf on sealPdf outputs, against pdfsig', () => {
  it('an ECDSA seal: VALID with seal identity, pdfsig agrees; tampered bytes: both INVALID', async () => {
    const sealed = await sealPdf(request(onePage, pki.ecdsa));
    const result = await verifyPdf(sealed.pdf, { trustAnchors: anchors() });
    expect(result.verdict).toBe('VALID');
    const s = result.signatures[0];
    expect(s).toMatchObject({
      fieldName: sealed.fieldName,
      byteRange: [...sealed.byteRange],
      pages: [...sealed.pages],
      coversRevision: true,
      modifiedAfter: 'none',
      name: '某某市市场监督管理局合同专用章',
      location: '广州',
      seal: { code: CODE, sesSeal },
      sealInfo: { esId: CODE, type: 1 },
    });
    expect(s?.checks.find((c) => c.name === 'SEAL')?.code).toBe('PDF_SEAL_VALID');
    expect(pdfsigView(sealed.pdf)).toEqual([{ valid: true, total: true }]);

    const [, a, b] = sealed.byteRange;
    for (const at of [20, Math.floor(a / 2), a - 5, b + 10, sealed.pdf.length - 8]) {
      const bytes = Uint8Array.from(sealed.pdf);
      bytes[at] = (bytes[at] as number) ^ 0x01;
      const r = await verifyPdf(bytes, { trustAnchors: anchors() });
      // A flip in the cross-reference offsets leaves no readable file: undecided, reported malformed.
      if (r.checks.some((c) => c.code === 'PDF_MALFORMED'))
        expect(r.verdict, `byte ${at}`).toBe('INDETERMINATE');
      else expect(r.verdict, `byte ${at}`).toBe('INVALID');
      const view = pdfsigView(bytes);
      // Both say invalid (pdfsig may fail to find the signature at all in a broken structure).
      expect(
        view.every((v) => !v.valid),
        `pdfsig at ${at}`,
      ).toBe(true);
    }
  });

  it('a multi-seal PDF (ECDSA, then RSA with a timestamp): every signature VALID in both', async () => {
    const first = await sealPdf(request(threePages, pki.ecdsa));
    const second = await sealPdf(
      request(first.pdf, pki.rsa, {
        placement: { kind: 'coordinates', page: 1, x: 300, y: 200 },
        timestamp: (v) => pki.timestamp(v),
      }),
    );
    const result = await verifyPdf(second.pdf, { trustAnchors: anchors() });
    expect(result.verdict).toBe('VALID');
    expect(
      result.signatures.map((s) => [s.index, s.modifiedAfter, s.pages, s.timestampTime !== null]),
    ).toEqual([
      [1, 'signatures-only', [3], false],
      [2, 'none', [1], true],
    ]);
    expect(pdfsigView(second.pdf).map((v) => v.valid)).toEqual([true, true]);
    expect(ours(result).map((v) => v.valid)).toEqual([true, true]);
  });

  it('an SM2 seal verifies with our verifier; a riding seal covers every page', async () => {
    const sm2 = await sealPdf(request(onePage, pki.sm2));
    const r1 = await verifyPdf(sm2.pdf, { trustAnchors: anchors() });
    expect(r1.verdict).toBe('VALID');
    expect(r1.signatures[0]?.signer?.algorithm).toBe('SM2-SM3');
    const riding = await sealPdf(request(threePages, pki.ecdsa, { placement: { kind: 'riding' } }));
    const r2 = await verifyPdf(riding.pdf, { trustAnchors: anchors() });
    expect(r2.verdict).toBe('VALID');
    expect(r2.signatures[0]?.pages).toEqual([1, 2, 3]);
    // pdfsig lists the field once per widget; each entry is the same valid signature.
    const view = pdfsigView(riding.pdf);
    expect(view.length).toBeGreaterThanOrEqual(1);
    expect(view.every((v) => v.valid && v.total)).toBe(true);
  });

  it.each([['--linearize'], ['--object-streams=generate'], ['--linearize', '--object-streams=generate']])(
    'a qpdf %s input sealed twice: both VALID, the first signatures-only; pdfsig agrees',
    async (...args: string[]) => {
      const n = fileNo++;
      const input = ws.write(`q${n}.pdf`, threePages);
      expect(run('qpdf', [...args, input, ws.path(`q${n}-out.pdf`)]).status).toBe(0);
      const first = await sealPdf(request(ws.read(`q${n}-out.pdf`), pki.ecdsa));
      const second = await sealPdf(
        request(first.pdf, pki.rsa, { placement: { kind: 'coordinates', page: 2, x: 200, y: 200 } }),
      );
      const result = await verifyPdf(second.pdf, { trustAnchors: anchors() });
      expect(result.signatures.map((s) => [s.modifiedAfter, s.verdict])).toEqual([
        ['signatures-only', 'VALID'],
        ['none', 'VALID'],
      ]);
      expect(pdfsigView(second.pdf).map((v) => v.valid)).toEqual([true, true]);
      const changed = await verifyPdf(appendContentChange(second.pdf), { trustAnchors: anchors() });
      expect(changed.signatures.map((s) => s.modifiedAfter)).toEqual(['other', 'other']);
    },
  );

  it('an appended unsigned update changing page content: ours INVALID (modified), pdfsig: not total', async () => {
    const sealed = await sealPdf(request(onePage, pki.ecdsa));
    const changed = appendContentChange(sealed.pdf);
    const result = await verifyPdf(changed, { trustAnchors: anchors() });
    expect(result.signatures[0]?.modifiedAfter).toBe('other');
    expect(result.verdict).toBe('INVALID');
    // pdfsig checks the signed bytes only: still "valid", but no longer the total document.
    expect(pdfsigView(changed)).toEqual([{ valid: true, total: false }]);
    expect(ours(result)).toEqual([{ valid: false, total: false }]);
  });
});

/** Appends an incremental update that replaces the first page's first content stream. */
function appendContentChange(pdf: Uint8Array): Uint8Array {
  const doc = openPdf(pdf);
  const page = doc.object(doc.pages()[0] as number) as PdfDict;
  const contents = page.get('Contents');
  const ref = (Array.isArray(contents) ? contents[0] : contents) as PdfRef;
  const size = doc.trailer.get('Size') as number;
  const root = doc.trailer.get('Root') as PdfRef;
  const text = 'BT /F1 30 Tf 72 400 Td (REPLACED) Tj ET';
  const object = `${ref.num} ${ref.gen} obj\n<< /Length ${text.length} >>\nstream\n${text}\nendstream\nendobj\n`;
  const offset = pdf.length;
  const xref = offset + object.length;
  const sx = Buffer.from(pdf).toString('latin1').lastIndexOf('startxref');
  const prev = Number(/startxref\s+(\d+)/.exec(Buffer.from(pdf.subarray(sx)).toString('latin1'))?.[1]);
  const tail =
    `xref\n0 1\n0000000000 65535 f \n${ref.num} 1\n${String(offset).padStart(10, '0')} ${String(ref.gen).padStart(5, '0')} n \n` +
    `trailer\n<< /Size ${size} /Root ${root.num} ${root.gen} R /Prev ${prev} >>\nstartxref\n${xref}\n%%EOF\n`;
  expect(page).toBeInstanceOf(PdfDict);
  return new Uint8Array(Buffer.concat([Buffer.from(pdf), Buffer.from(object + tail, 'latin1')]));
}
