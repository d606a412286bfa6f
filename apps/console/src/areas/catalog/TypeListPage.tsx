import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Form, Input, Select, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { useRequest } from '../../hooks';
import { useI18n } from '../../i18n';
import { useStaffSession } from '../../session';
import { FILE_FORMAT_LABELS, STATUS_LABELS, optionsOf } from './labels';
import type { CatalogStatus, LicenseTypeView } from './model';
import { typePath } from './model';
import { StatusTag } from './StatusTag';

/** The catalogue: search, status filter, pages; each row shows the workflow state and version. */
export function TypeListPage() {
  const { t } = useI18n();
  const session = useStaffSession();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<CatalogStatus | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const list = useRequest(
    () =>
      api.listLicenseTypes({ query: { page, pageSize, ...(q ? { q } : {}), ...(status ? { status } : {}) } }),
    [q, status, page, pageSize],
  );

  return (
    <>
      <PageTitle
        extra={
          session.hasRole('issuer') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => void navigate('/console/catalog/new')}
            >
              {t('新建证照类型', 'New licence type')}
            </Button>
          )
        }
      >
        {t('证照目录', 'Licence catalogue')}
      </PageTitle>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} role="search">
        <Form.Item label={t('名称或类型代码', 'Name or type code')} htmlFor="catalog-search">
          <Input.Search
            id="catalog-search"
            allowClear
            maxLength={64}
            onSearch={(value) => {
              setPage(1);
              setQ(value.trim());
            }}
            enterButton={t('搜索', 'Search')}
          />
        </Form.Item>
        <Form.Item label={t('状态', 'Status')} htmlFor="catalog-status">
          <Select
            id="catalog-status"
            allowClear
            style={{ minWidth: 160 }}
            placeholder={t('全部状态', 'All statuses')}
            value={status}
            onChange={(value: CatalogStatus | undefined) => {
              setPage(1);
              setStatus(value);
            }}
            options={optionsOf(STATUS_LABELS, t)}
          />
        </Form.Item>
      </Form>
      <Table<LicenseTypeView>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('没有符合条件的证照类型', 'No licence types match')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('共 {n} 条', '{n} in all', { n }),
          onChange: (p, size) => {
            setPage(p);
            setPageSize(size);
          },
        }}
        columns={[
          {
            title: t('证照名称', 'Licence name'),
            dataIndex: 'name',
            render: (name: string, row) => <Link to={typePath(row.id)}>{name}</Link>,
          },
          { title: t('类型代码', 'Type code'), dataIndex: 'typeCode' },
          {
            title: t('版本', 'Version'),
            dataIndex: 'version',
            render: (v: number) => `v${v}`,
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            render: (s: CatalogStatus) => <StatusTag status={s} />,
          },
          {
            title: t('定义机构', 'Defining authority'),
            render: (_, row) => row.definer.name,
          },
          {
            title: t('文件格式', 'File format'),
            dataIndex: 'fileFormat',
            render: (f: LicenseTypeView['fileFormat']) => t(...FILE_FORMAT_LABELS[f]),
          },
          {
            title: t('更新时间', 'Updated'),
            dataIndex: 'updatedAt',
            render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
          },
        ]}
      />
    </>
  );
}
