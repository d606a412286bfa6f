import { Table, Tabs, Typography } from 'antd';
import { useI18n } from '../../i18n';
import type { RateBreakdown } from './model';
import { formatRate } from './model';

type DepartmentLine = RateBreakdown['departments'][number];
type RegionLine = RateBreakdown['regions'][number];

const PAGINATION = { pageSize: 10, hideOnSinglePage: true, showSizeChanger: false } as const;

/** A rate per department and per region, with its parts. */
export function RateTables({
  breakdown,
  wholeLabel,
  partLabel,
  rateLabel,
}: {
  breakdown: RateBreakdown;
  wholeLabel: string;
  partLabel: string;
  rateLabel: string;
}) {
  const { t } = useI18n();
  const numbers = [
    { title: wholeLabel, dataIndex: 'whole', align: 'right' as const },
    { title: partLabel, dataIndex: 'part', align: 'right' as const },
    {
      title: rateLabel,
      dataIndex: 'rate',
      align: 'right' as const,
      render: (rate: number | null) => formatRate(rate),
    },
  ];
  return (
    <Tabs
      items={[
        {
          key: 'departments',
          label: t('按部门', 'By department'),
          children: (
            <Table<DepartmentLine>
              size="small"
              rowKey="departmentId"
              dataSource={breakdown.departments}
              pagination={PAGINATION}
              locale={{ emptyText: <Typography.Text>{t('暂无数据', 'No data')}</Typography.Text> }}
              columns={[
                { title: t('部门', 'Department'), dataIndex: 'departmentName' },
                { title: t('行政区划', 'Region'), dataIndex: 'regionCode' },
                ...numbers,
              ]}
            />
          ),
        },
        {
          key: 'regions',
          label: t('按地区', 'By region'),
          children: (
            <Table<RegionLine>
              size="small"
              rowKey="regionCode"
              dataSource={breakdown.regions}
              pagination={PAGINATION}
              locale={{ emptyText: <Typography.Text>{t('暂无数据', 'No data')}</Typography.Text> }}
              columns={[
                {
                  title: t('地区', 'Region'),
                  dataIndex: 'regionName',
                  render: (name: string, r) => `${name}（${r.regionCode}）`,
                },
                ...numbers,
              ]}
            />
          ),
        },
      ]}
    />
  );
}
