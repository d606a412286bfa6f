import { Alert } from 'antd';
import { useI18n } from '../../i18n';

/** The server's refusal of a form, announced to screen readers. */
export function FormError({ error }: { error: string | null }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('未保存', 'Not saved')}
      description={error}
      style={{ marginBottom: 16 }}
    />
  );
}
