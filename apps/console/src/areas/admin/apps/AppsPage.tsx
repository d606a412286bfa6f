import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api';
import { PageTitle } from '../../../components/PageTitle';
import { useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { OneTimeSecret } from '../shared/OneTimeSecret';
import type { IntegratedApp } from '../shared/types';
import { useDepartmentNames } from '../shared/useDepartmentNames';
import { AppFormModal } from './AppFormModal';
import { RotateSecretModal } from './RotateSecretModal';

interface Revealed {
  readonly app: IntegratedApp;
  readonly secret: string;
  readonly rotated: boolean;
}

/** 接入应用: integrating systems with their AppKey, scopes and allow-list; secrets shown once. */
export default function AppsPage() {
  const { t } = useI18n();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<IntegratedApp | 'new' | null>(null);
  const [rotating, setRotating] = useState<IntegratedApp | null>(null);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const list = useRequest(() => api.listApps({ query: page }), [page]);
  const departments = useDepartmentNames((list.data?.items ?? []).map((a) => a.departmentId));
  const when = (iso: string) => new Date(iso).toLocaleString();

  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('新建接入应用', 'Register an app')}
          </Button>
        }
      >
        {t('接入应用', 'Apps')}
      </PageTitle>
      <Table<IntegratedApp>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty description={t('尚无接入应用', 'No apps yet')} /> }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('共 {n} 条', '{n} in all', { n }),
          onChange: (p, pageSize) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
        }}
        columns={[
          { title: t('应用名称', 'App name'), dataIndex: 'name' },
          {
            title: 'AppKey',
            dataIndex: 'appKey',
            render: (key: string) => <Typography.Text copyable={{ text: key }}>{key}</Typography.Text>,
          },
          {
            title: t('所属部门', 'Department'),
            dataIndex: 'departmentId',
            render: (id: string) => departments.get(id) ?? id,
          },
          {
            title: t('权限范围', 'Scopes'),
            dataIndex: 'scopes',
            render: (scopes: string[]) => (
              <Flex gap={4} wrap>
                {scopes.length ? scopes.map((s) => <Tag key={s}>{s}</Tag>) : '—'}
              </Flex>
            ),
          },
          {
            title: t('IP 白名单', 'IP allow-list'),
            dataIndex: 'ipAllowList',
            render: (ips: string[]) => (ips.length ? ips.join(', ') : t('不限', 'Any')),
          },
          {
            title: t('状态', 'Status'),
            key: 'status',
            render: (_: unknown, a) => (
              <Flex vertical gap={4}>
                {a.active ? (
                  <Tag color="green">{t('启用', 'Active')}</Tag>
                ) : (
                  <Tag>{t('已停用', 'Inactive')}</Tag>
                )}
                {a.previousSecretExpiresAt && new Date(a.previousSecretExpiresAt) > new Date() && (
                  <Typography.Text>
                    {t('旧密钥有效至 {at}', 'Old secret valid until {at}', {
                      at: when(a.previousSecretExpiresAt),
                    })}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 180,
            render: (_: unknown, a) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setEditing(a)}>
                  {t('编辑', 'Edit')}
                </Button>
                <Button type="link" size="small" danger onClick={() => setRotating(a)} disabled={!a.active}>
                  {t('轮换密钥', 'Rotate secret')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <AppFormModal
        open={editing !== null}
        editing={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
        onSaved={(app, secret) => {
          setEditing(null);
          list.reload();
          if (secret) setRevealed({ app, secret, rotated: false });
        }}
      />
      <RotateSecretModal
        app={rotating}
        onClose={() => setRotating(null)}
        onRotated={(app, secret) => {
          setRotating(null);
          list.reload();
          setRevealed({ app, secret, rotated: true });
        }}
      />
      <OneTimeSecret
        secret={revealed?.secret ?? null}
        title={revealed?.rotated ? t('新密钥已生成', 'New secret issued') : t('应用已创建', 'App registered')}
        label={t('应用密钥', 'App secret')}
        onClose={() => setRevealed(null)}
      >
        <Typography.Text>
          AppKey：<Typography.Text code>{revealed?.app.appKey}</Typography.Text>
        </Typography.Text>
        {revealed?.app.previousSecretExpiresAt && (
          <Typography.Text>
            {t('旧密钥在 {at} 前仍然有效。', 'The old secret stays valid until {at}.', {
              at: when(revealed.app.previousSecretExpiresAt),
            })}
          </Typography.Text>
        )}
      </OneTimeSecret>
    </>
  );
}
