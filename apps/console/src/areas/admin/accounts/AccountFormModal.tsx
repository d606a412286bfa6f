import { Alert, Form, Input, Modal } from 'antd';
import { api } from '../../../api';
import { useAction } from '../../../hooks';
import { useI18n } from '../../../i18n';
import type { Account, Region } from '../shared/types';
import type { GrantRow } from './grantForm';
import { toGrants, toRows } from './grantForm';
import { RoleGrantsField } from './RoleGrantsField';

interface Values {
  username: string;
  displayName: string;
  roles: GrantRow[];
}

interface Props {
  readonly open: boolean;
  /** Edits this account's name and roles; creates an account when absent. */
  readonly editing?: Account;
  readonly regions: readonly Region[];
  onClose(): void;
  /** A new account comes with its one-time initial password. */
  onSaved(account: Account, initialPassword?: string): void;
}

export function AccountFormModal({ open, editing, regions, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { run, busy } = useAction();
  const submit = async (v: Values) => {
    const roles = toGrants(v.roles);
    if (editing) {
      const saved = await run(
        () => api.updateUser({ params: { id: editing.id }, body: { displayName: v.displayName, roles } }),
        t('已保存', 'Saved'),
      );
      if (saved) onSaved(saved);
    } else {
      const created = await run(
        () => api.createUser({ body: { username: v.username, displayName: v.displayName, roles } }),
        t('账号已创建', 'Account created'),
      );
      if (created) onSaved(created.user, created.initialPassword);
    }
  };
  return (
    <Modal
      open={open}
      title={
        editing
          ? t('编辑账号：{name}', 'Edit {name}', { name: editing.username })
          : t('新建账号', 'New account')
      }
      okText={t('保存', 'Save')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      width={760}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t(
          '三权分立：管理类、业务类、审计类角色须由不同账号持有。',
          'Separation of powers: administration, business use and audit roles belong to different accounts.',
        )}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          editing ? { displayName: editing.displayName, roles: toRows(editing.roles) } : { roles: [{}] }
        }
        onFinish={(v) => void submit(v)}
      >
        {!editing && (
          <Form.Item
            name="username"
            label={t('登录名', 'Login name')}
            extra={t('3–64 位字母、数字、点、横线或下划线', '3–64 letters, digits, dot, dash or underscore')}
            rules={[
              {
                required: true,
                pattern: /^[a-zA-Z0-9._-]{3,64}$/,
                message: t(
                  '3–64 位字母、数字、点、横线或下划线',
                  '3–64 letters, digits, dot, dash or underscore',
                ),
              },
            ]}
          >
            <Input autoComplete="off" maxLength={64} />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('姓名', 'Full name')}
          rules={[{ required: true, whitespace: true, message: t('请输入姓名', 'Enter the name') }]}
        >
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <RoleGrantsField form={form} regions={regions} />
      </Form>
    </Modal>
  );
}
