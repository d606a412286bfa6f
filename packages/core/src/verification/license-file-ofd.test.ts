import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import type { Check, OfdSignatureReport } from '@zhengyin/documents';
import { bytesToHex } from '../shared/hex.js';
import { ofdFileMatchCheck, ofdOriginalCheck, readOfdLicenseClaim } from './license-file-ofd.js';

const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
const NS = 'http://www.ofdspec.org/2016';
const enc = (s: string) => new TextEncoder().encode(s);
const ok = (name: string): Check => ({ name, status: 'VALID', code: `${name}_OK`, message: 'ok' });

function report(overrides: Partial<OfdSignatureReport> = {}): OfdSignatureReport {
  return {
    format: 'ofd',
    index: 1,
    id: '1',
    fieldName: 'Signature 1',
    type: 'Seal',
    part: 'Doc_0/Signs/Sign_0/Signature.xml',
    sesVersion: 4,
    provider: null,
    checkMethod: null,
    signatureDateTime: null,
    signingTime: null,
    timestampTime: null,
    signer: null,
    seal: null,
    stampAnnots: [],
    pages: [],
    references: [
      'OFD.xml',
      'Doc_0/Document.xml',
      'Doc_0/Attachs/Attachments.xml',
      'Doc_0/Attachs/license.json',
    ],
    signedValue: enc('signed value'),
    annotation: null,
    checks: [ok('REFERENCES'), ok('DATA_HASH'), ok('SIGNATURE')],
    verdict: 'VALID',
    ...overrides,
  };
}

/** A minimal OFD package with licence metadata in OFD.xml and license.json. */
function licenceOfd(zzbs: string, attachmentId: string): Uint8Array {
  return zipSync({
    'OFD.xml': enc(
      `<ofd:OFD xmlns:ofd="${NS}"><ofd:DocBody><ofd:DocInfo><ofd:CustomDatas>` +
        `<ofd:CustomData Name="ZZBS">${zzbs}</ofd:CustomData><ofd:CustomData Name="ZZMC">营业执照</ofd:CustomData>` +
        `</ofd:CustomDatas></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
    ),
    'Doc_0/Document.xml': enc(
      `<ofd:Document xmlns:ofd="${NS}"><ofd:Pages/><ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments></ofd:Document>`,
    ),
    'Doc_0/Attachs/Attachments.xml': enc(
      `<ofd:Attachments xmlns:ofd="${NS}"><ofd:Attachment Name="license.json" Format="json">` +
        `<ofd:FileLoc>license.json</ofd:FileLoc></ofd:Attachment></ofd:Attachments>`,
    ),
    'Doc_0/Attachs/license.json': enc(
      JSON.stringify({
        schema: 'https://zhengyin.dev/ns/ecert/1.0/license.json',
        metadata: { certificateIdentifier: attachmentId, certificateHolderName: '某某有限公司' },
      }),
    ),
  });
}

describe('OFD licence claim', () => {
  test('CustomDatas ZZBS and the attachment agree: the claim, ours', () => {
    const claimed = readOfdLicenseClaim(licenceOfd('ID-1', 'ID-1'), [report()]);
    expect(claimed.kind).toBe('claim');
    if (claimed.kind !== 'claim') return;
    expect(claimed.claim).toMatchObject({
      identifier: 'ID-1',
      ourSchema: true,
      typeName: '营业执照',
      holderName: '某某有限公司',
    });
  });

  test('they disagree: LICENSE_METADATA_INCONSISTENT', () => {
    const claimed = readOfdLicenseClaim(licenceOfd('ID-1', 'ID-2'), [report()]);
    expect(claimed.kind === 'problem' && claimed.check.code).toBe('LICENSE_METADATA_INCONSISTENT');
  });

  test('only what the issuer signed counts: unsigned metadata is no claim', () => {
    const unsigned = report({ references: ['Doc_0/Document.xml'] });
    const claimed = readOfdLicenseClaim(licenceOfd('ID-1', 'ID-1'), [unsigned]);
    expect(claimed.kind === 'none' && claimed.check.code).toBe('LICENSE_NOT_A_LICENSE');
    // The first signature is the issuer's: a later one covering the metadata does not make a claim.
    const later = report({ index: 2 });
    expect(readOfdLicenseClaim(licenceOfd('ID-1', 'ID-1'), [unsigned, later]).kind).toBe('none');
  });

  test('no signature: LICENSE_NO_SIGNED_REVISION', () => {
    const claimed = readOfdLicenseClaim(licenceOfd('ID-1', 'ID-1'), []);
    expect(claimed.kind === 'none' && claimed.check.code).toBe('LICENSE_NO_SIGNED_REVISION');
  });
});

describe('LICENSE_FILE_MATCHES for OFD', () => {
  const issuer = report();
  const stored = bytesToHex(sha256(issuer.signedValue!));

  test('the registry’s signature value, still verifying: VALID', () => {
    const c = ofdFileMatchCheck(issuer, { ofdSignedValueSha256: stored }, sha256);
    expect([c.status, c.code]).toEqual(['VALID', 'LICENSE_FILE_MATCHES']);
  });

  test('another signature value, no OFD in the registry, or the protected content changed: INVALID', () => {
    const other = ofdFileMatchCheck(
      report({ signedValue: enc('other') }),
      { ofdSignedValueSha256: stored },
      sha256,
    );
    expect([other.status, other.code]).toEqual(['INVALID', 'LICENSE_FILE_MISMATCH']);
    const none = ofdFileMatchCheck(issuer, { ofdSignedValueSha256: null }, sha256);
    expect([none.status, none.code]).toEqual(['INVALID', 'LICENSE_FILE_MISMATCH']);
    const changed = report({
      checks: [{ name: 'REFERENCES', status: 'INVALID', code: 'OFD_REFERENCE_MISMATCH', message: 'x' }],
    });
    const c = ofdFileMatchCheck(changed, { ofdSignedValueSha256: stored }, sha256);
    expect([c.status, c.code, c.details?.failed]).toEqual([
      'INVALID',
      'LICENSE_FILE_MISMATCH',
      ['OFD_REFERENCE_MISMATCH'],
    ]);
    expect(ofdFileMatchCheck(undefined, { ofdSignedValueSha256: stored }, sha256).status).toBe('INVALID');
  });
});

describe('ANNOTATION_ORIGINAL for OFD', () => {
  const parts = {
    signatures: [
      'Doc_0/Signs/Signatures.xml',
      'Doc_0/Signs/Sign_0/Signature.xml',
      'Doc_0/Signs/Sign_1/Seal.esl',
    ],
    annotations: ['Doc_0/Annots/Annotations.xml', 'Doc_0/Annots/Page_0/Annotation.xml'],
  };
  const coverage: Check = {
    name: 'COVERAGE',
    status: 'VALID',
    code: 'OFD_ALL_CONTENT_SIGNED',
    message: 'ok',
  };
  const issuer = report();
  const layer = report({
    index: 2,
    references: [
      ...issuer.references,
      ...parts.annotations,
      'Doc_0/Signs/Sign_0/Signature.xml',
      'Doc_0/Signs/Sign_1/Seal.esl',
    ],
  });

  test('only annotation and signature files added: INTACT', () => {
    const c = ofdOriginalCheck({ checks: [coverage], parts })(issuer, layer);
    expect([c.status, c.code]).toEqual(['VALID', 'ANNOTATION_ORIGINAL_INTACT']);
  });

  test('the layer adds content, the issuer no longer verifies, or content is unsigned: MODIFIED', () => {
    const addsPage = report({
      index: 2,
      references: [...layer.references, 'Doc_0/Pages/Page_1/Content.xml'],
    });
    const a = ofdOriginalCheck({ checks: [coverage], parts })(issuer, addsPage);
    expect([a.code, a.details?.addedBeyondAnnotation]).toEqual([
      'ANNOTATION_ORIGINAL_MODIFIED',
      ['Doc_0/Pages/Page_1/Content.xml'],
    ]);
    const broken = report({
      checks: [{ name: 'DATA_HASH', status: 'INVALID', code: 'OFD_DATA_HASH_MISMATCH', message: 'x' }],
    });
    expect(ofdOriginalCheck({ checks: [coverage], parts })(broken, layer).code).toBe(
      'ANNOTATION_ORIGINAL_MODIFIED',
    );
    const unsigned: Check = { ...coverage, status: 'INVALID', code: 'OFD_UNSIGNED_CONTENT' };
    expect(ofdOriginalCheck({ checks: [unsigned], parts })(issuer, layer).code).toBe(
      'ANNOTATION_ORIGINAL_MODIFIED',
    );
  });
});
