import type { Check, OfdSignatureReport, PdfSignatureReport, Verdict } from '@zhengyin/documents';
import { verdictOf, verifyPdf } from '@zhengyin/documents';
import type { License, LicenseStatus } from '../licensing/types.js';
import { LICENSE_STATUS_NAMES } from '../licensing/types.js';
import type { PlatformKeyPurpose } from '../pki/ports.js';
import type { CoreDeps } from '../shared/deps.js';
import { bytesToHex } from '../shared/hex.js';
import { annotationChecks, type AnnotationReport } from './annotation-checks.js';
import { readLicenseClaim, type ClaimResult, type LicenseClaim } from './license-file.js';
import { ofdFileMatchCheck, ofdOriginalCheck, readOfdLicenseClaim } from './license-file-ofd.js';
import { effectiveLicenseStatus, licenseStatusChecks } from './license-status.js';
import {
  sniffFileFormat,
  verifyOfdFile,
  verifySealedOfd,
  type SealedOfdReport,
} from './verify-sealed-ofd.js';
import { verifySealedPdf, type RegistryStatus, type SealedPdfReport } from './verify-sealed-pdf.js';

/** Platform key purposes whose certificates sign 加注件 (SM2, and ECDSA for international verifiers). */
export const ANNOTATION_KEY_PURPOSES: readonly string[] = ['annotation', 'annotation-ecdsa'];

/** Whether a licence has an objection (异议) being handled; wired by the objections module. */
export interface ObjectionStatus {
  underObjection(license: License): Promise<boolean>;
}

/** The licence a file states, with its registry status when the registry was consulted. */
export interface LicenseFileLicense {
  readonly identifier: string;
  /** null: the registry was not consulted (offline) or the licence is another platform's. */
  readonly registered: boolean | null;
  readonly status: LicenseStatus | null;
  readonly statusName: string | null;
  readonly supersededBy: string | null;
  readonly typeName: string | null;
  readonly licenseNumber: string | null;
  readonly issuerName: string | null;
  readonly holderName: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

/** A sealed-file report of either format, told apart by `format`. */
export type SealedFileReport = (SealedPdfReport & { readonly format: 'pdf' }) | SealedOfdReport;

/** One signature of a licence file, with the registry status of its seal when it is ours. */
export type LicenseFileSignature = (PdfSignatureReport | OfdSignatureReport) & {
  readonly registry: RegistryStatus | null;
};

export interface LicenseFileReport {
  readonly verdict: Verdict;
  /** The file's format: PDF (incremental signatures) or OFD (GB/T 33190 with SES seals). */
  readonly format: 'pdf' | 'ofd';
  /** Document checks (format, signatures, changes after the last one), then the licence checks. */
  readonly checks: readonly Check[];
  readonly signatures: readonly LicenseFileSignature[];
  readonly license: LicenseFileLicense | null;
  readonly annotations: readonly AnnotationReport[];
  /** `online`: registry consulted; `offline`: signatures, chain, integrity and annotation expiry only. */
  readonly mode: 'online' | 'offline';
  /**
   * Code of the first INVALID check, else of the first ERROR check (document, signatures, licence,
   * annotations in that order; for metrics and the headline); null when every check passed.
   */
  readonly firstFailure: string | null;
}

/** Every check of a report in reading order: document, licence, each signature, each annotation. */
export function allChecks(report: Pick<LicenseFileReport, 'checks' | 'signatures' | 'annotations'>): Check[] {
  return [
    ...report.checks,
    ...report.signatures.flatMap((s) => s.checks),
    ...report.annotations.flatMap((a) => a.checks),
  ];
}

export function firstFailureOf(checks: readonly Check[]): string | null {
  return (
    checks.find((c) => c.status === 'INVALID')?.code ?? checks.find((c) => c.status === 'ERROR')?.code ?? null
  );
}

function finish(
  format: LicenseFileReport['format'],
  documentChecks: readonly Check[],
  licenseChecks: readonly Check[],
  signatures: LicenseFileReport['signatures'],
  license: LicenseFileLicense | null,
  annotations: readonly AnnotationReport[],
  mode: LicenseFileReport['mode'],
): LicenseFileReport {
  const checks = [...documentChecks, ...licenseChecks];
  const all = allChecks({ checks, signatures, annotations });
  // The first failure in the order a reader cares: the file, its signatures, the licence, the copy.
  const ordered = [
    ...documentChecks,
    ...signatures.flatMap((s) => s.checks),
    ...licenseChecks,
    ...annotations.flatMap((a) => a.checks),
  ];
  return {
    verdict: verdictOf(all),
    format,
    checks,
    signatures,
    license,
    annotations,
    mode,
    firstFailure: firstFailureOf(ordered),
  };
}

const fromClaim = (claim: LicenseClaim): LicenseFileLicense => ({
  identifier: claim.identifier,
  registered: null,
  status: null,
  statusName: null,
  supersededBy: null,
  typeName: claim.typeName,
  licenseNumber: claim.licenseNumber,
  issuerName: claim.issuerName,
  holderName: claim.holderName,
  validFrom: claim.validFrom,
  validTo: claim.validTo,
});

/** The licence claim of a verified file, read the way its format signs metadata. */
function claimOf(file: Uint8Array, base: SealedFileReport, maxBytes: number | undefined): ClaimResult {
  return base.format === 'ofd'
    ? readOfdLicenseClaim(file, base.signatures, maxBytes)
    : readLicenseClaim(file, base.signatures, maxBytes);
}

function annotationsOf(
  base: SealedFileReport,
  options: Parameters<typeof annotationChecks>[1],
): AnnotationReport[] {
  return base.format === 'ofd'
    ? annotationChecks(base.signatures, { ...options, originalCheck: ofdOriginalCheck(base) })
    : annotationChecks(base.signatures, options);
}

/**
 * Offline verification of a licence file, PDF or OFD (no database; what `zhengyin verify` does by
 * default): every signature, integrity and the chain to `trustAnchors`, the licence identifier the
 * issuer signed (registry checks SKIPPED) and the 加注件 layers' expiry and licence. Pure. A file
 * that is not a readable OFD package throws AppError OFD_*.
 */
export async function verifyLicenseFileOffline(
  file: Uint8Array,
  options: { trustAnchors: readonly Uint8Array[]; now: Date; maxBytes?: number },
): Promise<LicenseFileReport> {
  const verifyOptions = {
    trustAnchors: options.trustAnchors,
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
  };
  const verified =
    sniffFileFormat(file) === 'ofd'
      ? await verifyOfdFile(file, verifyOptions)
      : { format: 'pdf' as const, ...(await verifyPdf(file, verifyOptions)) };
  const base = {
    ...verified,
    signatures: verified.signatures.map((s) => ({ ...s, registry: null })),
  } as SealedFileReport;
  const signatures = base.signatures;
  const claimed = claimOf(file, base, options.maxBytes);
  const licenseChecks: Check[] = [];
  let license: LicenseFileLicense | null = null;
  if (claimed.kind === 'claim') {
    license = fromClaim(claimed.claim);
    licenseChecks.push({
      name: 'LICENSE_REGISTERED',
      status: 'SKIPPED',
      code: 'LICENSE_REGISTRY_NOT_CONSULTED',
      message: `离线验证未查询证照库 / offline: the registry was not consulted`,
      details: { identifier: claimed.claim.identifier },
    });
  } else {
    licenseChecks.push(claimed.check);
  }
  const annotations = annotationsOf(base, {
    now: options.now,
    licenseIdentifier: license?.identifier ?? null,
    annotationCertificates: null,
  });
  return finish(base.format, base.checks, licenseChecks, signatures, license, annotations, 'offline');
}

/** The PDF-only name of verifyLicenseFileOffline (it verifies OFD files as well). */
export const verifyLicensePdfOffline = verifyLicenseFileOffline;

export type VerifyLicenseFileDeps = Pick<CoreDeps, 'uow' | 'clock'> & {
  /** SHA-256 of bytes (the registry stores each licence file's SHA-256). */
  readonly sha256: (bytes: Uint8Array) => Uint8Array;
  readonly objections?: ObjectionStatus;
};

/**
 * File verification against the registry (POST /verify): verifySealedPdf (signatures, chain to the
 * platform's CAs, seal status then and now), then the licence the issuer signed:
 * LICENSE_REGISTERED, LICENSE_FILE_MATCHES (SHA-256 of the issuer's revision — the file up to the
 * end of the first signature's byte range — equals the stored file's), LICENSE_STATUS and
 * LICENSE_OBJECTION, and the 加注件 layers (signer is a platform annotation key, expiry, licence,
 * original unchanged). Verdict: VALID only when every check is VALID or SKIPPED.
 */
export async function verifyLicenseFile(
  deps: VerifyLicenseFileDeps,
  file: Uint8Array,
  options: { maxBytes?: number; extraTrustAnchors?: readonly Uint8Array[] } = {},
): Promise<LicenseFileReport> {
  const now = deps.clock.now();
  const sealedOptions = {
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
    ...(options.extraTrustAnchors ? { extraTrustAnchors: options.extraTrustAnchors } : {}),
  };
  const sealed: SealedFileReport =
    sniffFileFormat(file) === 'ofd'
      ? await verifySealedOfd(deps, file, sealedOptions)
      : { format: 'pdf' as const, ...(await verifySealedPdf(deps, file, sealedOptions)) };
  const signatures = sealed.signatures;
  const claimed = claimOf(file, sealed, options.maxBytes);
  const wantsAnnotationKeys = signatures.some((s) => s.annotation);
  const found = await deps.uow.read(async (r) => {
    const row = claimed.kind === 'claim' ? await r.licenses.byIdentifier(claimed.claim.identifier) : null;
    const newest =
      row?.status === 'superseded' ? ((await r.licenses.versions(row.seriesId)).at(-1) ?? null) : null;
    const keys = wantsAnnotationKeys
      ? await Promise.all(ANNOTATION_KEY_PURPOSES.map((p) => r.platformKeys.get(p as PlatformKeyPurpose)))
      : [];
    return { row, newest, annotationCertificates: keys.flatMap((k) => (k ? [k.certificate] : [])) };
  });
  const licenseChecks: Check[] = [];
  let license: LicenseFileLicense | null = null;
  if (claimed.kind !== 'claim') {
    licenseChecks.push(claimed.check);
  } else {
    const { claim } = claimed;
    const row = found.row;
    // Ours: the attachment has our schema, or the issuer signed with a seal of our registry.
    const ours = claim.ourSchema || signatures[0]?.registry != null;
    license = { ...fromClaim(claim), registered: row ? true : ours ? false : null };
    if (!row) {
      licenseChecks.push(
        ours
          ? {
              name: 'LICENSE_REGISTERED',
              status: 'INVALID',
              code: 'LICENSE_UNKNOWN',
              message: `证照库中没有此证照 ${claim.identifier} / the registry has no licence ${claim.identifier}`,
              details: { identifier: claim.identifier },
            }
          : {
              name: 'LICENSE_REGISTERED',
              status: 'SKIPPED',
              code: 'LICENSE_NOT_OURS',
              message:
                '证照由其他平台签发，未查询状态 / a licence of another platform: its registry status is not checked',
              details: { identifier: claim.identifier },
            },
      );
    } else {
      licenseChecks.push({
        name: 'LICENSE_REGISTERED',
        status: 'VALID',
        code: 'LICENSE_REGISTERED',
        message: `证照已在证照库登记 / the licence is in the registry`,
        details: { identifier: row.identifier, version: row.version },
      });
      licenseChecks.push(
        sealed.format === 'ofd'
          ? ofdFileMatchCheck(sealed.signatures[0], row, deps.sha256)
          : pdfFileMatchCheck(bytesToHex(deps.sha256(file.subarray(0, claim.revisionEnd))), row.fileSha256),
      );
      const supersededBy = found.newest && found.newest.id !== row.id ? found.newest.identifier : null;
      const underObjection = deps.objections ? await deps.objections.underObjection(row) : false;
      licenseChecks.push(
        ...licenseStatusChecks(
          { identifier: row.identifier, status: row.status, validTo: row.validTo, supersededBy },
          { now, underObjection },
        ),
      );
      const status = effectiveLicenseStatus(row, now);
      license = {
        ...license,
        status,
        statusName: LICENSE_STATUS_NAMES[status],
        supersededBy,
        typeName: row.typeName,
        licenseNumber: row.licenseNumber,
        issuerName: row.issuerName,
      };
    }
  }
  const annotations = annotationsOf(sealed, {
    now,
    licenseIdentifier: license?.identifier ?? null,
    annotationCertificates: found.annotationCertificates,
  });
  return finish(sealed.format, sealed.checks, licenseChecks, signatures, license, annotations, 'online');
}

/** LICENSE_FILE_MATCHES for a PDF: SHA-256 of the issuer's revision equals the stored file's. */
function pdfFileMatchCheck(digest: string, stored: string | null): Check {
  return digest === stored
    ? {
        name: 'LICENSE_FILE_MATCHES',
        status: 'VALID',
        code: 'LICENSE_FILE_MATCHES',
        message: '签发版本与证照库存档文件一致 / the issued revision equals the file the registry stores',
        details: { sha256: digest },
      }
    : {
        name: 'LICENSE_FILE_MATCHES',
        status: 'INVALID',
        code: 'LICENSE_FILE_MISMATCH',
        message:
          '签发版本与证照库存档文件不一致（非本平台签发的文件） / the issued revision differs from the file the registry stores',
        details: { sha256: digest, expected: stored },
      };
}
