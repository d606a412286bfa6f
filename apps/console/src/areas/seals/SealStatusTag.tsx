import { Tag } from 'antd';
import { useI18n } from '../../i18n';
import { sealStatusColor, sealStatusName, useStatusColor, useStatusName } from './labels';
import type { SealStatus, SealUseRequest } from './model';

export function SealStatusTag({ status }: { status: SealStatus }) {
  const { lang } = useI18n();
  return (
    <Tag color={sealStatusColor(status)} data-status={status}>
      {sealStatusName(status, lang)}
    </Tag>
  );
}

export function UseStatusTag({ status }: { status: SealUseRequest['status'] }) {
  const { lang } = useI18n();
  return (
    <Tag color={useStatusColor(status)} data-status={status}>
      {useStatusName(status, lang)}
    </Tag>
  );
}
