import type { Check, Verdict } from '@zhengyin/documents';
import type { AnnotationReport } from './annotation-checks.js';
import type { LicenseFileLicense, LicenseFileReport } from './verify-license-file.js';
import type { SealedPdfReport } from './verify-sealed-pdf.js';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const plain = (c: Check): Check => ({ ...c, ...(c.details ? { details: { ...c.details } } : {}) });

/** One signature in wire form (dates as ISO strings, no raw certificates). */
export function presentSignature(s: SealedPdfReport['signatures'][number]) {
  return {
    index: s.index,
    fieldName: s.fieldName,
    subFilter: s.subFilter,
    byteRange: [...s.byteRange],
    coversRevision: s.coversRevision,
    modifiedAfter: s.modifiedAfter,
    signingTime: iso(s.signingTime),
    timestampTime: iso(s.timestampTime),
    signer: s.signer
      ? {
          subject: s.signer.subject,
          issuer: s.signer.issuer,
          serialHex: s.signer.serialHex,
          notBefore: s.signer.notBefore.toISOString(),
          notAfter: s.signer.notAfter.toISOString(),
          keyUsage: [...s.signer.keyUsage],
          algorithm: s.signer.algorithm,
        }
      : null,
    seal: s.seal
      ? {
          code: s.seal.code,
          name: s.sealInfo?.name ?? null,
          validStart: iso(s.sealInfo?.validStart),
          validEnd: iso(s.sealInfo?.validEnd),
        }
      : null,
    registry: s.registry ? { ...s.registry } : null,
    reason: s.reason,
    location: s.location,
    name: s.name,
    pages: [...s.pages],
    checks: s.checks.map(plain),
    verdict: s.verdict,
  };
}

export type SignatureView = ReturnType<typeof presentSignature>;

export function presentAnnotation(a: AnnotationReport) {
  return {
    signatureIndex: a.signatureIndex,
    fieldName: a.fieldName,
    creationTime: a.annotation.creationTime,
    creator: a.annotation.creator,
    cause: a.annotation.cause,
    expiringTime: a.annotation.expiringTime,
    expiresAt: iso(a.expiresAt),
    licenseIdentifier: a.annotation.licenseIdentifier,
    itemCode: a.annotation.itemCode,
    itemName: a.annotation.itemName,
    checks: a.checks.map(plain),
    verdict: a.verdict,
  };
}

export type AnnotationView = ReturnType<typeof presentAnnotation>;

/** The wire form of a file verification (JSON answer of POST /verify; what the CLI prints). */
export interface LicenseFileReportView {
  readonly verdict: Verdict;
  readonly mode: 'online' | 'offline';
  readonly firstFailure: string | null;
  readonly checks: readonly Check[];
  readonly signatures: readonly SignatureView[];
  readonly license: LicenseFileLicense | null;
  readonly annotations: readonly AnnotationView[];
}

export function presentLicenseFileReport(report: LicenseFileReport): LicenseFileReportView {
  return {
    verdict: report.verdict,
    mode: report.mode,
    firstFailure: report.firstFailure,
    checks: report.checks.map(plain),
    signatures: report.signatures.map(presentSignature),
    license: report.license ? { ...report.license } : null,
    annotations: report.annotations.map(presentAnnotation),
  };
}
