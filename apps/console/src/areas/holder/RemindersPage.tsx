import { Card, Flex, List, Pagination, Typography } from 'antd';
import { useState } from 'react';
import { holderApi } from '../../api';
import { EmptyNote } from './EmptyNote';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';
import { formatDateTime } from './format';
import { useHolderRequest } from './hooks';
import { NotificationSettingsForm } from './NotificationSettingsForm';
import { ReminderStatusTag } from './status';

const PAGE_SIZE = 10;

/** 到期提醒 the platform sent me, and where they go. */
export function RemindersPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const { data, loading } = useHolderRequest(
    () => holderApi.holderReminders({ query: { page, pageSize: PAGE_SIZE } }),
    [page],
  );
  return (
    <>
      <PageTitle>{t('提醒与通知', 'Reminders and notifications')}</PageTitle>
      <Flex vertical gap={16}>
        <section aria-labelledby="reminders">
          <Typography.Title level={2} id="reminders" style={{ fontSize: 16 }}>
            {t('到期提醒', 'Expiry reminders')}
          </Typography.Title>
          <List
            loading={loading}
            dataSource={data?.items ?? []}
            locale={{ emptyText: <EmptyNote text={t('暂无提醒', 'No reminders')} /> }}
            renderItem={(r) => (
              <List.Item style={{ display: 'block', borderBlockEnd: 'none', padding: '0 0 12px' }}>
                <Card
                  size="small"
                  title={<span style={{ whiteSpace: 'normal' }}>{r.subject}</span>}
                  extra={<ReminderStatusTag status={r.status} />}
                >
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                    {r.body}
                  </Typography.Paragraph>
                  <Typography.Text style={{ color: '#595959' }}>
                    {formatDateTime(r.sentAt ?? r.createdAt)}
                    {r.validTo ? ` · ${t('有效期至 {d}', 'Valid until {d}', { d: r.validTo })}` : ''}
                  </Typography.Text>
                </Card>
              </List.Item>
            )}
          />
          {data && data.total > PAGE_SIZE && (
            <Pagination
              align="center"
              current={page}
              pageSize={PAGE_SIZE}
              total={data.total}
              onChange={setPage}
              showSizeChanger={false}
            />
          )}
        </section>
        <Card
          size="small"
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('通知设置', 'Notification settings')}</h2>}
        >
          <NotificationSettingsForm />
        </Card>
      </Flex>
    </>
  );
}
