import { Table } from 'antd';
import { useI18n } from '../../i18n';
import type { MetricsSummary } from './model';
import { formatRate } from './model';

/** 异议 of the period and how their working-day limits were kept. */
export function ObjectionSlaTable({ sla }: { sla: MetricsSummary['objections'] }) {
  const { t } = useI18n();
  const rows = [
    { key: 'raised', label: t('受理异议', 'Raised'), value: String(sla.raised) },
    { key: 'open', label: t('未办结', 'Open'), value: String(sla.open) },
    { key: 'resolved', label: t('已办结', 'Resolved'), value: String(sla.resolved) },
    { key: 'onTime', label: t('按时办结', 'Resolved on time'), value: String(sla.resolvedOnTime) },
    { key: 'late', label: t('超时办结', 'Resolved late'), value: String(sla.resolvedLate) },
    { key: 'overdue', label: t('未办结已超时', 'Open and overdue'), value: String(sla.overdueOpen) },
    { key: 'rate', label: t('按时办结率', 'SLA compliance'), value: formatRate(sla.rate) },
  ];
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      rowClassName={(r) => (r.key === 'overdue' && sla.overdueOpen > 0 ? 'metrics-overdue' : '')}
      columns={[
        { title: t('指标', 'Measure'), dataIndex: 'label' },
        { title: t('数值', 'Value'), dataIndex: 'value', align: 'right' },
      ]}
    />
  );
}
