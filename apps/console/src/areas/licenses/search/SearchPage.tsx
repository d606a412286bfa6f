import { Button, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../../api';
import { PageTitle } from '../../../components/PageTitle';
import { useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';
import type { License } from '../model';
import { StatusTag } from '../StatusTag';
import { useIssuerDepartments } from '../useIssuerDepartments';
import { usePublishedTypes } from '../usePublishedTypes';
import type { LicenseFilters } from './SearchFilters';
import { SearchFilters } from './SearchFilters';

const FILTER_KEYS = [
  'licenseNumber',
  'identifier',
  'holderName',
  'holderCode',
  'typeCode',
  'status',
  'issuedFrom',
  'issuedTo',
] as const;

/** 证照检索: criteria and page in the URL, so a detail page's back button returns to the same list. */
export function SearchPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const issuerDepartments = useIssuerDepartments();
  const types = usePublishedTypes();

  const filters = useMemo(() => {
    const f: Record<string, string> = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f as LicenseFilters;
  }, [params]);
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;

  const result = useRequest(
    () => api.searchLicenses({ query: { ...filters, page, pageSize } }),
    [JSON.stringify(filters), page, pageSize],
  );

  const go = (next: LicenseFilters, nextPage = 1, nextSize = pageSize) => {
    const p = new URLSearchParams(next as Record<string, string>);
    if (nextPage > 1) p.set('page', String(nextPage));
    if (nextSize !== 20) p.set('pageSize', String(nextSize));
    setParams(p);
  };

  const columns: ColumnsType<License> = [
    {
      title: t('证照编号', 'Licence number'),
      dataIndex: 'licenseNumber',
      render: (n: string, l) => <Link to={`/console/licenses/${l.id}`}>{n}</Link>,
    },
    { title: t('证照类型', 'Licence type'), dataIndex: 'typeName' },
    { title: t('持证主体', 'Holder'), render: (_, l) => l.holder.name },
    { title: t('持证主体代码', 'Holder code'), render: (_, l) => l.holder.code },
    { title: t('发证机构', 'Issuer'), dataIndex: 'issuerName' },
    { title: t('签发日期', 'Issued'), dataIndex: 'issueDate' },
    {
      title: t('有效期至', 'Valid to'),
      render: (_, l) => (l.longTerm ? t('长期', 'Long-term') : (l.validTo ?? '—')),
    },
    {
      title: t('状态', 'Status'),
      dataIndex: 'status',
      render: (s: License['status']) => <StatusTag status={s} />,
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          issuerDepartments.length > 0 && (
            <Space>
              <Button onClick={() => void navigate('/console/licenses/imports/new')}>
                {t('批量导入', 'Bulk import')}
              </Button>
              <Button type="primary" onClick={() => void navigate('/console/licenses/issue')}>
                {t('签发证照', 'Issue a licence')}
              </Button>
            </Space>
          )
        }
      >
        {t('证照检索', 'Licences')}
      </PageTitle>
      <SearchFilters value={filters} types={types.data ?? []} onSearch={(f) => go(f)} />
      <Table<License>
        rowKey="id"
        size="middle"
        loading={result.loading}
        columns={columns}
        dataSource={result.data?.items ?? []}
        locale={{
          emptyText: (
            <Typography.Text>{t('没有符合条件的证照', 'No licence matches these criteria')}</Typography.Text>
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total: result.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('共 {n} 条', '{n} in all', { n }),
          onChange: (p, size) => go(filters, size !== pageSize ? 1 : p, size),
        }}
        scroll={{ x: 'max-content' }}
      />
    </>
  );
}
