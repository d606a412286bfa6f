import { beforeAll, describe, expect, it } from 'vitest';
import { createSeal } from '@zhengyin/gm';
import type { Check } from '../checks.js';
import type { PdfSignatureReport, PdfVerification } from './types.js';
import {
  NOT_BEFORE,
  SIGNING_TIME,
  TSA_TIME,
  appendPage,
  appendUpdate,
  basePdf,
  docTimestampCms,
  flipByte,
  issue,
  makeTestPki,
  offsetOf,
  signFixture,
  streamObject,
  timestampBy,
} from './verify-fixtures.test.js';
import type { FixturePdf, KeyKind, SignOptions, TestPki, TestSigner } from './verify-fixtures.test.js';
import { verifyPdf } from './verify-pdf.js';

let pki: TestPki;
beforeAll(async () => {
  pki = await makeTestPki();
});

const status = (checks: readonly Check[], name: string): string => {
  const c = checks.find((x) => x.name === name);
  return c ? `${c.status}:${c.code}` : 'absent';
};

const statuses = (r: PdfSignatureReport): Record<string, string> =>
  Object.fromEntries(r.checks.map((c) => [c.name, `${c.status}:${c.code}`]));

const sig = (result: PdfVerification, i = 0): PdfSignatureReport => {
  const s = result.signatures[i];
  if (!s) throw new Error(`no signature #${i}`);
  return s;
};

const signerFor = (kind: KeyKind): TestSigner =>
  kind === 'SM2' ? pki.sm2 : kind === 'RSA' ? pki.rsa : pki.ecdsa;
const rootFor = (kind: KeyKind): Uint8Array => (kind === 'SM2' ? pki.sm2Root : pki.root).certificate.der;

async function signed(
  options: Partial<SignOptions> = {},
  base: FixturePdf = basePdf({ pages: 2 }),
): Promise<FixturePdf> {
  return (await signFixture(base, { signer: pki.ecdsa, ...options })).pdf;
}

describe('verifyPdf on hand-built signed PDFs', () => {
  it.each<[KeyKind, string, SignOptions['profile']]>([
    ['ECDSA', 'ECDSA-SHA256', undefined],
    ['RSA', 'RSA-SHA256', undefined],
    ['SM2', 'SM2-SM3', 'rfc5652'],
    ['SM2', 'SM2-SM3', 'gmt0010'],
  ])('a %s signature (%s, %s OIDs) is VALID with its root trusted', async (kind, algorithm, profile) => {
    const pdf = await signed({
      signer: signerFor(kind),
      ...(profile ? { profile } : {}),
      name: '张三',
      reason: '审批通过',
    });
    const result = await verifyPdf(pdf.bytes, { trustAnchors: [rootFor(kind)] });
    expect(result.verdict).toBe('VALID');
    const s = sig(result);
    expect(statuses(s)).toEqual({
      BYTE_RANGE: 'VALID:PDF_BYTE_RANGE_OK',
      INTEGRITY: 'VALID:PDF_DIGEST_MATCH',
      SIGNATURE: 'VALID:PDF_SIGNATURE_VALID',
      SIGNER_CERTIFICATE: 'VALID:PDF_SIGNER_CERTIFICATE_OK',
      SIGNING_TIME: 'VALID:PDF_SIGNING_TIME_OK',
      TIMESTAMP: 'SKIPPED:PDF_NO_TIMESTAMP',
      CERTIFICATE_CHAIN: 'VALID:PDF_CHAIN_VALID',
      MODIFICATION: 'VALID:PDF_NOT_MODIFIED',
      SEAL: 'SKIPPED:PDF_NO_SEAL',
    });
    expect(s).toMatchObject({
      fieldName: 'Signature1',
      index: 1,
      subFilter: 'ETSI.CAdES.detached',
      coversRevision: true,
      modifiedAfter: 'none',
      signingTime: SIGNING_TIME,
      timestampTime: null,
      name: '张三',
      reason: '审批通过',
      pages: [1],
    });
    expect(s.signer?.algorithm).toBe(algorithm);
    expect(s.signer?.subject).toContain('某某市市场监督管理局');
    expect(s.signer?.certificate).toEqual(signerFor(kind).certificate.der);
    expect(s.byteRange[0]).toBe(0);
    expect((s.byteRange[2] as number) + (s.byteRange[3] as number)).toBe(pdf.bytes.length);
    expect(result.checks.map((c) => `${c.name}:${c.status}`)).toEqual([
      'FORMAT:VALID',
      'ENCRYPTION:VALID',
      'SIGNATURES:VALID',
      'MODIFICATION:VALID',
    ]);
  });

  it('is INDETERMINATE without trust anchors, and with a root that did not issue the signer', async () => {
    const pdf = await signed();
    const none = await verifyPdf(pdf.bytes);
    expect(none.verdict).toBe('INDETERMINATE');
    expect(status(sig(none).checks, 'CERTIFICATE_CHAIN')).toBe('ERROR:PDF_NO_TRUST_ANCHORS');
    expect(sig(none).checks.filter((c) => c.status === 'INVALID')).toEqual([]);
    const other = await verifyPdf(pdf.bytes, { trustAnchors: [pki.sm2Root.certificate.der] });
    expect(other.verdict).toBe('INDETERMINATE');
    expect(status(sig(other).checks, 'CERTIFICATE_CHAIN')).toBe('ERROR:PDF_CHAIN_NOT_TRUSTED');
  });

  it('works on a file with a cross-reference stream and an object stream', async () => {
    const pdf = await signed({}, basePdf({ xrefStream: true }));
    const result = await verifyPdf(pdf.bytes, { trustAnchors: [rootFor('ECDSA')] });
    expect(result.verdict).toBe('VALID');
    expect(sig(result).pages).toEqual([1]);
  });

  it('reports one field with widgets on several pages (riding seal layout)', async () => {
    const pdf = await signed({ pages: [1, 2, 3] }, basePdf({ pages: 3 }));
    const s = sig(await verifyPdf(pdf.bytes, { trustAnchors: [rootFor('ECDSA')] }));
    expect(s.verdict).toBe('VALID');
    expect(s.pages).toEqual([1, 2, 3]);
  });
});

describe('tampering and changes after signing', () => {
  it('one changed byte inside a signed range → INTEGRITY INVALID PDF_DIGEST_MISMATCH', async () => {
    const pdf = await signed();
    for (const at of [offsetOf(pdf.bytes, 'signed text') + 3, pdf.bytes.length - 3]) {
      const result = await verifyPdf(flipByte(pdf.bytes, at), { trustAnchors: [rootFor('ECDSA')] });
      expect(result.verdict).toBe('INVALID');
      expect(status(sig(result).checks, 'INTEGRITY')).toBe('INVALID:PDF_DIGEST_MISMATCH');
    }
  });

  it('a changed signature value → SIGNATURE INVALID', async () => {
    const { pdf, byteRange } = await signFixture(basePdf(), { signer: pki.ecdsa, placeholderBytes: 4096 });
    // The ECDSA signature value is the last OCTET STRING of the CMS: flip a hex digit inside it.
    const hex = Buffer.from(pdf.bytes.subarray(byteRange[1] + 1, byteRange[2] - 1)).toString('latin1');
    const end = hex.replace(/(00)+$/, '').length;
    const bytes = Uint8Array.from(pdf.bytes);
    const at = byteRange[1] + 1 + end - 10;
    bytes[at] = bytes[at] === 0x31 ? 0x32 : 0x31;
    const s = sig(await verifyPdf(bytes, { trustAnchors: [rootFor('ECDSA')] }));
    expect(s.verdict).toBe('INVALID');
    expect(status(s.checks, 'SIGNATURE')).toBe('INVALID:PDF_SIGNATURE_INVALID');
    expect(status(s.checks, 'INTEGRITY')).toBe('VALID:PDF_DIGEST_MATCH');
  });

  it('an appended unsigned update that adds a page → modifiedAfter other, MODIFICATION INVALID', async () => {
    const pdf = appendPage(await signed());
    const result = await verifyPdf(pdf.bytes, { trustAnchors: [rootFor('ECDSA')] });
    const s = sig(result);
    expect(s.modifiedAfter).toBe('other');
    expect(s.coversRevision).toBe(true);
    expect(status(s.checks, 'INTEGRITY')).toBe('VALID:PDF_DIGEST_MATCH');
    expect(status(s.checks, 'MODIFICATION')).toBe('INVALID:PDF_MODIFIED_AFTER_SIGNING');
    expect(status(result.checks, 'MODIFICATION')).toBe('INVALID:PDF_MODIFIED_AFTER_SIGNING');
    expect(result.verdict).toBe('INVALID');
  });

  it('an appended update that rewrites page content → other', async () => {
    const pdf = await signed();
    const changed = appendUpdate(pdf, [
      { num: 5, body: streamObject('', 'BT /F1 24 Tf 72 720 Td (Changed text) Tj ET\n') },
    ]);
    const s = sig(await verifyPdf(changed.bytes, { trustAnchors: [rootFor('ECDSA')] }));
    expect(s.modifiedAfter).toBe('other');
    expect(s.verdict).toBe('INVALID');
    expect(JSON.stringify(s.checks.find((c) => c.name === 'MODIFICATION')?.details)).toContain('"object":5');
  });

  it('an update that only rewrites an object with identical content is no change', async () => {
    const pdf = await signed();
    const same = appendUpdate(pdf, [
      { num: 3, body: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>' },
    ]);
    const s = sig(await verifyPdf(same.bytes, { trustAnchors: [rootFor('ECDSA')] }));
    expect(s.modifiedAfter).toBe('signatures-only');
    expect(s.verdict).toBe('VALID');
  });

  it('filling a dangling reference of the signed revision later is a modification (shadow attack)', async () => {
    const pdf = await signed({}, basePdf({ danglingContent: 40 }));
    const before = sig(await verifyPdf(pdf.bytes, { trustAnchors: [rootFor('ECDSA')] }));
    expect(before.verdict).toBe('VALID');
    const filled = appendUpdate(pdf, [
      { num: 40, body: streamObject('', 'BT /F1 24 Tf 72 500 Td (Injected) Tj ET\n') },
    ]);
    const s = sig(await verifyPdf(filled.bytes, { trustAnchors: [rootFor('ECDSA')] }));
    expect(s.modifiedAfter).toBe('other');
    expect(status(s.checks, 'MODIFICATION')).toBe('INVALID:PDF_MODIFIED_AFTER_SIGNING');
  });

  it('a second signature leaves the first VALID with modifiedAfter signatures-only', async () => {
    const first = await signed({ signer: pki.sm2, fieldName: '甲方' });
    const second = await signFixture(first, { signer: pki.ecdsa, pages: [2], fieldName: '乙方' });
    const result = await verifyPdf(second.pdf.bytes, {
      trustAnchors: [rootFor('SM2'), rootFor('ECDSA')],
    });
    expect(result.verdict).toBe('VALID');
    expect(result.signatures.map((s) => [s.index, s.fieldName, s.modifiedAfter, s.verdict, s.pages])).toEqual(
      [
        [1, '甲方', 'signatures-only', 'VALID', [1]],
        [2, '乙方', 'none', 'VALID', [2]],
      ],
    );
    expect(status(sig(result).checks, 'MODIFICATION')).toBe('VALID:PDF_SIGNATURES_ADDED');
    // A page appended after both: both signatures report it.
    const later = appendPage(second.pdf);
    const after = await verifyPdf(later.bytes, { trustAnchors: [rootFor('SM2'), rootFor('ECDSA')] });
    expect(after.signatures.map((s) => s.modifiedAfter)).toEqual(['other', 'other']);
  });

  it('a certification signature with DocMDP P=1 is violated by a later signature', async () => {
    const docMdp = (p: number): string =>
      `/Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P ${p} /V /1.2 >> >>]`;
    for (const [p, expected] of [
      [1, 'INVALID:PDF_DOCMDP_VIOLATION'],
      [2, 'VALID:PDF_SIGNATURES_ADDED'],
    ] as const) {
      const first = await signed({ extra: docMdp(p) });
      const second = await signFixture(first, { signer: pki.rsa, pages: [2] });
      const result = await verifyPdf(second.pdf.bytes, { trustAnchors: [rootFor('ECDSA')] });
      expect(status(sig(result).checks, 'MODIFICATION')).toBe(expected);
    }
  });

  it('bytes appended after the last %%EOF are reported', async () => {
    const pdf = await signed();
    const extra = new Uint8Array(
      Buffer.concat([Buffer.from(pdf.bytes), Buffer.from('9 0 obj\n(x)\nendobj\n')]),
    );
    const result = await verifyPdf(extra, { trustAnchors: [rootFor('ECDSA')] });
    expect(status(result.checks, 'MODIFICATION')).toBe('INVALID:PDF_UNSIGNED_TRAILING_DATA');
    expect(result.verdict).toBe('INVALID');
  });
});

describe('byte ranges', () => {
  it('a gap larger than /Contents → PDF_BYTE_RANGE_GAP_MISMATCH', async () => {
    const pdf = await signed({ tweakRange: ([a, b, c, d]) => [a, b - 12, c, d] });
    const s = sig(await verifyPdf(pdf.bytes, { trustAnchors: [rootFor('ECDSA')] }));
    expect(status(s.checks, 'BYTE_RANGE')).toBe('INVALID:PDF_BYTE_RANGE_GAP_MISMATCH');
    expect(status(s.checks, 'INTEGRITY')).toBe('VALID:PDF_DIGEST_MATCH');
    expect(s.coversRevision).toBe(false);
    expect(s.verdict).toBe('INVALID');
  });

  it('a range that stops before the end of its revision → PDF_BYTE_RANGE_NOT_REVISION_END', async () => {
    const pdf = await signed({ tweakRange: ([a, b, c, d]) => [a, b, c, d - 20] });
    const s = sig(await verifyPdf(pdf.bytes, { trustAnchors: [rootFor('ECDSA')] }));
    expect(status(s.checks, 'BYTE_RANGE')).toBe('INVALID:PDF_BYTE_RANGE_NOT_REVISION_END');
    expect(s.modifiedAfter).toBe('other');
    expect(status(s.checks, 'MODIFICATION')).toBe('ERROR:PDF_REVISION_UNKNOWN');
  });

  it('a range that does not start at 0 → PDF_BYTE_RANGE_NOT_FROM_START', async () => {
    const pdf = await signed({ tweakRange: ([a, b, c, d]) => [a + 9, b - 9, c, d] });
    const s = sig(await verifyPdf(pdf.bytes, { trustAnchors: [rootFor('ECDSA')] }));
    expect(status(s.checks, 'BYTE_RANGE')).toBe('INVALID:PDF_BYTE_RANGE_NOT_FROM_START');
  });

  it('a range beyond the file → PDF_BYTE_RANGE_MALFORMED, integrity not checkable', async () => {
    const pdf = await signed({ tweakRange: ([a, b, c, d]) => [a, b, c, d + 1000] });
    const s = sig(await verifyPdf(pdf.bytes, { trustAnchors: [rootFor('ECDSA')] }));
    expect(status(s.checks, 'BYTE_RANGE')).toBe('INVALID:PDF_BYTE_RANGE_MALFORMED');
    expect(status(s.checks, 'INTEGRITY')).toBe('SKIPPED:PDF_BYTE_RANGE_UNUSABLE');
  });
});

describe('certificates and time', () => {
  it('a certificate expired at the signing time → CERTIFICATE_CHAIN INVALID PDF_CERTIFICATE_EXPIRED', async () => {
    const expired = await issue('ECDSA', pki.root, { notAfter: new Date('2026-01-01T00:00:00Z') });
    const pdf = await signed({ signer: expired });
    const s = sig(await verifyPdf(pdf.bytes, { trustAnchors: [rootFor('ECDSA')] }));
    expect(status(s.checks, 'CERTIFICATE_CHAIN')).toBe('INVALID:PDF_CERTIFICATE_EXPIRED');
    expect(status(s.checks, 'SIGNING_TIME')).toBe('INVALID:PDF_SIGNING_TIME_OUTSIDE_VALIDITY');
    expect(s.verdict).toBe('INVALID');
  });

  it('the chain is validated at signing time: a certificate expired since then stays VALID', async () => {
    const shortLived = await issue('ECDSA', pki.root, { notAfter: new Date('2026-07-01T00:00:00Z') });
    const pdf = await signed({ signer: shortLived });
    const s = sig(await verifyPdf(pdf.bytes, { trustAnchors: [rootFor('ECDSA')] }));
    expect(s.verdict).toBe('VALID');
    expect(s.checks.find((c) => c.name === 'CERTIFICATE_CHAIN')?.details).toMatchObject({
      validatedAt: SIGNING_TIME.toISOString(),
      timeSource: 'claimed signing time',
    });
    // Asked at a later time (as without a timestamp a relying party may do) it is expired.
    const late = sig(
      await verifyPdf(pdf.bytes, { trustAnchors: [rootFor('ECDSA')], at: new Date('2026-08-01T00:00:00Z') }),
    );
    expect(status(late.checks, 'CERTIFICATE_CHAIN')).toBe('INVALID:PDF_CERTIFICATE_EXPIRED');
  });

  it('a signer key that may not sign → SIGNER_CERTIFICATE INVALID PDF_KEY_USAGE_NOT_ALLOWED', async () => {
    const encipher = await issue('ECDSA', pki.root, { keyUsage: ['keyAgreement'] });
    const s = sig(
      await verifyPdf((await signed({ signer: encipher })).bytes, { trustAnchors: [rootFor('ECDSA')] }),
    );
    expect(status(s.checks, 'SIGNER_CERTIFICATE')).toBe('INVALID:PDF_KEY_USAGE_NOT_ALLOWED');
  });

  it('a valid timestamp sets the validation time; absent it is SKIPPED', async () => {
    const pdf = await signed({ timestamp: (v) => pki.timestamp(v) });
    const s = sig(await verifyPdf(pdf.bytes, { trustAnchors: [rootFor('ECDSA')] }));
    expect(s.verdict).toBe('VALID');
    expect(status(s.checks, 'TIMESTAMP')).toBe('VALID:PDF_TIMESTAMP_VALID');
    expect(s.timestampTime).toEqual(TSA_TIME);
    expect(s.checks.find((c) => c.name === 'CERTIFICATE_CHAIN')?.details).toMatchObject({
      validatedAt: TSA_TIME.toISOString(),
      timeSource: 'timestamp',
    });
  });

  it('a timestamp from an untrusted TSA is ERROR; one over other data is INVALID', async () => {
    const sm2 = await signed({ signer: pki.sm2, timestamp: (v) => pki.timestamp(v) });
    const untrusted = sig(await verifyPdf(sm2.bytes, { trustAnchors: [rootFor('SM2')] }));
    expect(status(untrusted.checks, 'TIMESTAMP')).toBe('ERROR:PDF_TIMESTAMP_NOT_TRUSTED');
    expect(untrusted.timestampTime).toBeNull();
    expect(untrusted.verdict).toBe('INDETERMINATE');
    const wrong = await signed({ timestamp: () => pki.timestamp(new Uint8Array([1, 2, 3])) });
    const s = sig(await verifyPdf(wrong.bytes, { trustAnchors: [rootFor('ECDSA')] }));
    expect(status(s.checks, 'TIMESTAMP')).toBe('INVALID:PDF_TIMESTAMP_INVALID');
    expect(s.verdict).toBe('INVALID');
  });

  it('a claimed signing time after the timestamp is INVALID', async () => {
    const early = timestampBy(pki.tsa, new Date('2026-05-01T00:00:00Z'));
    const s = sig(
      await verifyPdf((await signed({ timestamp: early })).bytes, { trustAnchors: [rootFor('ECDSA')] }),
    );
    expect(status(s.checks, 'SIGNING_TIME')).toBe('INVALID:PDF_SIGNING_TIME_AFTER_TIMESTAMP');
  });

  it('verifies a document timestamp (/DocTimeStamp, ETSI.RFC3161)', async () => {
    const signedOnce = await signed();
    const ts = await signFixture(signedOnce, {
      signer: pki.tsa,
      type: 'DocTimeStamp',
      m: null,
      cms: docTimestampCms(pki.tsa, TSA_TIME),
    });
    const result = await verifyPdf(ts.pdf.bytes, { trustAnchors: [rootFor('ECDSA')] });
    expect(result.verdict).toBe('VALID');
    const dts = sig(result, 1);
    expect(dts.subFilter).toBe('ETSI.RFC3161');
    expect(dts.timestampTime).toEqual(TSA_TIME);
    expect(status(dts.checks, 'INTEGRITY')).toBe('VALID:PDF_DIGEST_MATCH');
    const tampered = flipByte(ts.pdf.bytes, offsetOf(ts.pdf.bytes, 'signed text'));
    expect(sig(await verifyPdf(tampered, { trustAnchors: [rootFor('ECDSA')] }), 1).verdict).toBe('INVALID');
  });

  it('a /Contents that is not a CMS → SIGNATURE INVALID PDF_CMS_MALFORMED', async () => {
    const pdf = await signed({ cms: async () => new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]) });
    const s = sig(await verifyPdf(pdf.bytes, { trustAnchors: [rootFor('ECDSA')] }));
    expect(status(s.checks, 'SIGNATURE')).toBe('INVALID:PDF_CMS_MALFORMED');
    expect(s.verdict).toBe('INVALID');
  });
});

describe('seal identity', () => {
  let maker: TestSigner;
  beforeAll(async () => {
    maker = await issue('SM2', pki.sm2Root, { cn: '证印印章制作' });
  });
  const makeSeal = async (esId: string, listed: Uint8Array, validEnd = new Date('2030-01-01T00:00:00Z')) =>
    createSeal({
      esId,
      type: 1,
      name: '某某市市场监督管理局',
      signerCertificates: [listed],
      validStart: NOT_BEFORE,
      validEnd,
      createDate: NOT_BEFORE,
      picture: { type: 'png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), width: 42, height: 42 },
      makerCertificate: maker.certificate.der,
      sign: async (tbs) => maker.sign(tbs),
    });

  it('an embedded SESeal listing the signer, with the same code → SEAL VALID and the seal described', async () => {
    const seal = await makeSeal('11010000000001', pki.ecdsa.certificate.der);
    const pdf = await signed({ sealCode: '11010000000001', sesSeal: seal.der });
    const s = sig(await verifyPdf(pdf.bytes, { trustAnchors: [rootFor('ECDSA')] }));
    expect(status(s.checks, 'SEAL')).toBe('VALID:PDF_SEAL_VALID');
    expect(s.seal).toEqual({ code: '11010000000001', sesSeal: seal.der });
    expect(s.sealInfo).toMatchObject({ esId: '11010000000001', name: '某某市市场监督管理局', type: 1 });
    expect(s.verdict).toBe('VALID');
  });

  it('code mismatch, signer not listed, seal expired at signing, undecodable seal, code only', async () => {
    const seal = await makeSeal('11010000000001', pki.ecdsa.certificate.der);
    const cases: [Partial<SignOptions>, string][] = [
      [{ sealCode: '11010000000002', sesSeal: seal.der }, 'INVALID:PDF_SEAL_CODE_MISMATCH'],
      [
        {
          sealCode: '11010000000009',
          sesSeal: (await makeSeal('11010000000009', pki.rsa.certificate.der)).der,
        },
        'INVALID:PDF_SEAL_SIGNER_NOT_LISTED',
      ],
      [
        {
          sealCode: '1',
          sesSeal: (await makeSeal('1', pki.ecdsa.certificate.der, new Date('2026-01-01T00:00:00Z'))).der,
        },
        'INVALID:PDF_SEAL_INVALID',
      ],
      [{ sealCode: '1', sesSeal: new Uint8Array([0x30, 0x01, 0x00]) }, 'INVALID:PDF_SEAL_MALFORMED'],
      [{ sealCode: '11010000000001' }, 'SKIPPED:PDF_SEAL_NOT_EMBEDDED'],
    ];
    for (const [options, expected] of cases) {
      const s = sig(await verifyPdf((await signed(options)).bytes, { trustAnchors: [rootFor('ECDSA')] }));
      expect(status(s.checks, 'SEAL')).toBe(expected);
    }
  });

  it('/ZY_SealCode is covered by the signature: changing it breaks integrity', async () => {
    const pdf = await signed({ sealCode: '11010000000001' });
    const s = sig(
      await verifyPdf(flipByte(pdf.bytes, offsetOf(pdf.bytes, '(11010000000001)') + 1), {
        trustAnchors: [rootFor('ECDSA')],
      }),
    );
    expect(s.seal?.code).not.toBe('11010000000001');
    expect(status(s.checks, 'INTEGRITY')).toBe('INVALID:PDF_DIGEST_MISMATCH');
  });
});
