/**
 * The SES checks of one OFD seal signature (GB/T 38540 §8; STANDARDS.md §12.5), as report checks:
 * DATA_HASH (TBS_Sign.dataHash = SM3 of Signature.xml), SIGNATURE (signer signature over the
 * original DER of TBS_Sign), SIGNER_CERTIFICATE (readable SM2 certificate, in the seal's list, may
 * sign), SIGNING_TIME (timeInfo inside the signer certificate's validity, not after the time-stamp),
 * TIMESTAMP (RFC 3161 over the signature value), CERTIFICATE_CHAIN (signer, to the trust anchors),
 * SEAL (header, maker signature — v4 and v1 rules —, validity at timeInfo), SEAL_FILE (Seal.esl is
 * the embedded seal) and SEAL_MAKER_CHAIN (the maker certificate, at the seal's createDate).
 * The SES steps themselves come from @zhengyin/gm; this module names them for the report.
 */
import {
  GmError,
  decodeSesSignature,
  parseCertificate,
  readSesCertInfo,
  sm3,
  sm3Hex,
  verifySesSignature,
  verifyTimestampToken,
} from '@zhengyin/gm';
import type { ParsedCertificate, SesCertInfo, SesCheck, SesSignature, TimestampCheck } from '@zhengyin/gm';
import { check, type Check } from '../checks.js';
import type { PdfSignatureReport } from '../pdf/types.js';
import { UNTRUSTED_PATH_PROBLEMS, certificateChainCheck } from '../verify-chain.js';

export interface SesInput {
  /** Package path of Signature.xml and its bytes. */
  readonly part: string;
  readonly signatureXml: Uint8Array;
  /** SignedValue.dat, or null when the part is missing. */
  readonly signedValue: Uint8Array | null;
  readonly signedValuePart: string;
  /** Seal.esl when Signature.xml names one: its bytes, or null when the part is missing. */
  readonly sealFile: { readonly part: string; readonly bytes: Uint8Array | null } | undefined;
  readonly anchors: readonly ParsedCertificate[] | undefined;
  readonly at: Date | undefined;
}

export interface SesResult {
  readonly checks: Check[];
  readonly sesVersion: 1 | 4 | null;
  readonly signer: PdfSignatureReport['signer'];
  /** 65-byte SM2 point of the signer (for the `.401.2` reference rule). */
  readonly signerPublicKey: Uint8Array | undefined;
  readonly seal: { readonly code: string; readonly sesSeal: Uint8Array } | null;
  readonly sealInfo?: {
    readonly esId: string;
    readonly name: string;
    readonly type: number;
    readonly validStart: Date | null;
    readonly validEnd: Date | null;
  };
  readonly signingTime: Date | null;
  readonly timestampTime: Date | null;
}

/** Tolerance between timeInfo and a later time-stamp's genTime. */
const CLOCK_SKEW_MS = 15 * 60_000;
const SIGNING_USAGES = new Set(['digitalSignature', 'nonRepudiation']);

const skipped = (names: readonly string[], code: string, message: string): Check[] =>
  names.map((n) => check(n, 'SKIPPED', code, message));

const AFTER_DECODE = [
  'DATA_HASH',
  'SIGNER_CERTIFICATE',
  'SIGNING_TIME',
  'TIMESTAMP',
  'CERTIFICATE_CHAIN',
  'SEAL',
  'SEAL_FILE',
  'SEAL_MAKER_CHAIN',
];

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Parsed certificates by content: a verifier meets the same seal and signer certificates in every
 * file of an issuer, and a full X.509 parse costs more than the rest of a signature's checks.
 */
const parsed = new Map<string, ParsedCertificate | null>();
const MAX_PARSED = 512;

function tryParse(der: Uint8Array): ParsedCertificate | undefined {
  const key = sm3Hex(der);
  const known = parsed.get(key);
  if (known !== undefined) return known ?? undefined;
  let cert: ParsedCertificate | null;
  try {
    cert = parseCertificate(der);
  } catch (e) {
    if (!(e instanceof GmError)) throw e;
    cert = null;
  }
  if (parsed.size >= MAX_PARSED) parsed.clear();
  parsed.set(key, cert);
  return cert ?? undefined;
}

function tryInfo(der: Uint8Array): SesCertInfo | undefined {
  try {
    return readSesCertInfo(der);
  } catch (e) {
    if (e instanceof GmError) return undefined;
    throw e;
  }
}

function signerOf(
  der: Uint8Array,
  cert: ParsedCertificate | undefined,
  info: SesCertInfo | undefined,
): PdfSignatureReport['signer'] {
  if (cert) {
    return {
      subject: cert.subject.text,
      issuer: cert.issuer.text,
      serialHex: cert.serialHex,
      notBefore: cert.notBefore,
      notAfter: cert.notAfter,
      keyUsage: cert.extensions.keyUsage?.usages ?? [],
      algorithm: 'SM2-SM3',
      certificate: der,
    };
  }
  if (!info) return null;
  return {
    subject: info.subjectCn !== undefined ? `CN=${info.subjectCn}` : '',
    issuer: info.issuerCn !== undefined ? `CN=${info.issuerCn}` : '',
    serialHex: info.serialNumber,
    notBefore: info.notBefore,
    notAfter: info.notAfter,
    keyUsage: [],
    algorithm: 'SM2-SM3',
    certificate: der,
  };
}

const by = (checks: readonly SesCheck[], name: string): SesCheck | undefined =>
  checks.find((c) => c.name === name);

function dataHashCheck(ses: SesCheck | undefined, sig: SesSignature, part: string): Check {
  const details = { propertyInfo: sig.tbs.propertyInfo, part };
  return ses?.status === 'VALID'
    ? check('DATA_HASH', 'VALID', 'OFD_DATA_HASH_MATCH', 'dataHash equals SM3 of Signature.xml', details)
    : check(
        'DATA_HASH',
        'INVALID',
        'OFD_DATA_HASH_MISMATCH',
        'Signature.xml was changed after signing: dataHash differs from its SM3 digest',
        details,
      );
}

function signatureCheck(checks: readonly SesCheck[], sig: SesSignature): Check {
  const name = 'SIGNATURE';
  const details = { sesVersion: sig.version, algorithm: sig.signatureAlgorithm };
  const version = by(checks, 'signature.tbsVersion');
  if (version?.status === 'INVALID') {
    return check(name, 'INVALID', 'OFD_TBS_VERSION_MISMATCH', version.message, details);
  }
  const ses = by(checks, 'signature.signerSignature');
  switch (ses?.code) {
    case 'SES_SIGNATURE_OK':
      return check(name, 'VALID', 'OFD_SIGNATURE_VALID', 'the SES signature verifies over TBS_Sign', details);
    case 'SES_SIGNATURE_OVER_HASH_ONLY':
      return check(
        name,
        'INVALID',
        'OFD_SIGNATURE_OVER_HASH_ONLY',
        'non-standard: the signature does not cover TBS_Sign; it verifies only with dataHash used directly as e',
        details,
      );
    case 'SES_SIGNATURE_MISMATCH':
      return check(name, 'INVALID', 'OFD_SIGNATURE_INVALID', 'the SES signature does not verify', details);
    case 'SES_SIGNATURE_ALGORITHM_UNSUPPORTED':
      return check(
        name,
        'ERROR',
        'OFD_SIGNATURE_ALGORITHM_UNSUPPORTED',
        `signature algorithm ${sig.signatureAlgorithm} is not SM3withSM2`,
        details,
      );
    default:
      return check(
        name,
        'ERROR',
        'OFD_SIGNATURE_NOT_VERIFIABLE',
        `the SES signature cannot be verified: ${ses?.message ?? 'no signer key'}`,
        details,
      );
  }
}

function signerCertificateCheck(
  checks: readonly SesCheck[],
  cert: ParsedCertificate | undefined,
  info: SesCertInfo | undefined,
): Check {
  const name = 'SIGNER_CERTIFICATE';
  const readable = by(checks, 'signature.signerCertificate');
  if (readable?.status !== 'VALID') {
    return check(
      name,
      'ERROR',
      readable?.code === 'SES_CERT_KEY_NOT_SM2'
        ? 'OFD_SIGNER_KEY_NOT_SM2'
        : 'OFD_SIGNER_CERTIFICATE_MALFORMED',
      `signer certificate unusable: ${readable?.message ?? 'missing'}`,
    );
  }
  const details = {
    subject: cert?.subject.text ?? `CN=${info?.subjectCn ?? ''}`,
    issuer: cert?.issuer.text ?? `CN=${info?.issuerCn ?? ''}`,
    serialHex: cert?.serialHex ?? info?.serialNumber ?? '',
    notBefore: (cert?.notBefore ?? info?.notBefore)?.toISOString() ?? null,
    notAfter: (cert?.notAfter ?? info?.notAfter)?.toISOString() ?? null,
  };
  const listed = by(checks, 'signature.signerInCertList');
  if (listed?.status === 'INVALID') {
    return check(
      name,
      'INVALID',
      'OFD_SIGNER_NOT_IN_SEAL',
      'the signer certificate is not in the seal',
      details,
    );
  }
  if (listed?.status === 'ERROR') {
    return check(
      name,
      'ERROR',
      listed.code === 'SES_CERT_LIST_MALFORMED'
        ? 'OFD_SEAL_CERT_LIST_MALFORMED'
        : 'OFD_CERT_DIGEST_UNSUPPORTED',
      `the seal's certificate list cannot be used: ${listed.message}`,
      details,
    );
  }
  const ku = cert?.extensions.keyUsage;
  if (ku && !ku.usages.some((u) => SIGNING_USAGES.has(u))) {
    return check(
      name,
      'INVALID',
      'OFD_KEY_USAGE_NOT_ALLOWED',
      'the key may not sign (no digitalSignature / nonRepudiation)',
      { ...details, keyUsage: ku.usages },
    );
  }
  return check(
    name,
    'VALID',
    'OFD_SIGNER_CERTIFICATE_OK',
    `signed by ${details.subject}, listed in the seal`,
    {
      ...details,
      keyUsage: ku?.usages ?? [],
    },
  );
}

function signingTimeCheck(checks: readonly SesCheck[], sig: SesSignature, timestampTime: Date | null): Check {
  const name = 'SIGNING_TIME';
  const time = sig.tbs.timeInfo;
  const details: Record<string, unknown> = { timeInfo: time.text, form: time.form };
  const validity = by(checks, 'signature.signerCertificateValidity');
  if (!time.date) {
    return check(
      name,
      'ERROR',
      'OFD_SIGNING_TIME_UNREADABLE',
      `timeInfo "${time.text}" is not readable`,
      details,
    );
  }
  details.time = time.date.toISOString();
  if (validity?.code === 'SES_CERT_EXPIRED') {
    return check(
      name,
      'INVALID',
      'OFD_CERTIFICATE_EXPIRED_AT_SIGNING',
      `the signer certificate had expired at timeInfo ${time.date.toISOString()}`,
      { ...details, ...validity.details },
    );
  }
  if (validity?.code === 'SES_CERT_NOT_YET_VALID') {
    return check(
      name,
      'INVALID',
      'OFD_CERTIFICATE_NOT_YET_VALID_AT_SIGNING',
      `the signer certificate was not yet valid at timeInfo ${time.date.toISOString()}`,
      { ...details, ...validity.details },
    );
  }
  if (validity?.status !== 'VALID') {
    return check(
      name,
      'ERROR',
      'OFD_SIGNING_TIME_UNVERIFIABLE',
      `the signer certificate's validity cannot be checked: ${validity?.message ?? ''}`,
      details,
    );
  }
  if (timestampTime && time.date.getTime() > timestampTime.getTime() + CLOCK_SKEW_MS) {
    return check(name, 'INVALID', 'OFD_SIGNING_TIME_AFTER_TIMESTAMP', 'timeInfo is after the time-stamp', {
      ...details,
      timestamp: timestampTime.toISOString(),
    });
  }
  return check(name, 'VALID', 'OFD_SIGNING_TIME_OK', `signed at ${time.date.toISOString()}`, details);
}

function timestampCheck(
  sig: SesSignature,
  anchors: readonly ParsedCertificate[] | undefined,
): { check: Check; time: Date | null } {
  const name = 'TIMESTAMP';
  if (sig.timeStamp === undefined) {
    return { check: check(name, 'SKIPPED', 'OFD_NO_TIMESTAMP', 'no SES time-stamp'), time: null };
  }
  let result;
  try {
    result = verifyTimestampToken({
      token: sig.timeStamp,
      data: sig.signature,
      ...(anchors && anchors.length > 0 ? { trustAnchors: anchors } : {}),
    });
  } catch (e) {
    if (!(e instanceof GmError)) throw e;
    return {
      check: check(name, 'INVALID', 'OFD_TIMESTAMP_MALFORMED', `the time-stamp is unreadable: ${e.message}`, {
        cause: e.code,
      }),
      time: null,
    };
  }
  const genTime = result.tstInfo.genTime;
  const failed = result.checks.filter((c) => c.status === 'INVALID' || c.status === 'ERROR');
  const details = { genTime: genTime.toISOString(), checks: result.checks as readonly TimestampCheck[] };
  if (failed.length === 0) {
    const trusted = result.checks.some((c) => c.name === 'CERTIFICATE_CHAIN' && c.status === 'VALID');
    return trusted
      ? {
          check: check(
            name,
            'VALID',
            'OFD_TIMESTAMP_VALID',
            `time-stamped at ${genTime.toISOString()}`,
            details,
          ),
          time: genTime,
        }
      : {
          check: check(
            name,
            'ERROR',
            'OFD_TIMESTAMP_NOT_TRUSTED',
            'the time-stamp authority is not trusted',
            details,
          ),
          time: null,
        };
  }
  const onlyTrust = failed.every(
    (c) =>
      c.name === 'CERTIFICATE_CHAIN' &&
      ((c.details?.problems ?? []) as readonly { code: string }[]).every((p) =>
        UNTRUSTED_PATH_PROBLEMS.has(p.code),
      ),
  );
  return onlyTrust
    ? {
        check: check(
          name,
          'ERROR',
          'OFD_TIMESTAMP_NOT_TRUSTED',
          'the time-stamp authority is not trusted',
          details,
        ),
        time: null,
      }
    : {
        check: check(
          name,
          'INVALID',
          'OFD_TIMESTAMP_INVALID',
          `the time-stamp does not verify over the signature value (${failed[0]?.code ?? failed[0]?.name ?? ''})`,
          details,
        ),
        time: null,
      };
}

function sealCheck(checks: readonly SesCheck[], sig: SesSignature): Check {
  const seal = sig.tbs.seal;
  const property = seal.sealInfo.property;
  const details: Record<string, unknown> = {
    esId: seal.sealInfo.esId,
    name: property.name,
    type: property.type,
    sesVersion: seal.version,
    vid: seal.sealInfo.header.vid,
    validStart: property.validStart.date?.toISOString() ?? property.validStart.text,
    validEnd: property.validEnd.date?.toISOString() ?? property.validEnd.text,
    sealChecks: checks.filter((c) => c.name.startsWith('seal.')),
  };
  const header = by(checks, 'seal.header');
  const maker = by(checks, 'seal.makerSignature');
  const validity = by(checks, 'seal.validity');
  if (header?.status === 'INVALID') {
    return check(
      'SEAL',
      'INVALID',
      'OFD_SEAL_HEADER_INVALID',
      `the seal header is invalid: ${header.message}`,
      details,
    );
  }
  if (maker?.status === 'INVALID' && maker.code !== 'SES_SIGNATURE_ALGORITHM_UNSUPPORTED') {
    return check(
      'SEAL',
      'INVALID',
      'OFD_SEAL_SIGNATURE_INVALID',
      "the seal maker's signature does not verify",
      details,
    );
  }
  if (validity?.code === 'SES_SEAL_EXPIRED') {
    return check(
      'SEAL',
      'INVALID',
      'OFD_SEAL_EXPIRED_AT_SIGNING',
      'the seal had expired at timeInfo',
      details,
    );
  }
  if (validity?.code === 'SES_SEAL_NOT_YET_VALID') {
    return check(
      'SEAL',
      'INVALID',
      'OFD_SEAL_NOT_YET_VALID_AT_SIGNING',
      'the seal was not yet valid at timeInfo',
      details,
    );
  }
  const undecided = [header, by(checks, 'seal.makerCertificate'), maker, validity].find(
    (c) => c === undefined || c.status !== 'VALID',
  );
  if (undecided) {
    return check(
      'SEAL',
      'ERROR',
      'OFD_SEAL_UNVERIFIABLE',
      `the seal cannot be verified: ${undecided?.message ?? 'incomplete checks'}`,
      details,
    );
  }
  const rule = seal.version === 4 ? 'DER(SES_SealInfo)' : 'DER(SEQUENCE{sealInfo, cert, signatureAlgorithm})';
  return check(
    'SEAL',
    'VALID',
    'OFD_SEAL_VALID',
    `seal ${property.name} (${seal.sealInfo.esId}), maker signature over ${rule}`,
    details,
  );
}

function sealFileCheck(sealFile: SesInput['sealFile'], sig: SesSignature): Check {
  const name = 'SEAL_FILE';
  if (!sealFile) return check(name, 'SKIPPED', 'OFD_SEAL_FILE_ABSENT', 'Signature.xml names no Seal.esl');
  if (!sealFile.bytes) {
    return check(name, 'INVALID', 'OFD_SEAL_FILE_MISSING', `${sealFile.part} is named but missing`, {
      part: sealFile.part,
    });
  }
  return equalBytes(sealFile.bytes, sig.tbs.seal.der)
    ? check(name, 'VALID', 'OFD_SEAL_FILE_MATCHES', 'Seal.esl is the seal embedded in the signature', {
        part: sealFile.part,
      })
    : check(
        name,
        'INVALID',
        'OFD_SEAL_FILE_MISMATCH',
        'Seal.esl differs from the seal embedded in the signature',
        {
          part: sealFile.part,
        },
      );
}

function listedCertificates(sig: SesSignature): ParsedCertificate[] {
  const list = sig.tbs.seal.sealInfo.property.certList;
  const ders = list.kind === 'certificates' ? list.certificates : [];
  return [...ders, sig.tbs.seal.makerCertificate].flatMap((d) => {
    const c = tryParse(d);
    return c ? [c] : [];
  });
}

function chainOf(
  name: string,
  der: Uint8Array,
  parsed: ParsedCertificate | undefined,
  intermediates: readonly ParsedCertificate[],
  anchors: readonly ParsedCertificate[] | undefined,
  time: Date | null,
  source: string,
): Check {
  if (!parsed) {
    return check(
      name,
      'ERROR',
      'OFD_CERTIFICATE_UNPARSABLE',
      'the certificate is not a well-formed X.509 certificate: its chain cannot be checked',
      {
        bytes: der.length,
      },
    );
  }
  return certificateChainCheck({
    prefix: 'OFD',
    name,
    certificate: parsed,
    intermediates,
    anchors,
    time,
    source,
  });
}

const emptyResult = (checks: Check[]): SesResult => ({
  checks,
  sesVersion: null,
  signer: null,
  signerPublicKey: undefined,
  seal: null,
  signingTime: null,
  timestampTime: null,
});

/** Every SES check of one signature, in report order (REFERENCES and STAMP_ANNOT come from elsewhere). */
export function verifySes(input: SesInput): SesResult {
  if (!input.signedValue) {
    return emptyResult([
      check('SIGNATURE', 'INVALID', 'OFD_SIGNED_VALUE_MISSING', `${input.signedValuePart} is missing`, {
        part: input.signedValuePart,
      }),
      ...skipped(AFTER_DECODE, 'OFD_SIGNED_VALUE_MISSING', 'no signature value'),
    ]);
  }
  let sig: SesSignature;
  try {
    sig = decodeSesSignature(input.signedValue);
  } catch (e) {
    if (!(e instanceof GmError)) throw e;
    return emptyResult([
      check(
        'SIGNATURE',
        'INVALID',
        'OFD_SIGNED_VALUE_MALFORMED',
        `SignedValue.dat is not an SES_Signature: ${e.message}`,
        { part: input.signedValuePart, cause: e.code },
      ),
      ...skipped(AFTER_DECODE, 'OFD_SIGNED_VALUE_MALFORMED', 'no readable signature'),
    ]);
  }
  const sesChecks = verifySesSignature(sig, { dataHash: sm3(input.signatureXml) });
  const signerInfo = tryInfo(sig.signerCertificate);
  const signerCert = tryParse(sig.signerCertificate);
  const makerCert = tryParse(sig.tbs.seal.makerCertificate);
  const intermediates = listedCertificates(sig);
  const ts = timestampCheck(sig, input.anchors);
  const timeInfo = sig.tbs.timeInfo.date ?? null;
  const chainTime = ts.time ?? input.at ?? timeInfo;
  const source = ts.time ? 'timestamp' : input.at ? 'requested' : 'timeInfo';
  const property = sig.tbs.seal.sealInfo.property;
  const makerTime = property.createDate.date ?? timeInfo;
  const checks: Check[] = [
    dataHashCheck(by(sesChecks, 'signature.dataHash'), sig, input.part),
    signatureCheck(sesChecks, sig),
    signerCertificateCheck(sesChecks, signerCert, signerInfo),
    signingTimeCheck(sesChecks, sig, ts.time),
    ts.check,
    chainOf(
      'CERTIFICATE_CHAIN',
      sig.signerCertificate,
      signerCert,
      intermediates,
      input.anchors,
      chainTime,
      source,
    ),
    sealCheck(sesChecks, sig),
    sealFileCheck(input.sealFile, sig),
    chainOf(
      'SEAL_MAKER_CHAIN',
      sig.tbs.seal.makerCertificate,
      makerCert,
      intermediates,
      input.anchors,
      makerTime,
      property.createDate.date ? 'seal createDate' : 'timeInfo',
    ),
  ];
  return {
    checks,
    sesVersion: sig.version,
    signer: signerOf(sig.signerCertificate, signerCert, signerInfo),
    signerPublicKey: signerInfo?.sm2PublicKey,
    seal: { code: sig.tbs.seal.sealInfo.esId, sesSeal: sig.tbs.seal.der },
    sealInfo: {
      esId: sig.tbs.seal.sealInfo.esId,
      name: property.name,
      type: property.type,
      validStart: property.validStart.date ?? null,
      validEnd: property.validEnd.date ?? null,
    },
    signingTime: timeInfo,
    timestampTime: ts.time,
  };
}
