import { Form, Input, Modal } from 'antd';
import { useI18n } from '../../i18n';

/** Asks for a review comment; a rejection needs its reason. */
export function CommentModal({
  open,
  title,
  label,
  required,
  busy,
  onOk,
  onCancel,
}: {
  open: boolean;
  title: string;
  label: string;
  required: boolean;
  busy: boolean;
  onOk(comment: string): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ comment?: string }>();
  return (
    <Modal
      open={open}
      title={title}
      confirmLoading={busy}
      destroyOnHidden
      okText={t('确定', 'OK')}
      cancelText={t('取消', 'Cancel')}
      onCancel={onCancel}
      onOk={() =>
        void form.validateFields().then(
          (v) => onOk(v.comment?.trim() ?? ''),
          // The form shows what is missing next to the field.
          () => undefined,
        )
      }
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="comment"
          label={label}
          rules={
            required
              ? [{ required: true, whitespace: true, message: t('请填写原因', 'Give the reason') }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
