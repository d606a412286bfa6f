import { Empty, Flex, Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { useRequest } from '../../hooks';
import { useI18n } from '../../i18n';
import { CursorPager } from './CursorPager';
import type { ApiCall } from './types';
import { useCursorPages } from './useCursorPages';

const statusColor = (status: number) => (status >= 500 ? 'red' : status >= 400 ? 'orange' : 'green');

/** 接口调用日志: every API request with its status and latency, newest first. */
export function ApiCallsTab() {
  const { t } = useI18n();
  const [actorId, setActorId] = useState('');
  const [limit, setLimit] = useState(50);
  const pages = useCursorPages();
  const list = useRequest(
    () =>
      api.listApiCalls({
        query: {
          limit,
          ...(actorId ? { actorId } : {}),
          ...(pages.cursor ? { beforeId: pages.cursor } : {}),
        },
      }),
    [actorId, limit, pages.cursor],
  );
  return (
    <>
      <Flex gap={8} wrap>
        <Input.Search
          aria-label={t('按操作者 ID 筛选', 'Filter by actor ID')}
          placeholder={t('操作者 ID（用户或应用）', 'Actor ID (user or app)')}
          allowClear
          onSearch={(v) => {
            setActorId(v.trim());
            pages.reset();
          }}
          style={{ maxWidth: 360 }}
        />
      </Flex>
      <Table<ApiCall>
        style={{ marginTop: 16 }}
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty description={t('没有调用记录', 'No calls')} /> }}
        columns={[
          {
            title: t('时间', 'Time'),
            dataIndex: 'at',
            width: 180,
            render: (at: string) => new Date(at).toLocaleString(),
          },
          { title: t('方法', 'Method'), dataIndex: 'method', width: 80 },
          {
            title: t('路径', 'Path'),
            dataIndex: 'path',
            render: (p: string) => <Typography.Text code>{p}</Typography.Text>,
          },
          {
            title: t('状态码', 'Status'),
            dataIndex: 'status',
            width: 90,
            render: (s: number) => <Tag color={statusColor(s)}>{s}</Tag>,
          },
          { title: t('耗时（毫秒）', 'Latency (ms)'), dataIndex: 'latencyMs', width: 110 },
          {
            title: t('操作者', 'Actor'),
            key: 'actor',
            render: (_: unknown, c) => `${c.actorKind}${c.actorId ? ` · ${c.actorId.slice(0, 8)}` : ''}`,
          },
          {
            title: t('来源地址', 'Client address'),
            dataIndex: 'clientIp',
            width: 130,
            render: (ip: string | null) => ip ?? '—',
          },
          { title: t('请求 ID', 'Request ID'), dataIndex: 'requestId', width: 140, ellipsis: true },
        ]}
      />
      <CursorPager
        pageNumber={pages.pageNumber}
        nextCursor={list.data?.nextBeforeId}
        limit={limit}
        busy={list.loading}
        onPrevious={pages.previous}
        onNext={pages.next}
        onLimit={(n) => {
          setLimit(n);
          pages.reset();
        }}
      />
    </>
  );
}
