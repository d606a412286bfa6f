import { Card, Col, Empty, Row, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';
import { CountsChart } from './CountsChart';
import { CountsTable } from './CountsTable';
import { ExportButtons } from './ExportButtons';
import { FailureReasonsTable } from './FailureReasonsTable';
import { MetricsFilters } from './MetricsFilters';
import type { MetricsSelection } from './model';
import { ObjectionSlaTable } from './ObjectionSlaTable';
import { RateTables } from './RateTables';
import { SummaryCards } from './SummaryCards';
import { useMetrics } from './useMetrics';
import './metrics.css';

function currentQuarter(): Pick<MetricsSelection, 'year' | 'quarter'> {
  const now = new Date();
  return { year: now.getFullYear(), quarter: Math.floor(now.getMonth() / 3) + 1 };
}

/** 运行监测: the seeds' performance supervision of a region for a quarter. */
export function MetricsPage() {
  const { t } = useI18n();
  const [selection, setSelection] = useState<MetricsSelection>({
    regionCode: undefined,
    bucket: 'week',
    ...currentQuarter(),
  });
  const { data, loading } = useMetrics(selection);
  const scopeName = data?.summary.region
    ? `${data.summary.region.name}（${data.summary.region.code}）`
    : t('全部地区', 'All regions');
  return (
    <>
      <PageTitle extra={<ExportButtons selection={selection} />}>{t('运行监测', 'Metrics')}</PageTitle>
      <MetricsFilters value={selection} onChange={setSelection} />
      {!data ? (
        loading ? (
          <Spin tip={t('加载中…', 'Loading…')}>
            <div style={{ minHeight: 200 }} />
          </Spin>
        ) : (
          <Empty description={t('无法加载统计数据', 'The numbers could not be loaded')} />
        )
      ) : (
        <Spin spinning={loading}>
          <Typography.Paragraph>
            {t(
              '{scope}，{from} 至 {to}。两项比率为当前状态，计数为所选期间。',
              '{scope}, {from} to {to}. Rates are as of now, counts within the period.',
              {
                scope: scopeName,
                from: data.summary.period.from,
                to: data.summary.period.to,
              },
            )}
          </Typography.Paragraph>
          <SummaryCards summary={data.summary} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card title={<h2 className="metrics-card-title">{t('签发与用证', 'Issuance and use')}</h2>}>
                <CountsChart
                  series={data.series}
                  keys={['issued', 'usageContexts', 'redeemedCodes', 'useRecords', 'annotatedCopies']}
                  label={t(
                    '签发与用证趋势图（数据见下方表格）',
                    'Issuance and use over time (numbers in the table below)',
                  )}
                  tableId="metrics-counts-table"
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card
                title={
                  <h2 className="metrics-card-title">{t('核验与异议', 'Verification and objections')}</h2>
                }
              >
                <CountsChart
                  series={data.series}
                  keys={['verifications', 'verificationsFailed', 'objections']}
                  label={t(
                    '核验与异议趋势图（数据见下方表格）',
                    'Verification and objections over time (numbers in the table below)',
                  )}
                  tableId="metrics-counts-table"
                />
              </Card>
            </Col>
            <Col span={24}>
              <CountsTable
                id="metrics-counts-table"
                series={data.series}
                caption={t('各期间计数', 'Counts per period')}
              />
            </Col>
            <Col xs={24} xl={12}>
              <Card
                title={
                  <h2 className="metrics-card-title">{t('证照电子化率', 'Electronic issuance rate')}</h2>
                }
                extra={
                  <Link to="/console/metrics/obligatory">
                    {t('应开通证照目录', 'Obligatory licence list')}
                  </Link>
                }
              >
                <RateTables
                  breakdown={data.summary.electronicRate}
                  wholeLabel={t('应开通', 'Listed')}
                  partLabel={t('已开通', 'Opened')}
                  rateLabel={t('电子化率', 'Rate')}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card
                title={
                  <h2 className="metrics-card-title">{t('电子证照使用率', 'Electronic licence use rate')}</h2>
                }
                extra={<Link to="/console/metrics/service-items">{t('事项清单', 'Service items')}</Link>}
              >
                <RateTables
                  breakdown={data.summary.usageRate}
                  wholeLabel={t('事项总数', 'Service items')}
                  partLabel={t('可用证事项', 'Accepting')}
                  rateLabel={t('使用率', 'Rate')}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={<h2 className="metrics-card-title">{t('异议处理时限', 'Objection SLA')}</h2>}>
                <ObjectionSlaTable sla={data.summary.objections} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card
                title={
                  <h2 className="metrics-card-title">{t('核验失败原因', 'Verification failure reasons')}</h2>
                }
              >
                <FailureReasonsTable reasons={data.summary.failureReasons} />
              </Card>
            </Col>
          </Row>
        </Spin>
      )}
    </>
  );
}
