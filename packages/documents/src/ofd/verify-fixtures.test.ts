import { describe, expect, test } from 'vitest';
import type { Check } from '../checks.js';
import { makeTestPki } from '../pdf/testing/pki.js';
import { ofdFixtureNames, ofdParts, readOfdFixture, rezip, tamperPart } from './testing/ofd-files.js';
import { verifyOfd } from './verify-ofd.js';

/*
 * The nine real files of shared/fixtures/ofd and the outcomes their README establishes by
 * independent recomputation: refs, dataHash, sig, seal, in-list, esl, time; no trusted root ships
 * with any of them, so trust is indeterminate (CERTIFICATE_CHAIN ERROR) and never VALID.
 */

const outcome = (checks: readonly Check[]): Record<string, string> =>
  Object.fromEntries(checks.map((c) => [c.name, `${c.status}:${c.code}`]));

/** Every check of a v4 signature the README calls "crypto valid; trust indeterminate". */
const CRYPTO_VALID: Record<string, string> = {
  REFERENCES: 'VALID:OFD_REFERENCES_MATCH',
  DATA_HASH: 'VALID:OFD_DATA_HASH_MATCH',
  SIGNATURE: 'VALID:OFD_SIGNATURE_VALID',
  SIGNER_CERTIFICATE: 'VALID:OFD_SIGNER_CERTIFICATE_OK',
  SIGNING_TIME: 'VALID:OFD_SIGNING_TIME_OK',
  TIMESTAMP: 'SKIPPED:OFD_NO_TIMESTAMP',
  CERTIFICATE_CHAIN: 'ERROR:OFD_NO_TRUST_ANCHORS',
  SEAL: 'VALID:OFD_SEAL_VALID',
  SEAL_FILE: 'SKIPPED:OFD_SEAL_FILE_ABSENT',
  SEAL_MAKER_CHAIN: 'ERROR:OFD_NO_TRUST_ANCHORS',
  STAMP_ANNOT: 'VALID:OFD_STAMP_ANNOTS_OK',
};

const SIGNED_DOC: Record<string, string> = {
  FORMAT: 'VALID:OFD_WELL_FORMED',
  SIGNATURES: 'VALID:OFD_SIGNATURES_FOUND',
  COVERAGE: 'VALID:OFD_ALL_CONTENT_SIGNED',
};
const UNSIGNED_DOC: Record<string, string> = {
  FORMAT: 'VALID:OFD_WELL_FORMED',
  SIGNATURES: 'ERROR:OFD_NO_SIGNATURES',
};

interface Expected {
  readonly verdict: 'VALID' | 'INVALID' | 'INDETERMINATE';
  readonly document: Record<string, string>;
  readonly signature?: {
    readonly id: string;
    readonly sesVersion: 1 | 4;
    readonly pages: readonly number[];
    readonly stampAnnots: number;
    readonly references: number;
    readonly seal: string;
    readonly checks: Record<string, string>;
    readonly verdict: 'VALID' | 'INVALID' | 'INDETERMINATE';
  };
}

const EXPECTED: Record<string, Expected> = {
  '1.ofd': {
    verdict: 'INDETERMINATE',
    document: SIGNED_DOC,
    signature: {
      id: '2',
      sesVersion: 4,
      pages: [1],
      stampAnnots: 1,
      references: 13,
      seal: '33010600000001',
      checks: CRYPTO_VALID,
      verdict: 'INDETERMINATE',
    },
  },
  '999.ofd': {
    verdict: 'INDETERMINATE',
    document: SIGNED_DOC,
    signature: {
      id: '1',
      sesVersion: 4,
      pages: [1],
      stampAnnots: 1,
      references: 20,
      seal: '50011200000323',
      checks: CRYPTO_VALID,
      verdict: 'INDETERMINATE',
    },
  },
  'SignScaleError.ofd': {
    verdict: 'INDETERMINATE',
    document: SIGNED_DOC,
    signature: {
      id: '1',
      sesVersion: 4,
      pages: [1],
      stampAnnots: 1,
      references: 7,
      seal: 'ZhelibanTaxSeal',
      checks: CRYPTO_VALID,
      verdict: 'INDETERMINATE',
    },
  },
  'V4RideRight.ofd': {
    verdict: 'INDETERMINATE',
    document: SIGNED_DOC,
    signature: {
      id: 's001',
      sesVersion: 4,
      pages: [1, 2, 3, 4, 5],
      stampAnnots: 5,
      references: 9,
      seal: '51f044b76510434e9bc67a1185c2fba5',
      checks: { ...CRYPTO_VALID, SEAL_FILE: 'VALID:OFD_SEAL_FILE_MATCHES' },
      verdict: 'INDETERMINATE',
    },
  },
  // Signed in 2026 with a seal and a certificate that expired in 2022: crypto valid, time fails.
  'SESV4SignDoc.ofd': {
    verdict: 'INVALID',
    document: SIGNED_DOC,
    signature: {
      id: '1',
      sesVersion: 4,
      pages: [1],
      stampAnnots: 1,
      references: 5,
      seal: '51f044b76510434e9bc67a1185c2fba5',
      checks: {
        ...CRYPTO_VALID,
        SIGNING_TIME: 'INVALID:OFD_CERTIFICATE_EXPIRED_AT_SIGNING',
        SEAL: 'INVALID:OFD_SEAL_EXPIRED_AT_SIGNING',
        SEAL_FILE: 'VALID:OFD_SEAL_FILE_MATCHES',
      },
      verdict: 'INVALID',
    },
  },
  // GM/T 0031 v1, rewritten after signing: refs, dataHash and the signature fail; the seal
  // verifies by the v1 rule; the certificate list is malformed; the certificate is not X.509-parsable.
  'n.ofd': {
    verdict: 'INVALID',
    document: SIGNED_DOC,
    signature: {
      id: '0',
      sesVersion: 1,
      pages: [2],
      stampAnnots: 1,
      references: 6,
      seal: 'esID',
      checks: {
        ...CRYPTO_VALID,
        REFERENCES: 'INVALID:OFD_REFERENCE_MISMATCH',
        DATA_HASH: 'INVALID:OFD_DATA_HASH_MISMATCH',
        SIGNATURE: 'INVALID:OFD_SIGNATURE_OVER_HASH_ONLY',
        SIGNER_CERTIFICATE: 'ERROR:OFD_SEAL_CERT_LIST_MALFORMED',
        CERTIFICATE_CHAIN: 'ERROR:OFD_CERTIFICATE_UNPARSABLE',
        SEAL_FILE: 'VALID:OFD_SEAL_FILE_MATCHES',
        SEAL_MAKER_CHAIN: 'ERROR:OFD_CERTIFICATE_UNPARSABLE',
      },
      verdict: 'INVALID',
    },
  },
  '20240531141733.ofd': { verdict: 'INDETERMINATE', document: UNSIGNED_DOC },
  'signout.ofd': { verdict: 'INDETERMINATE', document: UNSIGNED_DOC },
  'z.ofd': { verdict: 'INDETERMINATE', document: UNSIGNED_DOC },
};

describe('verifyOfd on the real fixtures', () => {
  test('the fixture folder holds exactly the nine files of its README', () => {
    expect(ofdFixtureNames()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(Object.keys(EXPECTED))('%s gives the README outcome', async (file) => {
    const expected = EXPECTED[file]!;
    const report = await verifyOfd(readOfdFixture(file));
    expect(report.format).toBe('ofd');
    expect(outcome(report.checks)).toEqual(expected.document);
    expect(report.verdict).toBe(expected.verdict);
    expect(report.verdict).not.toBe('VALID');
    if (!expected.signature) {
      expect(report.signatures).toHaveLength(0);
      return;
    }
    // One report per Signature element, however many StampAnnots it has.
    expect(report.signatures).toHaveLength(1);
    const s = report.signatures[0]!;
    const e = expected.signature;
    expect(outcome(s.checks)).toEqual(e.checks);
    expect(s.verdict).toBe(e.verdict);
    expect([s.id, s.sesVersion, s.seal?.code]).toEqual([e.id, e.sesVersion, e.seal]);
    expect(s.pages).toEqual(e.pages);
    expect(s.stampAnnots).toHaveLength(e.stampAnnots);
    expect(s.references).toHaveLength(e.references);
    expect(s.signedValue?.length).toBeGreaterThan(1000);
  });

  test('n.ofd: the references are reported precisely (.401.2: only Seal.esl matches, as SM3(Z_A‖data))', async () => {
    const report = await verifyOfd(readOfdFixture('n.ofd'));
    const refs = report.signatures[0]!.checks.find((c) => c.name === 'REFERENCES')!;
    expect(refs.details).toMatchObject({
      checkMethod: '1.2.156.10197.1.401.2',
      references: 6,
      matched: 1,
      matchedWithZ: ['Doc_0/Signs/Sign_0/Seal.esl'],
    });
    expect(refs.details?.mismatched).toHaveLength(5);
    expect(refs.message).toMatch(/^5 of 6 file\(s\) changed after signing/);
    // The seal signature verifies by the GM/T 0031 rule, and says so.
    const seal = report.signatures[0]!.checks.find((c) => c.name === 'SEAL')!;
    expect(seal.message).toContain('DER(SEQUENCE{sealInfo, cert, signatureAlgorithm})');
    expect(seal.details).toMatchObject({ sesVersion: 1, esId: 'esID', name: '某某省人力资源和社会测试章' });
  });

  test('999.ofd: OFD.xml is the one file its signature leaves out, and that is harmless', async () => {
    const report = await verifyOfd(readOfdFixture('999.ofd'));
    const coverage = report.checks.find((c) => c.name === 'COVERAGE')!;
    expect(coverage.details).toMatchObject({
      files: 24,
      covered: 20,
      notCoveredHarmless: [{ part: 'OFD.xml', why: 'entry point; every Document.xml it names is signed' }],
    });
    expect(coverage.details?.unsigned).toBeUndefined();
  });

  test('SESV4SignDoc.ofd: the time failures name the dates', async () => {
    const s = (await verifyOfd(readOfdFixture('SESV4SignDoc.ofd'))).signatures[0]!;
    expect(s.signingTime?.toISOString()).toBe('2026-08-04T02:08:09.000Z');
    expect(s.sealInfo?.validEnd?.toISOString()).toBe('2022-04-22T02:09:00.000Z');
    const time = s.checks.find((c) => c.name === 'SIGNING_TIME')!;
    expect(time.details).toMatchObject({
      at: '2026-08-04T02:08:09.000Z',
      notAfter: '2022-04-21T14:39:08.000Z',
    });
  });

  test('signer and seal are described (1.ofd)', async () => {
    const s = (await verifyOfd(readOfdFixture('1.ofd'))).signatures[0]!;
    expect(s.signer?.subject).toContain('CN=浙江省税务监制章电子证书');
    expect(s.signer?.issuer).toContain('CN=税务电子证书管理中心(SM2)');
    expect(s.sealInfo).toMatchObject({ esId: '33010600000001', name: '国家税务总局浙江省税务局', type: 3 });
    expect(s.signingTime?.toISOString()).toBe('2020-07-23T13:09:07.000Z');
    expect(s.signatureDateTime).toBe('20200723130907.763Z');
    expect(s.provider).toEqual({ name: 'gomain_eseal', company: 'gomain', version: '2.0' });
  });

  test('a root that did not issue the signer leaves trust undecided (never VALID)', async () => {
    const pki = await makeTestPki();
    const report = await verifyOfd(readOfdFixture('V4RideRight.ofd'), {
      trustAnchors: [pki.sm2Root.der, pki.root.der],
    });
    const s = report.signatures[0]!;
    expect(outcome(s.checks).CERTIFICATE_CHAIN).toBe('ERROR:OFD_CHAIN_NOT_TRUSTED');
    expect(report.verdict).toBe('INDETERMINATE');
  });
});

describe('tampering with the real fixtures', () => {
  const checksOf = async (ofd: Uint8Array) => {
    const report = await verifyOfd(ofd);
    return { report, checks: outcome(report.signatures[0]!.checks) };
  };

  test('one byte of a referenced part: that reference fails, nothing else', async () => {
    const ofd = tamperPart(readOfdFixture('1.ofd'), 'Doc_0/Pages/Page_0/Content.xml');
    const { report, checks } = await checksOf(ofd);
    expect(checks).toEqual({ ...CRYPTO_VALID, REFERENCES: 'INVALID:OFD_REFERENCE_MISMATCH' });
    const refs = report.signatures[0]!.checks[0]!;
    expect(refs.details).toMatchObject({ matched: 12, mismatched: ['Doc_0/Pages/Page_0/Content.xml'] });
    expect(report.verdict).toBe('INVALID');
  });

  test('the same bytes re-zipped unchanged still verify (the tamper helper is not the cause)', async () => {
    const { checks } = await checksOf(rezip(ofdParts(readOfdFixture('1.ofd'))));
    expect(checks).toEqual(CRYPTO_VALID);
  });

  test('a CheckValue changed inside Signature.xml: that reference and dataHash fail', async () => {
    const original = readOfdFixture('1.ofd');
    const xml = new TextDecoder().decode(
      ofdParts(original)['Doc_0/Signs/Sign_0/Signature.xml'] as Uint8Array,
    );
    const at = Buffer.byteLength(
      xml.slice(0, xml.indexOf('<ofd:CheckValue>') + '<ofd:CheckValue>'.length + 5),
    );
    const { report, checks } = await checksOf(tamperPart(original, 'Doc_0/Signs/Sign_0/Signature.xml', at));
    expect(checks).toEqual({
      ...CRYPTO_VALID,
      REFERENCES: 'INVALID:OFD_REFERENCE_MISMATCH',
      DATA_HASH: 'INVALID:OFD_DATA_HASH_MISMATCH',
    });
    expect(report.signatures[0]!.checks[0]!.details).toMatchObject({ matched: 12 });
  });

  test('a byte of the signature value in SignedValue.dat: the signature fails', async () => {
    const original = readOfdFixture('1.ofd');
    const value = ofdParts(original)['Doc_0/Signs/Sign_0/SignedValue.dat'] as Uint8Array;
    const { checks } = await checksOf(
      tamperPart(original, 'Doc_0/Signs/Sign_0/SignedValue.dat', value.length - 3),
    );
    expect(checks).toEqual({ ...CRYPTO_VALID, SIGNATURE: 'INVALID:OFD_SIGNATURE_INVALID' });
  });

  test('truncated DER in SignedValue.dat: a clear malformed code, the rest skipped', async () => {
    const parts = ofdParts(readOfdFixture('1.ofd'));
    const value = parts['Doc_0/Signs/Sign_0/SignedValue.dat'] as Uint8Array;
    parts['Doc_0/Signs/Sign_0/SignedValue.dat'] = value.subarray(0, 700);
    const { report, checks } = await checksOf(rezip(parts));
    expect(checks.SIGNATURE).toBe('INVALID:OFD_SIGNED_VALUE_MALFORMED');
    expect(checks.REFERENCES).toBe('VALID:OFD_REFERENCES_MATCH');
    expect(checks.SEAL).toBe('SKIPPED:OFD_SIGNED_VALUE_MALFORMED');
    expect(report.signatures[0]!.seal).toBeNull();
    expect(report.verdict).toBe('INVALID');
  });

  test('Seal.esl replaced by another seal: SEAL_FILE and its reference fail', async () => {
    const parts = ofdParts(readOfdFixture('V4RideRight.ofd'));
    const other = ofdParts(readOfdFixture('n.ofd'))['Doc_0/Signs/Sign_0/Seal.esl']!;
    parts['Doc_0/Signs/Sign_0/Seal.esl'] = other;
    const { checks } = await checksOf(rezip(parts));
    expect(checks.SEAL_FILE).toBe('INVALID:OFD_SEAL_FILE_MISMATCH');
    expect(checks.REFERENCES).toBe('INVALID:OFD_REFERENCE_MISMATCH');
  });

  test('a file added after signing is content no signature covers', async () => {
    const parts = ofdParts(readOfdFixture('SignScaleError.ofd'));
    parts['Doc_0/Pages/Page_2/Content.xml'] = '<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"/>';
    const report = await verifyOfd(rezip(parts));
    expect(outcome(report.checks).COVERAGE).toBe('INVALID:OFD_UNSIGNED_CONTENT');
    expect(report.checks.find((c) => c.name === 'COVERAGE')?.details).toMatchObject({
      unsigned: ['Doc_0/Pages/Page_2/Content.xml'],
    });
    expect(report.verdict).toBe('INVALID');
  });
});
