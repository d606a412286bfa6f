import { describe, expect, test } from 'vitest';
import { AppError } from '../shared/app-error.js';
import { fileFormatOf, includesOfd, includesPdf, licenseFileSha256, withFiles } from './license-files.js';
import { checkOfdSeal } from './sign-license-ofd.js';
import type { License } from './types.js';

const PDF = 'a'.repeat(64);
const OFD = 'b'.repeat(64);
const SIGNED_VALUE = 'c'.repeat(64);

const licence = (files: Partial<License>): License =>
  ({
    id: 'l1',
    identifier: '1.2.156.3005.2.11100000000013338W001.11350100M000100Y43.2026000001.001.K',
    fileSha256: null,
    fileSize: null,
    ofdSha256: null,
    ofdSignedValueSha256: null,
    ...files,
  }) as License;

function refusal(work: () => unknown): AppError {
  try {
    work();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('licence file formats', () => {
  test('which files each format issues', () => {
    expect(['pdf', 'ofd', 'both'].map((f) => [includesPdf(f as never), includesOfd(f as never)])).toEqual([
      [true, false],
      [false, true],
      [true, true],
    ]);
  });

  test('the format of a stored licence follows the files it has', () => {
    expect(fileFormatOf(licence({ fileSha256: PDF }))).toBe('pdf');
    expect(fileFormatOf(licence({ ofdSha256: OFD }))).toBe('ofd');
    expect(fileFormatOf(licence({ fileSha256: PDF, ofdSha256: OFD }))).toBe('both');
  });

  test('withFiles sets every file column, null for the formats not made', () => {
    const bytes = new Uint8Array(10);
    const both = withFiles(licence({}), {
      pdf: { bytes, sha256: PDF },
      ofd: { ofd: bytes, sha256: OFD, signedValueSha256: SIGNED_VALUE },
    });
    expect(both).toMatchObject({
      fileSha256: PDF,
      fileSize: 10,
      ofdSha256: OFD,
      ofdSignedValueSha256: SIGNED_VALUE,
    });
    const ofdOnly = withFiles(licence({ fileSha256: PDF, fileSize: 3 }), {
      pdf: null,
      ofd: { ofd: bytes, sha256: OFD, signedValueSha256: SIGNED_VALUE },
    });
    expect(ofdOnly).toMatchObject({ fileSha256: null, fileSize: null, ofdSha256: OFD });
  });

  test('asking for a file the licence does not have: LICENSE_FORMAT_UNAVAILABLE with what it has', () => {
    expect(licenseFileSha256(licence({ fileSha256: PDF }), 'pdf')).toBe(PDF);
    const e = refusal(() => licenseFileSha256(licence({ fileSha256: PDF }), 'ofd'));
    expect(e.code).toBe('LICENSE_FORMAT_UNAVAILABLE');
    expect(e.details).toMatchObject({ format: 'ofd', issued: 'pdf' });
    expect(refusal(() => licenseFileSha256(licence({ ofdSha256: OFD }), 'pdf')).code).toBe(
      'LICENSE_FORMAT_UNAVAILABLE',
    );
  });
});

describe('OFD seal check', () => {
  const ses = new Uint8Array([0x30, 0x00]);
  test('an SM2 seal with an SESeal passes', () => {
    expect(() => checkOfdSeal({ id: 's', algorithm: 'sm2', sesSeal: ses })).not.toThrow();
  });
  test('ECDSA / RSA seals and SM2 seals without an SESeal are refused', () => {
    for (const seal of [
      { id: 's', algorithm: 'ecdsa-p256' as const, sesSeal: ses },
      { id: 's', algorithm: 'rsa2048' as const, sesSeal: ses },
      { id: 's', algorithm: 'sm2' as const, sesSeal: null },
    ]) {
      const e = refusal(() => checkOfdSeal(seal));
      expect(e.code).toBe('LICENSE_OFD_SEAL_UNSUITABLE');
      expect(e.details).toMatchObject({ algorithm: seal.algorithm, hasSesSeal: seal.sesSeal !== null });
    }
  });
});
