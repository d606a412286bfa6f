import { QrcodeOutlined } from '@ant-design/icons';
import { Card, Flex, List, Pagination, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { holderApi } from '../../api';
import { EmptyNote } from './EmptyNote';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';
import { validityText } from './format';
import { useHolderRequest } from './hooks';
import { LicenseStatusTag } from './status';

const PAGE_SIZE = 10;

/** 我的证照: the holder's current licences as cards. */
export function LicensesPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const { data, loading } = useHolderRequest(
    () => holderApi.myLicenses({ query: { page, pageSize: PAGE_SIZE } }),
    [page],
  );
  return (
    <>
      <PageTitle>{t('我的证照', 'My licences')}</PageTitle>
      <List
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <EmptyNote text={t('暂无证照', 'No licences yet')} /> }}
        renderItem={(l) => (
          <List.Item style={{ display: 'block', borderBlockEnd: 'none', padding: '0 0 12px' }}>
            <Card
              size="small"
              title={
                <Link
                  to={`/holder/licenses/${l.id}`}
                  aria-label={t('查看 {name}', 'Open {name}', { name: l.typeName })}
                >
                  {l.typeName}
                </Link>
              }
              extra={<LicenseStatusTag status={l.status} />}
              actions={[
                <Link key="detail" to={`/holder/licenses/${l.id}`}>
                  {t('详情与下载', 'Details and download')}
                </Link>,
                <Link key="show" to={`/holder/licenses/${l.id}/show`}>
                  <QrcodeOutlined aria-hidden /> {t('亮证', 'Show')}
                </Link>,
              ]}
            >
              <Flex vertical gap={4}>
                <Typography.Text style={{ wordBreak: 'break-all' }}>
                  {t('证照编号', 'Number')}：{l.licenseNumber}
                </Typography.Text>
                <Typography.Text>
                  {t('发证机关', 'Issued by')}：{l.issuerName}
                </Typography.Text>
                <Typography.Text>
                  {t('有效期', 'Valid')}：{validityText(t, l)}
                </Typography.Text>
              </Flex>
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
    </>
  );
}
