import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { useRequest } from '../../hooks';
import { useI18n } from '../../i18n';
import { useStaffSession } from '../../session';
import type { Flag, Paging, ServiceItem } from './lists-model';
import { flagQuery } from './lists-model';
import { RemoveWithReasonModal } from './RemoveWithReasonModal';
import { ServiceItemFormModal } from './ServiceItemFormModal';
import { useFormSubmit } from './useFormSubmit';

/** 事项清单: the service items behind 电子证照使用率, and whether each accepts electronic licences. */
export function ServiceItemsPage() {
  const { t } = useI18n();
  const { hasRole } = useStaffSession();
  const canManage = hasRole('platform_admin', 'region_admin');
  const [paging, setPaging] = useState<Paging>({ page: 1, pageSize: 20 });
  const [accepting, setAccepting] = useState<Flag>('all');
  const [editing, setEditingState] = useState<ServiceItem | 'new' | null>(null);
  // Each opening gets a fresh form, so it starts from the line's values, never from the last dialog's.
  const [opening, setOpening] = useState(0);
  const setEditing = (next: ServiceItem | 'new' | null) => {
    if (next) setOpening((n) => n + 1);
    setEditingState(next);
  };
  const [removing, setRemoving] = useState<ServiceItem | null>(null);
  const removal = useFormSubmit();
  const list = useRequest(
    () => api.listServiceItems({ query: { ...paging, accepting: flagQuery(accepting) } }),
    [paging, accepting],
  );
  const remove = async (reason: string) => {
    if (!removing) return;
    const id = removing.id;
    const done = await removal.submit(
      () => api.removeServiceItem({ params: { id }, body: { reason } }),
      t('事项已移除', 'Service item removed'),
    );
    if (done) {
      setRemoving(null);
      list.reload();
    }
  };
  return (
    <>
      <PageTitle
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('添加事项', 'Add a service item')}
            </Button>
          )
        }
      >
        {t('事项清单', 'Service items')}
      </PageTitle>
      <Typography.Paragraph>
        {t(
          '电子证照使用率 = 可用电子证照的事项 ÷ 全部事项。部门的用证清单中有同一事项编码的已批准条目时，该事项即可用电子证照。',
          'Electronic licence use rate = items accepting electronic licences ÷ all items. An item accepts them once an approved use-list entry of its department has the same item code.',
        )}
      </Typography.Paragraph>
      <Flex gap={8} align="center" style={{ marginBottom: 16 }}>
        <span id="service-items-filter">{t('可用电子证照', 'Accepts e-licences')}</span>
        <Segmented<Flag>
          aria-labelledby="service-items-filter"
          value={accepting}
          onChange={(v) => {
            setAccepting(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'all', label: t('全部', 'All') },
            { value: 'true', label: t('可用', 'Yes') },
            { value: 'false', label: t('不可用', 'No') },
          ]}
        />
      </Flex>
      <Table<ServiceItem>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 800 }}
        locale={{ emptyText: <Empty description={t('尚无事项', 'No service items yet')} /> }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('共 {n} 条', '{n} in all', { n }),
          onChange: (page, pageSize) =>
            setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
        }}
        columns={[
          { title: t('事项编码', 'Item code'), dataIndex: 'code' },
          { title: t('事项名称', 'Item name'), dataIndex: 'name' },
          { title: t('所属部门', 'Department'), dataIndex: 'departmentName' },
          {
            title: t('可用电子证照', 'Accepts e-licences'),
            dataIndex: 'accepting',
            render: (yes: boolean) =>
              yes ? <Tag color="green">{t('可用', 'Yes')}</Tag> : <Tag>{t('不可用', 'No')}</Tag>,
          },
          ...(canManage
            ? [
                {
                  title: t('操作', 'Actions'),
                  key: 'actions',
                  width: 160,
                  render: (_: unknown, item: ServiceItem) => (
                    <Space size={0} wrap>
                      <Button
                        type="link"
                        size="small"
                        aria-label={t('编辑 {name}', 'Edit {name}', { name: item.name })}
                        onClick={() => setEditing(item)}
                      >
                        {t('编辑', 'Edit')}
                      </Button>
                      <Button
                        type="link"
                        size="small"
                        danger
                        aria-label={t('移除 {name}', 'Remove {name}', { name: item.name })}
                        onClick={() => setRemoving(item)}
                      >
                        {t('移除', 'Remove')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ServiceItemFormModal
        key={opening}
        open={editing !== null}
        editing={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
      <RemoveWithReasonModal
        subject={removing ? `${removing.code} ${removing.name}` : null}
        title={t('移除事项', 'Remove service item')}
        busy={removal.busy}
        error={removal.error}
        onClose={() => {
          removal.clearError();
          setRemoving(null);
        }}
        onConfirm={(reason) => void remove(reason)}
      />
    </>
  );
}
