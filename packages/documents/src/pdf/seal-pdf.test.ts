import { parseSignedData, verifySignedData } from '@zhengyin/gm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealPdf } from './seal-pdf.js';
import type { SealPdfRequest, SealPdfResult } from './types.js';
import { contractPdf, handmadePdf, KEYWORD } from './testing/fixtures.js';
import type { ContractPdf } from './testing/fixtures.js';
import { makeTestPki, SIGNING_TIME } from './testing/pki.js';
import type { TestPki, TestSigner } from './testing/pki.js';
import { testSealPng } from './testing/seal-png.js';
import {
  byteRanges,
  contentsOf,
  nssDatabase,
  pdfsig,
  redArea,
  renderPages,
  run,
  signedBytes,
  workspace,
} from './testing/tools.js';
import type { Workspace } from './testing/tools.js';

let pki: TestPki;
let onePage: ContractPdf;
let fivePages: ContractPdf;
let png: Uint8Array;
let ws: Workspace;
let nss: string;
const SEAL_MM = 42;
const SEAL_PT = (SEAL_MM * 72) / 25.4;

beforeAll(async () => {
  [pki, onePage, fivePages] = await Promise.all([makeTestPki(), contractPdf(1), contractPdf(5)]);
  png = testSealPng();
  ws = workspace();
  nss = nssDatabase(ws, pki.rootPem);
});

afterAll(() => ws?.remove());

function request(pdf: Uint8Array, signer: TestSigner, extra: Partial<SealPdfRequest> = {}): SealPdfRequest {
  return {
    pdf,
    signerCertificate: signer.certificate.der,
    chain: [signer === pki.sm2 ? pki.sm2Root.der : pki.root.der],
    sign: signer.sign,
    appearance: { png, widthMm: SEAL_MM, heightMm: SEAL_MM },
    placement: { kind: 'last-page' },
    signingTime: SIGNING_TIME,
    reason: '合同盖章',
    location: '广州',
    name: '某某市市场监督管理局合同专用章',
    seal: { code: '44010000000001', sesSeal: Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x04) },
    ...extra,
  };
}

function qpdfCheck(file: string): string {
  const r = run('qpdf', ['--check', file]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('No syntax or stream encoding errors found');
  return r.stdout;
}

function opensslVerify(pdf: Uint8Array, range: readonly number[], name: string): void {
  const cms = ws.write(`${name}.p7s`, contentsOf(pdf, range));
  const data = ws.write(`${name}.bin`, signedBytes(pdf, range));
  const ca = ws.write('ca.pem', pki.rootPem);
  const r = run('openssl', [
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    cms,
    '-content',
    data,
    '-CAfile',
    ca,
    '-out',
    '/dev/null',
  ]);
  expect(r.stderr).toContain('Verification successful');
  expect(r.status).toBe(0);
}

function mutoolVerify(file: string): string {
  const r = run('mutool', ['sign', '-v', file]);
  expect(r.status).toBe(0);
  return r.stdout + r.stderr;
}

describe('sealPdf with ECDSA and RSA certificates (external verifiers)', () => {
  for (const kind of ['ecdsa', 'rsa'] as const) {
    it(`${kind}: pdfsig valid and trusted, qpdf clean, mutool unchanged, openssl cms verifies`, async () => {
      const signer = pki[kind];
      const result = await sealPdf(request(onePage.pdf, signer));
      expect(result.fieldName).toBe('ZY_Seal_1');
      expect(result.pages).toEqual([1]);
      // The original bytes are untouched and the signature covers the whole new file.
      expect(Buffer.from(result.pdf.subarray(0, onePage.pdf.length)).equals(Buffer.from(onePage.pdf))).toBe(
        true,
      );
      const [a, b, c, d] = result.byteRange;
      expect(a).toBe(0);
      expect(c + d).toBe(result.pdf.length);
      expect(byteRanges(result.pdf)).toEqual([[...result.byteRange]]);
      const file = ws.write(`${kind}.pdf`, result.pdf);
      const sig = pdfsig(file, nss);
      expect(sig.signatures).toHaveLength(1);
      expect(sig.signatures[0]?.valid, sig.result.stdout).toBe(true);
      expect(sig.signatures[0]?.trusted, sig.result.stdout).toBe(true);
      expect(sig.signatures[0]?.coversWholeFile).toBe(true);
      expect(sig.result.stdout).toContain('ETSI.CAdES.detached');
      qpdfCheck(file);
      expect(mutoolVerify(file)).toMatch(/Signature is valid|unchanged/i);
      opensslVerify(result.pdf, [a, b, c, d], kind);
    });
  }

  it('places the seal in the lower right of the last page, upright, at 42 mm', async () => {
    const result = await sealPdf(request(fivePages.pdf, pki.ecdsa));
    expect(result.pages).toEqual([5]);
    const [page] = renderPages(ws, result.pdf, 50, 5, 5);
    const area = redArea(page!);
    expect(area).toBeDefined();
    const [x0, y0, x1, y1] = area!.box;
    expect(x1 - x0).toBeCloseTo(SEAL_PT, -1);
    expect(y1 - y0).toBeCloseTo(SEAL_PT, -1);
    expect(x1).toBeGreaterThan(595 - 80);
    expect(x1).toBeLessThan(595 - 40);
    expect(y0).toBeGreaterThan(40);
    expect(y0).toBeLessThan(80);
    expect(area!.upMinusDown).toBeGreaterThan(100);
    // Pages 1–4 carry no seal.
    for (const other of renderPages(ws, result.pdf, 20, 1, 4)) expect(redArea(other)).toBeUndefined();
  });

  it('two seals: the second is a new incremental update and both stay valid', async () => {
    const first = await sealPdf(
      request(onePage.pdf, pki.ecdsa, { placement: { kind: 'coordinates', page: 1, x: 150, y: 150 } }),
    );
    const second = await sealPdf(
      request(first.pdf, pki.rsa, {
        placement: { kind: 'coordinates', page: 1, x: 400, y: 150 },
        name: '第二枚印章',
      }),
    );
    expect(second.fieldName).toBe('ZY_Seal_2');
    expect(Buffer.from(second.pdf.subarray(0, first.pdf.length)).equals(Buffer.from(first.pdf))).toBe(true);
    const ranges = byteRanges(second.pdf);
    expect(ranges).toEqual([[...first.byteRange], [...second.byteRange]]);
    // The first signature covers exactly its own revision.
    expect((ranges[0]![2] as number) + (ranges[0]![3] as number)).toBe(first.pdf.length);
    const file = ws.write('two.pdf', second.pdf);
    const sig = pdfsig(file, nss);
    expect(sig.signatures.map((s) => [s.valid, s.trusted])).toEqual([
      [true, true],
      [true, true],
    ]);
    expect(sig.signatures[0]?.coversWholeFile).toBe(false);
    expect(sig.signatures[1]?.coversWholeFile).toBe(true);
    qpdfCheck(file);
    opensslVerify(second.pdf, ranges[0]!, 'two-first');
    opensslVerify(second.pdf, ranges[1]!, 'two-second');
    const [page] = renderPages(ws, second.pdf, 50);
    const area = redArea(page!);
    // Both seals drawn: red spans from x≈150−60 to x≈400+60.
    expect(area!.box[0]).toBeCloseTo(150 - SEAL_PT / 2, -1);
    expect(area!.box[2]).toBeCloseTo(400 + SEAL_PT / 2, -1);
  });

  it('a changed byte inside the signed range makes pdfsig report the signature invalid', async () => {
    const result = await sealPdf(request(onePage.pdf, pki.ecdsa));
    const tampered = new Uint8Array(result.pdf);
    const at = tampered.length - 200; // inside the second range (the update's tail)
    tampered[at] = tampered[at] === 0x20 ? 0x0a : 0x20;
    const sig = pdfsig(ws.write('tampered.pdf', tampered), nss);
    expect(sig.signatures[0]?.valid).toBe(false);
    expect(sig.result.stdout).toMatch(/Digest Mismatch|Signature is Invalid/);
  });
});

describe('riding seal (骑缝章)', () => {
  let result: SealPdfResult;
  beforeAll(async () => {
    result = await sealPdf(request(fivePages.pdf, pki.ecdsa, { placement: { kind: 'riding', y: 420 } }));
  });

  it('is one signature whose field has one widget on each of the 5 pages; pdfsig valid', () => {
    expect(result.pages).toEqual([1, 2, 3, 4, 5]);
    // One signature dictionary in the file.
    expect(byteRanges(result.pdf)).toEqual([[...result.byteRange]]);
    const file = ws.write('riding.pdf', result.pdf);
    // pdfsig (poppler 22) lists a signature field once per widget: five entries, all the same
    // field and signed ranges, all valid. (Re-validating the same certificate five times in one
    // run, NSS reports every other one as "Unknown issue": the first one must be trusted.)
    const sig = pdfsig(file, nss);
    expect(sig.signatures).toHaveLength(5);
    const ranges = new Set(sig.signatures.map((s) => /Signed Ranges: (.*)/.exec(s.text)?.[1]));
    expect(ranges.size).toBe(1);
    for (const s of sig.signatures) {
      expect(s.text).toContain('Signature Field Name: ZY_Seal_1');
      expect(s.valid, sig.result.stdout).toBe(true);
      expect(s.coversWholeFile).toBe(true);
    }
    expect(sig.signatures[0]?.trusted).toBe(true);
    qpdfCheck(file);
    expect(mutoolVerify(file)).not.toMatch(/Digest error/);
    opensslVerify(result.pdf, result.byteRange, 'riding');
    // mutool: every page has exactly one annotation, a widget whose parent is the signature field.
    let parent: string | undefined;
    for (let p = 1; p <= 5; p++) {
      const annots = run('mutool', ['show', file, `pages/${p}/Annots`]).stdout;
      expect(annots.match(/\d+ 0 R/g) ?? []).toHaveLength(1);
      const widget = run('mutool', ['show', file, `pages/${p}/Annots/1`]).stdout;
      expect(widget).toContain('/Subtype /Widget');
      const p1 = /\/Parent (\d+ 0 R)/.exec(widget)?.[1];
      expect(p1).toBeDefined();
      parent ??= p1;
      expect(p1).toBe(parent);
    }
    const field = run('mutool', ['show', file, (parent as string).replace(' 0 R', '')]).stdout;
    expect(field).toContain('/FT /Sig');
    expect(field).toContain('/T (ZY_Seal_1)');
    expect(field.match(/\d+ 0 R/g)?.length).toBeGreaterThanOrEqual(6); // /V + 5 kids
  });

  it('shows one slice of the seal at the right edge of every page, at the same height', () => {
    const pages = renderPages(ws, result.pdf, 50);
    expect(pages).toHaveLength(5);
    const slice = SEAL_PT / 5;
    pages.forEach((page) => {
      const area = redArea(page);
      expect(area).toBeDefined();
      const [x0, y0, x1, y1] = area!.box;
      expect(x1).toBeGreaterThan(595 - 2);
      expect(x0).toBeGreaterThan(595 - slice - 3);
      // Vertical centre at y = 420; each slice spans at most the seal height.
      expect((y0 + y1) / 2).toBeCloseTo(420, -1);
      expect(y1 - y0).toBeLessThan(SEAL_PT + 2);
    });
    // Slices differ: the top marker disc sits in the middle slice only.
    const tops = pages.map((page) => redArea(page)!.upMinusDown);
    expect(tops[2]).toBeGreaterThan(tops[0]!);
  });
});

describe('keyword placement', () => {
  it('centres the seal on the keyword found in the Chinese page text', async () => {
    const result = await sealPdf(
      request(fivePages.pdf, pki.ecdsa, { placement: { kind: 'keyword', keyword: KEYWORD } }),
    );
    expect(result.pages).toEqual([fivePages.keywordPage]);
    const [page] = renderPages(ws, result.pdf, 50, 5, 5);
    const area = redArea(page!);
    const [x0, y0, x1, y1] = area!.box;
    expect(Math.abs((x0 + x1) / 2 - fivePages.keywordCentre[0])).toBeLessThan(6);
    expect(Math.abs((y0 + y1) / 2 - fivePages.keywordCentre[1])).toBeLessThan(6);
    expect(pdfsig(ws.write('keyword.pdf', result.pdf), nss).signatures[0]?.valid).toBe(true);
  });

  it('picks the n-th occurrence, and refuses a missing keyword or occurrence', async () => {
    const result = await sealPdf(
      request(fivePages.pdf, pki.ecdsa, {
        placement: { kind: 'keyword', keyword: '第2页 第1条', occurrence: 1 },
      }),
    );
    expect(result.pages).toEqual([2]);
    await expect(
      sealPdf(request(fivePages.pdf, pki.ecdsa, { placement: { kind: 'keyword', keyword: '乙方签字' } })),
    ).rejects.toMatchObject({ name: 'DocumentError', code: 'PDF_KEYWORD_NOT_FOUND' });
    await expect(
      sealPdf(
        request(onePage.pdf, pki.ecdsa, { placement: { kind: 'keyword', keyword: KEYWORD, occurrence: 2 } }),
      ),
    ).rejects.toMatchObject({ code: 'PDF_KEYWORD_NOT_FOUND' });
  });
});

describe('timestamp (PAdES-B-T)', () => {
  it('carries an RFC 3161 token over the signature value that openssl ts accepts; pdfsig valid', async () => {
    const result = await sealPdf(request(onePage.pdf, pki.ecdsa, { timestamp: (v) => pki.timestamp(v) }));
    const cms = contentsOf(result.pdf, result.byteRange);
    const signer = parseSignedData(cms).signerInfos[0]!;
    expect(signer.timestampTokens).toHaveLength(1);
    const token = ws.write('token.der', signer.timestampTokens[0]!);
    const value = ws.write('sigvalue.bin', signer.signature);
    const ca = ws.write('ca.pem', pki.rootPem);
    const r = run('openssl', ['ts', '-verify', '-in', token, '-token_in', '-data', value, '-CAfile', ca]);
    expect(r.stdout + r.stderr).toContain('Verification: OK');
    const sig = pdfsig(ws.write('ts.pdf', result.pdf), nss);
    expect(sig.signatures[0]?.valid, sig.result.stdout).toBe(true);
    opensslVerify(result.pdf, result.byteRange, 'ts');
  });

  it('refuses a token that is not over the signature value', async () => {
    await expect(
      sealPdf(request(onePage.pdf, pki.ecdsa, { timestamp: () => pki.timestamp(Uint8Array.of(1, 2, 3)) })),
    ).rejects.toMatchObject({ code: 'PDF_TIMESTAMP_INVALID' });
  });

  it('refuses when the CMS does not fit the placeholder', async () => {
    await expect(
      sealPdf(
        request(onePage.pdf, pki.ecdsa, { placeholderBytes: 1024, timestamp: (v) => pki.timestamp(v) }),
      ),
    ).rejects.toMatchObject({ code: 'PDF_PLACEHOLDER_TOO_SMALL' });
  });
});

describe('SM2 seals', () => {
  it('SM2-with-SM3 CMS over the byte ranges verifies with @zhengyin/gm; qpdf clean', async () => {
    const result = await sealPdf(request(onePage.pdf, pki.sm2));
    const file = ws.write('sm2.pdf', result.pdf);
    qpdfCheck(file);
    const cms = contentsOf(result.pdf, result.byteRange);
    const verification = verifySignedData(cms, {
      content: signedBytes(result.pdf, result.byteRange),
      trustAnchors: [pki.sm2Root],
    });
    expect(verification.checks.filter((c) => c.status !== 'VALID' && c.status !== 'SKIPPED')).toEqual([]);
    expect(verification.ok).toBe(true);
    expect(verification.signer.signatureAlgorithm).toBe('1.2.156.10197.1.501');
    expect(verification.signer.digestAlgorithm).toBe('1.2.156.10197.1.401');
    // Tampering is caught by the same verifier.
    const content = signedBytes(result.pdf, result.byteRange);
    content[100] ^= 1;
    expect(verifySignedData(cms, { content, trustAnchors: [pki.sm2Root] }).ok).toBe(false);
  });

  it('writes the seal identity and texts into the signed signature dictionary', async () => {
    const result = await sealPdf(request(onePage.pdf, pki.sm2));
    const text = Buffer.from(result.pdf.subarray(onePage.pdf.length)).toString('latin1');
    expect(text).toContain('/ZY_SealCode (44010000000001)');
    // The SESeal is a stream of its own, referenced from the signature dictionary.
    expect(text).toMatch(/\/ZY_SESeal (\d+) 0 R/);
    const num = /\/ZY_SESeal (\d+) 0 R/.exec(text)?.[1];
    expect(text).toContain(`${num} 0 obj\n<</Length 5>>\nstream\n\x30\x03\x02\x01\x04\nendstream`);
    expect(text).toContain('/SubFilter /ETSI.CAdES.detached');
    expect(text).toContain("/M (D:20260601083000+00'00')");
    // /Name in UTF-16BE with BOM.
    const name = Buffer.from('\ufeff某某市市场监督管理局合同专用章', 'utf16le')
      .swap16()
      .toString('hex')
      .toUpperCase();
    expect(text).toContain(`/Name <${name}>`);
    const sigDictAt = text.indexOf('/Type /Sig');
    expect(onePage.pdf.length + sigDictAt).toBeLessThan(result.byteRange[1]);
  });
});

describe('page geometry', () => {
  it('places by display coordinates on rotated pages, upright, and with inherited boxes', async () => {
    const pdf = handmadePdf({
      inherited: { mediaBox: [0, 0, 600, 400], rotate: 90 },
      pages: [
        {},
        { rotate: 180 },
        { rotate: 270, cropBox: [50, 20, 550, 380] },
        { rotate: 0, mediaBox: [100, 100, 500, 700] },
      ],
    });
    let sealed = pdf;
    const targets: [number, number, number][] = [
      [1, 100, 200],
      [2, 150, 250],
      [3, 200, 300],
      [4, 120, 130],
    ];
    for (const [page, x, y] of targets) {
      sealed = (await sealPdf(request(sealed, pki.ecdsa, { placement: { kind: 'coordinates', page, x, y } })))
        .pdf;
    }
    const pages = renderPages(ws, sealed, 50);
    targets.forEach(([page, x, y]) => {
      const area = redArea(pages[page - 1]!);
      expect(area, `page ${page}`).toBeDefined();
      const [x0, y0, x1, y1] = area!.box;
      expect(Math.abs((x0 + x1) / 2 - x), `page ${page} x`).toBeLessThan(3);
      expect(Math.abs((y0 + y1) / 2 - y), `page ${page} y`).toBeLessThan(3);
      expect(area!.upMinusDown, `page ${page} upright`).toBeGreaterThan(100);
    });
    // A riding seal across the same rotated pages: a slice at the right edge of each displayed page.
    const riding = await sealPdf(request(pdf, pki.rsa, { placement: { kind: 'riding', y: 150 } }));
    const slice = SEAL_PT / 4;
    renderPages(ws, riding.pdf, 50).forEach((page, i) => {
      const area = redArea(page);
      expect(area, `riding page ${i + 1}`).toBeDefined();
      const [x0, y0, x1, y1] = area!.box;
      const width = page.width / page.scale;
      expect(x1, `riding page ${i + 1}`).toBeGreaterThan(width - 2);
      expect(x0, `riding page ${i + 1}`).toBeGreaterThan(width - slice - 3);
      expect(Math.abs((y0 + y1) / 2 - 150), `riding page ${i + 1}`).toBeLessThan(6);
    });
    const sig = pdfsig(ws.write('rotated.pdf', sealed), nss);
    expect(sig.signatures.map((s) => s.valid)).toEqual([true, true, true, true]);
    qpdfCheck(ws.path('rotated.pdf'));
  });
});
