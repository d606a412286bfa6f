import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentError } from '../checks.js';
import type { Check } from '../checks.js';
import { openPdf, readSignatures } from './read-signatures.js';
import { run, workspace } from './testing/tools.js';
import type { PdfVerification } from './types.js';
import { appendUpdate, basePdf, makeTestPki, signFixture, streamObject } from './verify-fixtures.test.js';
import type { FixturePdf, TestPki } from './verify-fixtures.test.js';
import { verifyPdf } from './verify-pdf.js';

let pki: TestPki;
let signedPdf: FixturePdf;
beforeAll(async () => {
  pki = await makeTestPki();
  signedPdf = (await signFixture(basePdf({ pages: 2 }), { signer: pki.ecdsa })).pdf;
});

const docStatus = (result: PdfVerification, name: string): string => {
  const c = result.checks.find((x: Check) => x.name === name);
  return c ? `${c.status}:${c.code}` : 'absent';
};

/** verifyPdf must answer quickly, with a typed document-level check and never VALID. */
async function refused(bytes: Uint8Array, name = 'FORMAT'): Promise<string> {
  const started = performance.now();
  const result = await verifyPdf(bytes, { trustAnchors: [pki.root.certificate.der] });
  expect(performance.now() - started).toBeLessThan(2_000);
  expect(result.verdict).not.toBe('VALID');
  expect(result.signatures).toEqual([]);
  return docStatus(result, name);
}

const latin1 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DocumentError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('verifyPdf on bad input', () => {
  it('garbage, empty, and a header only → FORMAT ERROR PDF_MALFORMED', async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) & 0xff);
    for (const bytes of [
      garbage,
      new Uint8Array(0),
      latin1('%PDF-1.7\n'),
      latin1('%PDF-1.7\nstartxref\n999999\n%%EOF'),
    ]) {
      expect(await refused(bytes)).toBe('ERROR:PDF_MALFORMED');
      expect(codeOf(() => openPdf(bytes))).toBe('PDF_MALFORMED');
    }
  });

  it('a truncated PDF → PDF_MALFORMED, or the unsigned earlier revision when that is intact', async () => {
    const base = basePdf({ pages: 2 }).bytes;
    for (const keep of [0.3, 0.6, 0.95]) {
      expect(await refused(base.subarray(0, Math.floor(base.length * keep)))).toBe('ERROR:PDF_MALFORMED');
      // Cut inside the signing update: what remains readable is the unsigned original.
      const cut = signedPdf.bytes.subarray(0, Math.floor(signedPdf.bytes.length * keep));
      expect(await refused(cut, 'SIGNATURES')).toBe('ERROR:PDF_NO_SIGNATURES');
    }
  });

  it('an unsigned PDF → SIGNATURES ERROR PDF_NO_SIGNATURES (INDETERMINATE, never VALID)', async () => {
    expect(await refused(basePdf().bytes, 'SIGNATURES')).toBe('ERROR:PDF_NO_SIGNATURES');
  });

  it('a file larger than maxBytes is refused before parsing → PDF_TOO_LARGE', async () => {
    const result = await verifyPdf(signedPdf.bytes, { maxBytes: 1000 });
    expect(docStatus(result, 'FORMAT')).toBe('ERROR:PDF_TOO_LARGE');
    expect(result.verdict).toBe('INDETERMINATE');
  });

  it('an encrypted PDF (qpdf --encrypt) → ENCRYPTION ERROR PDF_ENCRYPTED', async () => {
    const ws = workspace('zhengyin-verify-enc-');
    try {
      const input = ws.write('in.pdf', signedPdf.bytes);
      const out = ws.path('enc.pdf');
      const r = run('qpdf', ['--encrypt', 'user', 'owner', '256', '--', input, out]);
      expect(r.status === 0 || r.status === 3).toBe(true);
      expect(await refused(ws.read('enc.pdf'), 'ENCRYPTION')).toBe('ERROR:PDF_ENCRYPTED');
    } finally {
      ws.remove();
    }
  });

  it('an xref /Prev chain that loops ends with PDF_MALFORMED', async () => {
    // The update's trailer points /Prev at its own cross-reference table.
    const looped = appendUpdate(
      signedPdf,
      [{ num: 3, body: '<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>' }],
      {
        trailerPrev: signedPdf.bytes.length + 70,
      },
    );
    const bytes = Buffer.from(looped.bytes);
    const text = bytes.toString('latin1');
    const xrefAt = text.lastIndexOf('\nxref\n') + 1;
    const fixed = text.replace(
      /\/Prev \d+ >>\nstartxref\n(\d+)\n%%EOF\n$/,
      (_, x: string) => `/Prev ${xrefAt} >>\nstartxref\n${x}\n%%EOF\n`,
    );
    expect(await refused(latin1(fixed))).toBe('ERROR:PDF_MALFORMED');
    expect(() => openPdf(latin1(fixed))).toThrow(/loops/);
  });

  it('10,000 nested arrays → PDF_LIMIT_EXCEEDED, fast', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const pdf = basePdf({ catalogExtra: `/Deep ${deep}` });
    expect(await refused(pdf.bytes)).toBe('ERROR:PDF_LIMIT_EXCEEDED');
    const dict = basePdf({ catalogExtra: `/Deep ${'<< /A '.repeat(5_000)}1${' >>'.repeat(5_000)}` });
    expect(await refused(dict.bytes)).toBe('ERROR:PDF_LIMIT_EXCEEDED');
  });

  it('a cross-reference subsection claiming more entries than the file can hold → PDF_MALFORMED', async () => {
    const text = Buffer.from(basePdf().bytes)
      .toString('latin1')
      .replace(/xref\n0 (\d+)\n/, 'xref\n0 99999999\n');
    expect(await refused(latin1(text))).toBe('ERROR:PDF_MALFORMED');
  });

  it('a decompression bomb in a cross-reference stream hits the decoded-bytes limit', () => {
    const pdf = basePdf({ xrefStream: true });
    // A 64 MiB stream of zeros compresses to ~64 KB; with a 1 MiB budget it is refused.
    const bomb = deflateSync(new Uint8Array(64 * 1024 * 1024));
    const update = appendUpdate(pdf, [{ num: pdf.size, body: streamObject('/Filter /FlateDecode', bomb) }]);
    const doc = openPdf(update.bytes, { maxDecodedBytes: 1024 * 1024 });
    expect(codeOf(() => doc.decode(doc.object(pdf.size) as never))).toBe('PDF_LIMIT_EXCEEDED');
  });

  it('cycles in the page tree and in field /Kids terminate', async () => {
    const pdf = basePdf({ pages: 1 });
    // The page tree lists itself as a kid; a field lists itself as its kid.
    const cyclic = appendUpdate(
      pdf,
      [
        { num: 2, body: '<< /Type /Pages /Kids [2 0 R 4 0 R] /Count 1 >>' },
        { num: pdf.size, body: `<< /FT /Sig /T (loop) /Kids [${pdf.size} 0 R] >>` },
        {
          num: 1,
          body: `<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [${pdf.size} 0 R ${pdf.size} 0 R] >> >>`,
        },
      ],
      { size: pdf.size + 1 },
    );
    expect(await refused(cyclic.bytes, 'SIGNATURES')).toBe('ERROR:PDF_NO_SIGNATURES');
    expect(openPdf(cyclic.bytes).pages()).toEqual([4]);
  });

  it('a stream whose /Length refers to itself is read up to endstream', () => {
    const pdf = basePdf();
    const update = appendUpdate(pdf, [
      { num: pdf.size, body: `<< /Length ${pdf.size} 0 R >>\nstream\nhello\nendstream` },
    ]);
    const doc = openPdf(update.bytes);
    const s = doc.object(pdf.size) as { data: Uint8Array };
    expect(Buffer.from(s.data).toString()).toBe('hello');
  });

  it('wrong cross-reference offsets are repaired by scanning for the object', async () => {
    const text = Buffer.from(signedPdf.bytes).toString('latin1');
    // Shift every offset of the first table by 3 bytes (a common writer bug).
    const shifted = text.replace(
      /^(\d{10}) 00000 n/gm,
      (_, o: string) => `${String(Number(o) + 3).padStart(10, '0')} 00000 n`,
    );
    const result = await verifyPdf(latin1(shifted), { trustAnchors: [pki.root.certificate.der] });
    // The cross-reference table is inside the first signature's range: the digest no longer
    // matches, but the file is still read and reported.
    expect(result.checks[0]).toMatchObject({
      name: 'FORMAT',
      status: 'VALID',
      details: { repairedObjects: expect.any(Number) },
    });
    expect(result.signatures).toHaveLength(1);
  });

  it('an unusable trust anchor is a caller error: DocumentError PDF_TRUST_ANCHOR_INVALID', async () => {
    await expect(
      verifyPdf(signedPdf.bytes, { trustAnchors: [new Uint8Array([1, 2, 3])] }),
    ).rejects.toMatchObject({
      name: 'DocumentError',
      code: 'PDF_TRUST_ANCHOR_INVALID',
    });
  });

  it('readSignatures lists nothing for a file without a form, and throws DocumentError for garbage', () => {
    expect(readSignatures(openPdf(basePdf().bytes))).toEqual([]);
    expect(codeOf(() => readSignatures(openPdf(latin1('not a pdf'))))).toBe('PDF_MALFORMED');
  });
});
