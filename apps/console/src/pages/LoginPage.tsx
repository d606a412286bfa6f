import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError, errorMessage } from '../api';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useI18n } from '../i18n';
import { useStaffSession } from '../session';

interface LoginForm {
  username: string;
  password: string;
  totp?: string;
}

/** Staff login: username + password, then the one-time code when the account has TOTP. */
export function LoginPage() {
  const { t } = useI18n();
  const session = useStaffSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [needTotp, setNeedTotp] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get('next')?.startsWith('/console') ? params.get('next')! : '/console';

  if (session.user && !session.user.mustChangePassword) return <Navigate to={next} replace />;

  const submit = async (values: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.login({
        body: {
          username: values.username,
          password: values.password,
          ...(values.totp ? { totp: values.totp } : {}),
        },
      });
      await session.refresh();
      void navigate(
        result.user.mustChangePassword ? `/change-password?next=${encodeURIComponent(next)}` : next,
      );
    } catch (e) {
      if (e instanceof ApiError && e.code === 'AUTH_TOTP_REQUIRED') setNeedTotp(true);
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="center-page" id="main">
      <Card
        title={<h1 className="card-h1">{t('证印 工作人员登录', 'zhengyin staff login')}</h1>}
        extra={<LanguageSwitch />}
        style={{ width: 400, maxWidth: '100%' }}
      >
        {params.get('expired') && (
          <Alert
            type="warning"
            showIcon
            title={t('会话已过期，请重新登录', 'Session expired, log in again')}
            style={{ marginBottom: 16 }}
          />
        )}
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
        {needTotp && !error && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t(
              '此账号已启用动态口令，请输入验证器应用中的 6 位数字',
              'This account uses a one-time code: enter the 6 digits shown by your authenticator app',
            )}
          />
        )}
        <Form<LoginForm> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item
            name="username"
            label={t('用户名', 'Username')}
            rules={[{ required: true, message: t('请输入用户名', 'Enter your username') }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('密码', 'Password')}
            rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {needTotp && (
            <Form.Item
              name="totp"
              label={t('动态口令（6 位）', 'One-time code (6 digits)')}
              rules={[
                {
                  required: true,
                  pattern: /^\d{6}$/,
                  message: t('请输入 6 位动态口令', 'Enter the 6-digit code'),
                },
              ]}
            >
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} autoFocus />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('登录', 'Log in')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
