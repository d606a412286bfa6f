import { Form, Input, Modal, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { FormError } from './FormError';

interface Props {
  /** What is removed, as the confirmation names it; the modal is open while set. */
  readonly subject: string | null;
  readonly title: string;
  readonly busy: boolean;
  readonly error: string | null;
  onClose(): void;
  onConfirm(reason: string): void;
}

/** Confirms taking a line off a list, with the reason the API keeps in the audit trail. */
export function RemoveWithReasonModal({ subject, title, busy, error, onClose, onConfirm }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={subject !== null}
      title={title}
      okText={t('确认移除', 'Remove')}
      okButtonProps={{ danger: true }}
      cancelText={t('取消', 'Cancel')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t(
          '确定移除「{subject}」？移除后不再计入比率，记录连同原因保留。',
          'Remove “{subject}”? It no longer counts in the rate; the record and the reason are kept.',
          { subject: subject ?? '' },
        )}
      </Typography.Paragraph>
      <FormError error={error} />
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => onConfirm(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('移除原因', 'Reason for removal')}
          rules={[{ required: true, whitespace: true, message: t('请填写移除原因', 'Give the reason') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
