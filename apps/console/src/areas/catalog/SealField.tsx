import { Card, Form, Select, Typography } from 'antd';
import { api } from '../../api';
import { useRequest } from '../../hooks';
import { useI18n } from '../../i18n';

/**
 * The seal that signs the type's licences. The issuer editing a draft picks one of the
 * department's active seals; everyone else sees whether one is bound (seals are the department's).
 */
export function SealField({ departmentId, editable }: { departmentId: string; editable: boolean }) {
  const { t } = useI18n();
  return (
    <Card title={t('签发印章', 'Issuing seal')} size="small" style={{ marginBottom: 16 }}>
      {editable ? (
        <SealPicker departmentId={departmentId} />
      ) : (
        <Form.Item noStyle shouldUpdate={(a, b) => a.sealId !== b.sealId}>
          {({ getFieldValue }) => (
            <Typography.Text data-testid="bound-seal">
              {getFieldValue('sealId')
                ? t('已绑定印章 {id}', 'Seal {id} bound', { id: String(getFieldValue('sealId')).slice(0, 8) })
                : t(
                    '未绑定印章：发布前须由签发部门选择',
                    'No seal bound: the issuing department must choose one',
                  )}
            </Typography.Text>
          )}
        </Form.Item>
      )}
    </Card>
  );
}

function SealPicker({ departmentId }: { departmentId: string }) {
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
      style={{ marginBottom: 0 }}
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
