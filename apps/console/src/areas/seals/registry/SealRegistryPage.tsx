import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../../api';
import { PageTitle } from '../../../components/PageTitle';
import { useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { useStaffSession } from '../../../session';
import { sealTypeName } from '../labels';
import type { Seal, SealStatus, SealType } from '../model';
import { SealStatusTag } from '../SealStatusTag';
import { SEAL_READER_ROLES } from '../roles';
import { useSealDepartments } from '../useSealDepartments';
import type { SealFilterValues } from './SealFilters';
import { SealFilters } from './SealFilters';

const FILTER_KEYS = ['q', 'status', 'type', 'departmentId'] as const;

/** 印章登记: the seals the user may see, filtered by status, type and department, page by page. */
export default function SealRegistryPage() {
  const { t, lang } = useI18n();
  const { hasRole } = useStaffSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters: SealFilterValues = Object.fromEntries(
    FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : [])),
  );
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const departments = useSealDepartments(SEAL_READER_ROLES);
  const departmentName = new Map((departments.data ?? []).map((d) => [d.id, d.name]));
  const list = useRequest(
    () =>
      api.listSeals({
        query: {
          ...(filters.q ? { q: filters.q } : {}),
          ...(filters.status ? { status: filters.status as SealStatus } : {}),
          ...(filters.type ? { type: filters.type as SealType } : {}),
          ...(filters.departmentId ? { departmentId: filters.departmentId } : {}),
          page,
          pageSize,
        },
      }),
    [params.toString()],
  );
  const go = (next: SealFilterValues, p = 1, size = pageSize) =>
    setParams({ ...(next as Record<string, string>), page: String(p), pageSize: String(size) });

  return (
    <>
      <PageTitle
        extra={
          <Space>
            {hasRole('seal_keeper', 'seal_admin', 'issuer', 'user_operator') && (
              <Button onClick={() => navigate('/console/seals/sign')}>
                {t('用印签章', 'Seal a document')}
              </Button>
            )}
            {hasRole('seal_admin') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/console/seals/apply')}>
                {t('申请印章', 'Apply for a seal')}
              </Button>
            )}
          </Space>
        }
      >
        {t('电子印章登记', 'Seal registry')}
      </PageTitle>
      <Card>
        <SealFilters value={filters} departments={departments.data ?? []} onSearch={(f) => go(f)} />
        <Table<Seal>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('没有符合条件的印章', 'No seals match') }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('共 {n} 枚', '{n} in all', { n }),
            onChange: (p, size) => go(filters, p, size),
          }}
          columns={[
            {
              title: t('印章名称', 'Name'),
              dataIndex: 'name',
              render: (name: string, seal) => <Link to={`/console/seals/${seal.id}`}>{name}</Link>,
            },
            { title: t('印章编码', 'Code'), dataIndex: 'code' },
            {
              title: t('类型', 'Type'),
              dataIndex: 'type',
              render: (type: SealType) => sealTypeName(type, lang),
            },
            {
              title: t('所属部门', 'Department'),
              dataIndex: 'departmentId',
              render: (id: string, seal) => departmentName.get(id) ?? seal.owner.name,
            },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              render: (status: SealStatus) => <SealStatusTag status={status} />,
            },
            {
              title: t('有效期至', 'Valid to'),
              dataIndex: 'validTo',
              render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD') : '—'),
            },
            {
              title: t('申请时间', 'Applied'),
              dataIndex: 'createdAt',
              render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
            },
          ]}
        />
      </Card>
    </>
  );
}
