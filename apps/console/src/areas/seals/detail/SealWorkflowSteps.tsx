import { Steps } from 'antd';
import { useI18n } from '../../../i18n';
import type { Seal } from '../model';

/** Where the seal stands in 申请 → 审核 → 制作 → 备案 → 启用. */
export function SealWorkflowSteps({ seal }: { seal: Seal }) {
  const { t } = useI18n();
  const order = ['applied', 'approved', 'made', 'active'] as const;
  const reached = (order as readonly string[]).indexOf(seal.status);
  // Statuses after activation (suspended, revoked, …) have been through every step.
  const current =
    reached >= 0 ? reached + 1 : seal.status === 'rejected' || seal.status === 'withdrawn' ? 1 : 4;
  const stopped = seal.status === 'rejected' || seal.status === 'withdrawn';
  const steps = seal.approvalSteps.length;
  return (
    <Steps
      size="small"
      current={current}
      status={stopped ? 'error' : current >= 4 ? 'finish' : 'process'}
      aria-label={t('印章办理进度', 'Seal progress')}
      items={[
        { title: t('申请', 'Applied') },
        {
          title: t('审核', 'Review'),
          content: t('{done}/{steps} 级', '{done} of {steps} steps', { done: seal.approvalsDone, steps }),
        },
        { title: t('制作', 'Made'), content: t('生成密钥与证书', 'Key and certificate') },
        { title: t('备案', 'Filed'), content: t('制作后 24 小时内', 'Within 24 h of making') },
        { title: t('启用', 'Active') },
      ]}
    />
  );
}
