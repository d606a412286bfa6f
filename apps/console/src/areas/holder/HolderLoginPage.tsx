import { LoginOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import { useLocation } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';

/** The holder logs in at the identity provider (OIDC); the server brings the browser back here. */
export function HolderLoginPage() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const returnTo = pathname.startsWith('/holder') ? pathname : '/holder';
  return (
    <>
      <PageTitle>{t('持证人登录', 'Holder login')}</PageTitle>
      <Card>
        <Typography.Paragraph>
          {t(
            '通过统一身份认证登录后，可以查看和下载您的电子证照、亮证、授权或拒绝用证请求，查看用证记录和提出异议。',
            'Log in with the identity provider to see and download your electronic licences, show them, approve or decline use requests, see who used them and raise objections.',
          )}
        </Typography.Paragraph>
        <Button
          type="primary"
          size="large"
          block
          icon={<LoginOutlined aria-hidden />}
          onClick={() => location.assign(`/api/v1/holder/login?returnTo=${encodeURIComponent(returnTo)}`)}
        >
          {t('登录', 'Log in')}
        </Button>
      </Card>
    </>
  );
}
