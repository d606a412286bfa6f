import { Card, Table } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { useRequest } from '../../hooks';
import { useI18n } from '../../i18n';
import type { CatalogStatus, LicenseTypeView } from './model';
import { typePath } from './model';
import { StatusTag } from './StatusTag';

/** Every version of the type code the user may see, newest first. */
export function VersionHistory({ type }: { type: LicenseTypeView }) {
  const { t } = useI18n();
  const versions = useRequest(
    () => api.listLicenseTypes({ query: { q: type.typeCode, pageSize: 100 } }),
    [type.typeCode, type.rowVersion],
  );
  const rows = (versions.data?.items ?? [])
    .filter((v) => v.typeCode === type.typeCode)
    .sort((a, b) => b.version - a.version);
  return (
    <Card title={t('版本记录', 'Versions')} size="small" style={{ marginBottom: 16 }}>
      <Table<LicenseTypeView>
        rowKey="id"
        size="small"
        loading={versions.loading}
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('版本', 'Version'),
            dataIndex: 'version',
            render: (v: number, row) =>
              row.id === type.id ? <strong>v{v}</strong> : <Link to={typePath(row.id)}>v{v}</Link>,
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            render: (s: CatalogStatus) => <StatusTag status={s} />,
          },
          {
            title: t('最后变更', 'Last change'),
            dataIndex: 'updatedAt',
            render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
          },
          {
            title: t('发布时间', 'Published'),
            dataIndex: 'publishedAt',
            render: (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—'),
          },
          {
            title: t('审核意见', 'Review comment'),
            dataIndex: 'reviewComment',
            render: (c: string | null) => c ?? '—',
          },
        ]}
      />
    </Card>
  );
}
