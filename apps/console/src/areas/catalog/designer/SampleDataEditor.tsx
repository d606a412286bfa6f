import { Card, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useI18n } from '../../../i18n';
import type { DataItem } from '../model';
import { Field } from './Field';
import { GlyphWarning } from './GlyphWarning';

/**
 * 样例数据: the values the preview is drawn with (publication checks them against the data items).
 * Each text field warns at once about characters the face fonts lack.
 */
export function SampleDataEditor({
  dataItems,
  sampleData,
  missing,
  readOnly,
  onChange,
}: {
  dataItems: readonly DataItem[];
  sampleData: Record<string, unknown>;
  missing: ReadonlyMap<string, readonly string[]>;
  readOnly: boolean;
  onChange(sampleData: Record<string, unknown>): void;
}) {
  const { t } = useI18n();
  const set = (code: string, value: unknown) => {
    const next = { ...sampleData };
    if (value === undefined || value === null || value === '') delete next[code];
    else next[code] = value;
    onChange(next);
  };
  const printable = dataItems.filter((i) => i.type !== 'table' && i.type !== 'image');
  return (
    <Card size="small" title={t('样例数据', 'Sample data')}>
      <Form layout="vertical" disabled={readOnly} component="div">
        {printable.map((item) => {
          const id = `sample-${item.code}`;
          const label = `${t(item.labelZh, item.labelEn)}（${item.code}）${item.required ? ' *' : ''}`;
          const value = sampleData[item.code];
          return (
            <Field key={item.code} id={id} label={label}>
              {item.type === 'number' ? (
                <InputNumber
                  id={id}
                  value={typeof value === 'number' ? value : null}
                  onChange={(v) => set(item.code, v)}
                  style={{ width: '100%' }}
                />
              ) : item.type === 'boolean' ? (
                <Switch id={id} checked={value === true} onChange={(v) => set(item.code, v)} />
              ) : item.type === 'enum' ? (
                <Select
                  id={id}
                  allowClear
                  value={typeof value === 'string' ? value : undefined}
                  options={(item.enumValues ?? []).map((v) => ({ value: v, label: v }))}
                  onChange={(v: string | undefined) => set(item.code, v)}
                />
              ) : (
                <>
                  <Input
                    id={id}
                    value={typeof value === 'string' ? value : ''}
                    placeholder={item.type === 'date' ? 'YYYY-MM-DD' : undefined}
                    maxLength={item.maxLength ?? 2000}
                    onChange={(e) => set(item.code, e.target.value)}
                  />
                  <GlyphWarning
                    missing={typeof value === 'string' ? missing.get(value.slice(0, 2000)) : undefined}
                  />
                </>
              )}
            </Field>
          );
        })}
      </Form>
    </Card>
  );
}
