import type { Check, PdfAnnotationInfo, PdfSignatureReport, Verdict } from '@zhengyin/documents';
import { verdictOf } from '@zhengyin/documents';

/** The 加注件 layer of one signature that made an annotated copy, with its checks. */
export interface AnnotationReport {
  /** 1-based index of the annotation's signature (signing order). */
  readonly signatureIndex: number;
  readonly fieldName: string;
  readonly annotation: PdfAnnotationInfo;
  /** The expiry as an instant (null when `expiringTime` is malformed). */
  readonly expiresAt: Date | null;
  readonly checks: readonly Check[];
  readonly verdict: Verdict;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** `yyyyMMddHHmmss` in China time (UTC+8, GB/T 36903) → instant; null when malformed or impossible. */
export function parseChinaTime(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    back.getUTCHours() !== h ||
    back.getUTCMinutes() !== mi ||
    back.getUTCSeconds() !== s
  )
    return null;
  return new Date(utc - CHINA_OFFSET_MS);
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What the 加注件 checks read of a signature report (PDF or OFD). */
export interface AnnotatedSignature {
  readonly index: number;
  readonly fieldName: string;
  readonly annotation?: PdfAnnotationInfo | null;
  readonly signer: { readonly subject: string; readonly certificate: Uint8Array } | null;
}

/** ANNOTATION_ORIGINAL: whether the issuer's signed original is unchanged apart from the annotation. */
export type OriginalCheck<S> = (issuer: S, annotation: S) => Check;

/** PDF: the issuer's signature covers its revision and only signatures were added after it. */
export function pdfOriginalCheck(issuer: AnnotatedSignature): Check {
  const pdf = issuer as Partial<Pick<PdfSignatureReport, 'modifiedAfter' | 'coversRevision'>>;
  if (pdf.modifiedAfter === 'signatures-only' && pdf.coversRevision) {
    return {
      name: 'ANNOTATION_ORIGINAL',
      status: 'VALID',
      code: 'ANNOTATION_ORIGINAL_INTACT',
      message:
        '原件签名之后仅追加了签名（加注） / only signatures (the annotation) follow the issuer’s signature',
    };
  }
  return {
    name: 'ANNOTATION_ORIGINAL',
    status: 'INVALID',
    code: 'ANNOTATION_ORIGINAL_MODIFIED',
    message:
      '原件签名之后存在签名以外的修改 / the original was changed after the issuer signed, not only annotated',
    details: { modifiedAfter: pdf.modifiedAfter ?? null, coversRevision: pdf.coversRevision ?? null },
  };
}

export interface AnnotationCheckOptions {
  readonly now: Date;
  /** The licence identifier the file's issuer revision states (null: the file is no licence). */
  readonly licenseIdentifier: string | null;
  /**
   * Certificates of the platform's annotation keys; null when no registry is at hand (offline),
   * which leaves ANNOTATION_SIGNER SKIPPED.
   */
  readonly annotationCertificates: readonly Uint8Array[] | null;
}

/**
 * Checks of every 加注件 layer (pure): ANNOTATION_SIGNER (signed by a platform annotation key),
 * ANNOTATION_VALIDITY (not past its expiry), ANNOTATION_LICENSE (annotates the licence in the
 * file) and ANNOTATION_ORIGINAL (the issuer's signature — the first — saw only signatures added).
 */
export function annotationChecks<S extends AnnotatedSignature>(
  signatures: readonly S[],
  options: AnnotationCheckOptions & { readonly originalCheck?: OriginalCheck<S> },
): AnnotationReport[] {
  const originalCheck: OriginalCheck<S> = options.originalCheck ?? pdfOriginalCheck;
  const issuer = signatures[0];
  const reports: AnnotationReport[] = [];
  for (const signature of signatures) {
    const annotation = signature.annotation;
    if (!annotation) continue;
    const checks: Check[] = [];
    const certificate = signature.signer?.certificate;
    if (options.annotationCertificates === null) {
      checks.push({
        name: 'ANNOTATION_SIGNER',
        status: 'SKIPPED',
        code: 'ANNOTATION_SIGNER_NOT_CHECKED',
        message:
          '离线验证未核对加注件签发密钥（请使用在线验证） / offline: the annotation key is not checked against the registry (use --online)',
      });
    } else if (certificate && options.annotationCertificates.some((c) => sameBytes(c, certificate))) {
      checks.push({
        name: 'ANNOTATION_SIGNER',
        status: 'VALID',
        code: 'ANNOTATION_SIGNER_PLATFORM',
        message: '加注件由平台加注密钥签发 / signed by the platform’s annotation key',
      });
    } else {
      checks.push({
        name: 'ANNOTATION_SIGNER',
        status: 'INVALID',
        code: 'ANNOTATION_SIGNER_UNKNOWN',
        message: '加注件不是由平台加注密钥签发 / not signed by a platform annotation key',
        details: { signer: signature.signer?.subject ?? null },
      });
    }
    const expiresAt = parseChinaTime(annotation.expiringTime);
    if (!expiresAt) {
      checks.push({
        name: 'ANNOTATION_VALIDITY',
        status: 'INVALID',
        code: 'ANNOTATION_EXPIRY_MALFORMED',
        message: '加注件有效期截止时间格式错误 / the annotation expiry is not yyyyMMddHHmmss',
        details: { expiringTime: annotation.expiringTime },
      });
    } else if (options.now.getTime() > expiresAt.getTime()) {
      checks.push({
        name: 'ANNOTATION_VALIDITY',
        status: 'INVALID',
        code: 'ANNOTATION_EXPIRED',
        message: `加注件已于 ${annotation.expiringTime} 过期 / the annotated copy expired at ${expiresAt.toISOString()}`,
        details: { expiringTime: annotation.expiringTime, expiresAt: expiresAt.toISOString() },
      });
    } else {
      checks.push({
        name: 'ANNOTATION_VALIDITY',
        status: 'VALID',
        code: 'ANNOTATION_NOT_EXPIRED',
        message: `加注件有效至 ${annotation.expiringTime} / the annotated copy is valid until ${expiresAt.toISOString()}`,
        details: { expiringTime: annotation.expiringTime, expiresAt: expiresAt.toISOString() },
      });
    }
    checks.push(
      options.licenseIdentifier !== null && annotation.licenseIdentifier === options.licenseIdentifier
        ? {
            name: 'ANNOTATION_LICENSE',
            status: 'VALID',
            code: 'ANNOTATION_LICENSE_MATCHES',
            message: '加注件所注证照与文件一致 / the annotation names the licence in the file',
          }
        : {
            name: 'ANNOTATION_LICENSE',
            status: 'INVALID',
            code: 'ANNOTATION_LICENSE_MISMATCH',
            message:
              '加注件所注证照与文件中的证照不一致 / the annotation names another licence than the file',
            details: { annotation: annotation.licenseIdentifier, file: options.licenseIdentifier },
          },
    );
    if (!issuer || issuer === signature) {
      checks.push({
        name: 'ANNOTATION_ORIGINAL',
        status: 'INVALID',
        code: 'ANNOTATION_WITHOUT_ORIGINAL',
        message: '加注件之前没有签发签名 / no issuer signature precedes the annotation',
      });
    } else {
      checks.push(originalCheck(issuer, signature));
    }
    reports.push({
      signatureIndex: signature.index,
      fieldName: signature.fieldName,
      annotation,
      expiresAt,
      checks,
      verdict: verdictOf(checks),
    });
  }
  return reports;
}
