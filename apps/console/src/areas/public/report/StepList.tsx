import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  InfoCircleFilled,
  MinusCircleFilled,
  QuestionCircleFilled,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n';
import type { Check } from './types';
import type { StepResult, Tone } from './steps';
import { plainText } from './steps';

const ICONS: Record<Tone, ReactNode> = {
  success: <CheckCircleFilled />,
  failure: <CloseCircleFilled />,
  lifecycle: <ExclamationCircleFilled />,
  undecided: <QuestionCircleFilled />,
  notice: <InfoCircleFilled />,
  neutral: <MinusCircleFilled />,
};

const TONE_LABELS: Record<Tone, readonly [string, string]> = {
  success: ['通过', 'Passed'],
  failure: ['未通过', 'Failed'],
  lifecycle: ['证照已失效', 'No longer in force'],
  undecided: ['无法确定', 'Undecided'],
  notice: ['通过（请留意）', 'Passed, with a remark'],
  neutral: ['不适用', 'Not applicable'],
};

const STATUS_LABELS: Record<Check['status'], readonly [string, string]> = {
  VALID: ['通过', 'passed'],
  INVALID: ['未通过', 'failed'],
  ERROR: ['无法判断', 'undecided'],
  SKIPPED: ['不适用', 'skipped'],
};

const STATUS_TONE: Record<Check['status'], Tone> = {
  VALID: 'success',
  INVALID: 'failure',
  ERROR: 'undecided',
  SKIPPED: 'neutral',
};

/** The report's named steps, each with a plain result and its checks behind “technical details”. */
export function StepList({ steps }: { steps: readonly StepResult[] }) {
  const { t } = useI18n();
  return (
    <ol className="zy-verify-steps" aria-label={t('核验步骤', 'Verification steps')}>
      {steps.map((step) => (
        <li key={step.key} className="zy-verify-step" data-step={step.key} data-tone={step.tone}>
          <span className={`zy-verify-step-icon zy-tone-${step.tone}`} aria-hidden>
            {ICONS[step.tone]}
          </span>
          <div className="zy-verify-step-body">
            <h3 className="zy-verify-step-name">{t(...step.name)}</h3>
            <p className={`zy-verify-step-result zy-tone-${step.tone}`}>
              <span className="sr-only">{t(...TONE_LABELS[step.tone])}: </span>
              <span data-testid="step-result">{t(...step.summary)}</span>
            </p>
            <details>
              <summary>
                {t('技术详情（{n} 项检查）', 'Technical details ({n} checks)', { n: step.checks.length })}
              </summary>
              <ul className="zy-verify-checks">
                {step.checks.map(({ check, where }, i) => (
                  <li key={`${where[1]}-${check.name}-${i}`}>
                    {t(...where)} ·{' '}
                    <span className={`zy-tone-${STATUS_TONE[check.status]}`}>
                      {t(...STATUS_LABELS[check.status])}
                    </span>{' '}
                    · {t(...plainText(check))} <code>{check.code}</code>
                  </li>
                ))}
              </ul>
            </details>
          </div>
        </li>
      ))}
    </ol>
  );
}
