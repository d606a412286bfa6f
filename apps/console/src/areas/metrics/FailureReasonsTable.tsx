import { Table, Typography } from 'antd';
import { useI18n } from '../../i18n';
import type { MetricsSummary } from './model';

/** The most frequent reasons of failed verifications (first failing check or refusal code). */
export function FailureReasonsTable({ reasons }: { reasons: MetricsSummary['failureReasons'] }) {
  const { t } = useI18n();
  return (
    <Table
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={reasons}
      locale={{
        emptyText: (
          <Typography.Text>
            {t('本期没有未通过的核验', 'No failed verifications in this period')}
          </Typography.Text>
        ),
      }}
      columns={[
        {
          title: t('原因代码', 'Reason code'),
          dataIndex: 'code',
          render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
        },
        { title: t('次数', 'Count'), dataIndex: 'count', align: 'right' },
      ]}
    />
  );
}
