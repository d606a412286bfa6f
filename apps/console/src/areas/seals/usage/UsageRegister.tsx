import { Button, Flex, Form, Input, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../../api';
import { useAction, useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { useStaffSession } from '../../../session';
import { ActionModal } from '../detail/ActionModal';
import { downloadText } from '../detail/download';
import type { Seal, SealUsage, SealUseRequest } from '../model';
import { UseStatusTag } from '../SealStatusTag';
import { usageCsv } from './usage-csv';

const when = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm:ss') : '—');
const EXPORT_PAGE = 100;

/** 用印申请 and 用印登记 of one seal: approvers decide pending requests here. */
export function UsageRegister({ seal }: { seal: Seal }) {
  const { t } = useI18n();
  const { user, hasRole } = useStaffSession();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const [reviewing, setReviewing] = useState<{
    request: SealUseRequest;
    decision: 'approve' | 'reject';
  } | null>(null);
  const { run, busy } = useAction();
  const data = useRequest(
    () => api.listSealUse({ params: { id: seal.id }, query: page }),
    [seal.id, page.page, page.pageSize],
  );
  const who = (id: string | null) => (!id ? '—' : id === user?.id ? t('我', 'me') : id.slice(0, 8));
  const canReview = (r: SealUseRequest) =>
    hasRole('approver') && r.status === 'pending' && r.requesterId !== user?.id;

  const exportAll = () =>
    run(async () => {
      const rows: SealUsage[] = [];
      for (let p = 1; ; p++) {
        const { usages } = await api.listSealUse({
          params: { id: seal.id },
          query: { page: p, pageSize: EXPORT_PAGE },
        });
        rows.push(...usages.items);
        if (p * EXPORT_PAGE >= usages.total) break;
      }
      await downloadText(usageCsv(rows, t), `用印登记-${seal.code}.csv`, 'text/csv');
    });

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('用印申请', 'Use requests')}
      </Typography.Title>
      <Table<SealUseRequest>
        rowKey="id"
        size="small"
        loading={data.loading}
        dataSource={data.data?.requests ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('暂无用印申请', 'No use requests') }}
        columns={[
          { title: t('申请时间', 'Requested'), dataIndex: 'createdAt', render: when },
          { title: t('文件', 'Document'), dataIndex: 'documentName' },
          { title: t('事由', 'Reason'), dataIndex: 'reason' },
          { title: t('申请人', 'Requester'), dataIndex: 'requesterId', render: who },
          {
            title: t('次数', 'Uses'),
            key: 'uses',
            render: (_v, r) => `${r.usesDone}/${r.usesAllowed}`,
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            render: (s: SealUseRequest['status']) => <UseStatusTag status={s} />,
          },
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            render: (_v, r) =>
              canReview(r) ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    aria-label={t('批准用印：{doc}', 'Approve use: {doc}', { doc: r.documentName })}
                    onClick={() => setReviewing({ request: r, decision: 'approve' })}
                  >
                    {t('批准', 'Approve')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    aria-label={t('驳回用印：{doc}', 'Reject use: {doc}', { doc: r.documentName })}
                    onClick={() => setReviewing({ request: r, decision: 'reject' })}
                  >
                    {t('驳回', 'Reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 24 }}>
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('用印登记', 'Usage register')}
        </Typography.Title>
        <Button onClick={() => void exportAll()} loading={busy} disabled={!data.data?.usages.total}>
          {t('导出 CSV', 'Export CSV')}
        </Button>
      </Flex>
      <Table<SealUsage>
        rowKey="id"
        size="small"
        style={{ marginTop: 12 }}
        loading={data.loading}
        dataSource={data.data?.usages.items ?? []}
        locale={{ emptyText: t('尚未用印', 'Not used yet') }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data.data?.usages.total ?? 0,
          showTotal: (n) => t('共 {n} 次', '{n} in all', { n }),
          onChange: (p, size) => setPage({ page: p, pageSize: size }),
        }}
        columns={[
          { title: t('用印时间', 'Sealed at'), dataIndex: 'at', render: when },
          { title: t('事由', 'Reason'), dataIndex: 'reason' },
          { title: t('签章人', 'Signer'), dataIndex: 'signerId', render: who },
          { title: t('批准人', 'Approver'), dataIndex: 'approverId', render: who },
          {
            title: t('原文件 SHA-256', 'Document SHA-256'),
            dataIndex: 'documentSha256',
            render: (h: string) => (
              <Typography.Text code copyable={{ text: h }}>
                {h.slice(0, 16)}…
              </Typography.Text>
            ),
          },
          {
            title: t('签章后 SHA-256', 'Sealed SHA-256'),
            dataIndex: 'sealedSha256',
            render: (h: string) => (
              <Typography.Text code copyable={{ text: h }}>
                {h.slice(0, 16)}…
              </Typography.Text>
            ),
          },
        ]}
      />
      <ActionModal<{ comment?: string }>
        open={reviewing !== null}
        danger={reviewing?.decision === 'reject'}
        title={
          reviewing?.decision === 'reject'
            ? t('驳回用印申请：{doc}', 'Reject the use request: {doc}', {
                doc: reviewing.request.documentName,
              })
            : t('批准用印申请：{doc}', 'Approve the use request: {doc}', {
                doc: reviewing?.request.documentName ?? '',
              })
        }
        okText={reviewing?.decision === 'reject' ? t('驳回', 'Reject') : t('批准', 'Approve')}
        busy={busy}
        onCancel={() => setReviewing(null)}
        onSubmit={async (v) => {
          if (!reviewing) return false;
          const done = await run(
            () =>
              api.reviewSealUse({
                params: { id: reviewing.request.id },
                body: {
                  decision: reviewing.decision,
                  ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
                },
              }),
            reviewing.decision === 'approve' ? t('已批准用印', 'Use approved') : t('已驳回', 'Rejected'),
          );
          if (!done) return false;
          setReviewing(null);
          data.reload();
          return true;
        }}
      >
        <Typography.Paragraph>
          {t('事由：{reason}；次数：{n}', 'Reason: {reason}; uses: {n}', {
            reason: reviewing?.request.reason ?? '',
            n: reviewing?.request.usesAllowed ?? 0,
          })}
        </Typography.Paragraph>
        <Form.Item
          name="comment"
          label={t('审批意见', 'Comment')}
          rules={[
            {
              required: reviewing?.decision === 'reject',
              whitespace: true,
              message: t('驳回时请写明理由', 'Give the reason for rejecting'),
            },
            { max: 500 },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </ActionModal>
    </>
  );
}
