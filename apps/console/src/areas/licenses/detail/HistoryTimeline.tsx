import { Empty, Space, Timeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n';
import { cancelReasonName, eventName, statusName } from '../labels';
import type { License, LicenseEvent, LicenseStatus } from '../model';
import { dateTime } from '../format';
import { StatusTag } from '../StatusTag';

const isStatus = (s: string | null): s is LicenseStatus => !!s;

/** Versions of the licence (links) and its lifecycle events, newest first. */
export function HistoryTimeline({
  current,
  versions,
  events,
}: {
  current: License;
  versions: readonly License[];
  events: readonly LicenseEvent[];
}) {
  const { t, lang } = useI18n();
  const versionOf = new Map(versions.map((v) => [v.id, v.version]));
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        {versions.map((v) =>
          v.id === current.id ? (
            <Typography.Text strong key={v.id}>
              {t('第 {n} 版（当前查看）', 'Version {n} (shown)', { n: v.version })}
            </Typography.Text>
          ) : (
            <Link key={v.id} to={`/console/licenses/${v.id}`}>
              {t('第 {n} 版', 'Version {n}', { n: v.version })}
            </Link>
          ),
        )}
      </Space>
      {events.length === 0 ? (
        <Empty description={t('暂无记录', 'No events')} />
      ) : (
        <Timeline
          data-testid="license-history"
          items={[...events].reverse().map((e) => ({
            key: e.id,
            color: ['cancel', 'revoke'].includes(e.action) ? 'red' : e.action === 'issue' ? 'green' : 'blue',
            title: dateTime(e.at),
            content: (
              <div>
                <Typography.Text strong>{eventName(e.action, lang)}</Typography.Text>{' '}
                <Typography.Text>
                  {t('第 {n} 版', 'version {n}', { n: versionOf.get(e.licenseId) ?? '?' })}
                </Typography.Text>{' '}
                {isStatus(e.fromStatus) && e.fromStatus !== e.toStatus && (
                  <>
                    {statusName(e.fromStatus, lang)} → <StatusTag status={e.toStatus as LicenseStatus} />
                  </>
                )}
                {e.reasonCode && (
                  <div>
                    {t('原因类别：', 'Reason code: ')}
                    {cancelReasonName(e.reasonCode, lang)}
                  </div>
                )}
                {e.reason && (
                  <div>
                    {t('原因：', 'Reason: ')}
                    {e.reason}
                  </div>
                )}
              </div>
            ),
          }))}
        />
      )}
    </>
  );
}
