import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as asn1js from 'asn1js';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import * as pkijs from 'pkijs';
import { describe, expect, test } from 'vitest';
import { GmError } from '../errors.js';
import { readSesCertInfo } from './cert-info.js';
import { sesVerdict } from './checks.js';
import { decodeSeal, encodeSeal } from './seal-codec.js';
import { verifySeal } from './verify.js';

const FIXTURES = new URL('../../../../../shared/fixtures/ofd/', import.meta.url);
const SEAL = decodeSeal(
  unzipSync(new Uint8Array(readFileSync(new URL('V4RideRight.ofd', FIXTURES))))[
    'Doc_0/Signs/Sign_0/Seal.esl'
  ]!,
);

/** A P-256 certificate (signature bytes are filler: only the fields are read here). */
function p256Certificate(): Uint8Array {
  const spki = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({
    type: 'spki',
    format: 'der',
  });
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: Uint8Array.of(0x0a, 0xbc) });
  const name = new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({
        type: '2.5.4.3',
        value: new asn1js.PrintableString({ value: 'p256' }),
      }),
    ],
  });
  cert.issuer = name;
  cert.subject = name;
  cert.notBefore = new pkijs.Time({ type: 1, value: new Date('2051-01-01T00:00:00Z') });
  cert.notAfter = new pkijs.Time({ type: 1, value: new Date('2052-01-01T00:00:00Z') });
  cert.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(new Uint8Array(spki));
  cert.signature = new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.10045.4.3.2' });
  cert.signatureAlgorithm = cert.signature;
  cert.signatureValue = new asn1js.BitString({ valueHex: new Uint8Array(8) });
  return new Uint8Array(cert.toSchema(true).toBER());
}

describe('readSesCertInfo', () => {
  test('reads subject, issuer, serial, validity and the SM2 point of a real seal certificate', () => {
    const info = readSesCertInfo(SEAL.makerCertificate);
    expect(info.subjectCn).toBe('Test Certificate');
    expect(info.issuerCn).toBe('OFD Reader and WriterROOT Certificate');
    expect(info.serialNumber).toBe('01719d2e201d');
    expect(info.notBefore.toISOString()).toBe('2020-04-21T14:39:38.000Z');
    expect(info.notAfter.toISOString()).toBe('2022-04-21T14:39:38.000Z');
    expect(info.publicKeyAlgorithm).toBe('1.2.840.10045.2.1');
    expect(info.publicKeyCurve).toBe('1.2.156.10197.1.301');
    expect(Buffer.from(info.sm2PublicKey!).toString('hex')).toBe(
      '047e580cf8c4b5d80623e49a392cf4730ba2cc463bbe19e4c9e38f412d55fcd11e29f4b9a9dd31db5fbb059ad2ceed53554255daaed939b7e4e8ac08a20f659cc3',
    );
  });

  test('a P-256 key is not taken for SM2; GeneralizedTime validity is read', () => {
    const info = readSesCertInfo(p256Certificate());
    expect(info.publicKeyCurve).toBe('1.2.840.10045.3.1.7');
    expect(info.sm2PublicKey).toBeUndefined();
    expect(info.subjectCn).toBe('p256');
    expect(info.serialNumber).toBe('0abc');
    expect(info.notBefore.toISOString()).toBe('2051-01-01T00:00:00.000Z');
  });

  test('a seal whose maker certificate has no SM2 key: ERROR, and the signature is SKIPPED', () => {
    const swapped = decodeSeal(encodeSeal({ ...SEAL, makerCertificate: p256Certificate() }));
    const checks = verifySeal(swapped, { at: new Date('2021-01-01T00:00:00Z') });
    expect(checks.find((c) => c.name === 'seal.makerCertificate')).toMatchObject({
      status: 'ERROR',
      code: 'SES_CERT_KEY_NOT_SM2',
    });
    expect(checks.find((c) => c.name === 'seal.makerSignature')).toMatchObject({
      status: 'SKIPPED',
      code: 'SES_SIGNATURE_NO_KEY',
    });
    expect(sesVerdict(checks)).toBe('ERROR');
  });

  test('garbage, truncated and empty input give GM_SES_CERT_MALFORMED', () => {
    const cert = SEAL.makerCertificate;
    for (const bad of [
      new Uint8Array(0),
      Uint8Array.of(0x30, 0x00),
      cert.subarray(0, cert.length - 10),
      Uint8Array.of(0x04, 0x00),
    ]) {
      expect(() => readSesCertInfo(bad)).toThrow(expect.objectContaining({ code: 'GM_SES_CERT_MALFORMED' }));
    }
    const big = new Uint8Array(1024 * 1024 + 1);
    big[0] = 0x30;
    expect(() => readSesCertInfo(big)).toThrow(expect.objectContaining({ code: 'GM_SES_CERT_MALFORMED' }));
  });

  test('property: random and mutated bytes give a result or GM_SES_CERT_MALFORMED, nothing else', () => {
    const cert = SEAL.makerCertificate;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map((b) => Uint8Array.of(0x30, ...b)),
          fc.tuple(fc.nat(cert.length - 1), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
            const copy = new Uint8Array(cert);
            copy[at] = copy[at]! ^ x;
            return copy;
          }),
        ),
        (bytes) => {
          try {
            const info = readSesCertInfo(bytes);
            expect(info.notBefore).toBeInstanceOf(Date);
          } catch (e) {
            expect(e).toBeInstanceOf(GmError);
            expect((e as GmError).code).toBe('GM_SES_CERT_MALFORMED');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
