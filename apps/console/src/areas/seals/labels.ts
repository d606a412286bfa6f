import type { Lang } from '../../i18n';
import type { BusinessPurpose, SealAlgorithm, SealStatus, SealType, SealUseRequest } from './model';

type Names = readonly [zh: string, en: string];
const pick = (names: Names, lang: Lang) => names[lang === 'en' ? 1 : 0];

const STATUS: Record<SealStatus, { names: Names; color: string }> = {
  applied: { names: ['待审核', 'Awaiting review'], color: 'processing' },
  rejected: { names: ['已驳回', 'Rejected'], color: 'red' },
  withdrawn: { names: ['已撤回', 'Withdrawn'], color: 'default' },
  approved: { names: ['待制作', 'Approved, to be made'], color: 'blue' },
  made: { names: ['待备案', 'Made, awaiting filing'], color: 'gold' },
  active: { names: ['已启用', 'Active'], color: 'green' },
  suspended: { names: ['已停用', 'Suspended'], color: 'orange' },
  lost: { names: ['已挂失', 'Reported lost'], color: 'volcano' },
  expired: { names: ['已过期', 'Expired'], color: 'default' },
  revoked: { names: ['已注销', 'Revoked'], color: 'magenta' },
  destroyed: { names: ['已销毁', 'Key destroyed'], color: 'default' },
};
export const SEAL_STATUSES = Object.keys(STATUS) as SealStatus[];
export const sealStatusName = (s: SealStatus, lang: Lang) => pick(STATUS[s].names, lang);
export const sealStatusColor = (s: SealStatus) => STATUS[s].color;

/** Type names as the core names them (SEAL_TYPE_NAMES). */
const TYPES: Record<SealType, Names> = {
  official: ['法定名称章', 'Official seal'],
  internal: ['内设机构章', 'Internal unit seal'],
  branch: ['分支机构章', 'Branch seal'],
  business: ['业务专用章', 'Business seal'],
  position: ['职务章', 'Position seal'],
  personal: ['个人名章', 'Personal seal'],
};
export const SEAL_TYPES = Object.keys(TYPES) as SealType[];
export const sealTypeName = (type: SealType, lang: Lang) => pick(TYPES[type], lang);
/** Personal and position seals belong to a person; every other seal to a unit. */
export const isPersonalType = (type: SealType) => type === 'personal' || type === 'position';

const PURPOSES: Record<BusinessPurpose, Names> = {
  contract: ['合同专用章', 'Contracts'],
  finance: ['财务专用章', 'Finance'],
  invoice: ['发票专用章', 'Invoices'],
  inspection: ['检验检测专用章', 'Inspection'],
  customs: ['报关专用章', 'Customs'],
  other: ['其他业务专用章', 'Other business'],
};
export const BUSINESS_PURPOSES = Object.keys(PURPOSES) as BusinessPurpose[];
export const purposeName = (p: BusinessPurpose, lang: Lang) => pick(PURPOSES[p], lang);

const ALGORITHMS: Record<SealAlgorithm, Names> = {
  sm2: ['SM2（国密，推荐）', 'SM2 (national standard, recommended)'],
  'ecdsa-p256': ['ECDSA P-256', 'ECDSA P-256'],
  rsa2048: ['RSA 2048', 'RSA 2048'],
};
export const SEAL_ALGORITHMS = Object.keys(ALGORITHMS) as SealAlgorithm[];
export const algorithmName = (a: SealAlgorithm, lang: Lang) => pick(ALGORITHMS[a], lang);

/** Status history actions (seal_status_events.action). */
const ACTIONS: Record<string, Names> = {
  apply: ['申请', 'Applied'],
  approve: ['审核通过', 'Approved'],
  reject: ['驳回', 'Rejected'],
  withdraw: ['撤回', 'Withdrawn'],
  make: ['制作', 'Made'],
  file: ['备案', 'Filed'],
  suspend: ['停用', 'Suspended'],
  resume: ['恢复', 'Resumed'],
  report_lost: ['挂失', 'Reported lost'],
  revoke: ['注销', 'Revoked'],
  expire: ['到期', 'Expired'],
  renew: ['续期', 'Renewed'],
  destroy_key: ['销毁密钥', 'Key destroyed'],
};
export const sealActionName = (action: string, lang: Lang) =>
  ACTIONS[action] ? pick(ACTIONS[action], lang) : action;

const USE_STATUS: Record<SealUseRequest['status'], { names: Names; color: string }> = {
  pending: { names: ['待审批', 'Awaiting approval'], color: 'processing' },
  approved: { names: ['已批准', 'Approved'], color: 'green' },
  rejected: { names: ['已驳回', 'Rejected'], color: 'red' },
  exhausted: { names: ['已用完', 'Used up'], color: 'default' },
  cancelled: { names: ['已取消', 'Cancelled'], color: 'default' },
};
export const useStatusName = (s: SealUseRequest['status'], lang: Lang) => pick(USE_STATUS[s].names, lang);
export const useStatusColor = (s: SealUseRequest['status']) => USE_STATUS[s].color;
