import { Flex, Layout } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useI18n } from '../i18n';

/**
 * The frame of the holder portal and the public pages: narrow, mobile first (usable at 375 px),
 * brand and language only.
 */
export function PlainLayout({ title }: { title: readonly [string, string] }) {
  const { t } = useI18n();
  return (
    <Layout className="plain-layout">
      <a className="skip-link" href="#main">
        {t('跳到主要内容', 'Skip to main content')}
      </a>
      <Layout.Header className="plain-header">
        <Flex justify="space-between" align="center" gap={8}>
          <Link to="/" className="brand-inline">
            证印 · {t(title[0], title[1])}
          </Link>
          <LanguageSwitch />
        </Flex>
      </Layout.Header>
      <Layout.Content id="main" tabIndex={-1} className="plain-content">
        <Suspense fallback={null}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer className="plain-footer">
        {t('证印 电子证照与电子印章开放平台', 'zhengyin — open platform for electronic licences and seals')}
      </Layout.Footer>
    </Layout>
  );
}
