import { Form, Select } from 'antd';
import { api } from '../../api';
import { useRequest } from '../../hooks';
import { useI18n } from '../../i18n';

/** The seal that signs the type's licences: one of the department's active seals. */
export function SealField({ departmentId }: { departmentId: string }) {
  const { t } = useI18n();
  const seals = useRequest(
    () => api.listSeals({ query: { departmentId, status: 'active', pageSize: 100 } }),
    [departmentId],
  );
  return (
    <Form.Item
      name="sealId"
      label={t('签发印章', 'Issuing seal')}
      extra={t(
        '签发时用此印章签名；须为本部门已启用的印章',
        'Licences are signed with this seal; it must be an active seal of the department',
      )}
    >
      <Select
        allowClear
        loading={seals.loading}
        placeholder={t('请选择印章', 'Choose a seal')}
        options={(seals.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
      />
    </Form.Item>
  );
}
