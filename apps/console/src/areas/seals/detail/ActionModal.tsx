import { Form, Modal } from 'antd';
import type { ReactNode } from 'react';

/**
 * A confirmation dialog holding a small form: the action runs only with valid fields, and the dialog
 * closes only when it succeeded (`onSubmit` resolves true).
 */
export function ActionModal<V extends object>({
  open,
  title,
  okText,
  danger,
  busy,
  onCancel,
  onSubmit,
  children,
}: {
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  busy: boolean;
  onCancel(): void;
  onSubmit(values: V): Promise<boolean>;
  children: ReactNode;
}) {
  const [form] = Form.useForm<V>();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading: busy }}
      onCancel={onCancel}
      destroyOnHidden
      onOk={async () => {
        // Invalid fields show their messages in the form; nothing to report beyond that.
        const values = await form.validateFields().catch(() => null);
        if (values && (await onSubmit(values))) form.resetFields();
      }}
    >
      <Form<V> form={form} layout="vertical" preserve={false}>
        {children}
      </Form>
    </Modal>
  );
}
