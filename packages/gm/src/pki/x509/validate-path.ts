import { signatureAlgorithmByOid } from '../../algorithms/registry.js';
import { bytesEqual } from '../asn1/der.js';
import type { ParsedCertificate } from './certificate.js';
import { checkRevocation, crlMatchesIssuerKey, verifyCrl } from './crl.js';
import type { ParsedCrl } from './crl.js';
import { ekuOid, UNDERSTOOD_EXTENSIONS } from './extensions.js';
import type { ExtendedKeyUsageInput, KeyUsageName } from './extensions.js';
import { namesMatch } from './name.js';

export type PathCheckName =
  | 'TRUST_ANCHOR'
  | 'NAME_CHAINING'
  | 'SIGNATURE'
  | 'VALIDITY'
  | 'BASIC_CONSTRAINTS'
  | 'PATH_LENGTH'
  | 'KEY_USAGE'
  | 'EXTENDED_KEY_USAGE'
  | 'CRITICAL_EXTENSIONS'
  | 'REVOCATION';

export type PathProblemCode =
  | 'ISSUER_NOT_FOUND'
  | 'UNTRUSTED_ROOT'
  | 'PATH_TOO_LONG'
  | 'NAME_CHAINING_FAILED'
  | 'SIGNATURE_INVALID'
  | 'SIGNATURE_ALGORITHM_UNSUPPORTED'
  | 'SIGNATURE_ALGORITHM_MISMATCH'
  | 'CERT_EXPIRED'
  | 'CERT_NOT_YET_VALID'
  | 'NOT_CA'
  | 'PATH_LENGTH_EXCEEDED'
  | 'KEY_USAGE_MISSING'
  | 'EXTENDED_KEY_USAGE_MISSING'
  | 'UNKNOWN_CRITICAL_EXTENSION'
  | 'CERT_REVOKED'
  | 'REVOCATION_UNKNOWN';

export interface PathCheck {
  readonly name: PathCheckName;
  /** Index in `path`: 0 is the end-entity certificate. */
  readonly certIndex: number;
  readonly status: 'VALID' | 'INVALID' | 'SKIPPED';
  readonly code?: PathProblemCode;
  readonly message?: string;
}

export interface PathProblem {
  readonly code: PathProblemCode;
  readonly certIndex: number;
  readonly message: string;
}

export interface PathValidationResult {
  readonly ok: boolean;
  /** The path that was built: end entity first, trust anchor (when reached) last. */
  readonly path: readonly ParsedCertificate[];
  readonly checks: readonly PathCheck[];
  /** The INVALID checks, for convenience. */
  readonly problems: readonly PathProblem[];
}

export interface PathPurpose {
  /** Key usages the end-entity certificate must allow (when it has a keyUsage extension). */
  readonly keyUsage?: readonly KeyUsageName[];
  /** Purposes the end-entity certificate (and any CA carrying the extension) must list. */
  readonly extendedKeyUsage?: readonly ExtendedKeyUsageInput[];
  /** Fail when the end-entity certificate has no extendedKeyUsage extension (RFC 3161 TSAs). */
  readonly requireExtendedKeyUsage?: boolean;
}

export interface ValidatePathInput {
  /** The end-entity certificate. */
  readonly certificate: ParsedCertificate;
  /** Candidate intermediate CA certificates, in any order. */
  readonly intermediates?: readonly ParsedCertificate[];
  readonly trustAnchors: readonly ParsedCertificate[];
  /** The time at which the path must be valid (always explicit). */
  readonly time: Date;
  readonly purpose?: PathPurpose;
  /** CRLs to consult; each certificate below the anchor is looked up in its issuer's CRL. */
  readonly crls?: readonly ParsedCrl[];
  /** With CRLs given: a certificate without a usable CRL is a problem (REVOCATION_UNKNOWN). */
  readonly requireRevocationInfo?: boolean;
  /** Longest path accepted, anchor included (default 10). */
  readonly maxPathLength?: number;
}

const ANY_EKU = '2.5.29.37.0';

const same = (a: ParsedCertificate, b: ParsedCertificate): boolean => bytesEqual(a.der, b.der);

function verifiesWith(cert: ParsedCertificate, issuer: ParsedCertificate): boolean {
  const algorithm = signatureAlgorithmByOid(cert.signatureAlgorithm.oid);
  return !!algorithm && algorithm.verify(issuer.publicKey.spki, cert.tbs, cert.signature);
}

function keyIdsCompatible(cert: ParsedCertificate, issuer: ParsedCertificate): boolean {
  const aki = cert.extensions.authorityKeyIdentifier?.keyIdentifier;
  const ski = issuer.extensions.subjectKeyIdentifier;
  return !aki || !ski || bytesEqual(aki, ski);
}

interface Built {
  readonly path: ParsedCertificate[];
  readonly anchored: boolean;
  readonly stop?: PathProblem;
}

function buildPath(input: ValidatePathInput): Built {
  const maxLength = input.maxPathLength ?? 10;
  const path: ParsedCertificate[] = [input.certificate];
  const pool = [...(input.intermediates ?? [])];
  for (;;) {
    const current = path[path.length - 1] as ParsedCertificate;
    const index = path.length - 1;
    if (input.trustAnchors.some((a) => same(a, current))) return { path, anchored: true };
    if (path.length >= maxLength) {
      return {
        path,
        anchored: false,
        stop: { code: 'PATH_TOO_LONG', certIndex: index, message: 'path too long' },
      };
    }
    const named = (c: ParsedCertificate) =>
      namesMatch(c.subject, current.issuer) && !path.some((p) => same(p, c));
    const anchors = input.trustAnchors.filter(named);
    const others = pool.filter(named);
    // Prefer a candidate whose key identifiers and signature fit; fall back to name only.
    const rank = (c: ParsedCertificate) =>
      (keyIdsCompatible(current, c) ? 2 : 0) + (verifiesWith(current, c) ? 4 : 0);
    const candidates = [
      ...anchors.map((c) => ({ c, r: rank(c) + 1 })),
      ...others.map((c) => ({ c, r: rank(c) })),
    ];
    candidates.sort((x, y) => y.r - x.r);
    const next = candidates[0]?.c;
    if (!next) {
      if (current.selfIssued && verifiesWith(current, current)) {
        return {
          path,
          anchored: false,
          stop: {
            code: 'UNTRUSTED_ROOT',
            certIndex: index,
            message: 'self-signed certificate is not a trust anchor',
          },
        };
      }
      return {
        path,
        anchored: false,
        stop: {
          code: 'ISSUER_NOT_FOUND',
          certIndex: index,
          message: `no certificate for issuer ${current.issuer.text}`,
        },
      };
    }
    path.push(next);
  }
}

/**
 * RFC 5280-style path validation at a given time. Builds the path by name (then key identifier
 * and signature), then reports every check for every certificate.
 */
export function validateCertificatePath(input: ValidatePathInput): PathValidationResult {
  const { path, anchored, stop } = buildPath(input);
  const checks: PathCheck[] = [];
  const add = (
    name: PathCheckName,
    certIndex: number,
    problem?: { code: PathProblemCode; message: string },
    skipped = false,
  ): void => {
    if (problem)
      checks.push({ name, certIndex, status: 'INVALID', code: problem.code, message: problem.message });
    else checks.push({ name, certIndex, status: skipped ? 'SKIPPED' : 'VALID' });
  };
  const last = path.length - 1;
  add(
    'TRUST_ANCHOR',
    last,
    anchored ? undefined : (stop ?? { code: 'ISSUER_NOT_FOUND', message: 'no trust anchor' }),
  );

  const { time } = input;
  path.forEach((cert, i) => {
    const issuer = path[i + 1];
    const isAnchor = anchored && i === last;
    if (issuer) {
      add(
        'NAME_CHAINING',
        i,
        namesMatch(cert.issuer, issuer.subject)
          ? undefined
          : { code: 'NAME_CHAINING_FAILED', message: 'issuer name does not match the next certificate' },
      );
      const algorithm = signatureAlgorithmByOid(cert.signatureAlgorithm.oid);
      if (cert.signatureAlgorithm.oid !== cert.tbsSignatureAlgorithm.oid) {
        add('SIGNATURE', i, {
          code: 'SIGNATURE_ALGORITHM_MISMATCH',
          message: 'inner and outer algorithms differ',
        });
      } else if (!algorithm || algorithm.keyAlgorithm !== issuer.publicKey.algorithm) {
        add('SIGNATURE', i, {
          code: 'SIGNATURE_ALGORITHM_UNSUPPORTED',
          message: `cannot verify ${cert.signatureAlgorithm.oid} with a ${issuer.publicKey.algorithm} key`,
        });
      } else {
        add(
          'SIGNATURE',
          i,
          algorithm.verify(issuer.publicKey.spki, cert.tbs, cert.signature)
            ? undefined
            : { code: 'SIGNATURE_INVALID', message: 'signature does not verify with the issuer key' },
        );
      }
    } else {
      add('SIGNATURE', i, undefined, true);
    }

    if (time < cert.notBefore)
      add('VALIDITY', i, {
        code: 'CERT_NOT_YET_VALID',
        message: `valid from ${cert.notBefore.toISOString()}`,
      });
    else if (time > cert.notAfter)
      add('VALIDITY', i, { code: 'CERT_EXPIRED', message: `expired ${cert.notAfter.toISOString()}` });
    else add('VALIDITY', i);

    const unknownCritical = cert.extensions.list.filter(
      (e) => e.critical && !UNDERSTOOD_EXTENSIONS.has(e.oid),
    );
    add(
      'CRITICAL_EXTENSIONS',
      i,
      unknownCritical.length
        ? {
            code: 'UNKNOWN_CRITICAL_EXTENSION',
            message: `unknown critical extension ${unknownCritical.map((e) => e.oid).join(', ')}`,
          }
        : undefined,
    );

    if (i > 0) checkCa(cert, i, path, isAnchor, add);
    else checkEndEntity(cert, input.purpose, add);
    if (i > 0 && input.purpose?.extendedKeyUsage && cert.extensions.extendedKeyUsage) {
      const missing = missingEku(cert.extensions.extendedKeyUsage.purposes, input.purpose.extendedKeyUsage);
      if (missing.length) {
        add('EXTENDED_KEY_USAGE', i, {
          code: 'EXTENDED_KEY_USAGE_MISSING',
          message: `CA does not allow ${missing.join(', ')}`,
        });
      }
    }
  });

  if (input.crls) checkRevocations(path, anchored, input, add);

  const problems = checks
    .filter((c) => c.status === 'INVALID')
    .map((c) => ({ code: c.code as PathProblemCode, certIndex: c.certIndex, message: c.message ?? '' }));
  return { ok: problems.length === 0, path, checks, problems };
}

type Add = (
  name: PathCheckName,
  certIndex: number,
  problem?: { code: PathProblemCode; message: string },
  skipped?: boolean,
) => void;

function checkCa(
  cert: ParsedCertificate,
  i: number,
  path: readonly ParsedCertificate[],
  isAnchor: boolean,
  add: Add,
): void {
  const bc = cert.extensions.basicConstraints;
  if (isAnchor && cert.version < 3) {
    add('BASIC_CONSTRAINTS', i, undefined, true); // v1 roots predate basicConstraints
  } else if (!bc?.ca) {
    add('BASIC_CONSTRAINTS', i, {
      code: 'NOT_CA',
      message: 'issuer certificate is not a CA (basicConstraints)',
    });
  } else {
    add('BASIC_CONSTRAINTS', i);
  }
  if (bc?.ca && bc.pathLength !== undefined) {
    // Non-self-issued intermediates below this CA (RFC 5280 §6.1.4 (l)).
    const below = path.slice(1, i).filter((c) => !c.selfIssued).length;
    add(
      'PATH_LENGTH',
      i,
      below > bc.pathLength
        ? {
            code: 'PATH_LENGTH_EXCEEDED',
            message: `pathLenConstraint ${bc.pathLength} but ${below} CA certificates below`,
          }
        : undefined,
    );
  }
  const ku = cert.extensions.keyUsage;
  add(
    'KEY_USAGE',
    i,
    ku && !ku.usages.includes('keyCertSign')
      ? { code: 'KEY_USAGE_MISSING', message: 'CA key usage lacks keyCertSign' }
      : undefined,
  );
}

function missingEku(present: readonly string[], wanted: readonly ExtendedKeyUsageInput[]): string[] {
  if (present.includes(ANY_EKU)) return [];
  return wanted.map(ekuOid).filter((oid) => !present.includes(oid));
}

function checkEndEntity(cert: ParsedCertificate, purpose: PathPurpose | undefined, add: Add): void {
  const ku = cert.extensions.keyUsage;
  const wantedKu = purpose?.keyUsage ?? [];
  const missingKu = ku ? wantedKu.filter((u) => !ku.usages.includes(u)) : [];
  if (wantedKu.length === 0) add('KEY_USAGE', 0, undefined, true);
  else
    add(
      'KEY_USAGE',
      0,
      missingKu.length
        ? { code: 'KEY_USAGE_MISSING', message: `key usage lacks ${missingKu.join(', ')}` }
        : undefined,
    );

  const wantedEku = purpose?.extendedKeyUsage ?? [];
  const eku = cert.extensions.extendedKeyUsage;
  if (wantedEku.length === 0) {
    add('EXTENDED_KEY_USAGE', 0, undefined, true);
  } else if (!eku) {
    add(
      'EXTENDED_KEY_USAGE',
      0,
      purpose?.requireExtendedKeyUsage
        ? { code: 'EXTENDED_KEY_USAGE_MISSING', message: 'certificate has no extendedKeyUsage' }
        : undefined,
    );
  } else {
    const missing = missingEku(eku.purposes, wantedEku);
    add(
      'EXTENDED_KEY_USAGE',
      0,
      missing.length
        ? { code: 'EXTENDED_KEY_USAGE_MISSING', message: `extended key usage lacks ${missing.join(', ')}` }
        : undefined,
    );
  }
}

function checkRevocations(
  path: readonly ParsedCertificate[],
  anchored: boolean,
  input: ValidatePathInput,
  add: Add,
): void {
  const crls = input.crls ?? [];
  const upTo = anchored ? path.length - 1 : path.length;
  for (let i = 0; i < upTo; i++) {
    const cert = path[i] as ParsedCertificate;
    const issuer = path[i + 1];
    const usable = issuer
      ? crls.filter((crl) => crlMatchesIssuerKey(crl, issuer) && verifyCrl(crl, issuer).ok)
      : [];
    if (usable.length === 0) {
      add(
        'REVOCATION',
        i,
        input.requireRevocationInfo
          ? { code: 'REVOCATION_UNKNOWN', message: 'no valid CRL from the issuer' }
          : undefined,
        true,
      );
      continue;
    }
    const statuses = usable.map((crl) => checkRevocation(crl, cert.serialHex, input.time));
    const revoked = statuses.find((s) => s.status === 'REVOKED');
    if (revoked && revoked.status === 'REVOKED') {
      add('REVOCATION', i, {
        code: 'CERT_REVOKED',
        message: `revoked ${revoked.revocationDate.toISOString()}${revoked.reason ? ` (${revoked.reason})` : ''}`,
      });
    } else if (statuses.some((s) => s.status === 'GOOD')) {
      add('REVOCATION', i);
    } else {
      add(
        'REVOCATION',
        i,
        input.requireRevocationInfo
          ? { code: 'REVOCATION_UNKNOWN', message: 'the CRL is not current' }
          : undefined,
        true,
      );
    }
  }
}
