/** 印章类型: the kinds of electronic seal the rules name (国办发〔2025〕33号, Xi'an rules). */
export const SEAL_TYPES = ['official', 'internal', 'branch', 'business', 'position', 'personal'] as const;
export type SealType = (typeof SEAL_TYPES)[number];

/** 业务专用章 purposes. */
export const BUSINESS_PURPOSES = [
  'contract',
  'finance',
  'invoice',
  'inspection',
  'customs',
  'other',
] as const;
export type BusinessPurpose = (typeof BUSINESS_PURPOSES)[number];

export const SEAL_TYPE_NAMES: Record<SealType, string> = {
  official: '法定名称章',
  internal: '内设机构章',
  branch: '分支机构章',
  business: '业务专用章',
  position: '电子职务章',
  personal: '个人电子名章',
};

export const BUSINESS_PURPOSE_NAMES: Record<BusinessPurpose, string> = {
  contract: '合同专用章',
  finance: '财务专用章',
  invoice: '发票专用章',
  inspection: '审验专用章',
  customs: '报关专用章',
  other: '业务专用章',
};

/** Public-security seal type codes (01 法定名称章 … 99 其他), also written as SES `type`. */
export function sesTypeCode(type: SealType, purpose: BusinessPurpose | null): number {
  if (type === 'official') return 1;
  if (type === 'business' && purpose === 'finance') return 2;
  if (type === 'business' && purpose === 'invoice') return 3;
  if (type === 'business' && purpose === 'contract') return 4;
  if (type === 'position') return 5;
  return 99;
}

export type SealOwner =
  | {
      readonly kind: 'department';
      readonly departmentId: string;
      readonly name: string;
      readonly code: string;
    }
  | { readonly kind: 'enterprise'; readonly name: string; readonly code: string }
  | { readonly kind: 'person'; readonly name: string; readonly code: string };

/** The regulated lifecycle: 申请 → 审核 → 制作 → 备案 → 使用 → 停用/挂失/注销 → 销毁. */
export const SEAL_STATUSES = [
  'applied',
  'rejected',
  'withdrawn',
  'approved',
  'made',
  'active',
  'suspended',
  'lost',
  'expired',
  'revoked',
  'destroyed',
] as const;
export type SealStatus = (typeof SEAL_STATUSES)[number];

export const SEAL_STATUS_NAMES: Record<SealStatus, string> = {
  applied: '已申请',
  rejected: '已驳回',
  withdrawn: '已撤回',
  approved: '已批准',
  made: '已制作（待备案）',
  active: '正常',
  suspended: '已停用',
  lost: '已挂失',
  expired: '已过期',
  revoked: '已注销',
  destroyed: '已销毁',
};

export const SEAL_ALGORITHMS = ['sm2', 'ecdsa-p256', 'rsa2048'] as const;
export type SealAlgorithm = (typeof SEAL_ALGORITHMS)[number];

export type SealShape = 'round' | 'oval' | 'square';

export interface Seal {
  readonly id: string;
  /** esID: owner area code (6) + 8-digit serial; kept across renewals. */
  readonly code: string;
  readonly type: SealType;
  readonly purpose: BusinessPurpose | null;
  readonly name: string;
  readonly owner: SealOwner;
  /** Department responsible (applicant's department; owner department for department seals). */
  readonly departmentId: string;
  readonly regionCode: string;
  readonly status: SealStatus;
  readonly algorithm: SealAlgorithm;
  readonly keeperId: string;
  readonly applicantId: string;
  readonly reason: string;
  /** Approval chain: the scopes that must approve in order, and how many have. */
  readonly approvalSteps: readonly ApprovalStep[];
  readonly approvalsDone: number;
  readonly image: {
    readonly shape: SealShape | 'uploaded';
    readonly png: Uint8Array;
    readonly svg: string | null;
    readonly widthMm: number;
    readonly heightMm: number;
  } | null;
  readonly keyRef: string | null;
  readonly certificate: Uint8Array | null;
  /** DER of the current GB/T 38540 SESeal. */
  readonly sesSeal: Uint8Array | null;
  /** Increments with each renewal (new certificate, new SESeal). */
  readonly sealVersion: number;
  readonly validFrom: Date | null;
  readonly validTo: Date | null;
  readonly replacesSealId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export type ApprovalStep =
  { readonly scope: 'department' } | { readonly scope: 'region'; readonly regionCode: string };
