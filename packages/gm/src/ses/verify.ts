import { createHash } from 'node:crypto';
import { GmError } from '../errors.js';
import { sm3 } from '../hash/sm3.js';
import { OID_SM3_WITH_SM2, sm2Verify, sm2VerifyDigest } from '../sm2/index.js';
import { readSesCertInfo, type SesCertInfo } from './cert-info.js';
import { check } from './checks.js';
import type { SesCheck, SesSeal, SesSignature } from './types.js';

export interface VerifySealOptions {
  /** Instant for the validity check; default now. */
  readonly at?: Date;
}

export interface VerifySesSignatureOptions {
  /** Expected dataHash (e.g. SM3 of Signature.xml); without it the check is SKIPPED. */
  readonly dataHash?: Uint8Array;
}

const iso = (d: Date): string => d.toISOString();
const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function certCheck(name: string, der: Uint8Array): { check: SesCheck; info?: SesCertInfo } {
  let info: SesCertInfo;
  try {
    info = readSesCertInfo(der);
  } catch (e) {
    const code = e instanceof GmError ? e.code : 'GM_SES_CERT_MALFORMED';
    return {
      check: check(name, 'ERROR', 'SES_CERT_MALFORMED', `certificate not readable: ${errorText(e)}`, {
        cause: code,
      }),
    };
  }
  const details = { subjectCn: info.subjectCn ?? '', serialNumber: info.serialNumber };
  if (!info.sm2PublicKey) {
    return {
      check: check(name, 'ERROR', 'SES_CERT_KEY_NOT_SM2', 'certificate key is not an SM2 point', details),
      info,
    };
  }
  return { check: check(name, 'VALID', 'SES_CERT_OK', `certificate ${info.subjectCn ?? ''}`, details), info };
}

/** SES signatures are DER SEQUENCE{r,s}; a bare 64-byte r‖s is read as raw. */
const encodingOf = (signature: Uint8Array): 'der' | 'raw' =>
  signature.length === 64 && !(signature[0] === 0x30 && signature[1] === 62) ? 'raw' : 'der';

function signatureCheck(
  name: string,
  algorithm: string,
  publicKey: Uint8Array | undefined,
  message: Uint8Array,
  signature: Uint8Array,
): SesCheck {
  if (algorithm !== OID_SM3_WITH_SM2) {
    return check(
      name,
      'INVALID',
      'SES_SIGNATURE_ALGORITHM_UNSUPPORTED',
      `algorithm ${algorithm} is not SM3withSM2`,
      {
        algorithm,
      },
    );
  }
  if (!publicKey)
    return check(name, 'SKIPPED', 'SES_SIGNATURE_NO_KEY', 'no usable SM2 key in the certificate');
  try {
    return sm2Verify(publicKey, message, signature, { encoding: encodingOf(signature) })
      ? check(name, 'VALID', 'SES_SIGNATURE_OK', 'SM2 signature verifies')
      : check(
          name,
          'INVALID',
          'SES_SIGNATURE_MISMATCH',
          'SM2 signature does not verify over the signed bytes',
        );
  } catch (e) {
    return check(name, 'ERROR', 'SES_SIGNATURE_ERROR', `SM2 verification failed: ${errorText(e)}`);
  }
}

function headerCheck(seal: SesSeal): SesCheck {
  const { id, version, vid } = seal.sealInfo.header;
  const details = { id, version, vid };
  if (id !== 'ES')
    return check('seal.header', 'INVALID', 'SES_HEADER_BAD_ID', `header id is "${id}", not "ES"`, details);
  const ok = seal.version === 4 ? version === 4 : version >= 1 && version <= 3;
  if (!ok) {
    return check(
      'seal.header',
      'INVALID',
      'SES_HEADER_BAD_VERSION',
      `header version ${version} in a v${seal.version} structure`,
      details,
    );
  }
  return check('seal.header', 'VALID', 'SES_HEADER_OK', `header ES v${version} (${vid})`, details);
}

function validityCheck(seal: SesSeal, at: Date | undefined, what: string): SesCheck {
  const name = 'seal.validity';
  const { validStart, validEnd } = seal.sealInfo.property;
  if (!validStart.date || !validEnd.date) {
    return check(name, 'ERROR', 'SES_TIME_UNPARSABLE', 'seal validity times are not readable', {
      validStart: validStart.text,
      validEnd: validEnd.text,
    });
  }
  if (!at) return check(name, 'ERROR', 'SES_TIME_UNPARSABLE', `${what} is not readable`);
  const details = { at: iso(at), validStart: iso(validStart.date), validEnd: iso(validEnd.date) };
  if (at < validStart.date) {
    return check(
      name,
      'INVALID',
      'SES_SEAL_NOT_YET_VALID',
      `${what} ${iso(at)} is before the seal's validStart`,
      details,
    );
  }
  if (at > validEnd.date) {
    return check(
      name,
      'INVALID',
      'SES_SEAL_EXPIRED',
      `${what} ${iso(at)} is after the seal's validEnd`,
      details,
    );
  }
  return check(name, 'VALID', 'SES_SEAL_VALID_AT_TIME', `seal valid at ${what} ${iso(at)}`, details);
}

function sealChecks(seal: SesSeal, at: Date | undefined, what: string): SesCheck[] {
  const maker = certCheck('seal.makerCertificate', seal.makerCertificate);
  return [
    headerCheck(seal),
    maker.check,
    signatureCheck(
      'seal.makerSignature',
      seal.signatureAlgorithm,
      maker.info?.sm2PublicKey,
      seal.makerSignedBytes,
      seal.signature,
    ),
    validityCheck(seal, at, what),
  ];
}

/**
 * Checks an SESeal: header, maker certificate, maker signature (v4 over DER(SES_SealInfo), v1 over
 * DER(SEQUENCE{sealInfo, cert, signatureAlgorithm})) and validity at `at` (default now). Chain
 * trust and revocation of the maker certificate are not SES checks and are not reported here.
 */
export function verifySeal(seal: SesSeal, options: VerifySealOptions = {}): SesCheck[] {
  return sealChecks(seal, options.at ?? new Date(), 'time');
}

const DIGESTS: Record<string, (data: Uint8Array) => Uint8Array> = {
  sm3: (d) => sm3(d),
  '1.2.156.10197.1.401': (d) => sm3(d),
  sha1: (d) => new Uint8Array(createHash('sha1').update(d).digest()),
  '1.3.14.3.2.26': (d) => new Uint8Array(createHash('sha1').update(d).digest()),
  sha256: (d) => new Uint8Array(createHash('sha256').update(d).digest()),
  '2.16.840.1.101.3.4.2.1': (d) => new Uint8Array(createHash('sha256').update(d).digest()),
};

/** Whether `certificate` is in the seal's list: byte-equal (type 1) or by digest (type 2). */
export function signerInCertList(seal: SesSeal, certificate: Uint8Array): SesCheck {
  const name = 'signature.signerInCertList';
  const { certList, certListType } = seal.sealInfo.property;
  if (certList.kind === 'unrecognised') {
    return check(
      name,
      'ERROR',
      'SES_CERT_LIST_MALFORMED',
      `seal certificate list unusable: ${certList.reason}`,
    );
  }
  const expected = certList.kind === 'certificates' ? 1 : 2;
  if (certListType !== undefined && certListType !== expected) {
    return check(
      name,
      'ERROR',
      'SES_CERT_LIST_MALFORMED',
      `certListType ${certListType} does not match the list`,
    );
  }
  if (certList.kind === 'certificates') {
    const index = certList.certificates.findIndex((c) => equalBytes(c, certificate));
    return index >= 0
      ? check(
          name,
          'VALID',
          'SES_SIGNER_IN_CERT_LIST',
          `signer certificate is entry ${index} of the seal's list`,
        )
      : check(
          name,
          'INVALID',
          'SES_SIGNER_NOT_IN_CERT_LIST',
          'signer certificate is not in the seal certificate list',
        );
  }
  let unsupported = '';
  for (const digest of certList.digests) {
    const fn = DIGESTS[digest.type.trim().toLowerCase().replace('-', '')];
    if (!fn) {
      unsupported = digest.type;
      continue;
    }
    if (equalBytes(fn(certificate), digest.value)) {
      return check(
        name,
        'VALID',
        'SES_SIGNER_IN_CERT_LIST',
        `signer certificate matches a ${digest.type} digest`,
      );
    }
  }
  return unsupported
    ? check(
        name,
        'ERROR',
        'SES_CERT_DIGEST_UNSUPPORTED',
        `no match; digest type "${unsupported}" is not supported`,
      )
    : check(
        name,
        'INVALID',
        'SES_SIGNER_NOT_IN_CERT_LIST',
        'signer certificate matches no digest in the seal',
      );
}

function certValidityCheck(info: SesCertInfo | undefined, at: Date | undefined): SesCheck {
  const name = 'signature.signerCertificateValidity';
  if (!info) return check(name, 'SKIPPED', 'SES_CERT_NOT_READABLE', 'signer certificate not readable');
  if (!at) return check(name, 'ERROR', 'SES_TIME_UNPARSABLE', 'timeInfo is not readable');
  const details = { at: iso(at), notBefore: iso(info.notBefore), notAfter: iso(info.notAfter) };
  if (at < info.notBefore) {
    return check(
      name,
      'INVALID',
      'SES_CERT_NOT_YET_VALID',
      'signer certificate not yet valid at timeInfo',
      details,
    );
  }
  if (at > info.notAfter) {
    return check(name, 'INVALID', 'SES_CERT_EXPIRED', 'signer certificate expired at timeInfo', details);
  }
  return check(name, 'VALID', 'SES_CERT_VALID_AT_TIME', 'signer certificate valid at timeInfo', details);
}

function tbsVersionCheck(sig: SesSignature): SesCheck {
  const v = sig.tbs.version;
  const ok = sig.version === 4 ? v === 4 : v >= 1 && v <= 3;
  return ok
    ? check('signature.tbsVersion', 'VALID', 'SES_TBS_VERSION_OK', `TBS_Sign version ${v}`)
    : check(
        'signature.tbsVersion',
        'INVALID',
        'SES_TBS_VERSION_MISMATCH',
        `TBS_Sign version ${v} in a v${sig.version} structure`,
      );
}

function signerSignatureCheck(sig: SesSignature, publicKey: Uint8Array | undefined): SesCheck {
  const result = signatureCheck(
    'signature.signerSignature',
    sig.signatureAlgorithm,
    publicKey,
    sig.tbs.der,
    sig.signature,
  );
  if (result.status !== 'INVALID' || sig.version !== 1 || !publicKey || sig.tbs.dataHash.length !== 32)
    return result;
  // A GM/T 0031 vendor variant signs dataHash itself as e (no Z, no TBS); say so, still INVALID.
  try {
    if (
      sm2VerifyDigest(publicKey, sig.tbs.dataHash, sig.signature, { encoding: encodingOf(sig.signature) })
    ) {
      return check(
        result.name,
        'INVALID',
        'SES_SIGNATURE_OVER_HASH_ONLY',
        'signature does not cover DER(TBS_Sign); it verifies only with dataHash used directly as e (non-standard)',
      );
    }
  } catch {
    // Keep the plain mismatch result.
  }
  return result;
}

function dataHashCheck(sig: SesSignature, expected: Uint8Array | undefined): SesCheck {
  const name = 'signature.dataHash';
  if (!expected) return check(name, 'SKIPPED', 'SES_DATA_HASH_NOT_PROVIDED', 'no expected dataHash given');
  return equalBytes(expected, sig.tbs.dataHash)
    ? check(name, 'VALID', 'SES_DATA_HASH_MATCH', 'dataHash equals the expected digest')
    : check(name, 'INVALID', 'SES_DATA_HASH_MISMATCH', 'dataHash differs from the expected digest');
}

/**
 * Checks an SES_Signature, in the order of GB/T 38540 verification: TBS version, signer
 * certificate, signer signature over the original DER(TBS_Sign), signer in the seal's list, signer
 * certificate validity at timeInfo, the embedded seal (header, maker certificate and signature,
 * validity at timeInfo), the time-stamp (reported, not verified) and the optional expected dataHash.
 */
export function verifySesSignature(sig: SesSignature, options: VerifySesSignatureOptions = {}): SesCheck[] {
  const signer = certCheck('signature.signerCertificate', sig.signerCertificate);
  const at = sig.tbs.timeInfo.date;
  const checks = [
    tbsVersionCheck(sig),
    signer.check,
    signerSignatureCheck(sig, signer.info?.sm2PublicKey),
    signerInCertList(sig.tbs.seal, sig.signerCertificate),
    certValidityCheck(signer.info, at),
    ...sealChecks(sig.tbs.seal, at, 'timeInfo'),
  ];
  if (sig.timeStamp !== undefined) {
    checks.push(
      check(
        'signature.timeStamp',
        'SKIPPED',
        'SES_TIMESTAMP_NOT_VERIFIED',
        'time-stamp present; not verified at the SES level',
      ),
    );
  }
  checks.push(dataHashCheck(sig, options.dataHash));
  return checks;
}
