import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useI18n } from '../../../i18n';
import { STATUS_LIST, statusName } from '../labels';
import type { LicenseStatus, LicenseType } from '../model';

/** The search criteria as they travel in the page's URL. */
export interface LicenseFilters {
  licenseNumber?: string;
  identifier?: string;
  holderName?: string;
  holderCode?: string;
  typeCode?: string;
  status?: LicenseStatus;
  issuedFrom?: string;
  issuedTo?: string;
}

interface FormValues extends Omit<LicenseFilters, 'issuedFrom' | 'issuedTo'> {
  issued?: [Dayjs | null, Dayjs | null] | null;
}

const toForm = (f: LicenseFilters): FormValues => ({
  ...f,
  issued:
    f.issuedFrom || f.issuedTo
      ? [f.issuedFrom ? dayjs(f.issuedFrom) : null, f.issuedTo ? dayjs(f.issuedTo) : null]
      : null,
});

const fromForm = ({ issued, ...rest }: FormValues): LicenseFilters => {
  const out: LicenseFilters = {};
  for (const [k, v] of Object.entries(rest) as [keyof LicenseFilters, string | undefined][])
    if (typeof v === 'string' && v.trim()) (out as Record<string, string>)[k] = v.trim();
  if (issued?.[0]) out.issuedFrom = issued[0].format('YYYY-MM-DD');
  if (issued?.[1]) out.issuedTo = issued[1].format('YYYY-MM-DD');
  return out;
};

export function SearchFilters({
  value,
  types,
  onSearch,
}: {
  value: LicenseFilters;
  types: readonly LicenseType[];
  onSearch(filters: LicenseFilters): void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<FormValues>();
  useEffect(() => form.setFieldsValue({ ...emptyForm, ...toForm(value) }), [form, value]);

  return (
    <Form<FormValues>
      form={form}
      layout="inline"
      role="search"
      aria-label={t('证照检索条件', 'Licence search criteria')}
      onFinish={(v) => onSearch(fromForm(v))}
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      <Form.Item name="licenseNumber" label={t('证照编号', 'Licence number')}>
        <Input allowClear style={{ width: 170 }} />
      </Form.Item>
      <Form.Item name="holderName" label={t('持证主体名称', 'Holder name')}>
        <Input allowClear style={{ width: 200 }} placeholder={t('名称开头即可', 'Beginning of the name')} />
      </Form.Item>
      <Form.Item name="holderCode" label={t('持证主体代码', 'Holder code')}>
        <Input allowClear style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="typeCode" label={t('证照类型', 'Licence type')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 220 }}
          options={types.map((ty) => ({ value: ty.typeCode, label: ty.name }))}
        />
      </Form.Item>
      <Form.Item name="status" label={t('状态', 'Status')}>
        <Select
          allowClear
          style={{ width: 150 }}
          options={STATUS_LIST.filter((s) => s !== 'made').map((s) => ({
            value: s,
            label: statusName(s, lang),
          }))}
        />
      </Form.Item>
      <Form.Item name="issued" label={t('签发日期', 'Issue date')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item name="identifier" label={t('证照标识', 'Identifier')}>
        <Input allowClear style={{ width: 260 }} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('查询', 'Search')}
          </Button>
          <Button
            onClick={() => {
              form.setFieldsValue(emptyForm);
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

const emptyForm: FormValues = {
  licenseNumber: undefined,
  identifier: undefined,
  holderName: undefined,
  holderCode: undefined,
  typeCode: undefined,
  status: undefined,
  issued: null,
};
