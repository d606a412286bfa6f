import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { DepartmentSelect } from '../admin/shared/DepartmentSelect';
import { FormError } from './FormError';
import type { ObligatoryEntry } from './lists-model';
import { SERVICE_ITEM_CODE } from './lists-model';
import { useFormSubmit } from './useFormSubmit';

interface Values {
  departmentId: string;
  typeName: string;
  typeCode?: string;
  note?: string;
  serviceItems?: { code: string; name: string }[];
}

interface Props {
  readonly open: boolean;
  /** Corrects this entry; lists a new one when absent. */
  readonly editing?: ObligatoryEntry;
  onClose(): void;
  onSaved(): void;
}

const fields = (v: Values) => ({
  typeName: v.typeName.trim(),
  typeCode: v.typeCode?.trim() || null,
  note: v.note?.trim() || null,
  serviceItems: (v.serviceItems ?? []).map((s) => ({ code: s.code.trim(), name: s.name.trim() })),
});

/** Lists a licence type a department must open, or corrects it (name, type code, note, items). */
export function ObligatoryEntryFormModal({ open, editing, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { submit, busy, error, clearError } = useFormSubmit();
  const save = async (v: Values) => {
    const saved = editing
      ? await submit(
          () => api.updateObligatoryEntry({ params: { id: editing.id }, body: fields(v) }),
          t('目录条目已保存', 'Entry saved'),
        )
      : await submit(
          () => api.addObligatoryEntry({ body: { departmentId: v.departmentId, ...fields(v) } }),
          t('目录条目已添加', 'Entry added'),
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
      title={
        editing ? t('编辑目录条目', 'Edit entry') : t('添加应开通证照', 'Add an obligatory licence type')
      }
      okText={t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={close}
      destroyOnHidden
      width={640}
    >
      <FormError error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          editing
            ? {
                typeName: editing.typeName,
                typeCode: editing.typeCode ?? '',
                note: editing.note ?? '',
                serviceItems: editing.serviceItems.map((s) => ({ ...s })),
              }
            : { serviceItems: [] }
        }
        onFinish={(v) => void save(v)}
      >
        {editing ? null : (
          <Form.Item
            name="departmentId"
            label={t('应开通部门', 'Department')}
            rules={[{ required: true, message: t('请选择部门', 'Choose a department') }]}
          >
            <DepartmentSelect />
          </Form.Item>
        )}
        <Form.Item
          name="typeName"
          label={t('证照名称', 'Licence type name')}
          rules={[{ required: true, whitespace: true, message: t('请输入证照名称', 'Enter the name') }]}
        >
          <Input maxLength={256} />
        </Form.Item>
        <Form.Item
          name="typeCode"
          label={t('证照类型代码', 'Licence type code')}
          extra={t(
            '21 位：定义部门的统一社会信用代码 + 3 位序号；目录中尚无该类型时可留空',
            '21 characters: the defining department’s credit code + 3 digits; leave empty until the catalogue has it',
          )}
          rules={[{ len: 21, message: t('证照类型代码为 21 位', 'The type code has 21 characters') }]}
        >
          <Input maxLength={21} />
        </Form.Item>
        <div role="group" aria-labelledby="obligatory-items-label" style={{ marginBottom: 24 }}>
          <Typography.Paragraph id="obligatory-items-label" style={{ marginBottom: 8 }}>
            {t('关联事项', 'Service items')}
          </Typography.Paragraph>
          <Form.List name="serviceItems">
            {(items, { add, remove }) => (
              <Flex vertical gap={8}>
                {items.map(({ key, name }, i) => (
                  <Flex key={key} gap={8} align="start">
                    <Form.Item
                      name={[name, 'code']}
                      style={{ flex: 1, marginBottom: 0 }}
                      rules={[
                        { required: true, whitespace: true, message: t('请输入事项编码', 'Enter the code') },
                        { pattern: SERVICE_ITEM_CODE, message: t('编码格式不正确', 'Invalid code') },
                      ]}
                    >
                      <Input
                        maxLength={64}
                        aria-label={t('第 {n} 项事项编码', 'Code of item {n}', { n: i + 1 })}
                        placeholder={t('事项编码', 'Item code')}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[name, 'name']}
                      style={{ flex: 2, marginBottom: 0 }}
                      rules={[
                        { required: true, whitespace: true, message: t('请输入事项名称', 'Enter the name') },
                      ]}
                    >
                      <Input
                        maxLength={256}
                        aria-label={t('第 {n} 项事项名称', 'Name of item {n}', { n: i + 1 })}
                        placeholder={t('事项名称', 'Item name')}
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('删除第 {n} 项事项', 'Delete item {n}', { n: i + 1 })}
                      onClick={() => remove(name)}
                    />
                  </Flex>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ code: '', name: '' })}>
                  {t('添加关联事项', 'Add a service item')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </div>
        <Form.Item name="note" label={t('备注', 'Note')}>
          <Input.TextArea rows={2} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
