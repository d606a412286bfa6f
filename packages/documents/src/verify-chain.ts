/**
 * What the PDF and OFD verifiers share about trust: parsing the caller's trust anchors (kept by
 * content, since callers pass the same roots for every document) and the CERTIFICATE_CHAIN check of
 * a signer certificate at a given time. Reason codes carry the format's prefix (PDF_…, OFD_…).
 */
import { GmError, parseCertificate, sm3Hex, validateCertificatePath } from '@zhengyin/gm';
import type { ParsedCertificate, PathProblem } from '@zhengyin/gm';
import { check, DocumentError, type Check } from './checks.js';

export type CodePrefix = 'PDF' | 'OFD';

const anchorCache = new Map<string, ParsedCertificate>();
const MAX_CACHED_ANCHORS = 256;

/** DER trust anchors → parsed certificates; a non-certificate throws `${prefix}_TRUST_ANCHOR_INVALID`. */
export function parseTrustAnchors(
  anchors: readonly Uint8Array[] | undefined,
  prefix: CodePrefix,
): ParsedCertificate[] | undefined {
  if (!anchors) return undefined;
  return anchors.map((der, index) => {
    const key = sm3Hex(der);
    const known = anchorCache.get(key);
    if (known) return known;
    try {
      const cert = parseCertificate(der);
      if (anchorCache.size >= MAX_CACHED_ANCHORS) anchorCache.clear();
      anchorCache.set(key, cert);
      return cert;
    } catch (error) {
      if (!(error instanceof GmError)) throw error;
      throw new DocumentError(
        `${prefix}_TRUST_ANCHOR_INVALID`,
        `trust anchor #${index} is not a certificate`,
        {
          index,
          cause: error.code,
        },
      );
    }
  });
}

/** Path problems that only mean "not trusted here", as opposed to a chain proven wrong. */
export const UNTRUSTED_PATH_PROBLEMS: ReadonlySet<string> = new Set(['UNTRUSTED_ROOT', 'ISSUER_NOT_FOUND']);

export interface ChainCheckInput {
  readonly prefix: CodePrefix;
  readonly certificate: ParsedCertificate | undefined;
  readonly intermediates: readonly ParsedCertificate[];
  readonly anchors: readonly ParsedCertificate[] | undefined;
  readonly time: Date | null;
  /** Where `time` comes from (timestamp, requested, claimed signing time, timeInfo …). */
  readonly source: string;
  /** Require the timeStamping extended key usage (TSA certificates). */
  readonly timeStamping?: boolean;
  /** Check name; default CERTIFICATE_CHAIN. */
  readonly name?: string;
}

/**
 * The certificate path at `time` to one of the anchors. No anchors: ERROR (trust undecided, never
 * VALID). Only "untrusted root / issuer not found": ERROR. Expired, not yet valid, revoked or any
 * other broken link: INVALID.
 */
export function certificateChainCheck(input: ChainCheckInput): Check {
  const { prefix, certificate: cert, anchors, time } = input;
  const name = input.name ?? 'CERTIFICATE_CHAIN';
  if (!cert) return check(name, 'ERROR', `${prefix}_SIGNER_CERTIFICATE_NOT_FOUND`, 'no signer certificate');
  if (!anchors || anchors.length === 0) {
    return check(
      name,
      'ERROR',
      `${prefix}_NO_TRUST_ANCHORS`,
      'no trust anchors given: trust cannot be decided',
    );
  }
  if (!time) {
    return check(name, 'ERROR', `${prefix}_VALIDATION_TIME_UNKNOWN`, 'no time to validate the chain at');
  }
  const result = validateCertificatePath({
    certificate: cert,
    intermediates: input.intermediates,
    trustAnchors: anchors,
    time,
    ...(input.timeStamping
      ? { purpose: { extendedKeyUsage: ['timeStamping'], requireExtendedKeyUsage: true } }
      : {}),
  });
  const details = {
    validatedAt: time.toISOString(),
    timeSource: input.source,
    path: result.path.map((c) => c.subject.text),
  };
  if (result.ok) {
    return check(name, 'VALID', `${prefix}_CHAIN_VALID`, 'the certificate chains to a trust anchor', details);
  }
  const problems = result.problems;
  const withProblems = { ...details, problems };
  const hard = problems.filter((p) => !UNTRUSTED_PATH_PROBLEMS.has(p.code));
  if (hard.length === 0) {
    return check(
      name,
      'ERROR',
      `${prefix}_CHAIN_NOT_TRUSTED`,
      'the certificate does not chain to a trust anchor',
      withProblems,
    );
  }
  const first = hard[0] as PathProblem;
  const at = time.toISOString();
  switch (first.code) {
    case 'CERT_EXPIRED':
      return check(
        name,
        'INVALID',
        `${prefix}_CERTIFICATE_EXPIRED`,
        `a certificate had expired at ${at}`,
        withProblems,
      );
    case 'CERT_NOT_YET_VALID':
      return check(
        name,
        'INVALID',
        `${prefix}_CERTIFICATE_NOT_YET_VALID`,
        `a certificate was not yet valid at ${at}`,
        withProblems,
      );
    case 'CERT_REVOKED':
      return check(
        name,
        'INVALID',
        `${prefix}_CERTIFICATE_REVOKED`,
        'a certificate is revoked',
        withProblems,
      );
    default:
      return check(
        name,
        'INVALID',
        `${prefix}_CHAIN_INVALID`,
        `the certificate chain is invalid (${first.code})`,
        withProblems,
      );
  }
}
