import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import fc from 'fast-check';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, test } from 'vitest';
import { GmError } from '../errors.js';
import { sm3 } from '../hash/sm3.js';
import {
  sm2GenerateKeyPair,
  sm2PublicKeyToPem,
  sm2PublicKeyToSpki,
  sm2Sign,
  sm2SignatureDerToRaw,
  type Sm2KeyPair,
} from '../sm2/index.js';
import { sesVerdict } from './checks.js';
import { createSeal, createSesSignature, type CreateSealParams, type SesSignFunction } from './create.js';
import { describeSes } from './describe.js';
import { decodeSeal, encodeSeal, encodeSealInfo } from './seal-codec.js';
import { decodeSesSignature, encodeSesSignature, encodeTbsSign } from './signature-codec.js';
import type { SesCheck, SesSeal, SesSealInfoFields, SesSignature, SesTagging } from './types.js';
import { verifySeal, verifySesSignature } from './verify.js';

const SM3_WITH_SM2 = '1.2.156.10197.1.501';
const T0 = new Date('2025-01-01T00:00:00Z');
const T_SIGN = new Date('2025-06-01T08:00:00Z');
const T1 = new Date('2027-01-01T00:00:00Z');

function rdn(cn: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: cn }) }),
    ],
  });
}

/** A minimal SM2 certificate signed by `issuer` (enough for SES; full X.509 lives in pki/). */
function makeCert(cn: string, subject: Sm2KeyPair, issuer: Sm2KeyPair, serial: number): Uint8Array {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: serial });
  cert.issuer = rdn('zhengyin test CA');
  cert.subject = rdn(cn);
  cert.notBefore = new pkijs.Time({ type: 0, value: new Date('2024-01-01T00:00:00Z') });
  cert.notAfter = new pkijs.Time({ type: 0, value: new Date('2028-01-01T00:00:00Z') });
  cert.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(sm2PublicKeyToSpki(subject.publicKey));
  cert.signature = new pkijs.AlgorithmIdentifier({ algorithmId: SM3_WITH_SM2 });
  cert.signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: SM3_WITH_SM2 });
  const tbs = new Uint8Array(cert.encodeTBS().toBER());
  cert.signatureValue = new asn1js.BitString({ valueHex: sm2Sign(issuer.privateKey, tbs) });
  return new Uint8Array(cert.toSchema(true).toBER());
}

const signer =
  (key: Sm2KeyPair): SesSignFunction =>
  async (tbs) =>
    sm2Sign(key.privateKey, tbs);

const outcome = (checks: readonly SesCheck[]): Record<string, string> =>
  Object.fromEntries(checks.map((c) => [c.name, `${c.status}:${c.code}`]));

const statusOf = (checks: readonly SesCheck[], name: string): string | undefined => {
  const c = checks.find((x) => x.name === name);
  return c && `${c.status}:${c.code}`;
};

async function expectGmError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GmError);
  expect((error as GmError).code).toBe(code);
}

function flipByte(bytes: Uint8Array, at: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[at] = copy[at]! ^ 0x5a;
  return copy;
}

const offsetIn = (outer: Uint8Array, part: Uint8Array): number => part.byteOffset - outer.byteOffset;

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(200).fill(7)]);
const XML = new TextEncoder().encode('<ofd:Signature xmlns:ofd="http://www.ofdspec.org/2016"/>');

let ca: Sm2KeyPair;
let maker: Sm2KeyPair;
let holder: Sm2KeyPair;
let stranger: Sm2KeyPair;
let makerCert: Uint8Array;
let holderCert: Uint8Array;
let strangerCert: Uint8Array;
let baseParams: CreateSealParams;
let seal: SesSeal;
let signature: SesSignature;

beforeAll(async () => {
  [ca, maker, holder, stranger] = [0, 1, 2, 3].map(() => sm2GenerateKeyPair()) as [
    Sm2KeyPair,
    Sm2KeyPair,
    Sm2KeyPair,
    Sm2KeyPair,
  ];
  makerCert = makeCert('seal maker', maker, ca, 1);
  holderCert = makeCert('某市市场监督管理局', holder, ca, 2);
  strangerCert = makeCert('not in the seal', stranger, ca, 3);
  baseParams = {
    esId: '44030000000001',
    type: 1,
    name: '某市市场监督管理局行政审批专用章',
    signerCertificates: [holderCert],
    validStart: T0,
    validEnd: T1,
    createDate: T0,
    picture: { type: 'png', data: PNG, width: 40, height: 40 },
    makerCertificate: makerCert,
    sign: signer(maker),
  };
  seal = await createSeal(baseParams);
  signature = await createSesSignature({
    seal,
    dataHash: sm3(XML),
    propertyInfo: '/Doc_0/Signs/Sign_0/Signature.xml',
    signerCertificate: holderCert,
    sign: signer(holder),
    timeInfo: T_SIGN,
  });
});

describe('createSeal (v4)', () => {
  test('builds a seal whose fields decode back and whose checks all pass', () => {
    expect(seal.version).toBe(4);
    expect(seal.sealInfo.header).toEqual({ id: 'ES', version: 4, vid: 'zhengyin' });
    expect(seal.sealInfo.esId).toBe('44030000000001');
    expect(seal.sealInfo.property).toMatchObject({
      type: 1,
      name: '某市市场监督管理局行政审批专用章',
      certListType: 1,
    });
    expect(seal.sealInfo.property.validStart).toMatchObject({
      form: 'GeneralizedTime',
      text: '20250101000000Z',
    });
    expect(seal.sealInfo.property.validEnd.date).toEqual(T1);
    expect(seal.sealInfo.property.certList).toEqual({ kind: 'certificates', certificates: [holderCert] });
    expect(seal.sealInfo.picture).toEqual({ type: 'png', data: PNG, width: 40, height: 40 });
    expect(seal.signatureAlgorithm).toBe(SM3_WITH_SM2);
    expect(seal.makerSignedBytes).toEqual(seal.sealInfo.der);
    expect(outcome(verifySeal(seal, { at: T_SIGN }))).toEqual({
      'seal.header': 'VALID:SES_HEADER_OK',
      'seal.makerCertificate': 'VALID:SES_CERT_OK',
      'seal.makerSignature': 'VALID:SES_SIGNATURE_OK',
      'seal.validity': 'VALID:SES_SEAL_VALID_AT_TIME',
    });
  });

  test('encode → decode → encode is the identity on created seals', () => {
    const again = decodeSeal(encodeSeal(seal));
    expect(again.der).toEqual(seal.der);
    expect(encodeSealInfo(again.sealInfo)).toEqual(seal.sealInfo.der);
  });

  test('validity is checked at the given time', () => {
    expect(statusOf(verifySeal(seal, { at: new Date('2024-12-31T23:59:59Z') }), 'seal.validity')).toBe(
      'INVALID:SES_SEAL_NOT_YET_VALID',
    );
    expect(statusOf(verifySeal(seal, { at: new Date('2027-01-01T00:00:01Z') }), 'seal.validity')).toBe(
      'INVALID:SES_SEAL_EXPIRED',
    );
    expect(statusOf(verifySeal(seal, { at: T1 }), 'seal.validity')).toBe('VALID:SES_SEAL_VALID_AT_TIME');
  });

  test('property: flipping any byte of SES_SealInfo content or of the maker signature is rejected', () => {
    const info = seal.sealInfo.der;
    const infoStart = offsetIn(seal.der, info);
    const sigStart = offsetIn(seal.der, seal.signature);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: infoStart, max: infoStart + info.length - 1 }),
          fc.integer({ min: sigStart, max: sigStart + seal.signature.length - 1 }),
        ),
        (at) => {
          let tampered: SesSeal;
          try {
            tampered = decodeSeal(flipByte(seal.der, at));
          } catch (e) {
            // A flipped tag or length byte: the decoder must say so with a typed error.
            expect(e).toBeInstanceOf(GmError);
            return;
          }
          expect(sesVerdict(verifySeal(tampered, { at: T_SIGN }))).not.toBe('VALID');
          expect(statusOf(verifySeal(tampered, { at: T_SIGN }), 'seal.makerSignature')).not.toBe(
            'VALID:SES_SIGNATURE_OK',
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  test('a byte of the picture, the name and the maker signature: each caught by seal.makerSignature', () => {
    const at = (part: Uint8Array, i: number) => offsetIn(seal.der, part) + i;
    for (const offset of [
      at(seal.sealInfo.picture.data, 50),
      Buffer.from(seal.der).indexOf(Buffer.from('专用章')),
      at(seal.signature, seal.signature.length - 2),
    ]) {
      const checks = verifySeal(decodeSeal(flipByte(seal.der, offset)), { at: T_SIGN });
      expect(statusOf(checks, 'seal.makerSignature')).toBe('INVALID:SES_SIGNATURE_MISMATCH');
      expect(statusOf(checks, 'seal.header')).toBe('VALID:SES_HEADER_OK');
    }
  });

  test('rejects bad parameters with typed errors', async () => {
    await expectGmError(createSeal({ ...baseParams, esId: '' }), 'GM_SES_INVALID_FIELD');
    await expectGmError(createSeal({ ...baseParams, esId: '印章' }), 'GM_SES_INVALID_FIELD');
    await expectGmError(createSeal({ ...baseParams, validEnd: T0 }), 'GM_SES_INVALID_FIELD');
    await expectGmError(createSeal({ ...baseParams, signerCertificates: [] }), 'GM_SES_INVALID_FIELD');
    await expectGmError(
      createSeal({ ...baseParams, signerCertificates: [new Uint8Array([0x30, 0x00])] }),
      'GM_SES_INVALID_FIELD',
    );
    await expectGmError(
      createSeal({ ...baseParams, picture: { type: 'png', data: PNG, width: 0, height: 40 } }),
      'GM_SES_INVALID_FIELD',
    );
    await expectGmError(
      createSeal({ ...baseParams, picture: { type: 'png', data: new Uint8Array(0), width: 40, height: 40 } }),
      'GM_SES_INVALID_FIELD',
    );
    await expectGmError(createSeal({ ...baseParams, makerCertificate: PNG }), 'GM_SES_CERT_MALFORMED');
  });

  test('a signing function holding the wrong key is caught before the seal is returned', async () => {
    await expectGmError(createSeal({ ...baseParams, sign: signer(stranger) }), 'GM_SES_KEY_MISMATCH');
    await expectGmError(
      createSeal({ ...baseParams, sign: async () => new Uint8Array([1, 2, 3]) }),
      'GM_SES_KEY_MISMATCH',
    );
  });

  test('a signing function returning raw r‖s is accepted and stored as DER', async () => {
    const raw = await createSeal({
      ...baseParams,
      sign: async (tbs) => sm2SignatureDerToRaw(sm2Sign(maker.privateKey, tbs)),
    });
    expect(raw.signature[0]).toBe(0x30);
    expect(statusOf(verifySeal(raw, { at: T_SIGN }), 'seal.makerSignature')).toBe('VALID:SES_SIGNATURE_OK');
  });
});

describe('createSesSignature (v4)', () => {
  test('builds a signature that decodes back and passes every check', () => {
    expect(signature.version).toBe(4);
    expect(signature.tbs).toMatchObject({
      version: 4,
      propertyInfo: '/Doc_0/Signs/Sign_0/Signature.xml',
      timeInfo: { form: 'GeneralizedTime', text: '20250601080000Z' },
    });
    expect(signature.tbs.dataHash).toEqual(sm3(XML));
    // The embedded seal is the created seal, byte for byte.
    expect(signature.tbs.seal.der).toEqual(seal.der);
    expect(signature.signerCertificate).toEqual(holderCert);
    const checks = verifySesSignature(signature, { dataHash: sm3(XML) });
    expect(outcome(checks)).toEqual({
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
    });
    expect(sesVerdict(checks)).toBe('VALID');
    expect(statusOf(verifySesSignature(signature), 'signature.dataHash')).toBe(
      'SKIPPED:SES_DATA_HASH_NOT_PROVIDED',
    );
    expect(statusOf(verifySesSignature(signature, { dataHash: sm3('other') }), 'signature.dataHash')).toBe(
      'INVALID:SES_DATA_HASH_MISMATCH',
    );
  });

  test('encode → decode → encode is the identity on created signatures', () => {
    expect(encodeSesSignature(decodeSesSignature(signature.der))).toEqual(signature.der);
    // Without the embedded seal's DER the seal is re-encoded from its fields: same bytes.
    const { der: _der, ...sealFields } = signature.tbs.seal;
    expect(encodeTbsSign({ ...signature.tbs, seal: sealFields }, 4)).toEqual(signature.tbs.der);
  });

  test('property: flipping any byte of TBS_Sign or of the signature value is rejected', () => {
    const tbsStart = offsetIn(signature.der, signature.tbs.der);
    const sigStart = offsetIn(signature.der, signature.signature);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: tbsStart, max: tbsStart + signature.tbs.der.length - 1 }),
          fc.integer({ min: sigStart, max: sigStart + signature.signature.length - 1 }),
        ),
        (at) => {
          let tampered: SesSignature;
          try {
            tampered = decodeSesSignature(flipByte(signature.der, at));
          } catch (e) {
            expect(e).toBeInstanceOf(GmError);
            return;
          }
          const checks = verifySesSignature(tampered, { dataHash: sm3(XML) });
          expect(statusOf(checks, 'signature.signerSignature')).not.toBe('VALID:SES_SIGNATURE_OK');
          expect(sesVerdict(checks)).not.toBe('VALID');
        },
      ),
      { numRuns: 150 },
    );
  });

  test('timeInfo, dataHash and the signature value: each caught by the right check', () => {
    // One digit of timeInfo (2025 → 2024): still a time, no longer the signed one.
    const timeAt = Buffer.from(signature.der).indexOf(Buffer.from('20250601080000Z')) + 3;
    const earlier = new Uint8Array(signature.der);
    earlier[timeAt] = 0x34;
    const decodedEarlier = decodeSesSignature(earlier);
    expect(decodedEarlier.tbs.timeInfo.date?.toISOString()).toBe('2024-06-01T08:00:00.000Z');
    const time = verifySesSignature(decodedEarlier);
    expect(statusOf(time, 'signature.signerSignature')).toBe('INVALID:SES_SIGNATURE_MISMATCH');
    // 2024-06 is before the seal's validStart: the time check says so too.
    expect(statusOf(time, 'seal.validity')).toBe('INVALID:SES_SEAL_NOT_YET_VALID');
    // A time that is not a time at all is a malformed structure.
    const garbage = new Uint8Array(signature.der);
    garbage[timeAt] = 0x5a;
    expect(() => decodeSesSignature(garbage)).toThrow(expect.objectContaining({ code: 'GM_SES_MALFORMED' }));
    const hash = verifySesSignature(
      decodeSesSignature(flipByte(signature.der, offsetIn(signature.der, signature.tbs.dataHash))),
      { dataHash: sm3(XML) },
    );
    expect(statusOf(hash, 'signature.signerSignature')).toBe('INVALID:SES_SIGNATURE_MISMATCH');
    expect(statusOf(hash, 'signature.dataHash')).toBe('INVALID:SES_DATA_HASH_MISMATCH');
    expect(statusOf(hash, 'seal.makerSignature')).toBe('VALID:SES_SIGNATURE_OK');
    const value = verifySesSignature(
      decodeSesSignature(
        flipByte(
          signature.der,
          offsetIn(signature.der, signature.signature) + signature.signature.length - 1,
        ),
      ),
    );
    expect(statusOf(value, 'signature.signerSignature')).toBe('INVALID:SES_SIGNATURE_MISMATCH');
    // The seal inside TBS_Sign: its maker signature and the signer signature both fail.
    const inSeal = verifySesSignature(
      decodeSesSignature(
        flipByte(signature.der, offsetIn(signature.der, signature.tbs.seal.sealInfo.picture.data) + 9),
      ),
    );
    expect(statusOf(inSeal, 'seal.makerSignature')).toBe('INVALID:SES_SIGNATURE_MISMATCH');
    expect(statusOf(inSeal, 'signature.signerSignature')).toBe('INVALID:SES_SIGNATURE_MISMATCH');
  });

  test('a signer certificate outside the seal list is reported, and refused at creation', async () => {
    const tbs = encodeTbsSign(signature.tbs, 4);
    const forged = decodeSesSignature(
      encodeSesSignature({
        ...signature,
        signerCertificate: strangerCert,
        signature: sm2Sign(stranger.privateKey, tbs),
      }),
    );
    const checks = verifySesSignature(forged);
    expect(statusOf(checks, 'signature.signerSignature')).toBe('VALID:SES_SIGNATURE_OK');
    expect(statusOf(checks, 'signature.signerInCertList')).toBe('INVALID:SES_SIGNER_NOT_IN_CERT_LIST');
    expect(sesVerdict(checks)).toBe('INVALID');
    await expectGmError(
      createSesSignature({
        seal,
        dataHash: sm3(XML),
        propertyInfo: '/x',
        signerCertificate: strangerCert,
        sign: signer(stranger),
        timeInfo: T_SIGN,
      }),
      'GM_SES_SIGNER_NOT_IN_SEAL',
    );
  });

  test('refuses an expired seal, a wrong key, a bad dataHash and a v1 seal', async () => {
    const params = {
      seal,
      dataHash: sm3(XML),
      propertyInfo: '/Doc_0/Signs/Sign_0/Signature.xml',
      signerCertificate: holderCert,
      sign: signer(holder),
    };
    await expectGmError(
      createSesSignature({ ...params, timeInfo: new Date('2027-02-01T00:00:00Z') }),
      'GM_SES_SEAL_NOT_USABLE',
    );
    await expectGmError(
      createSesSignature({ ...params, sign: signer(stranger), timeInfo: T_SIGN }),
      'GM_SES_KEY_MISMATCH',
    );
    await expectGmError(
      createSesSignature({ ...params, dataHash: new Uint8Array(20), timeInfo: T_SIGN }),
      'GM_SES_INVALID_FIELD',
    );
    await expectGmError(
      createSesSignature({
        ...params,
        seal: flipByte(seal.der, offsetIn(seal.der, seal.signature) + 10),
        timeInfo: T_SIGN,
      }),
      'GM_SES_SEAL_NOT_USABLE',
    );
    const v1 = decodeSeal(encodeSeal({ ...seal, version: 1 }));
    await expectGmError(
      createSesSignature({ ...params, seal: v1, timeInfo: T_SIGN }),
      'GM_SES_UNSUPPORTED_VERSION',
    );
  });

  test('accepts the seal as DER and writes whole-second timeInfo', async () => {
    const sig = await createSesSignature({
      seal: seal.der,
      dataHash: sm3(XML),
      propertyInfo: '/Doc_0/Signs/Sign_1/Signature.xml',
      signerCertificate: holderCert,
      sign: signer(holder),
      timeInfo: new Date('2025-06-01T08:00:00.987Z'),
    });
    expect(sig.tbs.timeInfo.text).toBe('20250601080000Z');
    expect(sesVerdict(verifySesSignature(sig))).toBe('VALID');
  });

  test('openssl (distid 1234567812345678) verifies our maker and signer signatures', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhengyin-ses-'));
    const verify = (pub: Uint8Array, data: Uint8Array, sig: Uint8Array): string => {
      writeFileSync(join(dir, 'pub.pem'), sm2PublicKeyToPem(pub));
      writeFileSync(join(dir, 'data'), data);
      writeFileSync(join(dir, 'sig'), sig);
      return execFileSync(
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
          join(dir, 'data'),
          '-sigfile',
          join(dir, 'sig'),
          '-pkeyopt',
          'distid:1234567812345678',
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
    };
    try {
      expect(verify(maker.publicKey, seal.sealInfo.der, seal.signature)).toContain(
        'Signature Verified Successfully',
      );
      expect(verify(holder.publicKey, signature.tbs.der, signature.signature)).toContain(
        'Signature Verified Successfully',
      );
      expect(() => verify(holder.publicKey, seal.sealInfo.der, signature.signature)).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('encoders for the other forms', () => {
  test('certListType 2: the signer is found through an SM3 certificate digest', () => {
    const info: SesSealInfoFields = {
      ...seal.sealInfo,
      property: {
        ...seal.sealInfo.property,
        certListType: 2,
        certList: { kind: 'digests', digests: [{ type: 'SM3', value: sm3(holderCert) }] },
      },
    };
    const infoDer = encodeSealInfo(info);
    const digestSeal = decodeSeal(
      encodeSeal({ ...seal, sealInfo: info, signature: sm2Sign(maker.privateKey, infoDer) }),
    );
    expect(digestSeal.sealInfo.property.certList).toEqual({
      kind: 'digests',
      digests: [{ type: 'SM3', value: sm3(holderCert) }],
    });
    const tbs = { ...signature.tbs, seal: digestSeal };
    const sig = decodeSesSignature(
      encodeSesSignature({ ...signature, tbs, signature: sm2Sign(holder.privateKey, encodeTbsSign(tbs, 4)) }),
    );
    expect(outcome(verifySesSignature(sig))['signature.signerInCertList']).toBe(
      'VALID:SES_SIGNER_IN_CERT_LIST',
    );
    const other = { ...tbs, seal: digestSeal };
    const strangerSig = decodeSesSignature(
      encodeSesSignature({
        ...signature,
        tbs: other,
        signerCertificate: strangerCert,
        signature: sm2Sign(stranger.privateKey, encodeTbsSign(other, 4)),
      }),
    );
    expect(statusOf(verifySesSignature(strangerSig), 'signature.signerInCertList')).toBe(
      'INVALID:SES_SIGNER_NOT_IN_CERT_LIST',
    );
  });

  test('v1 (GM/T 0031): UTCTime validity, signInfo, TBS with cert; maker signs SEQUENCE{info, cert, alg}', () => {
    const utc = (text: string) => ({ form: 'UTCTime' as const, text, date: undefined });
    const info: SesSealInfoFields = {
      header: { id: 'ES', version: 1, vid: 'vendor' },
      esId: 'v1seal',
      property: {
        type: 1,
        name: 'v1 测试章',
        certListType: undefined,
        certList: { kind: 'certificates', certificates: [holderCert] },
        createDate: utc('250101000000Z'),
        validStart: utc('250101000000Z'),
        validEnd: utc('270101000000Z'),
      },
      picture: { type: 'PNG', data: PNG, width: 33, height: 33 },
      extDatas: [{ extnId: '1.3.6.1.4.1.54706.1', critical: true, value: new TextEncoder().encode('v') }],
    };
    const unsigned = decodeSeal(
      encodeSeal({
        version: 1,
        sealInfo: info,
        makerCertificate: makerCert,
        signatureAlgorithm: SM3_WITH_SM2,
        signature: new Uint8Array([0x30, 0]),
      }),
    );
    const v1Seal = decodeSeal(
      encodeSeal({ ...unsigned, signature: sm2Sign(maker.privateKey, unsigned.makerSignedBytes) }),
    );
    expect(v1Seal.version).toBe(1);
    expect(v1Seal.sealInfo.property.certListType).toBeUndefined();
    expect(v1Seal.sealInfo.property.validEnd.date?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(v1Seal.sealInfo.extDatas).toEqual(info.extDatas);
    expect(outcome(verifySeal(v1Seal, { at: T_SIGN }))).toEqual({
      'seal.header': 'VALID:SES_HEADER_OK',
      'seal.makerCertificate': 'VALID:SES_CERT_OK',
      'seal.makerSignature': 'VALID:SES_SIGNATURE_OK',
      'seal.validity': 'VALID:SES_SEAL_VALID_AT_TIME',
    });
    // The same signature over DER(SES_SealInfo) alone (the v4 rule) would not verify.
    expect(
      statusOf(
        verifySeal({ ...v1Seal, makerSignedBytes: v1Seal.sealInfo.der }, { at: T_SIGN }),
        'seal.makerSignature',
      ),
    ).toBe('INVALID:SES_SIGNATURE_MISMATCH');

    const tbs = {
      version: 1,
      seal: v1Seal,
      timeInfo: { form: 'BitString' as const, text: '2025-06-01T08:00:00.000Z', date: undefined },
      dataHash: sm3(XML),
      propertyInfo: '/Doc_0/Signs/Sign_0/Signature.xml',
      certificate: holderCert,
      signatureAlgorithm: SM3_WITH_SM2,
    };
    const tbsDer = encodeTbsSign(tbs, 1);
    const v1Sig = decodeSesSignature(
      encodeSesSignature({
        version: 1,
        tbs,
        signerCertificate: holderCert,
        signatureAlgorithm: SM3_WITH_SM2,
        signature: sm2Sign(holder.privateKey, tbsDer),
      }),
    );
    expect(v1Sig.version).toBe(1);
    expect(v1Sig.tbs.der).toEqual(tbsDer);
    expect(v1Sig.tbs.timeInfo.date?.toISOString()).toBe('2025-06-01T08:00:00.000Z');
    expect(v1Sig.signerCertificate).toEqual(holderCert);
    const checks = verifySesSignature(v1Sig, { dataHash: sm3(XML) });
    expect(sesVerdict(checks)).toBe('VALID');
    expect(checks).toHaveLength(10);
    expect(encodeSesSignature(v1Sig)).toEqual(v1Sig.der);
  });

  test.each<SesTagging>(['explicit', 'implicit', 'untagged'])(
    'v4 extDatas and timeStamp written %s decode to the same fields and re-encode exactly',
    (tagging) => {
      const extDatas = [
        { extnId: '1.2.156.10197.6.7.2.2.1', critical: false, value: new TextEncoder().encode('2.1') },
        { extnId: '1.2.3.4', critical: undefined, value: new Uint8Array([1, 2]) },
      ];
      const tbs = { ...signature.tbs, extDatas, extDatasTagging: tagging };
      const tbsDer = encodeTbsSign(tbs, 4);
      const token = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]);
      const der = encodeSesSignature({
        ...signature,
        tbs,
        signature: sm2Sign(holder.privateKey, tbsDer),
        timeStamp: token,
        timeStampTagging: tagging,
      });
      const decoded = decodeSesSignature(der);
      expect(decoded.tbs.extDatas).toEqual(extDatas);
      expect(decoded.tbs.extDatasTagging).toBe(tagging);
      expect(decoded.timeStamp).toEqual(token);
      expect(decoded.timeStampTagging).toBe(tagging);
      expect(encodeSesSignature(decoded)).toEqual(der);
      const checks = verifySesSignature(decoded);
      expect(statusOf(checks, 'signature.signerSignature')).toBe('VALID:SES_SIGNATURE_OK');
      expect(statusOf(checks, 'signature.timeStamp')).toBe('SKIPPED:SES_TIMESTAMP_NOT_VERIFIED');
    },
  );

  test('an unsupported signature algorithm and a wrong header are reported', () => {
    const altered = decodeSeal(
      encodeSeal({
        ...seal,
        sealInfo: { ...seal.sealInfo, header: { id: 'EX', version: 4, vid: 'x' } },
        signatureAlgorithm: '1.2.840.10045.4.3.2',
      }),
    );
    const checks = verifySeal(altered, { at: T_SIGN });
    expect(statusOf(checks, 'seal.header')).toBe('INVALID:SES_HEADER_BAD_ID');
    expect(statusOf(checks, 'seal.makerSignature')).toBe('INVALID:SES_SIGNATURE_ALGORITHM_UNSUPPORTED');
    const v3 = decodeSeal(
      encodeSeal({ ...seal, sealInfo: { ...seal.sealInfo, header: { id: 'ES', version: 3, vid: 'x' } } }),
    );
    expect(statusOf(verifySeal(v3, { at: T_SIGN }), 'seal.header')).toBe('INVALID:SES_HEADER_BAD_VERSION');
  });

  test('an unreadable maker certificate gives ERROR and a SKIPPED signature check', () => {
    const broken = decodeSeal(
      encodeSeal({ ...seal, makerCertificate: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]) }),
    );
    const checks = verifySeal(broken, { at: T_SIGN });
    expect(statusOf(checks, 'seal.makerCertificate')).toBe('ERROR:SES_CERT_MALFORMED');
    expect(statusOf(checks, 'seal.makerSignature')).toBe('SKIPPED:SES_SIGNATURE_NO_KEY');
    expect(sesVerdict(checks)).toBe('ERROR');
  });
});

describe('describeSes on created structures', () => {
  test('auto-detects seal and signature and is JSON-safe', () => {
    const s = describeSes(seal.der);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(s).toMatchObject({
      kind: 'seal',
      version: 4,
      esId: '44030000000001',
      property: {
        type: 1,
        certListType: 1,
        validStart: { form: 'GeneralizedTime', text: '20250101000000Z', iso: '2025-01-01T00:00:00.000Z' },
        certList: { kind: 'certificates', certificates: [{ subjectCn: '某市市场监督管理局' }] },
      },
      picture: {
        type: 'png',
        width: 40,
        height: 40,
        size: PNG.length,
        base64: Buffer.from(PNG).toString('base64'),
      },
      makerCertificate: { subjectCn: 'seal maker', issuerCn: 'zhengyin test CA', serialNumber: '01' },
      signature: Buffer.from(seal.signature).toString('hex'),
      extDatas: null,
    });
    const sig = describeSes(signature.der);
    expect(sig).toMatchObject({
      kind: 'signature',
      version: 4,
      tbs: { dataHash: Buffer.from(sm3(XML)).toString('hex'), timeInfo: { iso: T_SIGN.toISOString() } },
      timeStamp: null,
    });
    expect((sig.tbs as { seal: unknown }).seal).toEqual(s);
  });

  test('a certificate or other DER is neither seal nor signature', () => {
    expect(() => describeSes(holderCert)).toThrow(GmError);
    try {
      describeSes(holderCert);
    } catch (e) {
      expect((e as GmError).code).toMatch(/^GM_SES_(UNKNOWN_STRUCTURE|MALFORMED)$/);
    }
    expect(() => describeSes(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow(
      expect.objectContaining({ code: 'GM_SES_UNKNOWN_STRUCTURE' }),
    );
  });
});
