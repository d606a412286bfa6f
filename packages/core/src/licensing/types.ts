import type { HolderCodeType } from '../catalog/types.js';

/**
 * Licence statuses. `made` is a rendered licence not yet signed (only inside issuance); every
 * other status belongs to a signed, issued version.
 */
export const LICENSE_STATUSES = [
  'made',
  'valid',
  'suspended',
  'lost',
  'pledged',
  'expired',
  'cancelled',
  'revoked',
  'superseded',
] as const;
export type LicenseStatus = (typeof LICENSE_STATUSES)[number];

export const LICENSE_STATUS_NAMES: Record<LicenseStatus, string> = {
  made: '已制证（待签发）',
  valid: '有效',
  suspended: '暂扣',
  lost: '挂失',
  pledged: '质押',
  expired: '已过期',
  cancelled: '已注销',
  revoked: '已吊销',
  superseded: '已更新（旧版本）',
};

/** 注销 reason codes. */
export const CANCEL_REASONS = ['normal', 'issued_in_error', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export interface LicenseHolder {
  readonly name: string;
  readonly code: string;
  readonly codeType: HolderCodeType;
}

/** One version of a licence. Each version has its own GB/T 36904 identifier and signed file. */
export interface License {
  readonly id: string;
  /** Shared by all versions of the licence. */
  readonly seriesId: string;
  readonly identifier: string;
  /** 1 on first issue, +1 with each update. */
  readonly version: number;
  readonly serial: string;
  readonly typeCode: string;
  readonly typeVersionId: string;
  readonly typeName: string;
  readonly departmentId: string;
  readonly issuerName: string;
  readonly issuerCode: string;
  /** GB/T 2260 code of the issuing department's region (证照所属管辖属地). */
  readonly regionCode: string;
  /** 证照编号 */
  readonly licenseNumber: string;
  readonly holder: LicenseHolder;
  /** ISO dates (YYYY-MM-DD). `validTo` null: long-term (长期) or no validity period. */
  readonly issueDate: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly longTerm: boolean;
  readonly status: LicenseStatus;
  /** 照面 data by data-item code. */
  readonly data: Record<string, unknown>;
  /** SHA-256 (hex) of the signed PDF in the blob store; null when the licence was issued as OFD only. */
  readonly fileSha256: string | null;
  /** Size of the signed PDF in bytes; null without PDF. */
  readonly fileSize: number | null;
  /** SHA-256 (hex) of the signed OFD file in the blob store; null when no OFD was issued. */
  readonly ofdSha256: string | null;
  /** SHA-256 (hex) of the issuing SES signature (the OFD's SignedValue.dat); null without OFD. */
  readonly ofdSignedValueSha256: string | null;
  readonly sealId: string;
  readonly algorithm: string;
  /** Idempotency reference of the request that created it (unique; null for updates). */
  readonly issueRef: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly rowVersion: number;
}

/** A lifecycle event of a licence version (also 年检 records and 延期). */
export interface LicenseEvent {
  readonly id: string;
  readonly licenseId: string;
  readonly seriesId: string;
  readonly action: string;
  readonly fromStatus: LicenseStatus | null;
  readonly toStatus: LicenseStatus;
  readonly reasonCode: string | null;
  readonly reason: string | null;
  readonly actorId: string | null;
  readonly details: Record<string, unknown>;
  readonly at: Date;
}
