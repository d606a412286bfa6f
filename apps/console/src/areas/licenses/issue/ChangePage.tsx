import { Alert, App, Button, Card, DatePicker, Descriptions, Divider, Form, Input, Result, Spin } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../api';
import { PageTitle } from '../../../components/PageTitle';
import { useErrorReporter, useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { holderCodeTypeName } from '../labels';
import type { FileFormat } from '../model';
import { useIssuerDepartments } from '../useIssuerDepartments';
import { DataItemField } from './DataItemField';
import { itemProblems, showProblems } from './problems';
import { SigningFields } from './SigningFields';
import type { FormValue } from './values';
import { dataFromForm, dataToForm } from './values';

interface ChangeForm {
  holder: { name: string };
  validTo?: Dayjs;
  data?: Record<string, FormValue>;
  reason: string;
  fileFormat: FileFormat;
  sealPin: string;
}

/** 变更: the issuance form prefilled with the current version; the server issues version n + 1. */
export function ChangePage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const report = useErrorReporter();
  const { id = '' } = useParams();
  const departments = useIssuerDepartments();
  const [form] = Form.useForm<ChangeForm>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const inFlight = useRef(false);
  const loaded = useRequest(async () => {
    const license = await api.getLicense({ params: { id } });
    const type = await api.getLicenseType({ params: { id: license.typeVersionId } });
    return { license, type };
  }, [id]);

  useEffect(() => {
    if (!loaded.data) return;
    const { license, type } = loaded.data;
    form.setFieldsValue({
      holder: { name: license.holder.name },
      validTo: license.validTo ? dayjs(license.validTo) : undefined,
      data: dataToForm(type.dataItems, license.data),
      fileFormat: license.fileFormat,
    });
  }, [loaded.data, form]);

  if (!loaded.data) return loaded.loading ? <Spin /> : null;
  const { license, type } = loaded.data;
  const back = <Link to={`/console/licenses/${license.id}`}>{t('返回证照详情', 'Back to the licence')}</Link>;
  if (!departments.includes(license.departmentId) || license.status !== 'valid')
    return (
      <Result
        status="warning"
        title={t(
          '只能变更本部门签发的有效证照',
          "Only valid licences of the issuer's own department can be changed",
        )}
        extra={back}
      />
    );

  const submit = async (v: ChangeForm) => {
    setProblem(null);
    const next = dataFromForm(type.dataItems, v.data);
    const data: Record<string, unknown> = {};
    for (const item of type.dataItems) {
      const before = license.data[item.code];
      const after = next[item.code];
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      if (after === undefined && before === undefined) continue;
      data[item.code] = after ?? null;
    }
    const holderName = v.holder.name.trim();
    const validTo = v.validTo?.format('YYYY-MM-DD');
    const changes = {
      ...(holderName !== license.holder.name ? { holderName } : {}),
      ...(validTo && validTo !== license.validTo ? { validTo } : {}),
      ...(Object.keys(data).length ? { data } : {}),
    };
    if (Object.keys(changes).length === 0) {
      setProblem(t('没有修改任何内容', 'Nothing was changed'));
      return;
    }
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      const out = await api.updateLicense({
        params: { id: license.id },
        body: {
          reason: v.reason.trim(),
          changes,
          sealPin: v.sealPin,
          fileFormat: v.fileFormat,
          rowVersion: license.rowVersion,
        },
      });
      void message.success(t('已签发第 {n} 版', 'Version {n} issued', { n: out.license.version }));
      void navigate(`/console/licenses/${out.license.id}`);
    } catch (e) {
      const rest = showProblems(
        form,
        itemProblems(e),
        type.dataItems.map((i) => i.code),
      );
      if (rest.length) setProblem(rest.map((p) => `${p.item}: ${p.message}`).join('；'));
      report(e);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <>
      <PageTitle extra={back}>
        {t('变更证照', 'Change a licence')} {license.licenseNumber}
      </PageTitle>
      <Card style={{ maxWidth: 880 }}>
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'type', label: t('证照类型', 'Licence type'), children: license.typeName },
            {
              key: 'code',
              label: t('持证主体代码', 'Holder code'),
              children: `${license.holder.code}（${holderCodeTypeName(license.holder.codeType, lang)}）`,
            },
            { key: 'version', label: t('当前版本', 'Current version'), children: license.version },
          ]}
        />
        <Form<ChangeForm> form={form} name="license" layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item
            name={['holder', 'name']}
            label={t('持证主体名称', 'Holder name')}
            rules={[
              { required: true, whitespace: true, message: t('请填写持证主体名称', 'Enter the holder name') },
            ]}
          >
            <Input maxLength={200} />
          </Form.Item>
          {type.validity.kind === 'fixed' && (
            <Form.Item name="validTo" label={t('有效期至', 'Valid to')}>
              <DatePicker />
            </Form.Item>
          )}
          <Divider titlePlacement="start">{t('照面信息', 'Data items')}</Divider>
          {type.dataItems.map((item) => (
            <DataItemField key={item.code} item={item} />
          ))}
          <Divider titlePlacement="start">{t('变更与签章', 'Change and signing')}</Divider>
          <Form.Item
            name="reason"
            label={t('变更原因', 'Reason for the change')}
            rules={[{ required: true, whitespace: true, message: t('请填写变更原因', 'Give the reason') }]}
          >
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
          <SigningFields />
          {problem && (
            <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={problem} />
          )}
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('签发新版本', 'Issue the new version')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
