import { Form, Input, Modal } from 'antd';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { DepartmentSelect } from '../admin/shared/DepartmentSelect';
import { FormError } from './FormError';
import type { ServiceItem } from './lists-model';
import { SERVICE_ITEM_CODE } from './lists-model';
import { useFormSubmit } from './useFormSubmit';

interface Values {
  departmentId: string;
  code: string;
  name: string;
}

interface Props {
  readonly open: boolean;
  /** Corrects this item; enters a new one when absent. */
  readonly editing?: ServiceItem;
  onClose(): void;
  onSaved(): void;
}

/** Enters a service item on the 事项清单, or corrects its code or name. */
export function ServiceItemFormModal({ open, editing, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { submit, busy, error, clearError } = useFormSubmit();
  const save = async (v: Values) => {
    const code = v.code.trim();
    const name = v.name.trim();
    const saved = editing
      ? await submit(
          () => api.updateServiceItem({ params: { id: editing.id }, body: { code, name } }),
          t('事项已保存', 'Service item saved'),
        )
      : await submit(
          () => api.addServiceItem({ body: { departmentId: v.departmentId, code, name } }),
          t('事项已添加', 'Service item added'),
        );
    if (saved) onSaved();
  };
  const close = () => {
    clearError();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={editing ? t('编辑事项', 'Edit service item') : t('添加事项', 'Add a service item')}
      okText={t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={close}
      destroyOnHidden
    >
      <FormError error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={editing ? { code: editing.code, name: editing.name } : {}}
        onFinish={(v) => void save(v)}
      >
        {editing ? null : (
          <Form.Item
            name="departmentId"
            label={t('所属部门', 'Department')}
            rules={[{ required: true, message: t('请选择部门', 'Choose a department') }]}
          >
            <DepartmentSelect />
          </Form.Item>
        )}
        <Form.Item
          name="code"
          label={t('事项编码', 'Item code')}
          extra={t('字母、数字及 . _ -，最多 64 位', 'Letters, digits and . _ -, at most 64')}
          rules={[
            { required: true, whitespace: true, message: t('请输入事项编码', 'Enter the item code') },
            {
              pattern: SERVICE_ITEM_CODE,
              message: t('编码只能包含字母、数字及 . _ -', 'Only letters, digits and . _ -'),
            },
          ]}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('事项名称', 'Item name')}
          rules={[{ required: true, whitespace: true, message: t('请输入事项名称', 'Enter the item name') }]}
        >
          <Input maxLength={256} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
