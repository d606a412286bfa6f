import type { Lang } from '../../i18n';
import type { FileFormat, LicenseStatus } from './model';

type Names = readonly [zh: string, en: string];
const pick = (names: Names, lang: Lang) => names[lang === 'en' ? 1 : 0];

/** Status names as the core names them (LICENSE_STATUS_NAMES), with the tag colour of each. */
const STATUS: Record<LicenseStatus, { names: Names; color: string }> = {
  made: { names: ['已制证（待签发）', 'Made (not issued)'], color: 'processing' },
  valid: { names: ['有效', 'Valid'], color: 'green' },
  suspended: { names: ['暂扣', 'Suspended'], color: 'orange' },
  lost: { names: ['挂失', 'Reported lost'], color: 'gold' },
  pledged: { names: ['质押', 'Pledged'], color: 'blue' },
  expired: { names: ['已过期', 'Expired'], color: 'default' },
  cancelled: { names: ['已注销', 'Cancelled'], color: 'red' },
  revoked: { names: ['已吊销', 'Revoked'], color: 'magenta' },
  superseded: { names: ['已更新（旧版本）', 'Superseded (old version)'], color: 'default' },
};

export const STATUS_LIST = Object.keys(STATUS) as LicenseStatus[];
export const statusName = (s: LicenseStatus, lang: Lang) => pick(STATUS[s].names, lang);
export const statusColor = (s: LicenseStatus) => STATUS[s].color;

/** Lifecycle event names (license_events.action). */
const EVENTS: Record<string, Names> = {
  issue: ['签发', 'Issued'],
  update: ['变更（新版本）', 'Changed (new version)'],
  cancel: ['注销', 'Cancelled'],
  revoke: ['吊销', 'Revoked'],
  suspend: ['暂扣', 'Suspended'],
  resume: ['恢复', 'Resumed'],
  report_lost: ['挂失', 'Reported lost'],
  recover: ['找回', 'Recovered'],
  pledge: ['质押', 'Pledged'],
  release: ['解押', 'Released'],
  inspect: ['年检', 'Inspected'],
  extend: ['延期', 'Extended'],
  expire: ['到期', 'Expired'],
};
export const eventName = (action: string, lang: Lang) =>
  EVENTS[action] ? pick(EVENTS[action], lang) : action;

/** 注销 reason codes of the API. */
export const CANCEL_REASONS: { value: 'normal' | 'issued_in_error' | 'other'; names: Names }[] = [
  { value: 'normal', names: ['正常注销', 'Normal cancellation'] },
  { value: 'issued_in_error', names: ['错误签发', 'Issued in error'] },
  { value: 'other', names: ['其他', 'Other'] },
];
export const cancelReasonName = (code: string, lang: Lang) => {
  const found = CANCEL_REASONS.find((r) => r.value === code);
  return found ? pick(found.names, lang) : code;
};

/** 持证主体代码类型 (GB/T 36903). */
const HOLDER_CODE_TYPES: Record<string, Names> = {
  '001': ['统一社会信用代码', 'Unified social credit code'],
  '002': ['组织机构代码', 'Organisation code'],
  '003': ['工商注册号', 'Business registration number'],
  '099': ['其他法人代码', 'Other legal-entity code'],
  '111': ['公民身份号码', 'Citizen ID number'],
  '414': ['普通护照', 'Passport'],
  '511': ['台湾居民来往大陆通行证', 'Taiwan compatriot permit'],
  '516': ['港澳居民来往内地通行证', 'Home-return permit (HK/Macao)'],
  '553': ['外国人永久居留身份证', 'Foreigner permanent residence ID'],
  '999': ['其他', 'Other'],
};
export const HOLDER_CODE_TYPE_LIST = Object.keys(HOLDER_CODE_TYPES);
export const holderCodeTypeName = (code: string, lang: Lang) =>
  HOLDER_CODE_TYPES[code] ? `${pick(HOLDER_CODE_TYPES[code], lang)}（${code}）` : code;

const FORMATS: Record<FileFormat, Names> = {
  pdf: ['PDF', 'PDF'],
  ofd: ['OFD', 'OFD'],
  both: ['PDF 和 OFD', 'PDF and OFD'],
};
export const formatName = (f: FileFormat, lang: Lang) => pick(FORMATS[f], lang);
