import { Card, Descriptions, List, Pagination } from 'antd';
import { useState } from 'react';
import { holderApi } from '../../api';
import { EmptyNote } from './EmptyNote';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';
import { readableLabels } from './styles';
import { formatDateTime } from './format';
import { useHolderRequest } from './hooks';

const PAGE_SIZE = 10;

const KINDS: Record<string, readonly [string, string]> = {
  data: ['查看信息', 'Viewed data'],
  file: ['获取证照文件', 'Got the file'],
  annotated: ['获取加注件', 'Got an annotated copy'],
};

/** Every use of the holder's licences: who, when, why and which data. */
export function UsagePage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const { data, loading } = useHolderRequest(
    () => holderApi.listHolderUsage({ query: { page, pageSize: PAGE_SIZE } }),
    [page],
  );
  return (
    <>
      <PageTitle>{t('用证记录', 'Usage history')}</PageTitle>
      <List
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{
          emptyText: <EmptyNote text={t('您的证照还没有被使用过', 'Your licences have not been used yet')} />,
        }}
        renderItem={(u) => {
          const kind = KINDS[u.kind];
          return (
            <List.Item style={{ display: 'block', borderBlockEnd: 'none', padding: '0 0 12px' }}>
              <Card
                size="small"
                title={<span style={{ whiteSpace: 'normal' }}>{u.departmentName}</span>}
                extra={formatDateTime(u.at)}
              >
                <Descriptions styles={readableLabels} column={1} size="small">
                  <Descriptions.Item label={t('证照', 'Licence')}>{u.licenseTypeName}</Descriptions.Item>
                  <Descriptions.Item label={t('办理事项', 'Service')}>
                    {u.itemName || u.itemCode}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('用途', 'Purpose')}>{u.cause}</Descriptions.Item>
                  <Descriptions.Item label={t('方式', 'How')}>
                    {kind ? t(kind[0], kind[1]) : u.kind}
                  </Descriptions.Item>
                  {u.fields.length > 0 && (
                    <Descriptions.Item label={t('使用的信息', 'Data used')}>
                      {u.fields.join('、')}
                    </Descriptions.Item>
                  )}
                  <Descriptions.Item label={t('经办人', 'Operator')}>{u.operator}</Descriptions.Item>
                </Descriptions>
              </Card>
            </List.Item>
          );
        }}
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
    </>
  );
}
