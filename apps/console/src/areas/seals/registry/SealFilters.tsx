import { Button, Form, Input, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../../i18n';
import { SEAL_STATUSES, SEAL_TYPES, sealStatusName, sealTypeName } from '../labels';
import type { SealStatus, SealType } from '../model';
import type { DepartmentOption } from '../useSealDepartments';

/** The registry's criteria as they travel in the page's URL. */
export interface SealFilterValues {
  q?: string;
  status?: SealStatus;
  type?: SealType;
  departmentId?: string;
}

const EMPTY: SealFilterValues = { q: undefined, status: undefined, type: undefined, departmentId: undefined };

export function SealFilters({
  value,
  departments,
  onSearch,
}: {
  value: SealFilterValues;
  departments: readonly DepartmentOption[];
  onSearch(filters: SealFilterValues): void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<SealFilterValues>();
  useEffect(() => form.setFieldsValue({ ...EMPTY, ...value }), [form, value]);
  return (
    <Form<SealFilterValues>
      form={form}
      layout="inline"
      role="search"
      aria-label={t('印章筛选条件', 'Seal filters')}
      onFinish={(v) =>
        onSearch(Object.fromEntries(Object.entries(v).filter(([, x]) => x)) as SealFilterValues)
      }
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      <Form.Item name="q" label={t('名称或编码', 'Name or code')}>
        <Input allowClear style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="status" label={t('状态', 'Status')}>
        <Select
          allowClear
          style={{ width: 160 }}
          options={SEAL_STATUSES.map((s) => ({ value: s, label: sealStatusName(s, lang) }))}
        />
      </Form.Item>
      <Form.Item name="type" label={t('印章类型', 'Seal type')}>
        <Select
          allowClear
          style={{ width: 160 }}
          options={SEAL_TYPES.map((s) => ({ value: s, label: sealTypeName(s, lang) }))}
        />
      </Form.Item>
      <Form.Item name="departmentId" label={t('所属部门', 'Department')}>
        <Select
          allowClear
          style={{ width: 220 }}
          showSearch={{ optionFilterProp: 'label' }}
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
        />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('查询', 'Search')}
          </Button>
          <Button
            onClick={() => {
              form.setFieldsValue(EMPTY);
              onSearch({});
            }}
          >
            {t('重置', 'Reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
