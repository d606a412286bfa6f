import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Spin } from 'antd';
import { api, ApiError } from '../../api';
import { useRequest } from '../../hooks';
import { useI18n } from '../../i18n';
import type { ChainReport } from './types';

type Outcome = { kind: 'report'; report: ChainReport } | { kind: 'forbidden' };

/** The hash chain's verification, shown first: intact, or the first sequence number where it breaks. */
export function ChainStatus() {
  const { t } = useI18n();
  const check = useRequest<Outcome>(async () => {
    try {
      return { kind: 'report', report: await api.verifyAuditChain() };
    } catch (e) {
      // Region auditors see their region's events; the chain is one for the platform.
      if (e instanceof ApiError && e.code === 'AUTH_FORBIDDEN') return { kind: 'forbidden' };
      throw e;
    }
  }, []);
  const again = (
    <Button size="small" icon={<ReloadOutlined />} onClick={check.reload} loading={check.loading}>
      {t('重新校验', 'Verify again')}
    </Button>
  );
  const outcome = check.data;
  if (!outcome)
    return check.loading ? (
      <Alert
        type="info"
        title={
          <span>
            <Spin size="small" /> {t('正在校验审计链…', 'Verifying the audit chain…')}
          </span>
        }
      />
    ) : (
      <Alert type="error" showIcon title={t('审计链校验失败', 'Could not verify the chain')} action={again} />
    );
  if (outcome.kind === 'forbidden')
    return (
      <Alert
        type="info"
        showIcon
        title={t('审计链由全平台审计员校验', 'The chain is verified by platform-wide auditors')}
      />
    );
  const r = outcome.report;
  if (r.intact)
    return (
      <Alert
        type="success"
        showIcon
        role="status"
        data-testid="chain-status"
        title={t('审计链完整', 'Audit chain valid')}
        description={t(
          '已校验 {n} 条事件，链头序号 {head}；每条事件的 SM3 哈希与前后链接均正确。',
          '{n} events checked up to sequence {head}; every SM3 hash and link is correct.',
          { n: r.checked, head: r.headSeq },
        )}
        action={again}
      />
    );
  const first = r.problems.find((p) => p.seq !== null) ?? r.problems[0];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="chain-status"
      title={
        first?.seq != null
          ? t('审计链已断裂：第 {seq} 号事件', 'Audit chain broken at sequence {seq}', { seq: first.seq })
          : t('审计链已断裂', 'Audit chain broken')
      }
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {r.problems.slice(0, 10).map((p, i) => (
            <li key={i}>
              {p.seq !== null ? `#${p.seq} ` : ''}
              {p.kind}: {p.message}
            </li>
          ))}
          {r.problems.length > 10 && (
            <li>{t('另有 {n} 处问题', '{n} more problems', { n: r.problems.length - 10 })}</li>
          )}
        </ul>
      }
      action={again}
    />
  );
}
