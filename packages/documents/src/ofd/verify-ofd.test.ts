import { beforeAll, describe, expect, test } from 'vitest';
import type { SesSeal } from '@zhengyin/gm';
import type { Check } from '../checks.js';
import { DocumentError } from '../checks.js';
import { makeTestPki, type TestPki } from '../pdf/testing/pki.js';
import { makeSampleOfd, ofdParts, rezip, type OfdParts } from './testing/ofd-files.js';
import { addAnnotationLayer, sealParts, sealedSample, testSeal } from './testing/verify-sample.js';
import { verifyOfd } from './verify-ofd.js';

const outcome = (checks: readonly Check[]): Record<string, string> =>
  Object.fromEntries(checks.map((c) => [c.name, `${c.status}:${c.code}`]));

let pki: TestPki;
let seal: SesSeal;
let anchors: Uint8Array[];

beforeAll(async () => {
  pki = await makeTestPki();
  seal = await testSeal(pki.sm2);
  anchors = [pki.sm2Root.der];
});

const VALID_SIGNATURE: Record<string, string> = {
  REFERENCES: 'VALID:OFD_REFERENCES_MATCH',
  DATA_HASH: 'VALID:OFD_DATA_HASH_MATCH',
  SIGNATURE: 'VALID:OFD_SIGNATURE_VALID',
  SIGNER_CERTIFICATE: 'VALID:OFD_SIGNER_CERTIFICATE_OK',
  SIGNING_TIME: 'VALID:OFD_SIGNING_TIME_OK',
  TIMESTAMP: 'SKIPPED:OFD_NO_TIMESTAMP',
  CERTIFICATE_CHAIN: 'VALID:OFD_CHAIN_VALID',
  SEAL: 'VALID:OFD_SEAL_VALID',
  SEAL_FILE: 'VALID:OFD_SEAL_FILE_MATCHES',
  SEAL_MAKER_CHAIN: 'VALID:OFD_CHAIN_VALID',
  STAMP_ANNOT: 'VALID:OFD_STAMP_ANNOTS_OK',
};

async function expectThrows(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocumentError);
  expect((error as DocumentError).code).toBe(code);
}

describe('verifyOfd on generated sealed files', () => {
  test('VALID only with the signer’s root as trust anchor', async () => {
    const { ofd } = await sealedSample({
      signer: pki.sm2,
      seal,
      emptyAnnotationIndex: true,
      exclude: (p) => p.startsWith('Doc_0/Annots/'),
    });
    const trusted = await verifyOfd(ofd, { trustAnchors: anchors });
    expect(trusted.verdict).toBe('VALID');
    expect(outcome(trusted.signatures[0]!.checks)).toEqual(VALID_SIGNATURE);
    // The empty annotation index is outside the references and reported as harmless.
    expect(trusted.checks.find((c) => c.name === 'COVERAGE')?.details).toMatchObject({
      notCoveredHarmless: [{ part: 'Doc_0/Annots/Annotations.xml', why: 'annotation index listing no page' }],
    });

    const empty = await verifyOfd(ofd);
    expect(empty.verdict).toBe('INDETERMINATE');
    expect(outcome(empty.signatures[0]!.checks).CERTIFICATE_CHAIN).toBe('ERROR:OFD_NO_TRUST_ANCHORS');

    const other = await verifyOfd(ofd, { trustAnchors: [pki.root.der] });
    expect(other.verdict).toBe('INDETERMINATE');
    expect(outcome(other.signatures[0]!.checks).CERTIFICATE_CHAIN).toBe('ERROR:OFD_CHAIN_NOT_TRUSTED');
  });

  test('the report names signer, seal, time and pages', async () => {
    const { ofd } = await sealedSample({ signer: pki.sm2, seal });
    const s = (await verifyOfd(ofd, { trustAnchors: anchors })).signatures[0]!;
    expect(s).toMatchObject({
      format: 'ofd',
      index: 1,
      id: '1',
      fieldName: 'Signature 1',
      type: 'Seal',
      part: 'Doc_0/Signs/Sign_0/Signature.xml',
      sesVersion: 4,
      pages: [1],
      seal: { code: '61010000000001' },
      sealInfo: { esId: '61010000000001', name: '某某市市场监督管理局', type: 1 },
      annotation: null,
    });
    expect(s.signingTime?.toISOString()).toBe('2026-06-01T08:30:00.000Z');
    expect(s.signer?.subject).toContain('某某市市场监督管理局 SM2 印章');
    expect(Buffer.from(s.signer!.certificate).equals(pki.sm2.certificate.der)).toBe(true);
  });

  test('a chain validated at a time after the certificate expired is INVALID', async () => {
    const { ofd } = await sealedSample({ signer: pki.sm2, seal });
    const report = await verifyOfd(ofd, { trustAnchors: anchors, at: new Date('2040-01-01T00:00:00Z') });
    expect(outcome(report.signatures[0]!.checks).CERTIFICATE_CHAIN).toBe('INVALID:OFD_CERTIFICATE_EXPIRED');
    expect(report.verdict).toBe('INVALID');
  });

  test('CheckMethod: missing and the string "SM3" mean SM3; an unknown method cannot be decided', async () => {
    for (const checkMethod of [null, 'SM3', 'sm3']) {
      const { ofd } = await sealedSample({ signer: pki.sm2, seal, checkMethod });
      const report = await verifyOfd(ofd, { trustAnchors: anchors });
      expect(report.verdict).toBe('VALID');
    }
    const { ofd } = await sealedSample({ signer: pki.sm2, seal, checkMethod: '2.16.840.1.101.3.4.2.1' });
    const report = await verifyOfd(ofd, { trustAnchors: anchors });
    expect(outcome(report.signatures[0]!.checks).REFERENCES).toBe('ERROR:OFD_CHECK_METHOD_UNSUPPORTED');
    expect(report.verdict).toBe('INDETERMINATE');
  });

  test('a reference to a part the package lacks is INVALID', async () => {
    const { ofd } = await sealedSample({
      signer: pki.sm2,
      seal,
      extraReferences: [{ fileRef: '/Doc_0/Res/gone.png', checkValue: 'AAAA' }],
    });
    const s = (await verifyOfd(ofd, { trustAnchors: anchors })).signatures[0]!;
    expect(outcome(s.checks).REFERENCES).toBe('INVALID:OFD_REFERENCE_MISSING');
    expect(s.checks[0]!.details).toMatchObject({ missing: ['Doc_0/Res/gone.png'] });
  });

  test('a signature with no reference protects nothing: INVALID', async () => {
    const { ofd } = await sealedSample({ signer: pki.sm2, seal, exclude: () => true, sealFile: false });
    const report = await verifyOfd(ofd, { trustAnchors: anchors });
    expect(outcome(report.signatures[0]!.checks).REFERENCES).toBe('INVALID:OFD_NO_REFERENCES');
    expect(outcome(report.checks).COVERAGE).toBe('INVALID:OFD_UNSIGNED_CONTENT');
  });

  test('a StampAnnot on a page ID the document does not have is INVALID', async () => {
    const { ofd } = await sealedSample({ signer: pki.sm2, seal, pageRef: '99' });
    const s = (await verifyOfd(ofd, { trustAnchors: anchors })).signatures[0]!;
    expect(outcome(s.checks).STAMP_ANNOT).toBe('INVALID:OFD_STAMP_PAGE_MISSING');
    expect(s.pages).toEqual([]);
    expect(s.verdict).toBe('INVALID');
  });

  test('Type="Sign" is reported as unsupported, never VALID', async () => {
    const { ofd } = await sealedSample({ signer: pki.sm2, seal, type: 'Sign' });
    const report = await verifyOfd(ofd, { trustAnchors: anchors });
    const s = report.signatures[0]!;
    expect(s.type).toBe('Sign');
    expect(outcome(s.checks).SIGNATURE).toBe('ERROR:OFD_SIGN_TYPE_UNSUPPORTED');
    expect(outcome(s.checks).SEAL).toBe('SKIPPED:OFD_SIGN_TYPE_UNSUPPORTED');
    expect(report.verdict).toBe('INDETERMINATE');
  });

  test('a missing SignedValue.dat is INVALID', async () => {
    const { parts } = await sealedSample({ signer: pki.sm2, seal });
    const copy: OfdParts = { ...parts };
    delete copy['Doc_0/Signs/Sign_0/SignedValue.dat'];
    const s = (await verifyOfd(rezip(copy), { trustAnchors: anchors })).signatures[0]!;
    expect(outcome(s.checks).SIGNATURE).toBe('INVALID:OFD_SIGNED_VALUE_MISSING');
  });
});

describe('several signatures', () => {
  test('a second seal (continue mode) keeps the first valid: two reports, in order', async () => {
    const first = await sealParts(makeSampleParts(), { signer: pki.sm2, seal });
    const both = await sealParts(first, { signer: pki.sm2, seal });
    const report = await verifyOfd(rezip(both), { trustAnchors: anchors });
    expect(report.signatures.map((s) => [s.index, s.id, s.verdict])).toEqual([
      [1, '1', 'VALID'],
      [2, '2', 'VALID'],
    ]);
    expect(report.verdict).toBe('VALID');
  });

  test('a whole-document seal is broken by a later one (its Signatures.xml reference fails)', async () => {
    const first = await sealParts(makeSampleParts(), { signer: pki.sm2, seal, protection: 'whole' });
    expect((await verifyOfd(rezip(first), { trustAnchors: anchors })).verdict).toBe('VALID');
    const both = await sealParts(first, { signer: pki.sm2, seal });
    const report = await verifyOfd(rezip(both), { trustAnchors: anchors });
    const s1 = report.signatures[0]!;
    expect(outcome(s1.checks).REFERENCES).toBe('INVALID:OFD_REFERENCE_MISMATCH');
    expect(s1.checks[0]!.details).toMatchObject({ mismatched: ['Doc_0/Signs/Signatures.xml'] });
    expect(report.signatures[1]!.verdict).toBe('VALID');
    expect(report.verdict).toBe('INVALID');
  });

  test('加注件: the annotation signature covers the statement; the issuer stays valid', async () => {
    const annotationParts = (p: string) => p.startsWith('Doc_0/Annots/');
    const issued = await sealedSample({
      signer: pki.sm2,
      seal,
      emptyAnnotationIndex: true,
      exclude: annotationParts,
    });
    const statement = {
      creationTime: '20260601163000',
      creator: '某某市行政审批服务局',
      cause: '办理食品经营许可',
      expiringTime: '20260701235959',
      licenseIdentifier: '1.2.156.3005.2.11100000000013338W.001',
      itemCode: 'ITEM-001',
    };
    const layered = addAnnotationLayer(issued.parts, statement);
    // Unsigned, the annotation layer is content nobody signed.
    const unsigned = await verifyOfd(rezip(layered), { trustAnchors: anchors });
    expect(outcome(unsigned.checks).COVERAGE).toBe('INVALID:OFD_UNSIGNED_CONTENT');
    expect(unsigned.signatures[0]!.annotation).toBeNull();

    const annotationSeal = await testSeal(pki.sm2, { esId: 'ZY-ANNOTATION', name: '证印平台加注章' });
    const sealed = await sealParts(layered, { signer: pki.sm2, seal: annotationSeal });
    const report = await verifyOfd(rezip(sealed), { trustAnchors: anchors });
    expect(report.verdict).toBe('VALID');
    expect(report.signatures.map((s) => s.verdict)).toEqual(['VALID', 'VALID']);
    expect(report.signatures[0]!.annotation).toBeNull();
    expect(report.signatures[1]!.annotation).toEqual({ ...statement, itemName: null });
    expect(report.signatures[1]!.seal?.code).toBe('ZY-ANNOTATION');
  });
});

describe('time-stamps', () => {
  test('an SES time-stamp over the signature value is verified; its TSA must be trusted', async () => {
    const { ofd } = await sealedSample({ signer: pki.sm2, seal, timestamp: pki.timestamp });
    const trusted = await verifyOfd(ofd, { trustAnchors: [pki.sm2Root.der, pki.root.der] });
    const s = trusted.signatures[0]!;
    expect(outcome(s.checks)).toEqual({ ...VALID_SIGNATURE, TIMESTAMP: 'VALID:OFD_TIMESTAMP_VALID' });
    expect(s.timestampTime?.toISOString()).toBe('2026-06-01T08:30:01.000Z');
    expect(s.checks.find((c) => c.name === 'CERTIFICATE_CHAIN')?.details).toMatchObject({
      timeSource: 'timestamp',
    });

    const tsaUntrusted = await verifyOfd(ofd, { trustAnchors: anchors });
    expect(outcome(tsaUntrusted.signatures[0]!.checks).TIMESTAMP).toBe('ERROR:OFD_TIMESTAMP_NOT_TRUSTED');
    expect(tsaUntrusted.verdict).toBe('INDETERMINATE');
  });

  test('a time-stamp over another value is INVALID', async () => {
    const { ofd } = await sealedSample({
      signer: pki.sm2,
      seal,
      timestamp: () => pki.timestamp(new Uint8Array([1, 2, 3])),
    });
    const report = await verifyOfd(ofd, { trustAnchors: [pki.sm2Root.der, pki.root.der] });
    expect(outcome(report.signatures[0]!.checks).TIMESTAMP).toBe('INVALID:OFD_TIMESTAMP_INVALID');
    expect(report.verdict).toBe('INVALID');
  });
});

describe('hostile and malformed input', () => {
  test('not an OFD package: DocumentError OFD_MALFORMED', async () => {
    await expectThrows(verifyOfd(new TextEncoder().encode('%PDF-1.7 not a zip')), 'OFD_MALFORMED');
    await expectThrows(verifyOfd(new Uint8Array(0)), 'OFD_MALFORMED');
  });

  test('larger than maxBytes: OFD_TOO_LARGE before anything is read', async () => {
    await expectThrows(verifyOfd(makeSampleOfd(), { maxBytes: 100 }), 'OFD_TOO_LARGE');
  });

  test('an unusable trust anchor: OFD_TRUST_ANCHOR_INVALID', async () => {
    await expectThrows(
      verifyOfd(makeSampleOfd(), { trustAnchors: [new Uint8Array([1, 2, 3])] }),
      'OFD_TRUST_ANCHOR_INVALID',
    );
  });

  test('a Signature BaseLoc leaving the package: OFD_PATH_TRAVERSAL', async () => {
    const { parts } = await sealedSample({ signer: pki.sm2, seal });
    const list = asText(parts['Doc_0/Signs/Signatures.xml']!);
    const copy = {
      ...parts,
      'Doc_0/Signs/Signatures.xml': list.replace('/Doc_0/Signs/Sign_0/Signature.xml', '../../../etc/passwd'),
    };
    await expectThrows(verifyOfd(rezip(copy)), 'OFD_PATH_TRAVERSAL');
  });

  test('a DOCTYPE in Signature.xml: OFD_XXE', async () => {
    const { parts } = await sealedSample({ signer: pki.sm2, seal });
    const xml = asText(parts['Doc_0/Signs/Sign_0/Signature.xml']!);
    const copy = {
      ...parts,
      'Doc_0/Signs/Sign_0/Signature.xml': xml.replace(
        '<ofd:Signature ',
        '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><ofd:Signature ',
      ),
    };
    await expectThrows(verifyOfd(rezip(copy)), 'OFD_XXE');
  });

  test('Signatures.xml named but missing: OFD_PART_MISSING', async () => {
    const { parts } = await sealedSample({ signer: pki.sm2, seal });
    const copy: OfdParts = { ...parts };
    delete copy['Doc_0/Signs/Signatures.xml'];
    await expectThrows(verifyOfd(rezip(copy)), 'OFD_PART_MISSING');
  });

  test('an unknown root namespace: OFD_NAMESPACE_UNKNOWN', async () => {
    const parts = ofdParts(makeSampleOfd());
    const xml = asText(parts['OFD.xml']!);
    const copy = { ...parts, 'OFD.xml': xml.replace('http://www.ofdspec.org/2016', 'urn:not-ofd') };
    await expectThrows(verifyOfd(rezip(copy)), 'OFD_NAMESPACE_UNKNOWN');
  });

  test('OFD.xml unsigned and pointing at an unsigned Document.xml: INVALID', async () => {
    const { parts } = await sealedSample({ signer: pki.sm2, seal, exclude: (p) => p === 'OFD.xml' });
    expect(outcome((await verifyOfd(rezip(parts), { trustAnchors: anchors })).checks).COVERAGE).toBe(
      'VALID:OFD_ALL_CONTENT_SIGNED',
    );
    const ofdXml = asText(parts['OFD.xml']!);
    const forged = {
      ...parts,
      'OFD.xml': ofdXml.replace('Doc_0/Document.xml', 'Doc_1/Document.xml'),
      'Doc_1/Document.xml': parts['Doc_0/Document.xml']!,
    };
    const report = await verifyOfd(rezip(forged), { trustAnchors: anchors });
    expect(outcome(report.checks).COVERAGE).toBe('INVALID:OFD_UNSIGNED_CONTENT');
    expect(report.verdict).toBe('INVALID');
  });

  test(
    '10,000 references finish in bounded time, each digest computed once',
    { timeout: 60_000 },
    async () => {
      const extraReferences = Array.from({ length: 10_000 }, () => ({
        fileRef: '/Doc_0/Pages/Page_0/Content.xml',
        checkValue: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      }));
      const { ofd } = await sealedSample({ signer: pki.sm2, seal, extraReferences });
      // Ten thousand near-identical references compress beyond the zip-bomb ratio: that guard first.
      await expectThrows(verifyOfd(ofd), 'OFD_ZIP_BOMB');
      const limits = { zip: { maxRatio: 100_000 } };
      const s = (await verifyOfd(ofd, { trustAnchors: anchors, limits })).signatures[0]!;
      expect(outcome(s.checks).REFERENCES).toBe('INVALID:OFD_REFERENCE_MISMATCH');
      expect(s.checks[0]!.details).toMatchObject({ references: s.references.length });
      expect(s.references.length).toBeGreaterThan(10_000);
      expect(s.checks[0]!.message).toMatch(/^10000 of \d+ file\(s\) changed/);
      await expectThrows(
        verifyOfd(ofd, { limits: { ...limits, maxReferences: 5_000 } }),
        'OFD_LIMIT_EXCEEDED',
      );
    },
  );
});

const asText = (v: Uint8Array | string): string => (typeof v === 'string' ? v : new TextDecoder().decode(v));

function makeSampleParts(): OfdParts {
  return ofdParts(makeSampleOfd());
}
