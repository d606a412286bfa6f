import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { useRequest } from '../../hooks';
import { useI18n } from '../../i18n';
import { useStaffSession } from '../../session';
import { CoverageSummary } from './CoverageSummary';
import type { Flag, ObligatoryEntry, Paging } from './lists-model';
import { flagQuery } from './lists-model';
import { ObligatoryEntryFormModal } from './ObligatoryEntryFormModal';
import { RemoveWithReasonModal } from './RemoveWithReasonModal';
import { useFormSubmit } from './useFormSubmit';

/** 应开通证照目录: the licence types departments must open, which are opened, and 证照电子化率. */
export function ObligatoryListPage() {
  const { t } = useI18n();
  const { hasRole } = useStaffSession();
  const canManage = hasRole('catalog_admin');
  const [paging, setPaging] = useState<Paging>({ page: 1, pageSize: 20 });
  const [opened, setOpened] = useState<Flag>('all');
  const [editing, setEditingState] = useState<ObligatoryEntry | 'new' | null>(null);
  // Each opening gets a fresh form, so it starts from the line's values, never from the last dialog's.
  const [opening, setOpening] = useState(0);
  const setEditing = (next: ObligatoryEntry | 'new' | null) => {
    if (next) setOpening((n) => n + 1);
    setEditingState(next);
  };
  const [removing, setRemoving] = useState<ObligatoryEntry | null>(null);
  const removal = useFormSubmit();
  const list = useRequest(
    () => api.listObligatoryEntries({ query: { ...paging, opened: flagQuery(opened) } }),
    [paging, opened],
  );
  // The coverage names every department with entries in the reader's scope.
  const coverage = useRequest(() => api.obligatoryCoverage({ query: {} }), [list.data]);
  const departmentName = (id: string) =>
    coverage.data?.departments.find((d) => d.departmentId === id)?.departmentName ?? id;
  const reload = () => list.reload();
  const remove = async (reason: string) => {
    if (!removing) return;
    const id = removing.id;
    const done = await removal.submit(
      () => api.removeObligatoryEntry({ params: { id }, body: { reason } }),
      t('目录条目已移除', 'Entry removed'),
    );
    if (done) {
      setRemoving(null);
      reload();
    }
  };
  return (
    <>
      <PageTitle
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('添加应开通证照', 'Add an obligatory licence type')}
            </Button>
          )
        }
      >
        {t('应开通证照目录', 'Obligatory licence list')}
      </PageTitle>
      <Typography.Paragraph>
        {t(
          '证照电子化率 = 已开通的证照类型 ÷ 应开通的证照类型。目录中该类型代码已发布、且签发部门包含应开通部门时，即为已开通。',
          'Electronic issuance rate = opened licence types ÷ listed types. A type is opened once its code is published in the catalogue with the listed department among its issuers.',
        )}
      </Typography.Paragraph>
      <CoverageSummary coverage={coverage.data} />
      <Flex gap={8} align="center" style={{ marginBottom: 16 }}>
        <span id="obligatory-filter">{t('开通状态', 'Status')}</span>
        <Segmented<Flag>
          aria-labelledby="obligatory-filter"
          value={opened}
          onChange={(v) => {
            setOpened(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'all', label: t('全部', 'All') },
            { value: 'true', label: t('已开通', 'Opened') },
            { value: 'false', label: t('未开通', 'Not yet') },
          ]}
        />
      </Flex>
      <Table<ObligatoryEntry>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 960 }}
        locale={{ emptyText: <Empty description={t('目录中尚无条目', 'Nothing listed yet')} /> }}
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
          { title: t('证照名称', 'Licence type'), dataIndex: 'typeName' },
          {
            title: t('证照类型代码', 'Type code'),
            dataIndex: 'typeCode',
            render: (code: string | null) => code ?? t('（待补充）', '(not yet known)'),
          },
          {
            title: t('应开通部门', 'Department'),
            dataIndex: 'departmentId',
            render: (id: string) => departmentName(id),
          },
          {
            title: t('关联事项', 'Service items'),
            dataIndex: 'serviceItems',
            render: (items: ObligatoryEntry['serviceItems']) =>
              items.length ? items.map((s) => `${s.code} ${s.name}`).join('；') : '—',
          },
          {
            title: t('开通状态', 'Status'),
            dataIndex: 'opened',
            render: (yes: boolean) =>
              yes ? <Tag color="green">{t('已开通', 'Opened')}</Tag> : <Tag>{t('未开通', 'Not yet')}</Tag>,
          },
          { title: t('备注', 'Note'), dataIndex: 'note', render: (note: string | null) => note ?? '—' },
          ...(canManage
            ? [
                {
                  title: t('操作', 'Actions'),
                  key: 'actions',
                  width: 160,
                  render: (_: unknown, entry: ObligatoryEntry) => (
                    <Space size={0} wrap>
                      <Button
                        type="link"
                        size="small"
                        aria-label={t('编辑 {name}', 'Edit {name}', { name: entry.typeName })}
                        onClick={() => setEditing(entry)}
                      >
                        {t('编辑', 'Edit')}
                      </Button>
                      <Button
                        type="link"
                        size="small"
                        danger
                        aria-label={t('移除 {name}', 'Remove {name}', { name: entry.typeName })}
                        onClick={() => setRemoving(entry)}
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
      <ObligatoryEntryFormModal
        key={opening}
        open={editing !== null}
        editing={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          reload();
        }}
      />
      <RemoveWithReasonModal
        subject={removing ? `${removing.typeName}（${departmentName(removing.departmentId)}）` : null}
        title={t('移除目录条目', 'Remove entry')}
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
