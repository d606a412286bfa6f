import { Flex, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { holderApi } from '../../api';
import { EmptyNote } from './EmptyNote';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';
import { ConsentCard } from './ConsentCard';
import { useHolderRequest } from './hooks';

/** New requests arrive while the holder stands at the counter: the list is asked again this often. */
const POLL_MS = 5_000;

/** Pending consent requests, kept fresh by polling. */
export function ConsentsPage() {
  const { t } = useI18n();
  const { data, loading, reload } = useHolderRequest(() => holderApi.listPendingConsents({}), []);
  useEffect(() => {
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const items = data?.items ?? [];
  return (
    <>
      <PageTitle>{t('用证授权', 'Consent requests')}</PageTitle>
      <Typography.Paragraph>
        {t(
          '以下部门请求使用您的证照信息。同意后，对方只能在有效期内查看列出的信息。',
          'These departments ask to use your licence data. If you approve, they can see only the listed data, for a limited time.',
        )}
      </Typography.Paragraph>
      {!data && loading ? (
        <Spin style={{ display: 'block', margin: '32px auto' }} />
      ) : items.length === 0 ? (
        <EmptyNote text={t('没有待处理的请求', 'No requests waiting')} />
      ) : (
        <Flex vertical gap={12}>
          {items.map((c) => (
            <ConsentCard key={c.contextId} request={c} onDecided={reload} />
          ))}
        </Flex>
      )}
    </>
  );
}
