import { Tag } from 'antd';
import { useI18n } from '../../i18n';
import { statusColor, statusName } from './labels';
import type { LicenseStatus } from './model';

export function StatusTag({ status }: { status: LicenseStatus }) {
  const { lang } = useI18n();
  return (
    <Tag color={statusColor(status)} data-status={status}>
      {statusName(status, lang)}
    </Tag>
  );
}
