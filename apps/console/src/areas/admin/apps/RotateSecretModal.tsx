import { Alert, Form, InputNumber, Modal } from 'antd';
import { api } from '../../../api';
import { useAction } from '../../../hooks';
import { useI18n } from '../../../i18n';
import type { IntegratedApp } from '../shared/types';

interface Props {
  readonly app: IntegratedApp | null;
  onClose(): void;
  onRotated(app: IntegratedApp, secret: string): void;
}

/** Confirms a secret rotation and how long the old secret keeps working. */
export function RotateSecretModal({ app, onClose, onRotated }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ overlapMinutes: number }>();
  const { run, busy } = useAction();
  const submit = async (overlapMinutes: number) => {
    if (!app) return;
    const done = await run(
      () => api.rotateAppSecret({ params: { id: app.id }, body: { overlapMinutes } }),
      t('密钥已轮换', 'Secret rotated'),
    );
    if (done) onRotated(done.app, done.secret);
  };
  return (
    <Modal
      open={app !== null}
      title={t('轮换密钥：{name}', 'Rotate the secret of {name}', { name: app?.name ?? '' })}
      okText={t('确认轮换', 'Rotate')}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t(
          '将生成新密钥。过渡期结束后旧密钥失效，请及时更新接入系统的配置。',
          'A new secret is issued. The old one stops working after the overlap; update the integrating system in time.',
        )}
      />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ overlapMinutes: 1440 }}
        onFinish={(v) => void submit(v.overlapMinutes)}
      >
        <Form.Item
          name="overlapMinutes"
          label={t('旧密钥过渡期（分钟）', 'Overlap of the old secret (minutes)')}
          extra={t('0 表示立即失效，最长 10080（7 天）', '0 ends it at once; at most 10080 (7 days)')}
          rules={[{ required: true, type: 'integer', min: 0, max: 10080 }]}
        >
          <InputNumber min={0} max={10080} precision={0} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
