import { Button, Flex, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { useAction, useRequest } from '../../hooks';
import { useI18n } from '../../i18n';
import { useStaffSession } from '../../session';
import { listStatusColor, listStatusLabel, USE_LIST_STATUSES } from './labels';
import { ReviewRejectModal } from './ReviewRejectModal';
import type { UseListEntry, UseListStatus } from './types';
import { UseListEntryForm } from './UseListEntryForm';
import { useOperatorDepartments } from './useOperatorDepartments';
import { dataItemLabel, usePublishedTypes } from './usePublishedTypes';

/** 用证清单: the department's lines (事项 → licence type, data items, purpose, 依职能) and their approval. */
export function UseListsPage() {
  const { t, lang } = useI18n();
  const session = useStaffSession();
  const [status, setStatus] = useState<UseListStatus | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<UseListEntry | 'new' | null>(null);
  const [rejecting, setRejecting] = useState<UseListEntry | null>(null);
  const list = useRequest(
    () => api.listUseListEntries({ query: { page, pageSize, ...(status ? { status } : {}) } }),
    [page, pageSize, status],
  );
  const types = usePublishedTypes();
  const departments = useOperatorDepartments();
  const { run, busy } = useAction();
  const operatorOf = (e: UseListEntry) => departments.data?.some((d) => d.id === e.departmentId) ?? false;
  const reviewer = session.hasRole('region_admin', 'platform_admin');

  const advance = async (entry: UseListEntry, action: 'submit' | 'approve' | 'reject', comment?: string) => {
    const done = await run(
      () =>
        api.advanceUseListEntry({
          params: { id: entry.id },
          body: { action, ...(comment ? { comment } : {}) },
        }),
      action === 'submit'
        ? t('已提交审核', 'Submitted for approval')
        : action === 'approve'
          ? t('已批准', 'Approved')
          : t('已退回', 'Rejected'),
    );
    if (done) {
      setRejecting(null);
      list.reload();
    }
  };

  const columns: ColumnsType<UseListEntry> = [
    {
      title: t('事项', 'Service item'),
      key: 'item',
      render: (_, e) => (
        <>
          <div>{e.itemName}</div>
          <Typography.Text type="secondary">{e.itemCode}</Typography.Text>
        </>
      ),
    },
    {
      title: t('证照类型', 'Licence type'),
      key: 'type',
      render: (_, e) => (
        <>
          <div>{types.data?.get(e.licenseTypeCode)?.name ?? '—'}</div>
          <Typography.Text type="secondary">{e.licenseTypeCode}</Typography.Text>
        </>
      ),
    },
    {
      title: t('数据项', 'Data items'),
      key: 'items',
      render: (_, e) => (
        <Flex wrap gap={4}>
          {e.dataItems.map((d) => (
            <Tag key={d}>{dataItemLabel(types.data?.get(e.licenseTypeCode), d, lang)}</Tag>
          ))}
        </Flex>
      ),
    },
    { title: t('用途', 'Purpose'), dataIndex: 'purpose' },
    {
      title: t('依职能', 'Duty-based'),
      dataIndex: 'dutyBased',
      render: (v: boolean) => (v ? t('允许', 'Allowed') : t('不允许', 'No')),
    },
    {
      title: t('状态', 'Status'),
      key: 'status',
      render: (_, e) => (
        <>
          <Tag color={listStatusColor(e.status)}>{listStatusLabel(e.status, t)}</Tag>
          {e.reviewComment && <div>{t('意见：{c}', 'Comment: {c}', { c: e.reviewComment })}</div>}
        </>
      ),
    },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      render: (_, e) => (
        <Space wrap>
          {operatorOf(e) && (e.status === 'draft' || e.status === 'rejected') && (
            <>
              <Button size="small" onClick={() => setEditing(e)}>
                {t('编辑', 'Edit')}
              </Button>
              <Button size="small" type="primary" loading={busy} onClick={() => void advance(e, 'submit')}>
                {t('提交审核', 'Submit')}
              </Button>
            </>
          )}
          {operatorOf(e) && e.status === 'approved' && (
            <Button size="small" onClick={() => setEditing(e)}>
              {t('变更', 'Change')}
            </Button>
          )}
          {reviewer && e.status === 'submitted' && (
            <>
              <Popconfirm
                title={t('批准该用证清单条目？', 'Approve this use-list line?')}
                okText={t('批准', 'Approve')}
                cancelText={t('取消', 'Cancel')}
                onConfirm={() => void advance(e, 'approve')}
              >
                <Button size="small" type="primary">
                  {t('批准', 'Approve')}
                </Button>
              </Popconfirm>
              <Button size="small" danger onClick={() => setRejecting(e)}>
                {t('退回', 'Reject')}
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          (departments.data?.length ?? 0) > 0 && (
            <Button type="primary" onClick={() => setEditing('new')}>
              {t('新增清单条目', 'New line')}
            </Button>
          )
        }
      >
        {t('用证清单', 'Use list')}
      </PageTitle>
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('按状态筛选', 'Filter by status')}
          placeholder={t('全部状态', 'All statuses')}
          allowClear
          style={{ width: 180 }}
          value={status}
          onChange={(v: UseListStatus | undefined) => {
            setStatus(v);
            setPage(1);
          }}
          options={USE_LIST_STATUSES.map((s) => ({ value: s, label: listStatusLabel(s, t) }))}
        />
      </Flex>
      <Table
        rowKey="id"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('还没有用证清单条目', 'No use-list lines yet') }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('共 {n} 条', '{n} in all', { n }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        scroll={{ x: 900 }}
      />
      <UseListEntryForm
        open={editing !== null}
        entry={editing === 'new' || editing === null ? undefined : editing}
        departments={departments.data ?? []}
        types={types.data ?? new Map()}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
      <ReviewRejectModal
        open={rejecting !== null}
        busy={busy}
        onCancel={() => setRejecting(null)}
        onReject={(comment) => rejecting && void advance(rejecting, 'reject', comment)}
      />
    </>
  );
}
