import { describe, expect, test } from 'vitest';
import type { Check, PdfAnnotationInfo, PdfSignatureReport } from '@zhengyin/documents';
import { verdictOf } from '@zhengyin/documents';
import { AppError } from '../shared/app-error.js';
import { annotationChecks, parseChinaTime } from './annotation-checks.js';
import { effectiveLicenseStatus, licenseStatusChecks } from './license-status.js';
import { presentLicenseFileReport } from './present.js';
import { renderLicenseFileReportHtml } from './report-html.js';
import { verdictHeadline, verificationStep } from './steps.js';
import { firstFailureOf, type LicenseFileReport } from './verify-license-file.js';
import { parseLicenseQrUrl } from './verify-license-qr.js';

// 10:00 on 20 November 2026 in China.
const NOW = new Date('2026-11-20T02:00:00.000Z');
const ID = '11100000000013338W001.91350200776049653A.2026000001.001.K';
const codes = (checks: readonly Check[]) => checks.map((c) => `${c.name}:${c.status}:${c.code}`);

describe('licenseStatusChecks', () => {
  const base = { identifier: ID, validTo: null as string | null };
  const at = (status: Parameters<typeof licenseStatusChecks>[0]['status'], extra = {}) =>
    licenseStatusChecks({ ...base, status, ...extra }, { now: NOW, underObjection: false });

  test('a licence in force is VALID; every other status is INVALID with its own code', () => {
    expect(codes(at('valid'))).toEqual([
      'LICENSE_STATUS:VALID:LICENSE_VALID',
      'LICENSE_OBJECTION:VALID:LICENSE_NO_OBJECTION',
    ]);
    expect(at('pledged')[0]).toMatchObject({ status: 'VALID', code: 'LICENSE_PLEDGED' });
    const expected = {
      expired: 'LICENSE_EXPIRED',
      cancelled: 'LICENSE_CANCELLED',
      revoked: 'LICENSE_REVOKED',
      suspended: 'LICENSE_SUSPENDED',
      lost: 'LICENSE_LOST',
      superseded: 'LICENSE_SUPERSEDED',
      made: 'LICENSE_NOT_ISSUED',
    } as const;
    for (const [status, code] of Object.entries(expected)) {
      const [check] = at(status as keyof typeof expected);
      expect([status, check?.status, check?.code]).toEqual([status, 'INVALID', code]);
      expect(verdictOf(at(status as keyof typeof expected))).toBe('INVALID');
    }
    expect(at('revoked')[0]?.message).toContain('已吊销');
    expect(at('cancelled')[0]?.message).toContain('已注销');
  });

  test('superseded names the newer version', () => {
    const newer = ID.replace(/\.001\.K$/, '.002.7');
    const [check] = at('superseded', { supersededBy: newer });
    expect(check).toMatchObject({ code: 'LICENSE_SUPERSEDED', details: { supersededBy: newer } });
    expect(check?.message).toContain(newer);
  });

  test('an end date already passed (China calendar day) is expired before the job ran', () => {
    expect(at('valid', { validTo: '2026-11-19' })[0]?.code).toBe('LICENSE_EXPIRED');
    expect(at('pledged', { validTo: '2026-11-19' })[0]?.code).toBe('LICENSE_EXPIRED');
    expect(at('valid', { validTo: '2026-11-20' })[0]?.code).toBe('LICENSE_VALID');
    // 00:30 on 20 November in China is still 19 November in UTC: the China day counts.
    const earlyMorning = new Date('2026-11-19T16:30:00.000Z');
    expect(effectiveLicenseStatus({ status: 'valid', validTo: '2026-11-19' }, earlyMorning)).toBe('expired');
    expect(
      effectiveLicenseStatus({ status: 'valid', validTo: '2026-11-19' }, new Date('2026-11-19T15:59:59Z')),
    ).toBe('valid');
    // A revoked licence stays revoked, whatever its end date.
    expect(at('revoked', { validTo: '2020-01-01' })[0]?.code).toBe('LICENSE_REVOKED');
  });

  test('under objection: still VALID, with a warning-style check', () => {
    const checks = licenseStatusChecks({ ...base, status: 'valid' }, { now: NOW, underObjection: true });
    expect(codes(checks)).toEqual([
      'LICENSE_STATUS:VALID:LICENSE_VALID',
      'LICENSE_OBJECTION:VALID:LICENSE_UNDER_OBJECTION',
    ]);
    expect(checks[1]?.details).toEqual({ warning: true });
    expect(verdictOf(checks)).toBe('VALID');
    expect(verdictHeadline('VALID', null, checks).zh).toContain('异议');
  });
});

describe('加注件 checks', () => {
  const platformCert = new Uint8Array([1, 2, 3, 4]);
  const otherCert = new Uint8Array([1, 2, 3, 5]);
  const annotation = (extra: Partial<PdfAnnotationInfo> = {}): PdfAnnotationInfo => ({
    creationTime: '20261120090000',
    creator: '西安市行政审批服务局',
    cause: '企业开办',
    expiringTime: '20261220100000',
    licenseIdentifier: ID,
    itemCode: 'SX001',
    itemName: '企业开办',
    ...extra,
  });
  const signature = (index: number, extra: Partial<PdfSignatureReport> = {}): PdfSignatureReport => ({
    fieldName: `Signature${index}`,
    index,
    subFilter: 'ETSI.CAdES.detached',
    byteRange: [0, 10, 20, 30],
    coversRevision: true,
    modifiedAfter: 'none',
    signingTime: NOW,
    timestampTime: null,
    signer: {
      subject: 'CN=test',
      issuer: 'CN=root',
      serialHex: '01',
      notBefore: NOW,
      notAfter: NOW,
      keyUsage: ['digitalSignature'],
      algorithm: 'sm2',
      certificate: index === 1 ? otherCert : platformCert,
    },
    seal: null,
    annotation: null,
    reason: null,
    location: null,
    name: null,
    pages: [1],
    checks: [],
    verdict: 'VALID',
    ...extra,
  });
  const annotated = (a = annotation(), issuer: Partial<PdfSignatureReport> = {}) => [
    signature(1, { modifiedAfter: 'signatures-only', ...issuer }),
    signature(2, { annotation: a }),
  ];
  const run = (
    signatures: PdfSignatureReport[],
    extra: Partial<Parameters<typeof annotationChecks>[1]> = {},
  ) =>
    annotationChecks(signatures, {
      now: NOW,
      licenseIdentifier: ID,
      annotationCertificates: [platformCert],
      ...extra,
    });

  test('China time: yyyyMMddHHmmss at UTC+8; impossible dates refused', () => {
    expect(parseChinaTime('20261120100000')?.toISOString()).toBe('2026-11-20T02:00:00.000Z');
    expect(parseChinaTime('20261231235959')?.toISOString()).toBe('2026-12-31T15:59:59.000Z');
    expect(parseChinaTime('20261131000000')).toBeNull();
    expect(parseChinaTime('2026-11-20 10:00')).toBeNull();
    expect(parseChinaTime('')).toBeNull();
  });

  test('a valid annotated copy: every layer check passes; signatures without an annotation give none', () => {
    const [report, ...more] = run(annotated());
    expect(more).toEqual([]);
    expect(report?.signatureIndex).toBe(2);
    expect(codes(report!.checks)).toEqual([
      'ANNOTATION_SIGNER:VALID:ANNOTATION_SIGNER_PLATFORM',
      'ANNOTATION_VALIDITY:VALID:ANNOTATION_NOT_EXPIRED',
      'ANNOTATION_LICENSE:VALID:ANNOTATION_LICENSE_MATCHES',
      'ANNOTATION_ORIGINAL:VALID:ANNOTATION_ORIGINAL_INTACT',
    ]);
    expect(report?.verdict).toBe('VALID');
    expect(report?.expiresAt?.toISOString()).toBe('2026-12-20T02:00:00.000Z');
    expect(run([signature(1)])).toEqual([]);
  });

  test('expired, foreign signer, other licence, changed original, no original: each INVALID with its code', () => {
    const code = (reports: ReturnType<typeof run>, name: string) =>
      reports[0]?.checks.find((c) => c.name === name)?.code;
    // Expired one second ago (China time 10:00:00 = NOW).
    const expired = run(annotated(annotation({ expiringTime: '20261120095959' })));
    expect(code(expired, 'ANNOTATION_VALIDITY')).toBe('ANNOTATION_EXPIRED');
    expect(expired[0]?.verdict).toBe('INVALID');
    expect(code(run(annotated(annotation({ expiringTime: '20261120100000' }))), 'ANNOTATION_VALIDITY')).toBe(
      'ANNOTATION_NOT_EXPIRED',
    );
    expect(code(run(annotated(annotation({ expiringTime: '2026-12-20' }))), 'ANNOTATION_VALIDITY')).toBe(
      'ANNOTATION_EXPIRY_MALFORMED',
    );
    expect(code(run(annotated(), { annotationCertificates: [otherCert] }), 'ANNOTATION_SIGNER')).toBe(
      'ANNOTATION_SIGNER_UNKNOWN',
    );
    expect(code(run(annotated(), { annotationCertificates: [] }), 'ANNOTATION_SIGNER')).toBe(
      'ANNOTATION_SIGNER_UNKNOWN',
    );
    expect(code(run(annotated(annotation({ licenseIdentifier: `${ID}X` }))), 'ANNOTATION_LICENSE')).toBe(
      'ANNOTATION_LICENSE_MISMATCH',
    );
    expect(code(run(annotated(), { licenseIdentifier: null }), 'ANNOTATION_LICENSE')).toBe(
      'ANNOTATION_LICENSE_MISMATCH',
    );
    expect(code(run(annotated(annotation(), { modifiedAfter: 'other' })), 'ANNOTATION_ORIGINAL')).toBe(
      'ANNOTATION_ORIGINAL_MODIFIED',
    );
    expect(code(run([signature(1, { annotation: annotation() })]), 'ANNOTATION_ORIGINAL')).toBe(
      'ANNOTATION_WITHOUT_ORIGINAL',
    );
  });

  test('offline: the signer is SKIPPED, the rest still decided', () => {
    const [report] = run(annotated(), { annotationCertificates: null });
    expect(report?.checks[0]).toMatchObject({ status: 'SKIPPED', code: 'ANNOTATION_SIGNER_NOT_CHECKED' });
    expect(report?.verdict).toBe('VALID');
  });
});

describe('report presentation', () => {
  const revoked: LicenseFileReport = {
    verdict: 'INVALID',
    format: 'pdf',
    mode: 'online',
    firstFailure: 'LICENSE_REVOKED',
    checks: [
      { name: 'FORMAT', status: 'VALID', code: 'PDF_WELL_FORMED', message: 'ok' },
      ...licenseStatusChecks(
        { identifier: ID, status: 'revoked', validTo: null },
        { now: NOW, underObjection: false },
      ),
    ],
    signatures: [],
    license: {
      identifier: ID,
      registered: true,
      status: 'revoked',
      statusName: '已吊销',
      supersededBy: null,
      typeName: '营业执照',
      licenseNumber: 'N-1',
      issuerName: '西安市市场监督管理局',
      holderName: '<script>alert("x")</script>有限公司',
      validFrom: '2026-11-20',
      validTo: '长期',
    },
    annotations: [],
  };

  test('the first failing reason; plain words for each status; step of each check', () => {
    expect(firstFailureOf(revoked.checks)).toBe('LICENSE_REVOKED');
    expect(
      firstFailureOf([
        { name: 'A', status: 'ERROR', code: 'E', message: '' },
        { name: 'B', status: 'INVALID', code: 'I', message: '' },
      ]),
    ).toBe('I');
    expect(firstFailureOf([{ name: 'A', status: 'SKIPPED', code: 'S', message: '' }])).toBeNull();
    expect(verdictHeadline('INVALID', 'LICENSE_REVOKED').zh).toBe('无效：证照已吊销');
    expect(verdictHeadline('INVALID', 'LICENSE_CANCELLED').zh).toBe('无效：证照已注销');
    expect(verdictHeadline('INDETERMINATE', 'PDF_NO_TRUST_ANCHORS').en).toContain('Could not decide');
    expect(
      [
        'INTEGRITY',
        'SIGNATURE',
        'CERTIFICATE_CHAIN',
        'SEAL_STATUS_NOW',
        'LICENSE_STATUS',
        'ANNOTATION_SIGNER',
      ].map(verificationStep),
    ).toEqual(['integrity', 'signature', 'certificate', 'seal', 'status', 'annotation']);
  });

  test('the HTML report is self-contained, names the steps and escapes every text', () => {
    const html = renderLicenseFileReportHtml(presentLicenseFileReport(revoked));
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('已吊销');
    expect(html).toContain('完整性 Integrity');
    expect(html).toContain('状态 Status');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;有限公司');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<link|src=|https?:\/\//);
  });

  test('QR URLs: identifier and token from …/v/<identifier>?t=…; anything else refused', () => {
    expect(parseLicenseQrUrl(`https://zz.example.gov.cn/v/${encodeURIComponent(ID)}?t=abcDEF`)).toEqual({
      identifier: ID,
      token: 'abcDEF',
    });
    for (const bad of [
      'not a url',
      `https://x/v/${ID}`,
      'https://x/v/?t=a',
      `https://x/w/${ID}?t=a`,
      'https://x/v/short?t=a',
    ])
      expect(() => parseLicenseQrUrl(bad)).toThrow(AppError);
  });
});
