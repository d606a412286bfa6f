import { Alert, Button, Card, Flex, Form, Image, Input, Popconfirm, Tag, Typography } from 'antd';
import QRCode from 'qrcode';
import { useState } from 'react';
import { api } from '../../../api';
import { useAction } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { useStaffSession } from '../../../session';

interface Pending {
  readonly secret: string;
  readonly otpauthUri: string;
  readonly qr: string;
}

/**
 * Two-step login (TOTP): a new secret as QR code and text, confirmed with a current code. Until it
 * is confirmed the login asks for no code, so a half-finished setup never locks anyone out.
 */
export function TotpCard() {
  const { t } = useI18n();
  const session = useStaffSession();
  const { run, busy } = useAction();
  const [pending, setPending] = useState<Pending | null>(null);
  const enabled = !!session.user?.totpEnabled;

  const start = async () => {
    const result = await run(async () => {
      const setup = await api.setupTotp();
      const qr = await QRCode.toDataURL(setup.otpauthUri, { margin: 1, width: 220 });
      return { ...setup, qr };
    });
    if (result) {
      setPending(result);
      // The server turned TOTP off until the new secret is confirmed.
      await session.refresh();
    }
  };
  const confirm = async (code: string) => {
    const done = await run(() => api.enableTotp({ body: { code } }), t('动态口令已启用', 'TOTP enabled'));
    if (done) {
      setPending(null);
      await session.refresh();
    }
  };

  return (
    <Card
      title={<h2 className="card-h2">{t('动态口令（双因素登录）', 'One-time codes (two-step login)')}</h2>}
    >
      <Flex vertical gap={12}>
        <Typography.Text>
          {t('状态：', 'Status: ')}
          {enabled ? (
            <Tag color="green" data-testid="totp-status">
              {t('已启用', 'On')}
            </Tag>
          ) : (
            <Tag data-testid="totp-status">{t('未启用', 'Off')}</Tag>
          )}
        </Typography.Text>
        {!pending &&
          (enabled ? (
            <Popconfirm
              title={t(
                '重新设置会立即停用当前动态口令，直到用新密钥确认为止。继续？',
                'Setting up again turns the current codes off until the new secret is confirmed. Continue?',
              )}
              okText={t('继续', 'Continue')}
              cancelText={t('取消', 'Cancel')}
              onConfirm={() => void start()}
            >
              <Button loading={busy} style={{ alignSelf: 'start' }}>
                {t('重新设置动态口令', 'Set up again')}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="primary" onClick={() => void start()} loading={busy} style={{ alignSelf: 'start' }}>
              {t('设置动态口令', 'Set up one-time codes')}
            </Button>
          ))}
        {pending && (
          <Flex vertical gap={12}>
            <Alert
              type="info"
              showIcon
              title={t(
                '用验证器应用（如 Google Authenticator、FreeOTP、微信小程序等）扫描二维码，或手动输入密钥，然后填写显示的 6 位数字。',
                'Scan the QR code with an authenticator app, or type the secret, then enter the 6 digits it shows.',
              )}
            />
            <Image
              src={pending.qr}
              width={220}
              preview={false}
              alt={t('动态口令二维码', 'QR code of the TOTP secret')}
            />
            <Typography.Text>
              {t('密钥：', 'Secret: ')}
              <Typography.Text code copyable data-testid="totp-secret">
                {pending.secret}
              </Typography.Text>
            </Typography.Text>
            <Form layout="inline" onFinish={(v: { code: string }) => void confirm(v.code)}>
              <Form.Item
                name="code"
                label={t('验证码', 'Code')}
                rules={[
                  { required: true, pattern: /^\d{6}$/, message: t('请输入 6 位数字', 'Enter 6 digits') },
                ]}
              >
                <Input
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  style={{ width: 140 }}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('启用', 'Enable')}
              </Button>
            </Form>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
