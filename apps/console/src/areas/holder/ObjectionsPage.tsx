import { Card, Descriptions, Flex, List, Pagination, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { holderApi } from '../../api';
import { EmptyNote } from './EmptyNote';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';
import { readableLabels } from './styles';
import { formatDateTime } from './format';
import { useHolderRequest } from './hooks';
import { RaiseObjectionForm } from './RaiseObjectionForm';
import { ObjectionStatusTag } from './status';

const PAGE_SIZE = 10;

/** My objections with their status, and the form to raise a new one. */
export function ObjectionsPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [page, setPage] = useState(1);
  const { data, loading, reload } = useHolderRequest(
    () => holderApi.holderObjections({ query: { page, pageSize: PAGE_SIZE } }),
    [page],
  );
  return (
    <>
      <PageTitle>{t('异议', 'Objections')}</PageTitle>
      <Flex vertical gap={16}>
        <Card
          size="small"
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('提出异议', 'Raise an objection')}</h2>}
        >
          <RaiseObjectionForm initialLicense={params.get('license') ?? undefined} onRaised={reload} />
        </Card>
        <section aria-labelledby="my-objections">
          <Typography.Title level={2} id="my-objections" style={{ fontSize: 16 }}>
            {t('我的异议', 'My objections')}
          </Typography.Title>
          <List
            loading={loading}
            dataSource={data?.items ?? []}
            locale={{ emptyText: <EmptyNote text={t('暂无异议', 'No objections')} /> }}
            renderItem={(o) => (
              <List.Item style={{ display: 'block', borderBlockEnd: 'none', padding: '0 0 12px' }}>
                <Card
                  size="small"
                  title={o.typeName}
                  extra={<ObjectionStatusTag status={o.status} />}
                  data-testid="objection-card"
                >
                  <Descriptions styles={readableLabels} column={1} size="small">
                    <Descriptions.Item label={t('提交时间', 'Submitted')}>
                      {formatDateTime(o.submittedAt)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('说明', 'Text')}>
                      <span style={{ wordBreak: 'break-word' }}>{o.text}</span>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('证明材料', 'Evidence')}>
                      {o.evidence.length ? o.evidence.map((e) => e.fileName).join('、') : '—'}
                    </Descriptions.Item>
                    {o.status !== 'rejected' && o.status !== 'corrected' ? (
                      <Descriptions.Item label={t('处理期限', 'Due by')}>
                        {formatDateTime(o.resolveDueAt)}
                      </Descriptions.Item>
                    ) : (
                      <Descriptions.Item label={t('处理结果', 'Outcome')}>
                        {o.resolution ?? '—'}
                      </Descriptions.Item>
                    )}
                  </Descriptions>
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
      </Flex>
    </>
  );
}
