import { Alert, Button, Descriptions, Flex, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../../api';
import { useErrorReporter } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { contextStatusColor, contextStatusLabel } from '../labels';
import type { UsageContext } from '../types';
import { formatSeconds, useCountdown } from './useCountdown';

const POLL_MS = 2000;

/** Step 2 (consent): waits for the holder's decision, polling the context until it expires. */
export function ConsentWait({
  initial,
  onApproved,
  onRestart,
}: {
  initial: UsageContext;
  onApproved(context: UsageContext): void;
  onRestart(): void;
}) {
  const { t } = useI18n();
  const report = useErrorReporter();
  const [context, setContext] = useState(initial);
  const seconds = useCountdown(context.expiresAt);

  useEffect(() => {
    if (context.status !== 'pending_consent') return;
    let live = true;
    const timer = setInterval(() => {
      api.getUsageContext({ params: { id: context.id } }).then(
        (next) => live && setContext(next),
        (e: unknown) => live && report(e),
      );
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [context.id, context.status, report]);

  const notified = useRef(false);
  useEffect(() => {
    if (context.status !== 'approved' || notified.current) return;
    notified.current = true;
    onApproved(context);
  }, [context, onApproved]);

  const waiting = context.status === 'pending_consent' && seconds > 0;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          {
            key: 'item',
            label: t('事项', 'Service item'),
            children: `${context.itemName}（${context.itemCode}）`,
          },
          { key: 'holder', label: t('持证主体代码', 'Holder code'), children: context.holderCode },
          { key: 'number', label: t('办件流水号', 'Case number'), children: context.businessNumber },
          {
            key: 'status',
            label: t('状态', 'Status'),
            children: (
              <Tag color={contextStatusColor(context.status)} data-testid="context-status">
                {contextStatusLabel(context.status, t)}
              </Tag>
            ),
          },
        ]}
      />
      {waiting ? (
        <Alert
          type="info"
          showIcon
          icon={<Spin size="small" />}
          message={t('等待持证人在“我的证照”中授权', 'Waiting for the holder to approve in “My licences”')}
          description={
            <span role="timer" aria-live="off">
              {t('剩余时间 {time}', 'Time left {time}', { time: formatSeconds(seconds) })}
            </span>
          }
        />
      ) : (
        context.status !== 'approved' && (
          <Alert
            type="error"
            showIcon
            message={
              context.status === 'declined'
                ? t('持证人拒绝了本次用证', 'The holder declined this use')
                : t('授权请求已过期，请重新发起', 'The request expired; start again')
            }
            description={context.decisionReason ?? undefined}
            action={<Button onClick={onRestart}>{t('重新发起', 'Start again')}</Button>}
          />
        )
      )}
      <Typography.Text>
        {t('用证上下文编号：{id}', 'Usage context: {id}', { id: context.id })}
      </Typography.Text>
    </Flex>
  );
}
