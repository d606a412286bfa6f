import type { HolderCodeType } from '../catalog/types.js';

/** 用证清单 entry workflow: edits send an entry back to draft; only approved entries authorise use. */
export const USE_LIST_STATUSES = ['draft', 'submitted', 'approved', 'rejected'] as const;
export type UseListStatus = (typeof USE_LIST_STATUSES)[number];

/**
 * One line of a using department's 用证清单: for a service item (事项), the licence type and the data
 * items it may use, why, and whether it may use them on its own authority (依职能) without consent.
 */
export interface UseListEntry {
  readonly id: string;
  readonly departmentId: string;
  /** The department's region: the region administrator who approves the entry. */
  readonly regionCode: string;
  /** 事项编码 and 事项名称 */
  readonly itemCode: string;
  readonly itemName: string;
  /** 证照类型代码 (21 characters) of a published licence type. */
  readonly licenseTypeCode: string;
  /** Data-item codes of the type the department may receive. */
  readonly dataItems: readonly string[];
  readonly purpose: string;
  /** 依职能用证: use without the holder's consent is allowed. */
  readonly dutyBased: boolean;
  readonly status: UseListStatus;
  readonly reviewComment: string | null;
  readonly reviewedBy: string | null;
  readonly reviewedAt: Date | null;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly updatedAt: Date;
  readonly rowVersion: number;
}

/** How a usage context is authorised. */
export const USE_MODES = ['consent', 'duty', 'show-code'] as const;
export type UseMode = (typeof USE_MODES)[number];

/** Stored statuses; `expired` is also reported for a pending or approved context past `expiresAt`. */
export const USAGE_CONTEXT_STATUSES = ['pending_consent', 'approved', 'declined', 'expired'] as const;
export type UsageContextStatus = (typeof USAGE_CONTEXT_STATUSES)[number];

/** 用证上下文: who wants which licence data of which holder, for what. */
export interface UsageContext {
  readonly id: string;
  readonly departmentId: string;
  readonly regionCode: string;
  /** 事由 */
  readonly cause: string;
  readonly itemCode: string;
  readonly itemName: string;
  /** 办件流水号 */
  readonly businessNumber: string;
  readonly holderCode: string;
  readonly holderCodeType: HolderCodeType;
  readonly licenseTypeCodes: readonly string[];
  readonly dataItems: readonly string[];
  /** 办理环节, 办理地点 and the operator (经办人) named by the calling system. */
  readonly stage: string | null;
  readonly place: string | null;
  readonly operator: string;
  readonly mode: UseMode;
  readonly status: Exclude<UsageContextStatus, 'expired'>;
  /** Licence whose 亮证 token bound the context (show-code mode). */
  readonly shownLicenseId: string | null;
  readonly decidedAt: Date | null;
  readonly decisionReason: string | null;
  readonly createdAt: Date;
  readonly createdByKind: 'user' | 'app' | 'system';
  readonly createdBy: string;
  /** Pending: the consent deadline; approved: the end of use. */
  readonly expiresAt: Date;
}

/** 用证码: only its SM3 digest is stored. */
export interface UseCode {
  readonly codeHash: string;
  readonly contextId: string;
  readonly departmentId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly usedBy: string | null;
}

export const REDEEM_KINDS = ['data', 'file', 'annotated'] as const;
export type RedeemKind = (typeof REDEEM_KINDS)[number];

/** 用证记录: one per licence used. The holder sees these. */
export interface UseRecord {
  readonly id: string;
  readonly contextId: string;
  readonly departmentId: string;
  readonly departmentName: string;
  readonly regionCode: string;
  readonly actorKind: 'user' | 'app' | 'system';
  readonly actorId: string;
  readonly operator: string;
  readonly cause: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly businessNumber: string;
  readonly holderCode: string;
  readonly holderCodeType: HolderCodeType;
  readonly licenseId: string;
  readonly licenseIdentifier: string;
  readonly licenseTypeCode: string;
  readonly licenseTypeName: string;
  /** Data-item codes handed over (all of the licence's for file and annotated). */
  readonly fields: readonly string[];
  readonly kind: RedeemKind | 'duty';
  readonly at: Date;
}
