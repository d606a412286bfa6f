import { Form, Select } from 'antd';
import { useI18n } from '../../i18n';
import type { Bucket, MetricsSelection } from './model';
import { useReadableRegions } from './useReadableRegions';

const ALL = 'all';

/** Region, quarter and bucket selectors. */
export function MetricsFilters({
  value,
  onChange,
}: {
  value: MetricsSelection;
  onChange: (next: MetricsSelection) => void;
}) {
  const { t } = useI18n();
  const { platform, regions, loading } = useReadableRegions();
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  const regionOptions = [
    ...(platform ? [{ value: ALL, label: t('全部地区', 'All regions') }] : []),
    ...regions.map((r) => ({ value: r.code, label: `${r.name}（${r.code}）` })),
  ];
  return (
    <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
      <Form.Item label={t('地区', 'Region')} htmlFor="metrics-region">
        <Select
          id="metrics-region"
          style={{ minWidth: 200 }}
          loading={loading}
          value={value.regionCode ?? (platform ? ALL : regions[0]?.code)}
          options={regionOptions}
          onChange={(code: string) => onChange({ ...value, regionCode: code === ALL ? undefined : code })}
        />
      </Form.Item>
      <Form.Item label={t('年度', 'Year')} htmlFor="metrics-year">
        <Select
          id="metrics-year"
          style={{ width: 110 }}
          value={value.year}
          options={years.map((y) => ({ value: y, label: String(y) }))}
          onChange={(year: number) => onChange({ ...value, year })}
        />
      </Form.Item>
      <Form.Item label={t('季度', 'Quarter')} htmlFor="metrics-quarter">
        <Select
          id="metrics-quarter"
          style={{ width: 120 }}
          value={value.quarter}
          options={[1, 2, 3, 4].map((q) => ({ value: q, label: t('第{q}季度', 'Q{q}', { q }) }))}
          onChange={(quarter: number) => onChange({ ...value, quarter })}
        />
      </Form.Item>
      <Form.Item label={t('统计粒度', 'Bucket')} htmlFor="metrics-bucket">
        <Select<Bucket>
          id="metrics-bucket"
          style={{ width: 100 }}
          value={value.bucket}
          options={[
            { value: 'day', label: t('按日', 'Day') },
            { value: 'week', label: t('按周', 'Week') },
            { value: 'month', label: t('按月', 'Month') },
          ]}
          onChange={(bucket) => onChange({ ...value, bucket })}
        />
      </Form.Item>
    </Form>
  );
}
