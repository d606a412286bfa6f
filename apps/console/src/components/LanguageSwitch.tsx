import { Segmented } from 'antd';
import type { Lang } from '../i18n';
import { useI18n } from '../i18n';

/** 中文 / English switch (kept in localStorage). */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      aria-label={t('界面语言', 'Language')}
      value={lang}
      onChange={setLang}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
}
