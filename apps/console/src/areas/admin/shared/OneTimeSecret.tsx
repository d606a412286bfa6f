import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Modal, Typography } from 'antd';
import { useI18n } from '../../../i18n';

interface Props {
  /** The secret to show; the dialog is open while it is set. */
  readonly secret: string | null;
  readonly title: string;
  /** What the secret is, e.g. "初始密码". Also the field's label. */
  readonly label: string;
  /** Extra facts shown above the secret (user name, AppKey …). */
  readonly children?: React.ReactNode;
  onClose(): void;
}

/** A password or app secret the server returns once: shown here once, with a copy button. */
export function OneTimeSecret({ secret, title, label, children, onClose }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      void message.success(t('已复制', 'Copied'));
    } catch {
      void message.warning(t('无法访问剪贴板，请手动复制', 'No clipboard access; copy it by hand'));
    }
  };
  return (
    <Modal
      open={secret !== null}
      title={title}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('我已妥善保存', 'I have saved it')}
        </Button>
      }
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Alert
          type="warning"
          showIcon
          title={t(
            '{label}只显示这一次，关闭后无法再次查看。请立即复制并通过安全渠道交给使用人。',
            '{label}: shown only this once and never again. Copy it now and hand it over securely.',
            { label },
          )}
        />
        {children}
        <label htmlFor="one-time-secret">
          <Typography.Text strong>{label}</Typography.Text>
        </label>
        <Flex gap={8}>
          <Input id="one-time-secret" readOnly value={secret ?? ''} data-testid="one-time-secret" />
          <Button icon={<CopyOutlined />} onClick={() => void copy()} aria-label={t('复制', 'Copy')}>
            {t('复制', 'Copy')}
          </Button>
        </Flex>
      </Flex>
    </Modal>
  );
}
