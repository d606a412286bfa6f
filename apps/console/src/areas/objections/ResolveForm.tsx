import { Button, Card, Form, Input, Radio } from 'antd';
import { api } from '../../api';
import { useAction, useRequest } from '../../hooks';
import { useI18n } from '../../i18n';
import { typedValue, valueText } from './correction';
import { objectionFieldLabel } from './labels';
import type { Objection } from './types';

interface Values {
  outcome: 'rejected' | 'corrected';
  reasons: string;
  holderName?: string;
  validTo?: string;
  data?: Record<string, string>;
  sealPin?: string;
}

/** Resolve an acknowledged objection: rejected with reasons, or corrected by a new licence version. */
export function ResolveForm({ objection: o, onDone }: { objection: Objection; onDone(o: Objection): void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const { run, busy } = useAction();
  const licence = useRequest(async () => {
    const license = await api.getLicense({ params: { id: o.licenseId } });
    const type = await api.getLicenseType({ params: { id: license.typeVersionId } }).catch(() => null);
    return { license, type };
  }, [o.licenseId]);
  const items = new Map((licence.data?.type?.dataItems ?? []).map((d) => [d.code, d]));
  const dataFields = o.fields.filter((f) => items.has(f));
  const label = (code: string) => {
    const item = items.get(code);
    return item ? (lang === 'en' ? item.labelEn : item.labelZh) : code;
  };

  const resolve = async (v: Values) => {
    const data = Object.fromEntries(dataFields.map((f) => [f, typedValue(items.get(f), v.data?.[f] ?? '')]));
    const changes = {
      ...(o.fields.includes('holderName') && v.holderName?.trim() ? { holderName: v.holderName.trim() } : {}),
      ...(o.fields.includes('validTo') && v.validTo?.trim() ? { validTo: v.validTo.trim() } : {}),
      ...(dataFields.length ? { data } : {}),
    };
    const done = await run(
      () =>
        api.resolveObjection({
          params: { id: o.id },
          body: {
            outcome: v.outcome,
            reasons: v.reasons,
            rowVersion: o.rowVersion,
            ...(v.outcome === 'corrected'
              ? { correction: { changes, ...(v.sealPin ? { sealPin: v.sealPin } : {}) } }
              : {}),
          },
        }),
      v.outcome === 'corrected'
        ? t('已更正并办结', 'Corrected and closed')
        : t('已驳回并办结', 'Rejected and closed'),
    );
    if (done) onDone(done);
  };

  const current = licence.data?.license;
  return (
    <Card title={t('办结异议', 'Resolve the objection')} size="small" style={{ maxWidth: 720 }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ outcome: 'rejected' }}
        onFinish={(v) => void resolve(v)}
      >
        <Form.Item name="outcome" label={t('处理结果', 'Outcome')}>
          <Radio.Group
            options={[
              { value: 'rejected', label: t('驳回（数据无误）', 'Rejected (the data stand)') },
              { value: 'corrected', label: t('更正（签发新版本）', 'Corrected (new licence version)') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="reasons"
          label={t('处理理由', 'Reasons')}
          rules={[{ required: true, whitespace: true, message: t('请填写处理理由', 'Give the reasons') }]}
        >
          <Input.TextArea maxLength={1000} rows={3} />
        </Form.Item>
        {outcome === 'corrected' && (
          <>
            {o.fields.includes('holderName') && (
              <Form.Item
                name="holderName"
                label={objectionFieldLabel('holderName', t)}
                initialValue={current?.holder.name}
              >
                <Input maxLength={200} />
              </Form.Item>
            )}
            {o.fields.includes('validTo') && (
              <Form.Item
                name="validTo"
                label={objectionFieldLabel('validTo', t)}
                initialValue={current?.validTo ?? '长期'}
                extra={t('格式 YYYY-MM-DD，或“长期”', 'YYYY-MM-DD, or 长期 for no end date')}
              >
                <Input maxLength={10} />
              </Form.Item>
            )}
            {dataFields.map((f) => (
              <Form.Item
                key={f}
                name={['data', f]}
                label={label(f)}
                initialValue={valueText(current?.data[f])}
                rules={[{ required: items.get(f)?.required, message: t('请填写', 'Required') }]}
              >
                <Input />
              </Form.Item>
            ))}
            <Form.Item
              name="sealPin"
              label={t('印章 PIN（签发新版本）', 'Seal PIN (to sign the new version)')}
            >
              <Input.Password autoComplete="off" maxLength={64} />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('办结', 'Resolve')}
        </Button>
      </Form>
    </Card>
  );
}
