import { Button, Form, Input } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n';
import { qrLandingPath } from './qr-link';

/** Paste the link a licence QR code holds (…/v/<identifier>?t=<token>) to open its report. */
export function QrLinkForm() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ url: string }>();
  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={({ url }) => {
        const path = qrLandingPath(url);
        if (path) void navigate(path);
      }}
    >
      <Form.Item
        name="url"
        label={t('二维码链接', 'QR code link')}
        extra={
          <span style={{ color: '#595959' }}>
            {t(
              '用手机扫描证照上的二维码即可直接核验；也可以把二维码中的链接粘贴到这里。',
              'Scan the QR code on the licence with a phone to verify it directly, or paste the link it holds here.',
            )}
          </span>
        }
        rules={[
          { required: true, message: t('请粘贴二维码链接', 'Paste the QR code link') },
          {
            validator: (_, value: string | undefined) =>
              !value || qrLandingPath(value)
                ? Promise.resolve()
                : Promise.reject(
                    new Error(
                      t(
                        '这不是证照二维码链接（应形如 …/v/证照标识?t=…）',
                        'Not a licence QR link (it looks like …/v/identifier?t=…)',
                      ),
                    ),
                  ),
          },
        ]}
      >
        <Input inputMode="url" autoComplete="off" />
      </Form.Item>
      <Button htmlType="submit">{t('核验二维码', 'Verify the QR code')}</Button>
    </Form>
  );
}
