import type { I18n } from '../../i18n';
import type { UsageContext, UseListStatus } from './types';

export const USE_LIST_STATUSES: readonly UseListStatus[] = ['draft', 'submitted', 'approved', 'rejected'];

// Solid dark tags (white text) where antd's light green / gold presets fall below 4.5:1 contrast.
const LIST_STATUS: Record<UseListStatus, { zh: string; en: string; color: string }> = {
  draft: { zh: '草稿', en: 'Draft', color: 'default' },
  submitted: { zh: '待审核', en: 'Submitted', color: 'processing' },
  approved: { zh: '已批准', en: 'Approved', color: '#237804' },
  rejected: { zh: '已退回', en: 'Rejected', color: 'error' },
};

export const listStatusLabel = (status: UseListStatus, t: I18n['t']) =>
  t(LIST_STATUS[status].zh, LIST_STATUS[status].en);
export const listStatusColor = (status: UseListStatus) => LIST_STATUS[status].color;

type ContextStatus = UsageContext['status'];
const CONTEXT_STATUS: Record<ContextStatus, { zh: string; en: string; color: string }> = {
  pending_consent: { zh: '等待持证人授权', en: 'Waiting for consent', color: 'processing' },
  approved: { zh: '已授权', en: 'Approved', color: '#237804' },
  declined: { zh: '持证人已拒绝', en: 'Declined by the holder', color: 'error' },
  expired: { zh: '已过期', en: 'Expired', color: 'default' },
};

export const contextStatusLabel = (status: ContextStatus, t: I18n['t']) =>
  t(CONTEXT_STATUS[status].zh, CONTEXT_STATUS[status].en);
export const contextStatusColor = (status: ContextStatus) => CONTEXT_STATUS[status].color;

export type UseMode = UsageContext['mode'];
export const modeLabel = (mode: UseMode, t: I18n['t']) =>
  mode === 'consent'
    ? t('持证人授权', 'Holder consent')
    : mode === 'duty'
      ? t('依职能', 'Duty-based')
      : t('亮证扫码', 'Scan the holder’s code');

export const HOLDER_CODE_TYPES = [
  { value: '001', zh: '统一社会信用代码', en: 'Unified social credit code' },
  { value: '111', zh: '公民身份号码', en: 'Citizen ID number' },
] as const;
