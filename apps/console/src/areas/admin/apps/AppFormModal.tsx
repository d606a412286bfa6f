import { Checkbox, Flex, Form, Input, Modal, Switch, Typography } from 'antd';
import { api } from '../../../api';
import { useAction } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { DepartmentSelect } from '../shared/DepartmentSelect';
import { useDepartmentNames } from '../shared/useDepartmentNames';
import type { IntegratedApp } from '../shared/types';
import type { AppScope } from './appScopes';
import { APP_SCOPES, invalidAddresses, parseAllowList, SCOPE_DESCRIPTIONS } from './appScopes';

interface Values {
  name: string;
  departmentId: string;
  scopes: AppScope[];
  ipAllowList?: string;
  active?: boolean;
}

interface Props {
  readonly open: boolean;
  /** Edits this app; registers a new one when absent. */
  readonly editing?: IntegratedApp;
  onClose(): void;
  /** A new app comes with its secret, shown once. */
  onSaved(app: IntegratedApp, secret?: string): void;
}

export function AppFormModal({ open, editing, onClose, onSaved }: Props) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const { run, busy } = useAction();
  const submit = async (v: Values) => {
    const ipAllowList = parseAllowList(v.ipAllowList);
    if (editing) {
      const saved = await run(
        () =>
          api.updateApp({
            params: { id: editing.id },
            body: { name: v.name, scopes: v.scopes, ipAllowList, active: v.active ?? true },
          }),
        t('已保存', 'Saved'),
      );
      if (saved) onSaved(saved);
    } else {
      const created = await run(
        () =>
          api.createApp({
            body: { name: v.name, departmentId: v.departmentId, scopes: v.scopes, ipAllowList },
          }),
        t('应用已创建', 'App registered'),
      );
      if (created) onSaved(created.app, created.secret);
    }
  };
  return (
    <Modal
      open={open}
      title={
        editing
          ? t('编辑应用：{name}', 'Edit {name}', { name: editing.name })
          : t('新建接入应用', 'Register an app')
      }
      okText={t('保存', 'Save')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      width={620}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          editing
            ? {
                name: editing.name,
                departmentId: editing.departmentId,
                scopes: editing.scopes as AppScope[],
                ipAllowList: editing.ipAllowList.join('\n'),
                active: editing.active,
              }
            : { scopes: [] }
        }
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="name"
          label={t('应用名称', 'App name')}
          rules={[{ required: true, whitespace: true, message: t('请输入应用名称', 'Enter the name') }]}
        >
          <Input maxLength={128} />
        </Form.Item>
        <Form.Item
          name="departmentId"
          label={t('所属部门', 'Department')}
          rules={[{ required: true, message: t('请选择部门', 'Choose a department') }]}
        >
          {editing ? <DepartmentReadOnly /> : <DepartmentSelect />}
        </Form.Item>
        <Form.Item name="scopes" label={t('权限范围', 'Scopes')}>
          <Checkbox.Group>
            <Flex vertical gap={4}>
              {APP_SCOPES.map((s) => (
                <Checkbox key={s} value={s}>
                  <code>{s}</code> — {SCOPE_DESCRIPTIONS[s][lang === 'en' ? 1 : 0]}
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item
          name="ipAllowList"
          label={t('IP 白名单', 'IP allow-list')}
          extra={t(
            '每行一个 IPv4/IPv6 地址或 CIDR 网段；留空表示不限来源地址',
            'One IPv4/IPv6 address or CIDR per line; empty allows any address',
          )}
          rules={[
            {
              validator: async (_r, text: string | undefined) => {
                const bad = invalidAddresses(parseAllowList(text));
                if (bad.length)
                  throw new Error(
                    t('地址格式不正确：{list}', 'Not an address or CIDR: {list}', { list: bad.join(', ') }),
                  );
              },
            },
          ]}
        >
          <Input.TextArea rows={3} placeholder="10.0.0.0/8" />
        </Form.Item>
        {editing && (
          <Form.Item name="active" label={t('启用', 'Active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** An app's department cannot change; shown for reference. */
function DepartmentReadOnly({ value }: { value?: string }) {
  const names = useDepartmentNames(value ? [value] : []);
  return <Typography.Text>{(value && names.get(value)) ?? value}</Typography.Text>;
}
