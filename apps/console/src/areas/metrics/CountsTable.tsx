import { Table } from 'antd';
import { useI18n } from '../../i18n';
import type { MetricsTimeSeries } from './model';
import { COUNT_LABELS } from './model';

type Point = MetricsTimeSeries['points'][number];

/** The counts per bucket as a table: the charts' text alternative. */
export function CountsTable({
  series,
  id,
  caption,
}: {
  series: MetricsTimeSeries;
  id: string;
  caption: string;
}) {
  const { t, lang } = useI18n();
  return (
    <Table<Point>
      id={id}
      size="small"
      rowKey="start"
      dataSource={series.points}
      scroll={{ x: true }}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      title={() => caption}
      columns={[
        { title: t('起始日期', 'From'), dataIndex: 'start' },
        ...COUNT_LABELS.map(([key, zh, en]) => ({
          title: lang === 'en' ? en : zh,
          dataIndex: key,
          align: 'right' as const,
        })),
      ]}
    />
  );
}
