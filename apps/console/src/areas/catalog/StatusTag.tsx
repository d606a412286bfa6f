import { Tag } from 'antd';
import { useI18n } from '../../i18n';
import { STATUS_LABELS, STATUS_STYLES } from './labels';
import type { CatalogStatus } from './model';

export function StatusTag({ status }: { status: CatalogStatus }) {
  const { t } = useI18n();
  return (
    <Tag style={STATUS_STYLES[status]} data-testid="type-status" data-status={status}>
      {t(...STATUS_LABELS[status])}
    </Tag>
  );
}
