/**
 * The incremental writer against the shapes of existing files (classic tables, cross-reference
 * streams, hybrid files, existing forms and annotations) and the refusal of bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import { PdfFile } from './parse-document.js';
import { isArray, isDict, PdfRef } from './parse-objects.js';
import { DEFAULT_MAX_PDF_BYTES, sealPdf } from './seal-pdf.js';
import type { SealPdfRequest } from './types.js';
import { contractPdf, handmadePdf } from './testing/fixtures.js';
import { makeTestPki, SIGNING_TIME } from './testing/pki.js';
import type { TestPki } from './testing/pki.js';
import { testSealPng } from './testing/seal-png.js';
import { byteRanges, nssDatabase, pdfsig, run, runBytes, workspace } from './testing/tools.js';
import type { Workspace } from './testing/tools.js';

let pki: TestPki;
let pdfkitOnePage: Uint8Array;
let png: Uint8Array;
let ws: Workspace;
let nss: string;

beforeAll(async () => {
  [pki, { pdf: pdfkitOnePage }] = await Promise.all([makeTestPki(), contractPdf(1)]);
  png = testSealPng(120);
  ws = workspace();
  nss = nssDatabase(ws, pki.rootPem);
});
afterAll(() => ws?.remove());

const request = (pdf: Uint8Array, extra: Partial<SealPdfRequest> = {}): SealPdfRequest => ({
  pdf,
  signerCertificate: pki.ecdsa.certificate.der,
  chain: [pki.root.der],
  sign: pki.ecdsa.sign,
  appearance: { png, widthMm: 30, heightMm: 30 },
  placement: { kind: 'coordinates', page: 1, x: 200, y: 200 },
  signingTime: SIGNING_TIME,
  ...extra,
});

function checkExternally(name: string, pdf: Uint8Array, signatures: number): void {
  const file = ws.write(name, pdf);
  const qpdf = run('qpdf', ['--check', file]);
  expect(qpdf.stdout + qpdf.stderr).toContain('No syntax or stream encoding errors found');
  expect(qpdf.stderr).toBe('');
  const sig = pdfsig(file, nss);
  expect(
    sig.signatures.map((s) => s.valid && s.trusted),
    sig.result.stdout,
  ).toEqual(Array(signatures).fill(true));
}

const tail = (pdf: Uint8Array, from: number): string => Buffer.from(pdf.subarray(from)).toString('latin1');

describe('cross-reference forms', () => {
  it('classic table: the update appends a table whose /Prev is the old startxref', async () => {
    const original = handmadePdf({ pages: [{ mediaBox: [0, 0, 400, 400] }] });
    const result = await sealPdf(request(original));
    const update = tail(result.pdf, original.length);
    expect(update).toMatch(/\nxref\n/);
    expect(update).not.toContain('/Type /XRef');
    const oldStart = /startxref\s+(\d+)/.exec(tail(original, original.length - 40))?.[1];
    expect(update).toContain(`/Prev ${oldStart}`);
    expect(update).toMatch(/\/ID \[<0123456789ABCDEF0123456789ABCDEF> <[0-9A-F]{32}>\]/);
    checkExternally('table.pdf', result.pdf, 1);
  });

  it('cross-reference stream with PNG predictors and object streams: the update is an xref stream', async () => {
    const original = handmadePdf({
      pages: [{ mediaBox: [0, 0, 400, 400] }, { mediaBox: [0, 0, 300, 500] }],
      xref: 'stream',
    });
    const file = PdfFile.open(original, { maxBytes: 1e6 });
    expect(file.xref.lastKind).toBe('stream');
    expect(file.pages.map((p) => p.mediaBox)).toEqual([
      [0, 0, 400, 400],
      [0, 0, 300, 500],
    ]);
    const first = await sealPdf(
      request(original, { placement: { kind: 'coordinates', page: 2, x: 150, y: 250 } }),
    );
    const update = tail(first.pdf, original.length);
    expect(update).toContain('/Type /XRef');
    expect(update).not.toMatch(/\nxref\n/);
    // Seal again on top of our own xref stream, with another certificate (pdfsig 22.12 with NSS
    // reports "Unknown issue" for the second validation of the same certificate in one run).
    const second = await sealPdf(
      request(first.pdf, { signerCertificate: pki.rsa.certificate.der, sign: pki.rsa.sign }),
    );
    checkExternally('xref-stream.pdf', second.pdf, 2);
  });

  it('qpdf object-stream output (pdfkit document rewritten by qpdf)', async () => {
    const input = ws.write('pdfkit.pdf', pdfkitOnePage);
    const out = ws.path('objstm.pdf');
    expect(run('qpdf', ['--object-streams=generate', input, out]).status).toBe(0);
    const original = ws.read('objstm.pdf');
    const result = await sealPdf(request(original));
    expect(tail(result.pdf, original.length)).toContain('/Type /XRef');
    checkExternally('qpdf-objstm-sealed.pdf', result.pdf, 1);
  });

  it('hybrid file (table + /XRefStm): objects only in the stream are found; the update is a table', async () => {
    const original = handmadePdf({ pages: [{ mediaBox: [0, 0, 400, 400] }], xref: 'hybrid' });
    const file = PdfFile.open(original, { maxBytes: 1e6 });
    expect(file.xref.lastKind).toBe('table');
    expect(file.xref.usesStreams).toBe(true);
    // Object 3 (the font) is marked free in the table and lives in the object stream.
    const font = file.getObject(new PdfRef(3, 0));
    expect(isDict(font) && (font.get('BaseFont') as { name: string }).name).toBe('Helvetica');
    const result = await sealPdf(request(original));
    expect(tail(result.pdf, original.length)).toMatch(/\nxref\n/);
    checkExternally('hybrid.pdf', result.pdf, 1);
    expect(run('pdftotext', [ws.path('hybrid.pdf'), '-']).stdout).toContain('Page 1');
  });

  it('hybrid file whose table marks the compressed objects free: the /XRefStm entry is used', () => {
    const original = handmadePdf({
      pages: [{ mediaBox: [0, 0, 400, 400] }],
      xref: 'hybrid',
      hybridFreeEntries: true,
    });
    expect(Buffer.from(original).toString('latin1')).toMatch(/xref\n0 \d+\n(.*\r\n){3}0000000000 00000 f/);
    const font = PdfFile.open(original, { maxBytes: 1e6 }).getObject(new PdfRef(3, 0));
    expect(isDict(font) && (font.get('BaseFont') as { name: string }).name).toBe('Helvetica');
  });
});

describe('existing forms and annotations', () => {
  it('keeps an existing AcroForm field (indirect /Fields) and appends the signature field', async () => {
    const original = handmadePdf({ pages: [{ mediaBox: [0, 0, 400, 400] }], acroForm: true });
    const result = await sealPdf(request(original));
    const file = PdfFile.open(result.pdf, { maxBytes: 1e6 });
    expect([...file.fieldNames()]).toEqual(['name', 'ZY_Seal_1']);
    expect(file.acroForm?.get('SigFlags')).toBe(3);
    expect(file.acroForm?.get('DA')).toBeDefined();
    checkExternally('form.pdf', result.pdf, 1);
  });

  it('appends to an existing /Annots array and to the page of a sealed page', async () => {
    const once = await sealPdf(
      request(pdfkitOnePage, { placement: { kind: 'coordinates', page: 1, x: 100, y: 100 } }),
    );
    const twice = await sealPdf(
      request(once.pdf, { placement: { kind: 'coordinates', page: 1, x: 300, y: 100 } }),
    );
    const file = PdfFile.open(twice.pdf, { maxBytes: 1e7 });
    const annots = file.resolve(file.pages[0]?.dict.get('Annots'));
    expect(isArray(annots) && annots.length).toBe(2);
    expect([...file.fieldNames()]).toEqual(['ZY_Seal_1', 'ZY_Seal_2']);
    expect(byteRanges(twice.pdf)).toHaveLength(2);
  });
});

describe('bad input: typed DocumentError, nothing returned', () => {
  const refuses = async (
    pdf: Uint8Array,
    code: string,
    extra: Partial<SealPdfRequest> = {},
  ): Promise<void> => {
    const error = await sealPdf(request(pdf, extra)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DocumentError);
    expect((error as DocumentError).code, (error as Error).message).toBe(code);
  };

  it('encrypted PDF (qpdf --encrypt)', async () => {
    const input = ws.write('plain.pdf', pdfkitOnePage);
    for (const bits of ['128', '256']) {
      const out = ws.path(`enc-${bits}.pdf`);
      const extra = bits === '128' ? ['--use-aes=y'] : [];
      expect(run('qpdf', ['--encrypt', '', 'owner', bits, ...extra, '--', input, out]).status).toBe(0);
      await refuses(ws.read(`enc-${bits}.pdf`), 'PDF_ENCRYPTED');
    }
  });

  it('garbage, empty, truncated and cut-off files', async () => {
    await refuses(
      Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251),
      'PDF_MALFORMED',
    );
    await refuses(new Uint8Array(0), 'PDF_MALFORMED');
    await refuses(pdfkitOnePage.subarray(0, Math.floor(pdfkitOnePage.length / 2)), 'PDF_MALFORMED');
    await refuses(pdfkitOnePage.subarray(0, pdfkitOnePage.length - 30), 'PDF_MALFORMED');
    const noHeader = Buffer.from(pdfkitOnePage);
    noHeader.write('%XYZ-', 0, 'latin1');
    await refuses(noHeader, 'PDF_MALFORMED');
  });

  it('broken cross-reference offsets, startxref, /Prev loops and sections', async () => {
    const text = Buffer.from(pdfkitOnePage).toString('latin1');
    // Shift the offset of one in-use entry by 3 bytes.
    const entry = /\n(\d{10}) 00000 n/.exec(text.slice(text.lastIndexOf('\nxref')));
    expect(entry).not.toBeNull();
    const at = text.lastIndexOf('\nxref') + (entry?.index ?? 0) + 1;
    const shifted = Buffer.from(pdfkitOnePage);
    shifted.write(String(Number(entry?.[1]) + 3).padStart(10, '0'), at, 'latin1');
    await refuses(shifted, 'PDF_MALFORMED');
    // startxref pointing elsewhere.
    const start = Number(/startxref\s+(\d+)/.exec(text.slice(-64))?.[1]);
    const badStart = Buffer.from(
      text.slice(0, text.lastIndexOf('startxref')) + `startxref\n${start - 10}\n%%EOF\n`,
      'latin1',
    );
    await refuses(badStart, 'PDF_MALFORMED');
    const outside = Buffer.from(
      text.slice(0, text.lastIndexOf('startxref')) + `startxref\n99999999\n%%EOF\n`,
      'latin1',
    );
    await refuses(outside, 'PDF_MALFORMED');
    // An update whose /Prev points at itself.
    const loopAt = pdfkitOnePage.length;
    const loop = Buffer.concat([
      Buffer.from(pdfkitOnePage),
      Buffer.from(
        `xref\n0 1\n0000000000 65535 f\r\ntrailer\n<< /Size 1 /Prev ${loopAt} >>\nstartxref\n${loopAt}\n%%EOF\n`,
        'latin1',
      ),
    ]);
    await refuses(loop, 'PDF_MALFORMED');
    // A cross-reference table with a wrong entry count.
    const badTable = Buffer.from(
      text.replace(/\nxref\n0 (\d+)/, (_, n: string) => `\nxref\n0 ${Number(n) + 5}`),
      'latin1',
    );
    await refuses(badTable, 'PDF_MALFORMED');
  });

  it('too large: refused before parsing (default limit and maxBytes)', async () => {
    await refuses(pdfkitOnePage, 'PDF_TOO_LARGE', { maxBytes: 1000 });
    const huge = new Uint8Array(DEFAULT_MAX_PDF_BYTES + 1);
    huge.set(pdfkitOnePage);
    await refuses(huge, 'PDF_TOO_LARGE');
  });

  it('bad appearance, placement and request values', async () => {
    await refuses(pdfkitOnePage, 'PDF_APPEARANCE_INVALID', {
      appearance: { png: Buffer.from('not a png'), widthMm: 40, heightMm: 40 },
    });
    const truncatedPng = png.subarray(0, 60);
    await refuses(pdfkitOnePage, 'PDF_APPEARANCE_INVALID', {
      appearance: { png: truncatedPng, widthMm: 40, heightMm: 40 },
    });
    await refuses(pdfkitOnePage, 'PDF_REQUEST_INVALID', { appearance: { png, widthMm: 0, heightMm: 40 } });
    await refuses(pdfkitOnePage, 'PDF_REQUEST_INVALID', {
      appearance: { png, widthMm: 40, heightMm: Number.NaN },
    });
    await refuses(pdfkitOnePage, 'PDF_REQUEST_INVALID', { placeholderBytes: 10 });
    await refuses(pdfkitOnePage, 'PDF_REQUEST_INVALID', { signingTime: new Date('nope') });
    await refuses(pdfkitOnePage, 'PDF_PLACEMENT_INVALID', {
      placement: { kind: 'coordinates', page: 2, x: 1, y: 1 },
    });
    await refuses(pdfkitOnePage, 'PDF_PLACEMENT_INVALID', {
      placement: { kind: 'coordinates', page: 0, x: 1, y: 1 },
    });
    await refuses(pdfkitOnePage, 'PDF_PLACEMENT_INVALID', { placement: { kind: 'riding' } });
    await refuses(pdfkitOnePage, 'PDF_PLACEMENT_INVALID', { placement: { kind: 'keyword', keyword: ' ' } });
  });

  it('signer problems: unreadable certificate, key that does not match the certificate', async () => {
    await refuses(pdfkitOnePage, 'PDF_CERTIFICATE_INVALID', {
      signerCertificate: Uint8Array.of(0x30, 0x03, 1, 2, 3),
    });
    await refuses(pdfkitOnePage, 'PDF_SIGNER_KEY_MISMATCH', { sign: pki.rsa.sign });
  });

  it('a certified document that permits no changes (DocMDP P 1)', async () => {
    const base = handmadePdf({ pages: [{ mediaBox: [0, 0, 300, 300] }] });
    // Add /Perms /DocMDP with P 1 to the catalog through an update written by hand.
    const text = Buffer.from(base).toString('latin1');
    const start = Number(/startxref\s+(\d+)/.exec(text.slice(-64))?.[1]);
    const catalogAt = base.length;
    const body = `1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Perms << /DocMDP 50 0 R >> >>\nendobj\n`;
    const sigAt = catalogAt + body.length;
    const sig = `50 0 obj\n<< /Type /Sig /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 1 /V /1.2 >> >>] >>\nendobj\n`;
    const xrefAt = sigAt + sig.length;
    const update =
      body +
      sig +
      `xref\n1 1\n${String(catalogAt).padStart(10, '0')} 00000 n\r\n50 1\n${String(sigAt).padStart(10, '0')} 00000 n\r\n` +
      `trailer\n<< /Size 51 /Root 1 0 R /Prev ${start} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    const certified = Buffer.concat([Buffer.from(base), Buffer.from(update, 'latin1')]);
    expect(run('qpdf', ['--check', ws.write('certified.pdf', certified)]).status).toBe(0);
    await refuses(certified, 'PDF_CHANGES_NOT_PERMITTED');
  });
});

describe('pdf.js page order matches the page tree', () => {
  it('keyword placement on a hand-written multi-page file', async () => {
    const pdf = handmadePdf({
      inherited: { mediaBox: [0, 0, 500, 500] },
      pages: [{ text: 'alpha' }, { text: 'SEAL HERE' }, { text: 'omega' }],
      xref: 'stream',
    });
    const result = await sealPdf(request(pdf, { placement: { kind: 'keyword', keyword: 'SEAL HERE' } }));
    expect(result.pages).toEqual([2]);
    // The widget rectangle is centred on the text run drawn at 40,40 with 18 pt Helvetica.
    const file = PdfFile.open(result.pdf, { maxBytes: 1e6 });
    const annots = file.resolve(file.pages[1]?.dict.get('Annots'));
    const widget = isArray(annots) ? file.resolve(annots[0]) : null;
    const rect = isDict(widget) ? (widget.get('Rect') as number[]) : [];
    const cx = ((rect[0] ?? 0) + (rect[2] ?? 0)) / 2;
    const cy = ((rect[1] ?? 0) + (rect[3] ?? 0)) / 2;
    expect(cx).toBeGreaterThan(40 + 30);
    expect(cx).toBeLessThan(40 + 70);
    expect(Math.abs(cy - (40 + 0.3 * 18))).toBeLessThan(4);
    const text = runBytes('pdftotext', [ws.write('kw.pdf', result.pdf), '-']);
    expect(Buffer.from(text).toString()).toContain('SEAL HERE');
  });
});
