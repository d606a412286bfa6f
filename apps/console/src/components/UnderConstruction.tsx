import { Result } from 'antd';
import { useI18n } from '../i18n';

/** Placeholder of a page not built yet. */
export function UnderConstruction({ title }: { title: string }) {
  const { t } = useI18n();
  return <Result status="info" title={title} subTitle={t('建设中', 'Under construction')} />;
}
