import { Form, Input, Modal } from 'antd';
import { useI18n } from '../../i18n';

/** Asks the region administrator for the reason of a rejection (the API requires one). */
export function ReviewRejectModal({
  open,
  busy,
  onCancel,
  onReject,
}: {
  open: boolean;
  busy: boolean;
  onCancel(): void;
  onReject(comment: string): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ comment: string }>();
  return (
    <Modal
      open={open}
      title={t('退回用证清单条目', 'Reject the use-list line')}
      okText={t('退回', 'Reject')}
      okButtonProps={{ danger: true }}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => onReject(v.comment)}>
        <Form.Item
          name="comment"
          label={t('退回理由', 'Reason')}
          rules={[{ required: true, whitespace: true, message: t('请填写退回理由', 'Give the reason') }]}
        >
          <Input.TextArea maxLength={1000} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
