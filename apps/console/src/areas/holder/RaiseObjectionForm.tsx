import { UploadOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import { fileToBase64, holderApi } from '../../api';
import { useI18n } from '../../i18n';
import { CheckboxGroupField } from './CheckboxGroupField';
import { useHolderAction, useHolderRequest } from './hooks';

interface Values {
  license: string;
  fields: string[];
  text: string;
  contactEmail?: string;
}

const MAX_EVIDENCE = 5;

/** Raise an objection to the data of one of my licences: which items, why, optional evidence files. */
export function RaiseObjectionForm({
  initialLicense,
  onRaised,
}: {
  initialLicense?: string;
  onRaised: () => void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const { run, busy } = useHolderAction();
  const licenseId = Form.useWatch('license', form) ?? initialLicense;
  const licenses = useHolderRequest(
    () => holderApi.myLicenses({ query: { page: 1, pageSize: 100 } }),
    [],
  ).data;
  const detail = useHolderRequest(
    async () => (licenseId ? holderApi.myLicense({ params: { id: licenseId } }) : null),
    [licenseId],
  ).data;

  const submit = async (values: Values) => {
    const evidence: { fileName: string; contentType: string; base64: string }[] = [];
    for (const f of files)
      if (f.originFileObj)
        evidence.push({
          fileName: f.name,
          contentType: f.type || 'application/octet-stream',
          base64: await fileToBase64(f.originFileObj),
        });
    const raised = await run(
      () =>
        holderApi.holderRaiseObjection({
          body: {
            license: values.license,
            fields: values.fields,
            text: values.text.trim(),
            ...(evidence.length ? { evidence } : {}),
            ...(values.contactEmail?.trim() ? { contactEmail: values.contactEmail.trim() } : {}),
          },
        }),
      t('异议已提交', 'Objection submitted'),
    );
    if (raised) {
      form.resetFields(['fields', 'text', 'contactEmail']);
      setFiles([]);
      onRaised();
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ license: initialLicense, fields: [] }}
      onFinish={(v) => void submit(v)}
    >
      <Form.Item
        name="license"
        label={t('证照', 'Licence')}
        rules={[{ required: true, message: t('请选择证照', 'Choose a licence') }]}
      >
        <Select
          options={(licenses?.items ?? []).map((l) => ({
            value: l.id,
            label: `${l.typeName}（${l.licenseNumber}）`,
          }))}
          onChange={() => form.setFieldValue('fields', [])}
        />
      </Form.Item>
      <Form.Item
        name="fields"
        label={t('有误的信息', 'Which data is wrong')}
        rules={[
          { required: true, type: 'array', min: 1, message: t('请至少选择一项', 'Choose at least one') },
        ]}
      >
        <CheckboxGroupField
          aria-label={t('有误的信息', 'Which data is wrong')}
          options={(detail?.dataItems ?? []).map((i) => ({
            value: i.code,
            label: lang === 'en' ? i.labelEn : i.labelZh,
          }))}
        />
      </Form.Item>
      <Form.Item
        name="text"
        label={t('异议说明', 'What is wrong')}
        rules={[{ required: true, whitespace: true, message: t('请说明哪里有误', 'Say what is wrong') }]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item
        label={t('证明材料（可选）', 'Evidence (optional)')}
        extra={t('PDF、PNG 或 JPEG，最多 {n} 个', 'PDF, PNG or JPEG, up to {n} files', { n: MAX_EVIDENCE })}
      >
        <Upload
          accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
          multiple
          fileList={files}
          maxCount={MAX_EVIDENCE}
          beforeUpload={() => false}
          onChange={({ fileList }) => setFiles(fileList)}
        >
          <Button icon={<UploadOutlined aria-hidden />}>{t('选择文件', 'Choose files')}</Button>
        </Upload>
      </Form.Item>
      <Form.Item
        name="contactEmail"
        label={t('联系邮箱（可选）', 'Contact e-mail (optional)')}
        rules={[{ type: 'email', message: t('邮箱格式不正确', 'Not an e-mail address') }]}
      >
        <Input type="email" autoComplete="email" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block>
        {t('提交异议', 'Submit objection')}
      </Button>
    </Form>
  );
}
