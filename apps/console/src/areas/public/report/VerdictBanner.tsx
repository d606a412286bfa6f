import { Alert } from 'antd';
import { useI18n } from '../../../i18n';
import type { Outcome } from './outcome';

const ALERT_TYPE = {
  success: 'success',
  failure: 'error',
  lifecycle: 'warning',
  undecided: 'warning',
} as const;

/** The overall verdict of a report, in plain words, on top of the page. */
export function VerdictBanner({ outcome }: { outcome: Outcome }) {
  const { t } = useI18n();
  return (
    <Alert
      showIcon
      type={ALERT_TYPE[outcome.tone]}
      role="status"
      style={{ marginBottom: 16 }}
      title={
        <h2
          className="zy-verify-verdict-title"
          data-testid="verdict"
          data-verdict={outcome.verdict}
          data-tone={outcome.tone}
        >
          {t(...outcome.title)}
        </h2>
      }
      description={t(...outcome.explanation)}
    />
  );
}
