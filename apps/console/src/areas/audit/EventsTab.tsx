import { Button, Empty, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api';
import { useRequest } from '../../hooks';
import { useI18n } from '../../i18n';
import { CursorPager } from './CursorPager';
import { EventDrawer } from './EventDrawer';
import type { EventFilter } from './EventFilters';
import { EventFilters } from './EventFilters';
import type { AuditEvent } from './types';
import { useCursorPages } from './useCursorPages';

const ACTOR_KIND: Record<AuditEvent['actor']['kind'], readonly [string, string]> = {
  user: ['工作人员', 'Staff'],
  app: ['接入应用', 'App'],
  holder: ['持证主体', 'Holder'],
  system: ['系统', 'System'],
  anonymous: ['匿名', 'Anonymous'],
};

/** The audit trail, newest first, filtered; each event opens in a drawer with its JSON. */
export function EventsTab() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<EventFilter>({});
  const [limit, setLimit] = useState(50);
  const [open, setOpen] = useState<AuditEvent | null>(null);
  const pages = useCursorPages();
  const [seen, setSeen] = useState<{ actions: Set<string>; types: Set<string> }>({
    actions: new Set(),
    types: new Set(),
  });
  const list = useRequest(async () => {
    const result = await api.listAuditEvents({
      query: { ...filter, limit, ...(pages.cursor ? { beforeSeq: pages.cursor } : {}) },
    });
    setSeen((s) => ({
      actions: new Set([...s.actions, ...result.items.map((e) => e.action)]),
      types: new Set([...s.types, ...result.items.flatMap((e) => (e.target.type ? [e.target.type] : []))]),
    }));
    return result;
  }, [filter, limit, pages.cursor]);
  const knownActions = useMemo(() => [...seen.actions].sort(), [seen.actions]);
  const knownTypes = useMemo(() => [...seen.types].sort(), [seen.types]);

  return (
    <>
      <EventFilters
        knownActions={knownActions}
        knownTargetTypes={knownTypes}
        onChange={(f) => {
          setFilter(f);
          pages.reset();
        }}
      />
      <Table<AuditEvent>
        style={{ marginTop: 16 }}
        rowKey="seq"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty description={t('没有符合条件的事件', 'No matching events')} /> }}
        columns={[
          { title: t('序号', 'Seq'), dataIndex: 'seq', width: 80 },
          {
            title: t('时间', 'Time'),
            dataIndex: 'at',
            width: 180,
            render: (at: string) => new Date(at).toLocaleString(),
          },
          {
            title: t('操作类型', 'Action'),
            dataIndex: 'action',
            width: 280,
            render: (a: string) => <Typography.Text code>{a}</Typography.Text>,
          },
          {
            title: t('操作者', 'Actor'),
            key: 'actor',
            render: (_: unknown, e) => (
              <span>
                {t(...ACTOR_KIND[e.actor.kind])}
                {e.actor.id && <Typography.Text> {e.actor.id.slice(0, 8)}</Typography.Text>}
              </span>
            ),
          },
          {
            title: t('对象', 'Object'),
            key: 'target',
            render: (_: unknown, e) =>
              e.target.type ? `${e.target.type} ${e.target.id?.slice(0, 8) ?? ''}` : '—',
          },
          {
            title: t('行政区划', 'Region'),
            dataIndex: 'regionCode',
            width: 100,
            render: (r: string | null) => r ?? '—',
          },
          {
            title: t('来源地址', 'Client address'),
            dataIndex: 'clientIp',
            width: 130,
            render: (ip: string | null) => ip ?? '—',
          },
          {
            title: t('详情', 'Details'),
            key: 'open',
            width: 80,
            render: (_: unknown, e) => (
              <Button
                type="link"
                size="small"
                onClick={() => setOpen(e)}
                aria-label={t('查看事件 #{seq}', 'Open event #{seq}', { seq: e.seq })}
              >
                {t('查看', 'View')}
              </Button>
            ),
          },
        ]}
      />
      <CursorPager
        pageNumber={pages.pageNumber}
        nextCursor={list.data?.nextBeforeSeq}
        limit={limit}
        busy={list.loading}
        onPrevious={pages.previous}
        onNext={pages.next}
        onLimit={(n) => {
          setLimit(n);
          pages.reset();
        }}
      />
      <EventDrawer event={open} onClose={() => setOpen(null)} />
    </>
  );
}
