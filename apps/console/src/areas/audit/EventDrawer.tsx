import { Descriptions, Drawer, Typography } from 'antd';
import { useI18n } from '../../i18n';
import type { AuditEvent } from './types';

/** One event as stored: its facts, then the whole JSON (what its SM3 hash covers). */
export function EventDrawer({ event, onClose }: { event: AuditEvent | null; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Drawer
      open={event !== null}
      onClose={onClose}
      size={640}
      title={event ? t('审计事件 #{seq}', 'Audit event #{seq}', { seq: event.seq }) : ''}
      destroyOnHidden
    >
      {event && (
        <>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'at', label: t('时间', 'Time'), children: new Date(event.at).toLocaleString() },
              { key: 'action', label: t('操作类型', 'Action'), children: event.action },
              {
                key: 'actor',
                label: t('操作者', 'Actor'),
                children: `${event.actor.kind}${event.actor.id ? ` · ${event.actor.id}` : ''}`,
              },
              {
                key: 'target',
                label: t('对象', 'Object'),
                children: event.target.type ? `${event.target.type} · ${event.target.id ?? '—'}` : '—',
              },
              { key: 'region', label: t('行政区划', 'Region'), children: event.regionCode ?? '—' },
              { key: 'ip', label: t('来源地址', 'Client address'), children: event.clientIp ?? '—' },
              { key: 'req', label: t('请求 ID', 'Request ID'), children: event.requestId ?? '—' },
              {
                key: 'hash',
                label: t('哈希（SM3）', 'Hash (SM3)'),
                children: <Typography.Text code>{event.hash}</Typography.Text>,
              },
            ]}
          />
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
            {t('事件 JSON', 'Event JSON')}
          </Typography.Title>
          <pre
            data-testid="event-json"
            tabIndex={0}
            aria-label={t('事件 JSON', 'Event JSON')}
            style={{ background: '#f5f5f5', color: '#1f1f1f', padding: 12, overflow: 'auto', fontSize: 12 }}
          >
            {JSON.stringify(event, null, 2)}
          </pre>
        </>
      )}
    </Drawer>
  );
}
