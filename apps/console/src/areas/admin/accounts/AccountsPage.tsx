import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api';
import { PageTitle } from '../../../components/PageTitle';
import { useAction, useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { useStaffSession } from '../../../session';
import { OneTimeSecret } from '../shared/OneTimeSecret';
import type { Account } from '../shared/types';
import { useDepartmentNames } from '../shared/useDepartmentNames';
import { useRegions } from '../shared/useRegions';
import { AccountFormModal } from './AccountFormModal';
import { RoleTags } from './RoleTags';

interface Revealed {
  readonly kind: 'initial' | 'reset';
  readonly username: string;
  readonly password: string;
}

/** 账号: staff accounts in the administrator's scope. */
export default function AccountsPage() {
  const { t } = useI18n();
  const session = useStaffSession();
  const regions = useRegions();
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const { run, busy } = useAction();
  const list = useRequest(() => api.listUsers({ query: { ...page, ...(q ? { q } : {}) } }), [page, q]);
  const departments = useDepartmentNames(
    (list.data?.items ?? []).flatMap((u) => u.roles.flatMap((r) => (r.departmentId ? [r.departmentId] : []))),
  );

  const setActive = async (u: Account, active: boolean) => {
    const done = await run(
      () => api.updateUser({ params: { id: u.id }, body: { active } }),
      active ? t('账号已启用', 'Account reactivated') : t('账号已停用', 'Account deactivated'),
    );
    if (done) list.reload();
  };
  const resetPassword = async (u: Account) => {
    const done = await run(() => api.resetPassword({ params: { id: u.id } }));
    if (done) {
      setRevealed({ kind: 'reset', username: u.username, password: done.temporaryPassword });
      list.reload();
    }
  };

  const status = (u: Account) => (
    <Flex gap={4} wrap>
      {u.active ? <Tag color="green">{t('启用', 'Active')}</Tag> : <Tag>{t('已停用', 'Inactive')}</Tag>}
      {u.lockedUntil && new Date(u.lockedUntil) > new Date() && (
        <Tag color="orange">{t('已锁定', 'Locked')}</Tag>
      )}
      {u.mustChangePassword && <Tag color="gold">{t('待改密', 'Must change password')}</Tag>}
      {u.totpEnabled && <Tag color="purple">{t('动态口令', 'TOTP')}</Tag>}
    </Flex>
  );

  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('新建账号', 'New account')}
          </Button>
        }
      >
        {t('账号', 'Accounts')}
      </PageTitle>
      <Input.Search
        aria-label={t('搜索账号', 'Search accounts')}
        placeholder={t('登录名或姓名', 'Login name or full name')}
        allowClear
        onSearch={(v) => {
          setQ(v.trim());
          setPage((p) => ({ ...p, page: 1 }));
        }}
        style={{ maxWidth: 320, marginBottom: 16 }}
      />
      <Table<Account>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t('没有账号', 'No accounts')} /> }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('共 {n} 条', '{n} in all', { n }),
          onChange: (p, pageSize) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
        }}
        columns={[
          { title: t('登录名', 'Login name'), dataIndex: 'username' },
          { title: t('姓名', 'Full name'), dataIndex: 'displayName' },
          {
            title: t('角色与范围', 'Roles and scope'),
            key: 'roles',
            render: (_: unknown, u) => (
              <RoleTags roles={u.roles} regions={regions} departments={departments} />
            ),
          },
          { title: t('状态', 'Status'), key: 'status', render: (_: unknown, u) => status(u) },
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 240,
            render: (_: unknown, u) =>
              u.id === session.user?.id ? (
                <Typography.Text>{t('当前账号', 'You')}</Typography.Text>
              ) : (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => setEditing(u)}>
                    {t('编辑角色', 'Edit roles')}
                  </Button>
                  <Popconfirm
                    title={t(
                      '重置{name}的密码？其现有会话将被注销。',
                      "Reset {name}'s password? Their sessions end.",
                      { name: u.username },
                    )}
                    okText={t('重置', 'Reset')}
                    cancelText={t('取消', 'Cancel')}
                    onConfirm={() => void resetPassword(u)}
                  >
                    <Button type="link" size="small" disabled={busy}>
                      {t('重置密码', 'Reset password')}
                    </Button>
                  </Popconfirm>
                  <Popconfirm
                    title={
                      u.active
                        ? t('停用账号{name}？', 'Deactivate {name}?', { name: u.username })
                        : t('重新启用账号{name}？', 'Reactivate {name}?', { name: u.username })
                    }
                    okText={t('确定', 'OK')}
                    cancelText={t('取消', 'Cancel')}
                    onConfirm={() => void setActive(u, !u.active)}
                  >
                    <Button type="link" size="small" danger={u.active} disabled={busy}>
                      {u.active ? t('停用', 'Deactivate') : t('启用', 'Reactivate')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      <AccountFormModal
        open={editing !== null}
        editing={editing === 'new' || editing === null ? undefined : editing}
        regions={regions.list}
        onClose={() => setEditing(null)}
        onSaved={(account, initialPassword) => {
          setEditing(null);
          list.reload();
          if (initialPassword)
            setRevealed({ kind: 'initial', username: account.username, password: initialPassword });
        }}
      />
      <OneTimeSecret
        secret={revealed?.password ?? null}
        title={
          revealed?.kind === 'reset' ? t('密码已重置', 'Password reset') : t('账号已创建', 'Account created')
        }
        label={
          revealed?.kind === 'reset' ? t('临时密码', 'Temporary password') : t('初始密码', 'Initial password')
        }
        onClose={() => setRevealed(null)}
      >
        <Typography.Text>
          {t(
            '登录名：{name}。首次登录时必须修改密码。',
            'Login name: {name}. The password must be changed at the first login.',
            {
              name: revealed?.username ?? '',
            },
          )}
        </Typography.Text>
      </OneTimeSecret>
    </>
  );
}
