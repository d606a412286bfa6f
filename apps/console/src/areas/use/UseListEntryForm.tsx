import { Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useAction } from '../../hooks';
import { useI18n } from '../../i18n';
import type { LicenseType, UseListEntry } from './types';
import type { OperatorDepartment } from './useOperatorDepartments';

interface Values {
  /** Asked only when the user acts for several departments. */
  departmentId?: string;
  itemCode: string;
  itemName: string;
  licenseTypeCode: string;
  dataItems: string[];
  purpose: string;
  dutyBased: boolean;
}

/** Creates a draft use-list line, or edits one (which sends it back to draft). */
export function UseListEntryForm({
  open,
  entry,
  departments,
  types,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** The line to edit; a new draft when absent. */
  entry?: UseListEntry;
  departments: readonly OperatorDepartment[];
  types: ReadonlyMap<string, LicenseType>;
  onClose(): void;
  onSaved(entry: UseListEntry): void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const { run, busy } = useAction();
  const [typeCode, setTypeCode] = useState<string | undefined>(entry?.licenseTypeCode);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      entry
        ? { ...entry, dataItems: [...entry.dataItems] }
        : { departmentId: departments[0]?.id, dutyBased: false, dataItems: [] },
    );
    setTypeCode(entry?.licenseTypeCode);
  }, [open, entry, departments, form]);

  const type = typeCode ? types.get(typeCode) : undefined;

  const save = async (values: Values) => {
    const fields = {
      itemCode: values.itemCode,
      itemName: values.itemName,
      licenseTypeCode: values.licenseTypeCode,
      dataItems: values.dataItems,
      purpose: values.purpose,
      dutyBased: values.dutyBased,
    };
    const saved = await run(
      () =>
        entry
          ? api.updateUseListEntry({
              params: { id: entry.id },
              body: { rowVersion: entry.rowVersion, ...fields },
            })
          : api.createUseListEntry({
              body: { departmentId: values.departmentId ?? departments[0]?.id ?? '', ...fields },
            }),
      entry ? t('已保存，条目退回草稿', 'Saved; the line is a draft again') : t('已新增草稿', 'Draft added'),
    );
    if (saved) onSaved(saved);
  };

  return (
    <Modal
      open={open}
      title={entry ? t('编辑用证清单条目', 'Edit use-list line') : t('新增用证清单条目', 'New use-list line')}
      okText={t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        {!entry && departments.length > 1 && (
          <Form.Item
            name="departmentId"
            label={t('用证部门', 'Using department')}
            rules={[{ required: true }]}
          >
            <Select options={departments.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
        )}
        <Form.Item
          name="itemCode"
          label={t('事项编码', 'Service item code')}
          rules={[{ required: true, message: t('请填写事项编码', 'Enter the service item code') }]}
        >
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item
          name="itemName"
          label={t('事项名称', 'Service item name')}
          rules={[{ required: true, message: t('请填写事项名称', 'Enter the service item name') }]}
        >
          <Input maxLength={256} />
        </Form.Item>
        <Form.Item
          name="licenseTypeCode"
          label={t('证照类型', 'Licence type')}
          rules={[{ required: true, message: t('请选择证照类型', 'Choose a licence type') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={[...types.values()].map((ty) => ({
              value: ty.typeCode,
              label: `${ty.name}（${ty.typeCode}）`,
            }))}
            onChange={(code: string) => {
              setTypeCode(code);
              form.setFieldValue('dataItems', []);
            }}
            notFoundContent={t('没有已发布的证照类型', 'No published licence type')}
          />
        </Form.Item>
        <Form.Item
          name="dataItems"
          label={t('可获取的数据项', 'Data items it may receive')}
          rules={[{ required: true, message: t('至少选择一个数据项', 'Choose at least one data item') }]}
        >
          <Select
            mode="multiple"
            disabled={!type}
            options={(type?.dataItems ?? []).map((d) => ({
              value: d.code,
              label: `${lang === 'en' ? d.labelEn : d.labelZh}（${d.code}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="purpose"
          label={t('用途', 'Purpose')}
          rules={[{ required: true, message: t('请填写用途', 'Enter the purpose') }]}
        >
          <Input.TextArea maxLength={1000} rows={2} />
        </Form.Item>
        <Form.Item
          name="dutyBased"
          label={t('允许依职能用证', 'Duty-based use allowed')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
