import type { I18n } from '../../i18n';
import type { ObjectionStatus } from './types';

export const OBJECTION_STATUSES: readonly ObjectionStatus[] = [
  'submitted',
  'acknowledged',
  'rejected',
  'corrected',
];

// Solid dark tags (white text) where antd's light green / gold presets fall below 4.5:1 contrast.
const STATUS: Record<ObjectionStatus, { zh: string; en: string; color: string }> = {
  submitted: { zh: '待标注', en: 'Submitted', color: 'purple' },
  acknowledged: { zh: '已标注，处理中', en: 'Acknowledged', color: 'processing' },
  rejected: { zh: '已驳回', en: 'Rejected', color: 'default' },
  corrected: { zh: '已更正', en: 'Corrected', color: '#237804' },
};

export const objectionStatusLabel = (s: ObjectionStatus, t: I18n['t']) => t(STATUS[s].zh, STATUS[s].en);
export const objectionStatusColor = (s: ObjectionStatus) => STATUS[s].color;

const STANDARD_FIELDS: Record<string, readonly [string, string]> = {
  holderName: ['持证主体名称', 'Holder name'],
  holderCode: ['持证主体代码', 'Holder code'],
  licenseNumber: ['证照编号', 'Licence number'],
  issueDate: ['发证日期', 'Issue date'],
  validFrom: ['有效期起始', 'Valid from'],
  validTo: ['有效期截止', 'Valid to'],
};

/** A field named in an objection: a standard licence field, or a data-item code (label when known). */
export function objectionFieldLabel(
  field: string,
  t: I18n['t'],
  dataLabel?: (code: string) => string,
): string {
  const standard = STANDARD_FIELDS[field];
  if (standard) return t(standard[0], standard[1]);
  return dataLabel ? dataLabel(field) : field;
}
