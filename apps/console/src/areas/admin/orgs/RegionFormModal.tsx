import { Form, Input, Modal } from 'antd';
import { api } from '../../../api';
import { useAction } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { RegionSelect } from '../shared/RegionSelect';
import type { Region } from '../shared/types';

interface Values {
  code: string;
  name: string;
  parentCode?: string;
}

interface Props {
  readonly open: boolean;
  /** Renames this region; creates a new one when absent. */
  readonly editing?: Region;
  readonly regions: readonly Region[];
  readonly defaultParent?: string;
  onClose(): void;
  onSaved(region: Region): void;
}

/** Creates a region (GB/T 2260 code, parent by the code hierarchy) or renames one. */
export function RegionFormModal({ open, editing, regions, defaultParent, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { run, busy } = useAction();
  const submit = async (v: Values) => {
    const saved = await run(
      () =>
        editing
          ? api.updateRegion({ params: { code: editing.code }, body: { name: v.name } })
          : api.createRegion({ body: { code: v.code, name: v.name, parentCode: v.parentCode ?? null } }),
      editing ? t('已保存', 'Saved') : t('行政区划已创建', 'Region created'),
    );
    if (saved) onSaved(saved);
  };
  return (
    <Modal
      open={open}
      title={editing ? t('重命名行政区划', 'Rename region') : t('新建行政区划', 'New region')}
      okText={t('保存', 'Save')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={editing ?? { parentCode: defaultParent }}
        onFinish={(v) => void submit(v)}
      >
        {!editing && (
          <>
            <Form.Item
              name="code"
              label={t('行政区划代码', 'Area code')}
              extra={t('GB/T 2260 六位代码，如 610100', 'Six-digit GB/T 2260 code, e.g. 610100')}
              rules={[
                {
                  required: true,
                  pattern: /^\d{6}$/,
                  message: t('请输入六位数字代码', 'Enter a six-digit code'),
                },
              ]}
            >
              <Input inputMode="numeric" maxLength={6} />
            </Form.Item>
            <Form.Item
              name="parentCode"
              label={t('上级行政区划', 'Parent region')}
              extra={t('省级不填', 'Leave empty for a province')}
            >
              <RegionSelect regions={regions} allowClear />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="name"
          label={t('名称', 'Name')}
          rules={[{ required: true, whitespace: true, message: t('请输入名称', 'Enter a name') }]}
        >
          <Input maxLength={128} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
