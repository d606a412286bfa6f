import { Form, Input, Modal } from 'antd';
import { api } from '../../../api';
import { useAction } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { DepartmentSelect } from '../shared/DepartmentSelect';
import { RegionSelect } from '../shared/RegionSelect';
import type { Department, Region } from '../shared/types';

interface Values {
  name: string;
  uscc: string;
  regionCode: string;
  parentId?: string | null;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
}

interface Props {
  readonly open: boolean;
  /** Edits this department; creates a new one when absent. */
  readonly editing?: Department;
  readonly regions: readonly Region[];
  readonly defaultRegion?: string;
  onClose(): void;
  onSaved(department: Department): void;
}

const clean = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/**
 * Creates or edits a department. The credit code is checked by the server (GB 32100) and its
 * message shown as it comes; the code and region of an existing department do not change.
 */
export function DepartmentFormModal({ open, editing, regions, defaultRegion, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { run, busy } = useAction();

  const submit = async (v: Values) => {
    const contact = {
      ...(clean(v.contactName) ? { name: clean(v.contactName) } : {}),
      ...(clean(v.contactPhone) ? { phone: clean(v.contactPhone) } : {}),
      ...(clean(v.contactEmail) ? { email: clean(v.contactEmail) } : {}),
    };
    const saved = await run(
      () =>
        editing
          ? api.updateDepartment({
              params: { id: editing.id },
              body: { version: editing.version, name: v.name, parentId: v.parentId ?? null, contact },
            })
          : api.createDepartment({
              body: {
                name: v.name,
                uscc: v.uscc,
                regionCode: v.regionCode,
                parentId: v.parentId ?? null,
                contact,
              },
            }),
      editing ? t('已保存', 'Saved') : t('部门已创建', 'Department created'),
    );
    if (saved) onSaved(saved);
  };

  const initial: Partial<Values> = editing
    ? {
        name: editing.name,
        uscc: editing.uscc,
        regionCode: editing.regionCode,
        parentId: editing.parentId,
        contactName: editing.contact.name,
        contactPhone: editing.contact.phone,
        contactEmail: editing.contact.email,
      }
    : { regionCode: defaultRegion };

  return (
    <Modal
      open={open}
      title={editing ? t('编辑部门', 'Edit department') : t('新建部门', 'New department')}
      okText={t('保存', 'Save')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initial}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="name"
          label={t('部门名称', 'Department name')}
          rules={[{ required: true, whitespace: true, message: t('请输入部门名称', 'Enter the name') }]}
        >
          <Input maxLength={128} />
        </Form.Item>
        <Form.Item
          name="uscc"
          label={t('统一社会信用代码', 'Unified social credit code')}
          extra={t('18 位，由服务端按 GB 32100 校验', '18 characters, checked by the server (GB 32100)')}
          rules={[
            {
              required: true,
              len: 18,
              message: t('请输入 18 位统一社会信用代码', 'Enter the 18-character code'),
            },
          ]}
        >
          <Input maxLength={18} disabled={!!editing} style={{ textTransform: 'uppercase' }} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('所属行政区划', 'Region')}
          rules={[{ required: true, message: t('请选择行政区划', 'Choose a region') }]}
        >
          {editing ? (
            <Input disabled value={editing.regionCode} />
          ) : (
            <RegionSelect regions={regions.filter((r) => r.active)} />
          )}
        </Form.Item>
        <Form.Item name="parentId" label={t('上级部门（可选）', 'Parent department (optional)')}>
          <DepartmentSelect />
        </Form.Item>
        <Form.Item name="contactName" label={t('联系人', 'Contact person')}>
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('联系电话', 'Contact phone')}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="contactEmail"
          label={t('联系邮箱', 'Contact e-mail')}
          rules={[{ type: 'email', message: t('邮箱格式不正确', 'Not an e-mail address') }]}
        >
          <Input maxLength={128} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
