import { digest, digestByOid } from '../../algorithms/registry.js';
import type { DigestName } from '../../algorithms/registry.js';
import { bytesEqual } from '../asn1/der.js';
import { OID } from '../asn1/oids.js';
import type { ParsedCertificate } from '../x509/certificate.js';
import { namesMatch } from '../x509/name.js';
import { validateCertificatePath } from '../x509/validate-path.js';
import type { PathProblem, PathPurpose } from '../x509/validate-path.js';
import { essCertIdMatches } from './attributes.js';
import { cmsAlgorithmFor } from './cms-algorithms.js';
import type { ParsedSignedData, ParsedSignerInfo } from './signed-data.js';

export type CheckStatus = 'VALID' | 'INVALID' | 'ERROR' | 'SKIPPED';

export type CmsCheckName =
  | 'CONTENT_TYPE'
  | 'MESSAGE_DIGEST'
  | 'SIGNER_CERTIFICATE'
  | 'SIGNATURE'
  | 'SIGNING_CERTIFICATE'
  | 'SIGNING_TIME'
  | 'CERTIFICATE_CHAIN'
  | 'TIMESTAMP';

export interface CmsCheck {
  readonly name: CmsCheckName;
  readonly status: CheckStatus;
  /** Stable reason code for anything but VALID. */
  readonly code?: string;
  readonly message?: string;
  /** Path problems of CERTIFICATE_CHAIN, timestamp checks of TIMESTAMP. */
  readonly details?: Record<string, unknown>;
}

export interface ChainOptions {
  /** Trust anchors for the signer's certificate path; without them CERTIFICATE_CHAIN is SKIPPED. */
  readonly trustAnchors?: readonly ParsedCertificate[];
  /** Extra certificates to search for the signer and intermediates. */
  readonly certificates?: readonly ParsedCertificate[];
  readonly purpose?: PathPurpose;
}

export interface SignerVerification {
  readonly checks: CmsCheck[];
  readonly certificate?: ParsedCertificate;
  readonly digest?: DigestName;
}

const check = (name: CmsCheckName, status: CheckStatus, code?: string, message?: string): CmsCheck => ({
  name,
  status,
  ...(code ? { code } : {}),
  ...(message ? { message } : {}),
});

/** Certificates that match a SignerIdentifier. */
export function findSignerCertificate(
  signer: ParsedSignerInfo,
  pool: readonly ParsedCertificate[],
): ParsedCertificate | undefined {
  const sid = signer.sid;
  return pool.find((c) =>
    sid.type === 'issuerAndSerialNumber'
      ? c.serialHex === sid.serialHex && namesMatch(c.issuer, sid.issuer)
      : !!c.extensions.subjectKeyIdentifier &&
        bytesEqual(c.extensions.subjectKeyIdentifier, sid.keyIdentifier),
  );
}

/**
 * The signature-level checks of one SignerInfo: content type, message digest over `content`,
 * signer certificate, signature, ESS signing certificate, signing time.
 */
export function verifySignerInfo(
  sd: ParsedSignedData,
  signer: ParsedSignerInfo,
  content: Uint8Array | undefined,
  extraCertificates: readonly ParsedCertificate[] = [],
): SignerVerification {
  const checks: CmsCheck[] = [];
  const hasAttrs = !!signer.signedAttributesDer;
  const digestName = digestByOid(signer.digestAlgorithm.oid);

  if (!hasAttrs) checks.push(check('CONTENT_TYPE', 'SKIPPED', 'NO_SIGNED_ATTRIBUTES'));
  else if (!signer.contentType) checks.push(check('CONTENT_TYPE', 'INVALID', 'CONTENT_TYPE_MISSING'));
  else if (signer.contentType !== sd.eContentType) {
    checks.push(
      check('CONTENT_TYPE', 'INVALID', 'CONTENT_TYPE_MISMATCH', `${signer.contentType} ≠ ${sd.eContentType}`),
    );
  } else checks.push(check('CONTENT_TYPE', 'VALID'));

  if (!content)
    checks.push(
      check('MESSAGE_DIGEST', 'ERROR', 'CONTENT_MISSING', 'detached signature and no content given'),
    );
  else if (!digestName)
    checks.push(check('MESSAGE_DIGEST', 'ERROR', 'DIGEST_ALGORITHM_UNSUPPORTED', signer.digestAlgorithm.oid));
  else if (!hasAttrs) checks.push(check('MESSAGE_DIGEST', 'SKIPPED', 'NO_SIGNED_ATTRIBUTES'));
  else if (!signer.messageDigest) checks.push(check('MESSAGE_DIGEST', 'INVALID', 'MESSAGE_DIGEST_MISSING'));
  else if (!bytesEqual(digest(digestName, content), signer.messageDigest)) {
    checks.push(check('MESSAGE_DIGEST', 'INVALID', 'MESSAGE_DIGEST_MISMATCH'));
  } else checks.push(check('MESSAGE_DIGEST', 'VALID'));

  const certificate = findSignerCertificate(signer, [...sd.certificates, ...extraCertificates]);
  if (!certificate) {
    checks.push(check('SIGNER_CERTIFICATE', 'ERROR', 'SIGNER_CERTIFICATE_NOT_FOUND'));
    checks.push(check('SIGNATURE', 'SKIPPED', 'SIGNER_CERTIFICATE_NOT_FOUND'));
    checks.push(check('SIGNING_CERTIFICATE', 'SKIPPED', 'SIGNER_CERTIFICATE_NOT_FOUND'));
  } else {
    checks.push(check('SIGNER_CERTIFICATE', 'VALID'));
    const algorithm = cmsAlgorithmFor(
      certificate.publicKey,
      signer.signatureAlgorithm,
      signer.digestAlgorithm,
    );
    const signed = hasAttrs ? signer.signedAttributesDer : content;
    if (typeof algorithm === 'string')
      checks.push(check('SIGNATURE', 'ERROR', algorithm, signer.signatureAlgorithm.oid));
    else if (!signed) checks.push(check('SIGNATURE', 'ERROR', 'CONTENT_MISSING'));
    else if (!algorithm.verify(certificate.publicKey.spki, signed, signer.signature)) {
      checks.push(check('SIGNATURE', 'INVALID', 'SIGNATURE_INVALID'));
    } else checks.push(check('SIGNATURE', 'VALID'));

    const ess = signer.signingCertificate;
    if (!ess) checks.push(check('SIGNING_CERTIFICATE', 'SKIPPED', 'SIGNING_CERTIFICATE_ABSENT'));
    else {
      const first = ess.certs[0];
      const match = first ? essCertIdMatches(first, certificate) : false;
      if (match === 'UNSUPPORTED_HASH')
        checks.push(check('SIGNING_CERTIFICATE', 'ERROR', 'DIGEST_ALGORITHM_UNSUPPORTED'));
      else if (!match) checks.push(check('SIGNING_CERTIFICATE', 'INVALID', 'SIGNING_CERTIFICATE_MISMATCH'));
      else checks.push(check('SIGNING_CERTIFICATE', 'VALID'));
    }
  }

  const time = signer.signingTime;
  const timeAttr = signer.signedAttributes.find((a) => a.oid === OID.signingTimeAttr);
  if (!timeAttr) checks.push(check('SIGNING_TIME', 'SKIPPED', 'SIGNING_TIME_ABSENT'));
  else if (!time) checks.push(check('SIGNING_TIME', 'INVALID', 'SIGNING_TIME_MALFORMED'));
  else if (certificate && (time < certificate.notBefore || time > certificate.notAfter)) {
    checks.push(
      check('SIGNING_TIME', 'INVALID', 'SIGNING_TIME_OUTSIDE_CERTIFICATE_VALIDITY', time.toISOString()),
    );
  } else checks.push(check('SIGNING_TIME', 'VALID'));

  return { checks, ...(certificate ? { certificate } : {}), ...(digestName ? { digest: digestName } : {}) };
}

/** CERTIFICATE_CHAIN check of a signer certificate at `time`. */
export function chainCheck(
  certificate: ParsedCertificate | undefined,
  sd: ParsedSignedData,
  options: ChainOptions,
  time: Date | undefined,
): CmsCheck {
  if (!options.trustAnchors) return check('CERTIFICATE_CHAIN', 'SKIPPED', 'NO_TRUST_ANCHORS');
  if (!certificate) return check('CERTIFICATE_CHAIN', 'SKIPPED', 'SIGNER_CERTIFICATE_NOT_FOUND');
  if (!time) return check('CERTIFICATE_CHAIN', 'ERROR', 'VALIDATION_TIME_UNKNOWN');
  const result = validateCertificatePath({
    certificate,
    intermediates: [...sd.certificates, ...(options.certificates ?? [])],
    trustAnchors: options.trustAnchors,
    time,
    ...(options.purpose ? { purpose: options.purpose } : {}),
  });
  if (result.ok)
    return { name: 'CERTIFICATE_CHAIN', status: 'VALID', details: { validatedAt: time.toISOString() } };
  const problems: PathProblem[] = [...result.problems];
  return {
    name: 'CERTIFICATE_CHAIN',
    status: 'INVALID',
    code: problems[0]?.code ?? 'PATH_INVALID',
    details: { problems, validatedAt: time.toISOString() },
  };
}
