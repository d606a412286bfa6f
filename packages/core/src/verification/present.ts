import type { Check, Verdict } from '@zhengyin/documents';
import type { AnnotationReport } from './annotation-checks.js';
import type { LicenseFileLicense, LicenseFileReport, LicenseFileSignature } from './verify-license-file.js';
import type { SealedOfdReport } from './verify-sealed-ofd.js';
import type { SealedPdfReport } from './verify-sealed-pdf.js';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const plain = (c: Check): Check => ({ ...c, ...(c.details ? { details: { ...c.details } } : {}) });

type Signer = NonNullable<LicenseFileSignature['signer']>;
type WithSeal = Pick<LicenseFileSignature, 'seal' | 'sealInfo'>;

const presentSigner = (signer: Signer | null) =>
  signer
    ? {
        subject: signer.subject,
        issuer: signer.issuer,
        serialHex: signer.serialHex,
        notBefore: signer.notBefore.toISOString(),
        notAfter: signer.notAfter.toISOString(),
        keyUsage: [...signer.keyUsage],
        algorithm: signer.algorithm,
      }
    : null;

const presentSeal = (s: WithSeal) =>
  s.seal
    ? {
        code: s.seal.code,
        name: s.sealInfo?.name ?? null,
        validStart: iso(s.sealInfo?.validStart),
        validEnd: iso(s.sealInfo?.validEnd),
      }
    : null;

/** One PDF signature in wire form (dates as ISO strings, no raw certificates). */
export function presentPdfSignature(s: SealedPdfReport['signatures'][number]) {
  return {
    format: 'pdf' as const,
    index: s.index,
    fieldName: s.fieldName,
    subFilter: s.subFilter,
    byteRange: [...s.byteRange],
    coversRevision: s.coversRevision,
    modifiedAfter: s.modifiedAfter,
    signingTime: iso(s.signingTime),
    timestampTime: iso(s.timestampTime),
    signer: presentSigner(s.signer),
    seal: presentSeal(s),
    registry: s.registry ? { ...s.registry } : null,
    reason: s.reason,
    location: s.location,
    name: s.name,
    pages: [...s.pages],
    checks: s.checks.map(plain),
    verdict: s.verdict,
  };
}

/** One OFD signature in wire form: one per Signature element, its stamp appearances listed. */
export function presentOfdSignature(s: SealedOfdReport['signatures'][number]) {
  return {
    format: 'ofd' as const,
    index: s.index,
    fieldName: s.fieldName,
    id: s.id,
    part: s.part,
    type: s.type,
    sesVersion: s.sesVersion,
    checkMethod: s.checkMethod,
    signatureDateTime: s.signatureDateTime,
    signingTime: iso(s.signingTime),
    timestampTime: iso(s.timestampTime),
    signer: presentSigner(s.signer),
    seal: presentSeal(s),
    registry: s.registry ? { ...s.registry } : null,
    stampAnnots: s.stampAnnots.map((a) => ({
      pageRef: a.pageRef,
      boundary: { ...a.boundary },
      clip: a.clip ? { ...a.clip } : null,
    })),
    pages: [...s.pages],
    checks: s.checks.map(plain),
    verdict: s.verdict,
  };
}

/** One signature of either format in wire form. */
export function presentSignature(s: LicenseFileSignature) {
  return 'format' in s && s.format === 'ofd'
    ? presentOfdSignature(s)
    : presentPdfSignature(s as SealedPdfReport['signatures'][number]);
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
  readonly format: 'pdf' | 'ofd';
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
    format: report.format,
    mode: report.mode,
    firstFailure: report.firstFailure,
    checks: report.checks.map(plain),
    signatures: report.signatures.map(presentSignature),
    license: report.license ? { ...report.license } : null,
    annotations: report.annotations.map(presentAnnotation),
  };
}
