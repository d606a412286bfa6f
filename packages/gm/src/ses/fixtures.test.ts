import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { sm3 } from '../hash/sm3.js';
import { sm2PublicKeyToPem, sm2Verify } from '../sm2/index.js';
import { readSesCertInfo } from './cert-info.js';
import { sesVerdict } from './checks.js';
import { describeSes } from './describe.js';
import { decodeSeal, encodeSeal } from './seal-codec.js';
import { decodeSesSignature, encodeSesSignature } from './signature-codec.js';
import type { SesCheck, SesSignature } from './types.js';
import { verifySeal, verifySesSignature } from './verify.js';

/*
 * The nine real OFD files of shared/fixtures/ofd (README there). Only the SES-level outcomes are
 * asserted here: sig, seal, in-list, time (seal validity and signer certificate validity at
 * timeInfo), dataHash (given SM3 of Signature.xml) and esl (Seal.esl equals the embedded seal).
 * refs (package CheckValues) and trust (chains) belong to the OFD and PKI levels.
 */
const FIXTURES = new URL('../../../../../shared/fixtures/ofd/', import.meta.url);

function unzipOfd(file: string): Record<string, Uint8Array> {
  return unzipSync(new Uint8Array(readFileSync(new URL(file, FIXTURES))));
}

const ofdFiles = readdirSync(FIXTURES).filter((f) => f.endsWith('.ofd'));

interface FoundSignature {
  path: string;
  sig: SesSignature;
  bytes: Uint8Array;
  signatureXml: Uint8Array;
  esl: Uint8Array | undefined;
}

function signaturesIn(file: string): FoundSignature[] {
  const zip = unzipOfd(file);
  return Object.keys(zip)
    .filter((name) => name.endsWith('SignedValue.dat'))
    .map((path) => {
      const bytes = zip[path]!;
      const sig = decodeSesSignature(bytes);
      const dir = path.slice(0, path.lastIndexOf('/') + 1);
      const xmlPath = sig.tbs.propertyInfo.replace(/^\//, '');
      expect(xmlPath).toBe(`${dir}Signature.xml`);
      return { path, sig, bytes, signatureXml: zip[xmlPath]!, esl: zip[`${dir}Seal.esl`] };
    });
}

/** name → status:code, the compact form used for the expectation tables. */
const outcome = (checks: readonly SesCheck[]): Record<string, string> =>
  Object.fromEntries(checks.map((c) => [c.name, `${c.status}:${c.code}`]));

const ALL_VALID_V4: Record<string, string> = {
  'signature.tbsVersion': 'VALID:SES_TBS_VERSION_OK',
  'signature.signerCertificate': 'VALID:SES_CERT_OK',
  'signature.signerSignature': 'VALID:SES_SIGNATURE_OK',
  'signature.signerInCertList': 'VALID:SES_SIGNER_IN_CERT_LIST',
  'signature.signerCertificateValidity': 'VALID:SES_CERT_VALID_AT_TIME',
  'seal.header': 'VALID:SES_HEADER_OK',
  'seal.makerCertificate': 'VALID:SES_CERT_OK',
  'seal.makerSignature': 'VALID:SES_SIGNATURE_OK',
  'seal.validity': 'VALID:SES_SEAL_VALID_AT_TIME',
  'signature.dataHash': 'VALID:SES_DATA_HASH_MATCH',
};

const EXPECTED: Record<string, { version: 1 | 4; checks: Record<string, string>; verdict: string } | null> = {
  '1.ofd': { version: 4, checks: ALL_VALID_V4, verdict: 'VALID' },
  '999.ofd': { version: 4, checks: ALL_VALID_V4, verdict: 'VALID' },
  'SignScaleError.ofd': { version: 4, checks: ALL_VALID_V4, verdict: 'VALID' },
  'V4RideRight.ofd': { version: 4, checks: ALL_VALID_V4, verdict: 'VALID' },
  // Signed in 2026 with a seal and a signer certificate that expired in 2022: crypto valid, time fails.
  'SESV4SignDoc.ofd': {
    version: 4,
    checks: {
      ...ALL_VALID_V4,
      'signature.signerCertificateValidity': 'INVALID:SES_CERT_EXPIRED',
      'seal.validity': 'INVALID:SES_SEAL_EXPIRED',
    },
    verdict: 'INVALID',
  },
  // GM/T 0031 v1 from dms360: seal valid by the v1 rule; the signature signs dataHash as e (not
  // TBS_Sign); the certificate list is malformed; Signature.xml was rewritten after signing.
  'n.ofd': {
    version: 1,
    checks: {
      ...ALL_VALID_V4,
      'signature.signerSignature': 'INVALID:SES_SIGNATURE_OVER_HASH_ONLY',
      'signature.signerInCertList': 'ERROR:SES_CERT_LIST_MALFORMED',
      'signature.dataHash': 'INVALID:SES_DATA_HASH_MISMATCH',
    },
    verdict: 'INVALID',
  },
  '20240531141733.ofd': null,
  'signout.ofd': null,
  'z.ofd': null,
};

describe('SES inside the real OFD fixtures', () => {
  test('the fixture folder holds exactly the nine files of its README', () => {
    expect(ofdFiles.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(ofdFiles)('%s: every SES_Signature gives the README outcome', (file) => {
    const expected = EXPECTED[file];
    const found = signaturesIn(file);
    if (expected === null) {
      expect(found).toHaveLength(0);
      expect(Object.keys(unzipOfd(file)).filter((n) => n.endsWith('.esl'))).toHaveLength(0);
      return;
    }
    expect(found).toHaveLength(1);
    const { sig, bytes, signatureXml, esl } = found[0]!;
    expect(sig.version).toBe(expected.version);
    const checks = verifySesSignature(sig, { dataHash: sm3(signatureXml) });
    expect(outcome(checks)).toEqual(expected.checks);
    expect(sesVerdict(checks)).toBe(expected.verdict);
    // Decoding keeps every field; re-encoding the fields reproduces the file byte for byte.
    expect(Buffer.from(encodeSesSignature(sig)).equals(bytes)).toBe(true);
    expect(Buffer.from(encodeSeal(sig.tbs.seal)).equals(sig.tbs.seal.der)).toBe(true);
    if (esl) {
      // esl: Seal.esl equals the seal embedded in SignedValue.dat, and verifies on its own.
      expect(Buffer.from(esl).equals(sig.tbs.seal.der)).toBe(true);
      const seal = decodeSeal(esl);
      const at = sig.tbs.timeInfo.date!;
      expect(outcome(verifySeal(seal, { at }))).toEqual({
        'seal.header': expected.checks['seal.header'],
        'seal.makerCertificate': expected.checks['seal.makerCertificate'],
        'seal.makerSignature': expected.checks['seal.makerSignature'],
        'seal.validity': expected.checks['seal.validity'],
      });
    }
  });

  test('which files carry a Seal.esl', () => {
    const withEsl = ofdFiles.filter((f) => signaturesIn(f).some((s) => s.esl !== undefined)).sort();
    expect(withEsl).toEqual(['SESV4SignDoc.ofd', 'V4RideRight.ofd', 'n.ofd']);
  });

  test('1.ofd: decoded fields match the README', () => {
    const { sig } = signaturesIn('1.ofd')[0]!;
    const { sealInfo } = sig.tbs.seal;
    expect(sealInfo.header).toEqual({ id: 'ES', version: 4, vid: 'GOMAIN' });
    expect(sealInfo.esId).toBe('33010600000001');
    expect(sealInfo.property.type).toBe(3);
    expect(sealInfo.property.name).toBe('国家税务总局浙江省税务局');
    expect(sealInfo.property.certListType).toBe(1);
    expect(sealInfo.property.certList.kind).toBe('certificates');
    expect(sealInfo.property.createDate.text).toBe('20191024000000Z');
    expect(sealInfo.property.validStart.date?.toISOString()).toBe('2019-10-23T16:00:00.000Z');
    expect(sealInfo.property.validEnd.text).toBe('20230528160000Z');
    expect(sealInfo.picture.type).toBe('ofd');
    expect(sealInfo.picture.data.length).toBe(2433);
    expect([sealInfo.picture.width, sealInfo.picture.height]).toEqual([30, 20]);
    // ExtData.critical is FALSE encoded explicitly (not DER); kept so the bytes re-encode exactly.
    expect(sealInfo.extDatas).toHaveLength(1);
    expect(sealInfo.extDatas![0]!.extnId).toBe('1.2.156.10197.6.7.2.2.1');
    expect(sealInfo.extDatas![0]!.critical).toBe(false);
    expect(new TextDecoder().decode(sealInfo.extDatas![0]!.value)).toBe('2.1');
    expect(sig.tbs.timeInfo).toMatchObject({ form: 'GeneralizedTime', text: '20200723130907Z' });
    expect(sig.tbs.propertyInfo).toBe('/Doc_0/Signs/Sign_0/Signature.xml');
    expect(sig.tbs.extDatas).toBeUndefined();
    expect(sig.timeStamp).toBeUndefined();
    expect(readSesCertInfo(sig.tbs.seal.makerCertificate).subjectCn).toBe('国家税务总局电子印章制作系统');
    const signer = readSesCertInfo(sig.signerCertificate);
    expect(signer.subjectCn).toBe('浙江省税务监制章电子证书');
    expect(signer.notBefore.toISOString()).toBe('2019-10-24T00:00:00.000Z');
    expect(signer.notAfter.toISOString()).toBe('2022-10-24T00:00:00.000Z');
    expect(signer.issuerCn).toBe('税务电子证书管理中心(SM2)');
  });

  test('v4 maker signature covers DER(SES_SealInfo), not the v1 SEQUENCE', () => {
    const { sig } = signaturesIn('1.ofd')[0]!;
    const seal = sig.tbs.seal;
    const key = readSesCertInfo(seal.makerCertificate).sm2PublicKey!;
    expect(seal.makerSignedBytes).toBe(seal.sealInfo.der);
    expect(sm2Verify(key, seal.sealInfo.der, seal.signature)).toBe(true);
    const v1Style = decodeSeal(encodeSeal({ ...seal, version: 1 })).makerSignedBytes;
    expect(sm2Verify(key, v1Style, seal.signature)).toBe(false);
  });

  test('SignScaleError.ofd: maker and signer certificates are the same bytes; type 4 seal', () => {
    const { sig } = signaturesIn('SignScaleError.ofd')[0]!;
    expect(Buffer.from(sig.tbs.seal.makerCertificate).equals(sig.signerCertificate)).toBe(true);
    expect(sig.tbs.seal.sealInfo.esId).toBe('ZhelibanTaxSeal');
    expect(sig.tbs.seal.sealInfo.property.type).toBe(4);
    expect(sig.tbs.seal.sealInfo.header.vid).toBe('antchain');
  });

  test('V4RideRight.ofd: ofdrw test seal with a PNG picture', () => {
    const { sig } = signaturesIn('V4RideRight.ofd')[0]!;
    const { sealInfo } = sig.tbs.seal;
    expect(sealInfo.header.vid).toBe('OFDR&WTest');
    expect(sealInfo.esId).toBe('51f044b76510434e9bc67a1185c2fba5');
    expect(sealInfo.picture.type).toBe('PNG');
    expect([...sealInfo.picture.data.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect([sealInfo.picture.width, sealInfo.picture.height]).toEqual([40, 40]);
    expect(sealInfo.extDatas).toBeUndefined();
  });

  test('n.ofd: the v1 structure is parsed tolerantly, field by field', () => {
    const { sig } = signaturesIn('n.ofd')[0]!;
    const seal = sig.tbs.seal;
    expect(seal.version).toBe(1);
    expect(seal.sealInfo.header).toEqual({ id: 'ES', version: 1, vid: 'dms360.cn' });
    expect(seal.sealInfo.esId).toBe('esID');
    expect(seal.sealInfo.property.type).toBe(1);
    expect(seal.sealInfo.property.name).toBe('某某省人力资源和社会测试章');
    expect(seal.sealInfo.property.certListType).toBeUndefined();
    expect(seal.sealInfo.property.certList.kind).toBe('unrecognised');
    expect(seal.sealInfo.property.validStart).toMatchObject({ form: 'UTCTime', text: '191218125346Z' });
    expect(seal.sealInfo.property.validEnd.date?.toISOString()).toBe('2029-12-18T12:53:46.000Z');
    expect(seal.sealInfo.picture).toMatchObject({ type: 'PNG', width: 33, height: 33 });
    expect(sig.tbs.timeInfo).toMatchObject({ form: 'BitString', text: '2020-01-25T07:31:56.377Z' });
    expect(sig.tbs.timeInfo.date?.toISOString()).toBe('2020-01-25T07:31:56.377Z');
    expect(Buffer.from(sig.tbs.certificate!).equals(sig.signerCertificate)).toBe(true);
    expect(Buffer.from(seal.makerCertificate).equals(sig.signerCertificate)).toBe(true);
    expect(readSesCertInfo(sig.signerCertificate).subjectCn).toBe('www.dms360.cn');
    // The v1 rule matters: the maker signature does not verify over DER(SES_SealInfo) alone.
    const key = readSesCertInfo(seal.makerCertificate).sm2PublicKey!;
    expect(sm2Verify(key, seal.sealInfo.der, seal.signature)).toBe(false);
    expect(sm2Verify(key, seal.makerSignedBytes, seal.signature)).toBe(true);
  });

  test('tampering one byte of a real seal or signature is caught by the right check', () => {
    const { bytes, signatureXml } = signaturesIn('1.ofd')[0]!;
    const flip = (at: number): Uint8Array => {
      const copy = new Uint8Array(bytes);
      copy[at] = copy[at]! ^ 0x01;
      return copy;
    };
    const original = decodeSesSignature(bytes);
    const offsetOf = (part: Uint8Array): number => part.byteOffset - original.der.byteOffset;
    const dataHash = sm3(signatureXml);
    const run = (b: Uint8Array) => outcome(verifySesSignature(decodeSesSignature(b), { dataHash }));

    // A byte of the seal name (inside SES_SealInfo, so inside TBS_Sign too).
    const nameAt = Buffer.from(bytes).indexOf(Buffer.from('国家税务总局浙江省税务局'));
    const name = run(flip(nameAt + 3));
    expect(name['seal.makerSignature']).toBe('INVALID:SES_SIGNATURE_MISMATCH');
    expect(name['signature.signerSignature']).toBe('INVALID:SES_SIGNATURE_MISMATCH');
    // A byte of the picture.
    const pic = run(flip(offsetOf(original.tbs.seal.sealInfo.picture.data) + 100));
    expect(pic['seal.makerSignature']).toBe('INVALID:SES_SIGNATURE_MISMATCH');
    // The last byte of the maker signature value (s): only the maker check fails at the seal level.
    const makerSig = original.tbs.seal.signature;
    const maker = run(flip(offsetOf(makerSig) + makerSig.length - 1));
    expect(maker['seal.makerSignature']).toBe('INVALID:SES_SIGNATURE_MISMATCH');
    expect(maker['seal.validity']).toBe('VALID:SES_SEAL_VALID_AT_TIME');
    // dataHash: the signature no longer covers it, and it no longer matches Signature.xml.
    const hash = run(flip(offsetOf(original.tbs.dataHash) + 5));
    expect(hash['signature.signerSignature']).toBe('INVALID:SES_SIGNATURE_MISMATCH');
    expect(hash['signature.dataHash']).toBe('INVALID:SES_DATA_HASH_MISMATCH');
    expect(hash['seal.makerSignature']).toBe('VALID:SES_SIGNATURE_OK');
    // The signer signature value.
    const sigVal = run(flip(offsetOf(original.signature) + original.signature.length - 1));
    expect(sigVal['signature.signerSignature']).toBe('INVALID:SES_SIGNATURE_MISMATCH');
    expect(sigVal['seal.makerSignature']).toBe('VALID:SES_SIGNATURE_OK');
  });

  test('describeSes dumps real seals and signatures as JSON-safe objects', () => {
    const { bytes, esl } = signaturesIn('V4RideRight.ofd')[0]!;
    const sig = describeSes(bytes);
    expect(JSON.parse(JSON.stringify(sig))).toEqual(sig);
    expect(sig).toMatchObject({
      kind: 'signature',
      version: 4,
      tbs: {
        version: 4,
        timeInfo: { form: 'GeneralizedTime', text: '20210519125344Z', iso: '2021-05-19T12:53:44.000Z' },
        propertyInfo: '/Doc_0/Signs/Sign_0/Signature.xml',
        seal: { kind: 'seal', header: { id: 'ES', version: 4, vid: 'OFDR&WTest' } },
      },
      signatureAlgorithm: { oid: '1.2.156.10197.1.501', name: 'SM3withSM2' },
      signerCertificate: { subjectCn: 'Test Certificate' },
    });
    const seal = describeSes(esl!);
    expect(seal).toMatchObject({ kind: 'seal', version: 4, esId: '51f044b76510434e9bc67a1185c2fba5' });
    expect(seal).toEqual((sig.tbs as { seal: unknown }).seal);
    const v1 = describeSes(signaturesIn('n.ofd')[0]!.bytes);
    expect(v1).toMatchObject({
      kind: 'signature',
      version: 1,
      tbs: { timeInfo: { form: 'BitString', iso: '2020-01-25T07:31:56.377Z' }, seal: { version: 1 } },
    });
    expect(
      (v1.tbs as { seal: { property: { certList: { kind: string } } } }).seal.property.certList.kind,
    ).toBe('unrecognised');
  });

  test('openssl (distid 1234567812345678) independently verifies the real maker signature bytes', () => {
    const { sig } = signaturesIn('999.ofd')[0]!;
    const seal = sig.tbs.seal;
    const dir = mkdtempSync(join(tmpdir(), 'zhengyin-ses-'));
    try {
      writeFileSync(
        join(dir, 'pub.pem'),
        sm2PublicKeyToPem(readSesCertInfo(seal.makerCertificate).sm2PublicKey!),
      );
      writeFileSync(join(dir, 'data'), seal.makerSignedBytes);
      writeFileSync(join(dir, 'sig'), seal.signature);
      const verify = (data: string) =>
        execFileSync(
          'openssl',
          [
            'pkeyutl',
            '-verify',
            '-pubin',
            '-inkey',
            join(dir, 'pub.pem'),
            '-rawin',
            '-digest',
            'sm3',
            '-in',
            join(dir, data),
            '-sigfile',
            join(dir, 'sig'),
            '-pkeyopt',
            'distid:1234567812345678',
          ],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
        );
      expect(verify('data')).toContain('Signature Verified Successfully');
      writeFileSync(join(dir, 'other'), sig.tbs.der);
      expect(() => verify('other')).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
