import type { Bilingual } from './check-texts';
import type { QrReport } from './types';

export type LicenseStatus = QrReport['status'];

/** Licence statuses as a reader says them. */
export const LICENSE_STATUS_TEXT: Record<LicenseStatus, Bilingual> = {
  made: ['已制证（待签发）', 'Made, not yet issued'],
  valid: ['有效', 'In force'],
  suspended: ['暂扣', 'Suspended'],
  lost: ['挂失', 'Reported lost'],
  pledged: ['质押', 'Pledged'],
  expired: ['已过期', 'Expired'],
  cancelled: ['已注销', 'Cancelled'],
  revoked: ['已吊销', 'Revoked'],
  superseded: ['已更新（旧版本）', 'Superseded (old version)'],
};
