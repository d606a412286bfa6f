import { Button, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../../api';
import { useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { HOLDER_CODE_TYPES, modeLabel, type UseMode } from '../labels';
import type { LicenseType, UseListEntry } from '../types';
import { dataItemLabel } from '../usePublishedTypes';

/** What the counter fills in for a usage context (the body of createUsageContext, without the token). */
export interface ContextDraft {
  readonly departmentId: string;
  readonly cause: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly businessNumber: string;
  readonly holderCode: string;
  readonly holderCodeType: '001' | '111';
  readonly licenseTypeCodes: string[];
  readonly dataItems: string[];
  readonly stage: string | null;
  readonly place: string | null;
  readonly mode: UseMode;
}

interface Values {
  lineId: string;
  dataItems: string[];
  cause: string;
  businessNumber: string;
  holderCodeType: '001' | '111';
  holderCode: string;
  stage?: string;
  place?: string;
  mode: UseMode;
}

/** Step 1 of the counter: which approved use-list line, whose licence, why, and how the holder agrees. */
export function ContextForm({
  types,
  busy,
  onSubmit,
}: {
  types: ReadonlyMap<string, LicenseType>;
  busy: boolean;
  onSubmit(draft: ContextDraft): void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [line, setLine] = useState<UseListEntry | undefined>();
  const lines = useRequest(
    () => api.listUseListEntries({ query: { status: 'approved', pageSize: 100 } }),
    [],
  );

  const lineLabel = (e: UseListEntry) =>
    `${e.itemName}（${e.itemCode}）· ${types.get(e.licenseTypeCode)?.name ?? e.licenseTypeCode}`;

  const submit = (v: Values) => {
    if (!line) return;
    onSubmit({
      departmentId: line.departmentId,
      cause: v.cause,
      itemCode: line.itemCode,
      itemName: line.itemName,
      businessNumber: v.businessNumber,
      holderCode: v.holderCode.trim().toUpperCase(),
      holderCodeType: v.holderCodeType,
      licenseTypeCodes: [line.licenseTypeCode],
      dataItems: v.dataItems,
      stage: v.stage?.trim() || null,
      place: v.place?.trim() || null,
      mode: v.mode,
    });
  };

  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 720 }}
      initialValues={{ holderCodeType: '001', mode: 'consent', dataItems: [] }}
      onFinish={submit}
    >
      <Form.Item
        name="lineId"
        label={t('事项（用证清单条目）', 'Service item (use-list line)')}
        rules={[
          { required: true, message: t('请选择已批准的用证清单条目', 'Choose an approved use-list line') },
        ]}
      >
        <Select
          loading={lines.loading}
          showSearch={{ optionFilterProp: 'label' }}
          notFoundContent={t('没有已批准的用证清单条目', 'No approved use-list line')}
          options={(lines.data?.items ?? []).map((e) => ({ value: e.id, label: lineLabel(e) }))}
          onChange={(id: string) => {
            const chosen = lines.data?.items.find((e) => e.id === id);
            setLine(chosen);
            form.setFieldsValue({
              dataItems: chosen ? [...chosen.dataItems] : [],
              ...(chosen && !chosen.dutyBased && form.getFieldValue('mode') === 'duty'
                ? { mode: 'consent' }
                : {}),
            });
          }}
        />
      </Form.Item>
      <Form.Item
        name="dataItems"
        label={t('需要的数据项', 'Data items needed')}
        rules={[{ required: true, message: t('至少选择一个数据项', 'Choose at least one data item') }]}
      >
        <Select
          mode="multiple"
          disabled={!line}
          options={(line?.dataItems ?? []).map((d) => ({
            value: d,
            label: dataItemLabel(types.get(line!.licenseTypeCode), d, lang),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="cause"
        label={t('用证事由', 'Reason for use')}
        rules={[{ required: true, whitespace: true, message: t('请填写用证事由', 'Give the reason') }]}
      >
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item
        name="businessNumber"
        label={t('办件流水号', 'Case number')}
        rules={[
          { required: true, whitespace: true, message: t('请填写办件流水号', 'Enter the case number') },
        ]}
      >
        <Input maxLength={128} />
      </Form.Item>
      <Form.Item
        name="holderCodeType"
        label={t('持证主体代码类型', 'Holder code type')}
        rules={[{ required: true }]}
      >
        <Select options={HOLDER_CODE_TYPES.map((c) => ({ value: c.value, label: t(c.zh, c.en) }))} />
      </Form.Item>
      <Form.Item
        name="holderCode"
        label={t('持证主体代码', 'Holder code')}
        rules={[
          { required: true, whitespace: true, message: t('请填写持证主体代码', 'Enter the holder code') },
        ]}
      >
        <Input maxLength={64} autoComplete="off" />
      </Form.Item>
      <Form.Item name="stage" label={t('办理环节（可选）', 'Stage (optional)')}>
        <Input maxLength={128} />
      </Form.Item>
      <Form.Item name="place" label={t('办理地点（可选）', 'Place (optional)')}>
        <Input maxLength={256} />
      </Form.Item>
      <Form.Item name="mode" label={t('用证方式', 'How the holder agrees')} rules={[{ required: true }]}>
        <Radio.Group
          options={(['consent', 'show-code', 'duty'] as const).map((m) => ({
            value: m,
            label: modeLabel(m, t),
            disabled: m === 'duty' && !!line && !line.dutyBased,
          }))}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('下一步', 'Next')}
      </Button>
    </Form>
  );
}
