import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useI18n } from '../../i18n';
import './metrics.css';
import type { MetricsSummary } from './model';
import { COUNT_LABELS, formatRate } from './model';

/** One figure in a labelled region, so that screen readers (and tests) find it by its name. */
function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <Card size="small" role="region" aria-label={label}>
      <Statistic title={<span className="metrics-figure-title">{label}</span>} value={value} />
      {note ? <Typography.Text>{note}</Typography.Text> : null}
    </Card>
  );
}

/** The two rates and the period's counts. */
export function SummaryCards({ summary }: { summary: MetricsSummary }) {
  const { t, lang } = useI18n();
  const e = summary.electronicRate.totals;
  const u = summary.usageRate.totals;
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={12}>
          <Figure
            label={t('证照电子化率', 'Electronic issuance rate')}
            value={formatRate(e.rate)}
            note={t(
              '已开通 {part} / 应开通 {whole} 种证照',
              '{part} of {whole} obligatory licence types opened',
              { part: e.part, whole: e.whole },
            )}
          />
        </Col>
        <Col xs={24} md={12}>
          <Figure
            label={t('电子证照使用率', 'Electronic licence use rate')}
            value={formatRate(u.rate)}
            note={t(
              '可用证 {part} / 全部 {whole} 个事项',
              '{part} of {whole} service items accept e-licences',
              { part: u.part, whole: u.whole },
            )}
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {COUNT_LABELS.map(([key, zh, en]) => (
          <Col key={key} xs={12} md={6}>
            <Figure label={lang === 'en' ? en : zh} value={String(summary.counts[key])} />
          </Col>
        ))}
      </Row>
    </>
  );
}
