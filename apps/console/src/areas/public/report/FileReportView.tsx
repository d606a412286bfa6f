import { Descriptions } from 'antd';
import { useI18n } from '../../../i18n';
import { LicenseFacts } from './LicenseFacts';
import { overallOutcome } from './outcome';
import { ReportSection } from './ReportSection';
import { SignatureList } from './SignatureList';
import { StepList } from './StepList';
import type { LocatedCheck } from './steps';
import { summarizeSteps } from './steps';
import type { FileReport } from './types';
import { VerdictBanner } from './VerdictBanner';

/** Every check of a file report with where it was made, in the server's order (document → signatures → 加注件). */
export function locatedChecks(report: FileReport): LocatedCheck[] {
  return [
    ...report.checks.map((check) => ({ check, where: ['文件', 'File'] as const })),
    ...report.signatures.flatMap((s) =>
      s.checks.map((check) => ({ check, where: [`签名 ${s.index}`, `Signature ${s.index}`] as const })),
    ),
    ...report.annotations.flatMap((a) =>
      a.checks.map((check) => ({
        check,
        where: [
          `加注件（签名 ${a.signatureIndex}）`,
          `Annotated copy (signature ${a.signatureIndex})`,
        ] as const,
      })),
    ),
  ];
}

/** The report of a verified file: verdict, licence, named steps, signatures and 加注件 layers. */
export function FileReportView({ report }: { report: FileReport }) {
  const { t } = useI18n();
  const checks = locatedChecks(report);
  const outcome = overallOutcome(
    report,
    checks.map((x) => x.check),
    'file',
  );
  return (
    <div data-testid="file-report">
      <VerdictBanner outcome={outcome} />
      {report.license ? (
        <ReportSection title={t('证照信息', 'Licence')}>
          <LicenseFacts license={report.license} />
        </ReportSection>
      ) : null}
      <ReportSection title={t('核验步骤', 'Verification steps')}>
        <StepList steps={summarizeSteps(checks)} />
      </ReportSection>
      {report.signatures.length > 0 ? (
        <ReportSection title={t('签名', 'Signatures')}>
          <SignatureList signatures={report.signatures} />
        </ReportSection>
      ) : null}
      {report.annotations.map((a) => (
        <ReportSection
          key={a.signatureIndex}
          title={t('加注件（签名 {n}）', 'Annotated copy (signature {n})', { n: a.signatureIndex })}
        >
          <Descriptions
            size="small"
            bordered
            styles={{ label: { whiteSpace: 'nowrap' } }}
            column={1}
            items={[
              { key: 'creator', label: t('制作者', 'Made by'), children: a.creator },
              { key: 'cause', label: t('事由', 'Purpose'), children: a.cause },
              {
                key: 'item',
                label: t('办理事项', 'Service item'),
                children: [a.itemCode, a.itemName].filter(Boolean).join(' ') || '—',
              },
              { key: 'made', label: t('制作时间', 'Made at'), children: a.creationTime },
              { key: 'until', label: t('有效期至', 'Valid until'), children: a.expiresAt ?? a.expiringTime },
            ]}
          />
        </ReportSection>
      ))}
      <p style={{ marginTop: 16 }}>
        {t('文件格式', 'File format')}: {report.format.toUpperCase()} ·{' '}
        {report.mode === 'online'
          ? t('已查询证照库', 'Registry consulted')
          : t('未查询证照库', 'Registry not consulted')}
      </p>
    </div>
  );
}
