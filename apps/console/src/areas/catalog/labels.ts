import type {
  CatalogStatus,
  DataItem,
  DataItemType,
  FileFormat,
  HolderCodeType,
  LicenseTypeContent,
} from './model';

type Label = readonly [zh: string, en: string];

export const STATUS_LABELS: Record<CatalogStatus, Label> = {
  draft: ['草稿', 'Draft'],
  submitted: ['已提交待审核', 'Submitted'],
  approved: ['已审核待发布', 'Approved'],
  published: ['已发布', 'Published'],
  superseded: ['已被新版本替代', 'Superseded'],
};

/** Tag colours: dark text on a light ground, so the contrast stays above 4.5:1. */
export const STATUS_STYLES: Record<
  CatalogStatus,
  { color: string; background: string; borderColor: string }
> = {
  draft: { color: '#262626', background: '#fafafa', borderColor: '#d9d9d9' },
  submitted: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  approved: { color: '#00474f', background: '#e6fffb', borderColor: '#87e8de' },
  published: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  superseded: { color: '#434343', background: '#f5f5f5', borderColor: '#d9d9d9' },
};

export const LEVEL_LABELS: Record<1 | 2 | 3 | 4 | 5, Label> = {
  1: ['国家级', 'National'],
  2: ['省部级', 'Provincial / ministerial'],
  3: ['地市级', 'Prefecture'],
  4: ['区县级', 'County'],
  5: ['其他', 'Other'],
};

export const FILE_FORMAT_LABELS: Record<FileFormat, Label> = {
  pdf: ['PDF', 'PDF'],
  ofd: ['OFD', 'OFD'],
  both: ['PDF 和 OFD', 'PDF and OFD'],
};

export const ITEM_TYPE_LABELS: Record<DataItemType, Label> = {
  text: ['文本', 'Text'],
  number: ['数字', 'Number'],
  date: ['日期', 'Date'],
  enum: ['枚举', 'Enumeration'],
  boolean: ['是/否', 'Yes / no'],
  image: ['图片', 'Image'],
  table: ['表格', 'Table'],
};

export const HOLDER_CATEGORY_LABELS: Record<LicenseTypeContent['holderCategory'], Label> = {
  natural_person: ['自然人', 'Natural persons'],
  legal_entity: ['法人和其他组织', 'Legal entities'],
  both: ['自然人和法人', 'Both'],
};

export const HOLDER_CODE_TYPE_LABELS: Record<HolderCodeType, Label> = {
  '001': ['统一社会信用代码', 'Unified social credit code'],
  '002': ['组织机构代码', 'Organisation code'],
  '003': ['工商注册号', 'Business registration number'],
  '099': ['其他法人代码', 'Other legal entity code'],
  '111': ['公民身份号码', 'Citizen ID number'],
  '414': ['普通护照', 'Passport'],
  '511': ['台湾居民来往大陆通行证', 'Taiwan residents’ permit'],
  '516': ['港澳居民来往内地通行证', 'Hong Kong / Macao residents’ permit'],
  '553': ['外国人永久居留身份证', 'Foreigner’s permanent residence ID'],
  '999': ['其他', 'Other'],
};

export const SHARING_LABELS: Record<LicenseTypeContent['sharing'], Label> = {
  unconditional: ['无条件共享', 'Shared unconditionally'],
  conditional: ['有条件共享', 'Shared on conditions'],
  none: ['不予共享', 'Not shared'],
};

export const VALIDITY_LABELS: Record<LicenseTypeContent['validity']['kind'], Label> = {
  fixed: ['固定期限', 'Fixed term'],
  long_term: ['长期有效', 'Long term'],
  none: ['不设有效期', 'No validity period'],
};

export const MASKING_LABELS: Record<DataItem['masking']['kind'], Label> = {
  none: ['公开显示', 'Shown'],
  hidden: ['隐藏', 'Hidden'],
  partial: ['部分遮盖', 'Partly masked'],
};

/** Options for an antd Select from a label table with string keys. */
export function optionsOf<K extends string>(
  labels: Record<K, Label>,
  t: (zh: string, en: string) => string,
): { value: K; label: string }[] {
  return (Object.entries(labels) as [K, Label][]).map(([value, [zh, en]]) => ({ value, label: t(zh, en) }));
}

export const levelOptions = (t: (zh: string, en: string) => string) =>
  ([1, 2, 3, 4, 5] as const).map((level) => ({ value: level, label: t(...LEVEL_LABELS[level]) }));
