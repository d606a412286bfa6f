import { Card, Col, Row, Statistic } from 'antd';
import { useI18n } from '../../i18n';
import type { ObligatoryCoverage } from './lists-model';
import { formatRate } from './model';
import './metrics.css';

/** Listed, opened and 证照电子化率 of the reader's whole obligatory list. */
export function CoverageSummary({ coverage }: { coverage: ObligatoryCoverage | undefined }) {
  const { t } = useI18n();
  const totals = coverage?.totals;
  const figures: [string, string][] = [
    [t('应开通', 'Listed'), totals ? String(totals.listed) : '—'],
    [t('已开通', 'Opened'), totals ? String(totals.opened) : '—'],
    [t('证照电子化率', 'Electronic issuance rate'), formatRate(totals?.rate ?? null)],
  ];
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {figures.map(([label, value]) => (
        <Col key={label} xs={24} md={8}>
          <Card size="small" role="region" aria-label={label}>
            <Statistic title={<span className="metrics-figure-title">{label}</span>} value={value} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
