import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../../api';
import { useAction, useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { useStaffSession } from '../../../session';
import { regionLabel } from '../shared/regionTree';
import type { Department } from '../shared/types';
import type { Regions } from '../shared/useRegions';
import { DepartmentFormModal } from './DepartmentFormModal';
import { OnboardingDrawer } from './OnboardingDrawer';
import { ReasonModal } from './ReasonModal';

type Status = 'all' | 'true' | 'false';

/** Departments of the chosen region (or all): search, pages, create, edit, deactivate, onboarding. */
export function DepartmentPanel({ regions, regionCode }: { regions: Regions; regionCode?: string }) {
  const { t } = useI18n();
  const session = useStaffSession();
  const canManage = session.hasRole('platform_admin', 'region_admin');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Status>('all');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const [deactivating, setDeactivating] = useState<Department | null>(null);
  const [onboarding, setOnboarding] = useState<Department | undefined>();
  const { run, busy } = useAction();

  const list = useRequest(
    () =>
      api.listDepartments({
        query: {
          ...page,
          ...(q ? { q } : {}),
          ...(regionCode ? { regionCode } : {}),
          ...(status !== 'all' ? { active: status } : {}),
        },
      }),
    [page, q, regionCode, status],
  );
  const resetPage = () => setPage((p) => ({ ...p, page: 1 }));

  const deactivate = async (reason: string) => {
    if (!deactivating) return;
    const done = await run(
      () => api.deactivateDepartment({ params: { id: deactivating.id }, body: { reason } }),
      t('部门已停用', 'Department deactivated'),
    );
    if (done) {
      setDeactivating(null);
      list.reload();
    }
  };

  const regionName = (code: string) => {
    const r = regions.byCode.get(code);
    return r ? regionLabel(r) : code;
  };

  return (
    <Card
      title={
        <h2 className="card-h2">
          {regionCode
            ? t('部门 · {region}', 'Departments · {region}', { region: regionName(regionCode) })
            : t('部门', 'Departments')}
        </h2>
      }
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('新建部门', 'New department')}
          </Button>
        )
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('搜索部门', 'Search departments')}
          placeholder={t('部门名称或统一社会信用代码', 'Name or credit code')}
          allowClear
          onSearch={(v) => {
            setQ(v.trim());
            resetPage();
          }}
          style={{ maxWidth: 320 }}
        />
        <Select<Status>
          aria-label={t('状态', 'Status')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            resetPage();
          }}
          style={{ width: 140 }}
          options={[
            { value: 'all', label: t('全部状态', 'Any status') },
            { value: 'true', label: t('启用', 'Active') },
            { value: 'false', label: t('已停用', 'Inactive') },
          ]}
        />
      </Flex>
      <Table<Department>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 800 }}
        locale={{ emptyText: <Empty description={t('没有部门', 'No departments')} /> }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('共 {n} 条', '{n} in all', { n }),
          onChange: (p, pageSize) => setPage({ page: pageSize === page.pageSize ? p : 1, pageSize }),
        }}
        columns={[
          { title: t('部门名称', 'Department'), dataIndex: 'name' },
          { title: t('统一社会信用代码', 'Credit code'), dataIndex: 'uscc', width: 200 },
          { title: t('行政区划', 'Region'), dataIndex: 'regionCode', render: regionName },
          {
            title: t('状态', 'Status'),
            dataIndex: 'active',
            width: 90,
            render: (active: boolean) =>
              active ? <Tag color="green">{t('启用', 'Active')}</Tag> : <Tag>{t('已停用', 'Inactive')}</Tag>,
          },
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 220,
            render: (_: unknown, d) => (
              <Space size={0} wrap>
                {canManage && d.active && (
                  <Button type="link" size="small" onClick={() => setEditing(d)}>
                    {t('编辑', 'Edit')}
                  </Button>
                )}
                <Button type="link" size="small" onClick={() => setOnboarding(d)}>
                  {t('进驻记录', 'Onboarding')}
                </Button>
                {canManage && d.active && (
                  <Button type="link" size="small" danger onClick={() => setDeactivating(d)}>
                    {t('停用', 'Deactivate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <DepartmentFormModal
        open={editing !== null}
        editing={editing === 'new' || editing === null ? undefined : editing}
        regions={regions.list}
        defaultRegion={regionCode}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
      <ReasonModal
        open={deactivating !== null}
        title={t('停用部门：{name}', 'Deactivate {name}', { name: deactivating?.name ?? '' })}
        okText={t('停用', 'Deactivate')}
        busy={busy}
        onClose={() => setDeactivating(null)}
        onSubmit={(reason) => void deactivate(reason)}
      />
      <OnboardingDrawer department={onboarding} onClose={() => setOnboarding(undefined)} />
    </Card>
  );
}
