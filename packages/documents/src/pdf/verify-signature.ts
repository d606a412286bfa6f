/**
 * The cryptographic checks of one PDF signature value: INTEGRITY (CMS messageDigest against the
 * signed byte ranges), SIGNATURE, SIGNER_CERTIFICATE (found, ESS signingCertificate, key usage),
 * SIGNING_TIME, TIMESTAMP (RFC 3161 over the signature value) and CERTIFICATE_CHAIN (at the
 * timestamp time, else the caller's time, else the claimed signing time). CMS and timestamps are
 * verified by @zhengyin/gm (SM2 with GM/T 0010 or RFC 5652 OIDs, ECDSA, RSA).
 */
import { createHash } from 'node:crypto';
import { GmError, parseSignedData, verifySignedData, verifyTimestampToken } from '@zhengyin/gm';
import type {
  CmsCheck,
  ParsedCertificate,
  ParsedSignedData,
  PathProblem,
  TimestampCheck,
} from '@zhengyin/gm';
import { check, type Check } from '../checks.js';
import { UNTRUSTED_PATH_PROBLEMS, certificateChainCheck } from '../verify-chain.js';
import { derLength } from './read-signatures.js';
import type { PdfSignatureReport } from './types.js';

export interface SignatureValueInput {
  /** The bytes covered by the byte ranges, concatenated; null when the byte range is unusable. */
  readonly content: Uint8Array | null;
  /** /Contents bytes (possibly zero-padded). */
  readonly contents: Uint8Array;
  readonly subFilter: string | null;
  readonly type: string | null;
  /** /M of the signature dictionary. */
  readonly m: Date | null;
  readonly trustAnchors: readonly ParsedCertificate[] | undefined;
  readonly at: Date | undefined;
}

export interface SignatureValueResult {
  readonly checks: Check[];
  readonly signer: PdfSignatureReport['signer'];
  readonly certificate: ParsedCertificate | undefined;
  readonly signingTime: Date | null;
  readonly timestampTime: Date | null;
  /** The time the chain was validated at (and the seal's validity is checked at). */
  readonly validationTime: Date | null;
}

/** The shape shared by the CMS and timestamp checks of @zhengyin/gm. */
interface GmCheck {
  readonly status: Check['status'];
  readonly code?: string;
  readonly details?: Record<string, unknown>;
}

const CMS_SUBFILTERS = new Set(['adbe.pkcs7.detached', 'ETSI.CAdES.detached']);
/** Tolerance between a claimed signing time and a later timestamp's genTime. */
const CLOCK_SKEW_MS = 15 * 60_000;

const DIGEST_NAMES: Record<string, string> = {
  '1.2.156.10197.1.401': 'SM3',
  '1.3.14.3.2.26': 'SHA1',
  '2.16.840.1.101.3.4.2.1': 'SHA256',
  '2.16.840.1.101.3.4.2.2': 'SHA384',
  '2.16.840.1.101.3.4.2.3': 'SHA512',
};

const KEY_NAMES: Record<string, string> = { SM2: 'SM2', RSA: 'RSA' };

function algorithmName(cert: ParsedCertificate, digestOid: string): string {
  const key =
    KEY_NAMES[cert.publicKey.algorithm] ??
    (cert.publicKey.algorithm.startsWith('EC') ? 'ECDSA' : cert.publicKey.algorithm);
  return `${key}-${DIGEST_NAMES[digestOid] ?? digestOid}`;
}

function signerOf(cert: ParsedCertificate | undefined, digestOid: string): PdfSignatureReport['signer'] {
  if (!cert) return null;
  return {
    subject: cert.subject.text,
    issuer: cert.issuer.text,
    serialHex: cert.serialHex,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    keyUsage: cert.extensions.keyUsage?.usages ?? [],
    algorithm: algorithmName(cert, digestOid),
    certificate: cert.der,
  };
}

/** The CMS bytes without the zero padding of the placeholder. */
function trimmed(contents: Uint8Array): Uint8Array {
  const n = derLength(contents);
  return n !== undefined && n <= contents.length ? contents.subarray(0, n) : contents;
}

const skipped = (names: readonly string[], code: string, message: string): Check[] =>
  names.map((n) => check(n, 'SKIPPED', code, message));

const AFTER_PARSE = ['INTEGRITY', 'SIGNER_CERTIFICATE', 'SIGNING_TIME', 'TIMESTAMP', 'CERTIFICATE_CHAIN'];

function empty(checks: Check[]): SignatureValueResult {
  return {
    checks,
    signer: null,
    certificate: undefined,
    signingTime: null,
    timestampTime: null,
    validationTime: null,
  };
}

/** Verifies the signature value of one signature dictionary. */
export function verifySignatureValue(input: SignatureValueInput): SignatureValueResult {
  if (input.type === 'DocTimeStamp' || input.subFilter === 'ETSI.RFC3161') return verifyDocTimestamp(input);
  if (
    input.subFilter !== null &&
    !CMS_SUBFILTERS.has(input.subFilter) &&
    input.subFilter !== 'adbe.pkcs7.sha1'
  ) {
    return empty([
      check(
        'SIGNATURE',
        'ERROR',
        'PDF_SUBFILTER_UNSUPPORTED',
        `SubFilter ${input.subFilter} is not supported`,
        {
          subFilter: input.subFilter,
        },
      ),
      ...skipped(AFTER_PARSE, 'PDF_SUBFILTER_UNSUPPORTED', 'not verified'),
    ]);
  }
  let sd: ParsedSignedData;
  try {
    sd = parseSignedData(trimmed(input.contents));
    if (sd.signerInfos.length === 0) throw new GmError('GM_CMS_NO_SIGNER', 'no SignerInfo');
  } catch (error) {
    if (!(error instanceof GmError)) throw error;
    return empty([
      check(
        'SIGNATURE',
        'INVALID',
        'PDF_CMS_MALFORMED',
        `/Contents is not a CMS SignedData: ${error.message}`,
        {
          cause: error.code,
        },
      ),
      ...skipped(AFTER_PARSE, 'PDF_CMS_MALFORMED', 'no readable signature'),
    ]);
  }
  const signerInfo = sd.signerInfos[0] as ParsedSignedData['signerInfos'][number];
  const sha1 = input.subFilter === 'adbe.pkcs7.sha1';
  // adbe.pkcs7.sha1 signs an encapsulated SHA-1 digest of the byte ranges.
  const content = sha1 ? sd.eContent : (input.content ?? undefined);
  const result = verifySignedData(sd, {
    ...(content ? { content } : {}),
    ...(input.trustAnchors ? { timestampTrustAnchors: input.trustAnchors } : {}),
  });
  const by = (name: CmsCheck['name']): CmsCheck | undefined => result.checks.find((c) => c.name === name);
  const certificate = result.signer.certificate;
  const checks: Check[] = [];

  checks.push(integrityCheck(by('MESSAGE_DIGEST'), by('SIGNATURE'), input, sha1 ? sd.eContent : undefined));
  checks.push(
    signatureCheck(
      by('SIGNATURE'),
      by('CONTENT_TYPE'),
      result.signer.signatureAlgorithm,
      sd,
      result.signerCount,
    ),
  );
  checks.push(signerCertificateCheck(certificate, by('SIGNING_CERTIFICATE')));

  const ts = by('TIMESTAMP');
  const timestampCheck = timestampOf(ts);
  const timestampTime =
    timestampCheck.status === 'VALID' && result.timestamp ? result.timestamp.genTime : null;
  const claimed = signerInfo.signingTime ?? input.m ?? null;
  checks.push(
    signingTimeCheck(
      by('SIGNING_TIME'),
      claimed,
      signerInfo.signingTime ? 'cms' : 'M',
      certificate,
      timestampTime,
    ),
  );
  checks.push(timestampCheck);

  const time = timestampTime ?? input.at ?? claimed;
  const source = timestampTime ? 'timestamp' : input.at ? 'requested' : 'claimed signing time';
  checks.push(chainCheck(certificate, sd.certificates, input.trustAnchors, time, source));
  return {
    checks,
    signer: signerOf(certificate, signerInfo.digestAlgorithm.oid),
    certificate,
    signingTime: claimed,
    timestampTime,
    validationTime: time,
  };
}

function integrityCheck(
  digest: GmCheck | undefined,
  signature: GmCheck | undefined,
  input: SignatureValueInput,
  sha1Content: Uint8Array | undefined,
): Check {
  const name = 'INTEGRITY';
  if (!input.content)
    return check(name, 'SKIPPED', 'PDF_BYTE_RANGE_UNUSABLE', 'the byte range cannot be read');
  if (sha1Content) {
    const actual = createHash('sha1').update(input.content).digest();
    if (!Buffer.from(sha1Content).equals(actual)) {
      return check(
        name,
        'INVALID',
        'PDF_DIGEST_MISMATCH',
        'the signed SHA-1 digest differs from the byte ranges',
      );
    }
  }
  switch (digest?.status) {
    case 'VALID':
      return check(
        name,
        'VALID',
        'PDF_DIGEST_MATCH',
        'the signed digest equals the digest of the byte ranges',
      );
    case 'INVALID':
      return digest.code === 'MESSAGE_DIGEST_MISSING'
        ? check(name, 'INVALID', 'PDF_DIGEST_MISSING', 'the CMS has no messageDigest attribute')
        : check(name, 'INVALID', 'PDF_DIGEST_MISMATCH', 'the document was changed: digest mismatch');
    case 'ERROR':
      return check(
        name,
        'ERROR',
        'PDF_DIGEST_ALGORITHM_UNSUPPORTED',
        `digest not computable: ${digest.code ?? ''}`,
      );
    default:
      // No signed attributes: the signature itself covers the content.
      return signature?.status === 'VALID'
        ? check(name, 'VALID', 'PDF_DIGEST_MATCH', 'the signature covers the byte ranges directly')
        : signature?.status === 'INVALID'
          ? check(
              name,
              'INVALID',
              'PDF_DIGEST_MISMATCH',
              'the signature does not verify over the byte ranges',
            )
          : check(name, 'ERROR', 'PDF_DIGEST_UNVERIFIABLE', 'integrity could not be checked');
  }
}

function signatureCheck(
  signature: GmCheck | undefined,
  contentType: GmCheck | undefined,
  algorithmOid: string,
  sd: ParsedSignedData,
  signerCount: number,
): Check {
  const name = 'SIGNATURE';
  const details = { algorithm: algorithmOid, profile: sd.profile, signerCount };
  if (contentType?.status === 'INVALID') {
    return check(
      name,
      'INVALID',
      'PDF_CMS_CONTENT_TYPE_MISMATCH',
      'the signed content type is wrong',
      details,
    );
  }
  switch (signature?.status) {
    case 'VALID':
      return check(name, 'VALID', 'PDF_SIGNATURE_VALID', 'the signature value verifies', details);
    case 'INVALID':
      return check(name, 'INVALID', 'PDF_SIGNATURE_INVALID', 'the signature value does not verify', details);
    case 'ERROR':
      return check(name, 'ERROR', 'PDF_SIGNATURE_ALGORITHM_UNSUPPORTED', 'unsupported signature algorithm', {
        ...details,
        cause: signature.code,
      });
    default:
      return check(
        name,
        'ERROR',
        'PDF_SIGNATURE_NOT_VERIFIABLE',
        'no signer certificate to verify with',
        details,
      );
  }
}

const SIGNING_USAGES = new Set(['digitalSignature', 'nonRepudiation']);

function signerCertificateCheck(cert: ParsedCertificate | undefined, ess: GmCheck | undefined): Check {
  const name = 'SIGNER_CERTIFICATE';
  if (!cert) {
    return check(
      name,
      'ERROR',
      'PDF_SIGNER_CERTIFICATE_NOT_FOUND',
      'the CMS does not contain the signer certificate',
    );
  }
  const details = {
    subject: cert.subject.text,
    issuer: cert.issuer.text,
    serialHex: cert.serialHex,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
  };
  if (ess?.status === 'INVALID') {
    return check(
      name,
      'INVALID',
      'PDF_SIGNING_CERTIFICATE_MISMATCH',
      'ESS signingCertificate names another certificate',
      details,
    );
  }
  if (ess?.status === 'ERROR') {
    return check(
      name,
      'ERROR',
      'PDF_SIGNING_CERTIFICATE_UNVERIFIABLE',
      'ESS signingCertificate cannot be checked',
      details,
    );
  }
  const ku = cert.extensions.keyUsage;
  if (ku && !ku.usages.some((u) => SIGNING_USAGES.has(u))) {
    return check(
      name,
      'INVALID',
      'PDF_KEY_USAGE_NOT_ALLOWED',
      'the key may not sign (no digitalSignature / nonRepudiation)',
      {
        ...details,
        keyUsage: ku.usages,
      },
    );
  }
  return check(name, 'VALID', 'PDF_SIGNER_CERTIFICATE_OK', `signed by ${cert.subject.text}`, {
    ...details,
    keyUsage: ku?.usages ?? [],
  });
}

function signingTimeCheck(
  attr: GmCheck | undefined,
  claimed: Date | null,
  source: 'cms' | 'M' | 'timestamp',
  cert: ParsedCertificate | undefined,
  timestampTime: Date | null,
): Check {
  const name = 'SIGNING_TIME';
  if (attr?.status === 'INVALID' && attr.code === 'SIGNING_TIME_MALFORMED') {
    return check(name, 'INVALID', 'PDF_SIGNING_TIME_MALFORMED', 'the signingTime attribute is unreadable');
  }
  if (!claimed) return check(name, 'SKIPPED', 'PDF_SIGNING_TIME_ABSENT', 'no claimed signing time');
  const details = { time: claimed.toISOString(), source };
  if (cert && (claimed < cert.notBefore || claimed > cert.notAfter)) {
    return check(
      name,
      'INVALID',
      'PDF_SIGNING_TIME_OUTSIDE_VALIDITY',
      'signed outside the certificate validity',
      {
        ...details,
        notBefore: cert.notBefore.toISOString(),
        notAfter: cert.notAfter.toISOString(),
      },
    );
  }
  if (timestampTime && claimed.getTime() > timestampTime.getTime() + CLOCK_SKEW_MS) {
    return check(
      name,
      'INVALID',
      'PDF_SIGNING_TIME_AFTER_TIMESTAMP',
      'the claimed signing time is after the timestamp',
      {
        ...details,
        timestamp: timestampTime.toISOString(),
      },
    );
  }
  return check(name, 'VALID', 'PDF_SIGNING_TIME_OK', `signed at ${claimed.toISOString()}`, details);
}

const UNTRUSTED = UNTRUSTED_PATH_PROBLEMS;

function timestampOf(ts: GmCheck | undefined): Check {
  const name = 'TIMESTAMP';
  if (!ts || ts.status === 'SKIPPED')
    return check(name, 'SKIPPED', 'PDF_NO_TIMESTAMP', 'no signature timestamp');
  if (ts.status === 'VALID') {
    const genTime = ts.details?.genTime;
    return check(name, 'VALID', 'PDF_TIMESTAMP_VALID', `timestamped at ${String(genTime)}`, { genTime });
  }
  if (ts.status === 'ERROR') {
    return check(name, 'INVALID', 'PDF_TIMESTAMP_MALFORMED', 'the timestamp token is unreadable', {
      cause: ts.code,
    });
  }
  const inner = (ts.details?.checks ?? []) as readonly TimestampCheck[];
  const failed = inner.filter((c) => c.status === 'INVALID' || c.status === 'ERROR');
  const onlyTrust =
    failed.length > 0 &&
    failed.every((c) => {
      if (c.name !== 'CERTIFICATE_CHAIN') return false;
      const problems = (c.details?.problems ?? []) as readonly PathProblem[];
      return problems.length > 0 && problems.every((p) => UNTRUSTED.has(p.code));
    });
  return onlyTrust
    ? check(name, 'ERROR', 'PDF_TIMESTAMP_NOT_TRUSTED', 'the timestamp authority is not trusted', {
        checks: inner,
      })
    : check(name, 'INVALID', 'PDF_TIMESTAMP_INVALID', `the timestamp does not verify (${ts.code ?? ''})`, {
        checks: inner,
      });
}

function chainCheck(
  cert: ParsedCertificate | undefined,
  intermediates: readonly ParsedCertificate[],
  anchors: readonly ParsedCertificate[] | undefined,
  time: Date | null,
  source: string,
  timeStamping = false,
): Check {
  return certificateChainCheck({
    prefix: 'PDF',
    certificate: cert,
    intermediates,
    anchors,
    time,
    source,
    timeStamping,
  });
}

/** A document timestamp (/Type /DocTimeStamp, SubFilter ETSI.RFC3161): the token covers the ranges. */
function verifyDocTimestamp(input: SignatureValueInput): SignatureValueResult {
  let result;
  try {
    result = verifyTimestampToken({
      token: trimmed(input.contents),
      ...(input.content ? { data: input.content } : {}),
    });
  } catch (error) {
    if (!(error instanceof GmError)) throw error;
    return empty([
      check(
        'SIGNATURE',
        'INVALID',
        'PDF_CMS_MALFORMED',
        `/Contents is not a timestamp token: ${error.message}`,
        {
          cause: error.code,
        },
      ),
      ...skipped(AFTER_PARSE, 'PDF_CMS_MALFORMED', 'no readable timestamp'),
    ]);
  }
  const by = (n: string): TimestampCheck | undefined => result.checks.find((c) => c.name === n);
  const checks: Check[] = [];
  const imprint = by('MESSAGE_IMPRINT');
  checks.push(
    !input.content
      ? check('INTEGRITY', 'SKIPPED', 'PDF_BYTE_RANGE_UNUSABLE', 'the byte range cannot be read')
      : imprint?.status === 'VALID'
        ? check(
            'INTEGRITY',
            'VALID',
            'PDF_DIGEST_MATCH',
            'the timestamped digest equals the digest of the byte ranges',
          )
        : imprint?.status === 'INVALID'
          ? check('INTEGRITY', 'INVALID', 'PDF_DIGEST_MISMATCH', 'the document was changed: digest mismatch')
          : check('INTEGRITY', 'ERROR', 'PDF_DIGEST_ALGORITHM_UNSUPPORTED', 'digest not computable'),
  );
  const sd = parseSignedData(trimmed(input.contents));
  const sig = by('SIGNATURE');
  const token = by('TOKEN');
  checks.push(
    token?.status === 'INVALID'
      ? check('SIGNATURE', 'INVALID', 'PDF_SIGNATURE_INVALID', 'the timestamp token has several signers')
      : signatureCheck(
          sig,
          by('CONTENT_TYPE'),
          sd.signerInfos[0]?.signatureAlgorithm.oid ?? '',
          sd,
          sd.signerInfos.length,
        ),
  );
  const cert = result.tsaCertificate;
  const tsa = by('TSA_CERTIFICATE');
  const signerCheck = signerCertificateCheck(cert, by('SIGNING_CERTIFICATE'));
  checks.push(
    signerCheck.status === 'VALID' && tsa?.status === 'INVALID'
      ? check(
          'SIGNER_CERTIFICATE',
          'INVALID',
          'PDF_KEY_USAGE_NOT_ALLOWED',
          'the TSA certificate lacks the timeStamping purpose',
        )
      : signerCheck,
  );
  const genTime = result.tstInfo.genTime;
  checks.push(
    check('SIGNING_TIME', 'VALID', 'PDF_SIGNING_TIME_OK', `timestamped at ${genTime.toISOString()}`, {
      time: genTime.toISOString(),
      source: 'timestamp',
    }),
  );
  checks.push(
    check('TIMESTAMP', 'VALID', 'PDF_DOCUMENT_TIMESTAMP', `document timestamp at ${genTime.toISOString()}`, {
      genTime: genTime.toISOString(),
    }),
  );
  checks.push(chainCheck(cert, sd.certificates, input.trustAnchors, genTime, 'timestamp', true));
  return {
    checks,
    signer: signerOf(cert, sd.signerInfos[0]?.digestAlgorithm.oid ?? ''),
    certificate: cert,
    signingTime: genTime,
    timestampTime: genTime,
    validationTime: genTime,
  };
}
