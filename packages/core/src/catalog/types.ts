/** 持证主体类别 (GB/T 36902): natural persons, legal entities, or both. */
export const HOLDER_CATEGORIES = ['natural_person', 'legal_entity', 'both'] as const;
export type HolderCategory = (typeof HOLDER_CATEGORIES)[number];

/** 持证主体代码类型代码 (GB/T 36903): 001 and 111 seen in the standard; the others are unconfirmed. */
export const HOLDER_CODE_TYPES = {
  '001': '统一社会信用代码',
  '002': '组织机构代码',
  '003': '工商注册号',
  '099': '其他法人代码',
  '111': '公民身份号码',
  '414': '普通护照',
  '511': '台湾居民来往大陆通行证',
  '516': '港澳居民来往内地通行证',
  '553': '外国人永久居留身份证',
  '999': '其他',
} as const;
export type HolderCodeType = keyof typeof HOLDER_CODE_TYPES;

export const DATA_ITEM_TYPES = ['text', 'number', 'date', 'enum', 'boolean', 'image', 'table'] as const;
export type DataItemType = (typeof DATA_ITEM_TYPES)[number];

/** How a value shows on public pages (QR verification, 亮证). */
export type Masking =
  | { readonly kind: 'none' }
  | { readonly kind: 'hidden' }
  | { readonly kind: 'partial'; readonly keepStart: number; readonly keepEnd: number };

export interface DataItem {
  /** Upper-case code, e.g. ZZBH or KZ_JYCS. */
  readonly code: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly type: DataItemType;
  readonly required: boolean;
  readonly maxLength?: number;
  /** Regular expression a text value must match (anchored). */
  readonly pattern?: string;
  readonly enumValues?: readonly string[];
  /** Column codes of a table item. */
  readonly columns?: readonly string[];
  readonly masking: Masking;
}

export type ValidityRule =
  | { readonly kind: 'fixed'; readonly years: number; readonly months: number; readonly days: number }
  | { readonly kind: 'long_term' }
  | { readonly kind: 'none' };

/** 共享属性 */
export const SHARING_ATTRIBUTES = ['unconditional', 'conditional', 'none'] as const;
export type SharingAttribute = (typeof SHARING_ATTRIBUTES)[number];

/** 证照定义机构级别: 1 国家级, 2 省部级, 3 地市级, 4 区县级, 5 其他. */
export type AuthorityLevel = 1 | 2 | 3 | 4 | 5;

/** Which signed files a licence is issued as: PDF, OFD (GB/T 33190 with SES signature) or both. */
export const LICENSE_FILE_FORMATS = ['pdf', 'ofd', 'both'] as const;
export type LicenseFileFormat = (typeof LICENSE_FILE_FORMATS)[number];

export const CATALOG_STATUSES = ['draft', 'submitted', 'approved', 'published', 'superseded'] as const;
export type CatalogStatus = (typeof CATALOG_STATUSES)[number];

/** One version of a licence type. A published version never changes; a change is a new version. */
export interface LicenseTypeVersion {
  readonly id: string;
  /** 证照类型代码: the defining authority's 统一社会信用代码 + 3 digits (21 characters). */
  readonly typeCode: string;
  readonly version: number;
  readonly name: string;
  readonly definer: { readonly name: string; readonly code: string; readonly level: AuthorityLevel };
  readonly holderCategory: HolderCategory;
  readonly holderCodeTypes: readonly HolderCodeType[];
  readonly validity: ValidityRule;
  readonly dataItems: readonly DataItem[];
  /** The face template (validated by the rendering code when the type is published). */
  readonly faceTemplate: Record<string, unknown> | null;
  readonly sampleData: Record<string, unknown>;
  readonly sealId: string | null;
  /** The files its licences are issued as, unless an issuance request names another format. */
  readonly fileFormat: LicenseFileFormat;
  readonly serviceItems: readonly { readonly code: string; readonly name: string }[];
  readonly sharing: SharingAttribute;
  readonly issuerDepartmentIds: readonly string[];
  readonly status: CatalogStatus;
  /** The department that registered the type, and its region (reviewed by the region). */
  readonly departmentId: string;
  readonly regionCode: string;
  readonly reviewComment: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly publishedAt: Date | null;
  readonly rowVersion: number;
}
