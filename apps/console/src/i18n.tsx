import { ConfigProvider } from 'antd';
import type { ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useMemo, useState } from 'react';

export type Lang = 'zh-CN' | 'en';

const STORAGE_KEY = 'zy-lang';
let current: Lang = (localStorage.getItem(STORAGE_KEY) as Lang | null) === 'en' ? 'en' : 'zh-CN';

/** The language the SDK asks the server to answer errors in. */
export const currentLanguage = (): Lang => current;

/** Fills `{name}` placeholders. */
const fill = (text: string, vars?: Record<string, string | number>) =>
  vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;

export interface I18n {
  readonly lang: Lang;
  setLang(lang: Lang): void;
  /** Picks the text of the current language: `t('证照目录', 'Licence catalogue')`. */
  t(zh: string, en: string, vars?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);

/**
 * Ant Design's defaults put secondary text, placeholders, danger buttons and coloured tags below the
 * WCAG AA contrast of 4.5:1; these values reach it on white and on the light tag backgrounds.
 */
const ACCESSIBLE_THEME: ThemeConfig = {
  token: {
    colorPrimary: '#b71c1c',
    borderRadius: 4,
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
  },
  components: {
    // A table's empty text (e.g. 尚未制作加注件) is content, not a disabled control.
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
    Tag: {
      colorSuccess: '#237804',
      colorInfo: '#0958d9',
      colorWarning: '#874d00',
      green7: '#237804',
      gold7: '#874d00',
      orange7: '#ad4e00',
      volcano7: '#ad2102',
      cyan7: '#006d75',
      lime7: '#3f6600',
    },
  },
};

/**
 * zh-CN first, English available. Texts are written in both languages where they are used, so
 * every page carries its own translations and no key registry can drift.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(current);
  const setLang = useCallback((next: Lang) => {
    current = next;
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    dayjs.locale(next === 'en' ? 'en' : 'zh-cn');
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (zh, en, vars) => fill(lang === 'en' ? en : zh, vars) }),
    [lang, setLang],
  );
  document.documentElement.lang = lang;
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider
        locale={lang === 'en' ? enUS : zhCN}
        button={{ autoInsertSpace: false }}
        theme={ACCESSIBLE_THEME}
      >
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
