import { Descriptions } from 'antd';
import { useI18n } from '../../../i18n';
import { LicenseFacts } from './LicenseFacts';
import { overallOutcome } from './outcome';
import { ReportSection } from './ReportSection';
import { StepList } from './StepList';
import type { LocatedCheck } from './steps';
import { summarizeSteps } from './steps';
import type { Check, QrReport } from './types';
import { VerdictBanner } from './VerdictBanner';

/** The server answers a QR code only when its token is genuine and the registry has the licence. */
const REGISTERED: Check = {
  name: 'LICENSE_REGISTERED',
  status: 'VALID',
  code: 'LICENSE_REGISTERED',
  message: 'the QR code is genuine and the licence is in the registry',
};

/** The report of a licence QR code: verdict, licence, masked data, registry and status steps. */
export function QrReportView({ report }: { report: QrReport }) {
  const { t } = useI18n();
  const checks: LocatedCheck[] = [REGISTERED, ...report.checks].map((check) => ({
    check,
    where: ['二维码', 'QR code'] as const,
  }));
  const outcome = overallOutcome(report, report.checks, 'qr');
  const data = Object.entries(report.data);
  return (
    <div data-testid="qr-report">
      <VerdictBanner outcome={outcome} />
      <ReportSection title={t('证照信息', 'Licence')}>
        <LicenseFacts license={report} />
      </ReportSection>
      <ReportSection title={t('核验步骤', 'Verification steps')}>
        <StepList steps={summarizeSteps(checks)} />
      </ReportSection>
      {data.length > 0 ? (
        <ReportSection title={t('照面信息（已脱敏）', 'Licence data (masked)')}>
          <Descriptions
            className="zy-verify-facts"
            size="small"
            bordered
            column={1}
            items={data.map(([label, value]) => ({ key: label, label, children: value }))}
          />
        </ReportSection>
      ) : null}
    </div>
  );
}
