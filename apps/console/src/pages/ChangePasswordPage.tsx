import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../api';
import { useI18n } from '../i18n';
import { useStaffSession } from '../session';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Password change; required after the first login and after a reset. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const session = useStaffSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (session.user === null) return <Navigate to="/login" replace />;
  const next = params.get('next')?.startsWith('/console') ? params.get('next')! : '/console';

  const submit = async (v: PasswordForm) => {
    setBusy(true);
    setError(null);
    try {
      await api.changePassword({ body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
      await session.refresh();
      void navigate(next);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="center-page" id="main">
      <Card
        title={<h1 className="card-h1">{t('修改密码', 'Change password')}</h1>}
        style={{ width: 420, maxWidth: '100%' }}
      >
        {session.user?.mustChangePassword && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('首次登录或密码重置后必须修改密码', 'You must change your password before continuing')}
          />
        )}
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
        <Form<PasswordForm> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item
            name="currentPassword"
            label={t('当前密码', 'Current password')}
            rules={[{ required: true }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('新密码', 'New password')}
            extra={t(
              '至少 12 位，含大写、小写、数字、符号中的三类，不含用户名',
              'At least 12 characters, three of: upper case, lower case, digits, symbols; not the username',
            )}
            rules={[{ required: true, min: 12 }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('确认新密码', 'Confirm new password')}
            dependencies={['newPassword']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_r, value) =>
                  value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('两次输入的密码不一致', 'The passwords differ'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('修改密码', 'Change password')}
          </Button>
          {session.user && !session.user.mustChangePassword && (
            <Button type="link" block onClick={() => void navigate(next)} style={{ marginTop: 8 }}>
              {t('返回', 'Back')}
            </Button>
          )}
        </Form>
      </Card>
    </main>
  );
}
