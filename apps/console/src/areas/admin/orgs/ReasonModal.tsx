import { Form, Input, Modal } from 'antd';
import { useI18n } from '../../../i18n';

interface Props {
  readonly open: boolean;
  readonly title: string;
  readonly okText: string;
  readonly busy: boolean;
  onClose(): void;
  onSubmit(reason: string): void;
}

/** Asks for the reason a destructive action needs (kept in the audit trail). */
export function ReasonModal({ open, title, okText, busy, onClose, onSubmit }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => onSubmit(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('原因', 'Reason')}
          rules={[{ required: true, whitespace: true, message: t('请填写原因', 'Give the reason') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
