import { Alert, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useI18n } from '../../../i18n';
import type { DataItem } from '../model';

/** Types the form can fill in; image and table items come through the API or an import. */
export const FORM_ITEM_TYPES = new Set<DataItem['type']>(['text', 'number', 'date', 'enum', 'boolean']);

/** One data item of the licence type as a labelled input of its type, with the type's rules. */
export function DataItemField({ item }: { item: DataItem }) {
  const { t, lang } = useI18n();
  const label = lang === 'en' ? item.labelEn : item.labelZh;
  const rules: Rule[] = [];
  if (item.required) rules.push({ required: true, message: t('请填写{label}', 'Enter {label}', { label }) });
  if (item.type === 'text' && item.maxLength)
    rules.push({
      max: item.maxLength,
      message: t('最多 {n} 个字', 'At most {n} characters', { n: item.maxLength }),
    });
  if (item.type === 'text' && item.pattern)
    rules.push({
      pattern: new RegExp(item.pattern, 'u'),
      message: t('{label}格式不正确', '{label} has the wrong format', { label }),
    });

  if (!FORM_ITEM_TYPES.has(item.type))
    return (
      <Alert
        type={item.required ? 'warning' : 'info'}
        showIcon
        style={{ marginBottom: 16 }}
        title={t(
          '“{label}”（{type}）不能在表单中填写，请通过接口或批量导入提供。',
          '“{label}” ({type}) cannot be filled in here; provide it through the API or an import.',
          { label, type: item.type },
        )}
      />
    );

  const control = (() => {
    switch (item.type) {
      case 'number':
        return <InputNumber style={{ width: '100%' }} />;
      case 'date':
        return <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />;
      case 'enum':
        return (
          <Select
            allowClear={!item.required}
            options={(item.enumValues ?? []).map((v) => ({ value: v, label: v }))}
          />
        );
      case 'boolean':
        return (
          <Select
            allowClear={!item.required}
            options={[
              { value: true, label: t('是', 'Yes') },
              { value: false, label: t('否', 'No') },
            ]}
          />
        );
      default:
        return <Input maxLength={item.maxLength} showCount={!!item.maxLength} />;
    }
  })();

  return (
    <div data-item-code={item.code} data-item-type={item.type}>
      <Form.Item name={['data', item.code]} label={label} rules={rules} tooltip={item.code}>
        {control}
      </Form.Item>
    </div>
  );
}
