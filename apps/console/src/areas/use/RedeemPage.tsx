import { Button, Card, Flex, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { useAction } from '../../hooks';
import { useI18n } from '../../i18n';
import { LicenseDataView } from './LicenseDataView';
import { saveRedeemedFile } from './redeemed';
import type { RedeemResult } from './types';
import { useOperatorDepartments } from './useOperatorDepartments';
import { usePublishedTypes } from './usePublishedTypes';

interface Values {
  code: string;
  kind: 'data' | 'file' | 'annotated';
  format: 'pdf' | 'ofd';
  licenseIdentifier?: string;
  departmentId?: string;
}

/** 用证码兑换: redeem a use-code once for the allowed data, the original or a 加注件. */
export function RedeemPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const { run, busy } = useAction();
  const types = usePublishedTypes();
  const departments = useOperatorDepartments();
  const [result, setResult] = useState<RedeemResult | null>(null);

  const redeem = async (v: Values) => {
    setResult(null);
    const redeemed = await run(
      () =>
        api.redeemUseCode({
          body: {
            code: v.code.trim(),
            kind: v.kind,
            ...(v.kind !== 'data' ? { format: v.format } : {}),
            ...(v.licenseIdentifier?.trim() ? { licenseIdentifier: v.licenseIdentifier.trim() } : {}),
            ...(v.departmentId ? { departmentId: v.departmentId } : {}),
          },
        }),
      t('用证码已兑换', 'Use-code redeemed'),
    );
    if (!redeemed) return;
    setResult(redeemed);
    if (redeemed.kind !== 'data') saveRedeemedFile(redeemed);
    form.resetFields(['code']);
  };

  return (
    <>
      <PageTitle>{t('用证码兑换', 'Redeem a use-code')}</PageTitle>
      <Card style={{ maxWidth: 720, marginBottom: 16 }}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'data', format: 'pdf' }}
          onFinish={(v) => void redeem(v)}
        >
          {(departments.data?.length ?? 0) > 1 && (
            <Form.Item
              name="departmentId"
              label={t('用证部门', 'Using department')}
              rules={[{ required: true }]}
            >
              <Select options={departments.data!.map((d) => ({ value: d.id, label: d.name }))} />
            </Form.Item>
          )}
          <Form.Item
            name="code"
            label={t('用证码', 'Use-code')}
            rules={[{ required: true, whitespace: true, message: t('请输入用证码', 'Enter the use-code') }]}
          >
            <Input autoComplete="off" maxLength={128} />
          </Form.Item>
          <Form.Item name="kind" label={t('兑换内容', 'What to receive')}>
            <Radio.Group
              options={[
                { value: 'data', label: t('数据项', 'Data items') },
                { value: 'file', label: t('原件', 'Original file') },
                { value: 'annotated', label: t('加注件', 'Annotated copy') },
              ]}
            />
          </Form.Item>
          {kind !== 'data' && (
            <Form.Item name="format" label={t('文件格式', 'File format')}>
              <Radio.Group
                options={[
                  { value: 'pdf', label: 'PDF' },
                  { value: 'ofd', label: 'OFD' },
                ]}
              />
            </Form.Item>
          )}
          <Form.Item
            name="licenseIdentifier"
            label={t(
              '证照标识（持证主体有多张证照时填写）',
              'Licence identifier (when the holder has several)',
            )}
          >
            <Input maxLength={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('兑换', 'Redeem')}
          </Button>
        </Form>
      </Card>
      {result?.kind === 'data' && (
        <Flex vertical gap={16} data-testid="redeemed-data">
          {result.licenses.map((l) => (
            <LicenseDataView key={l.licenseId} license={l} data={l.data} type={types.data?.get(l.typeCode)} />
          ))}
        </Flex>
      )}
    </>
  );
}
