import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Divider,
  Form,
  Input,
  Result,
  Select,
  Spin,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../../api';
import { PageTitle } from '../../../components/PageTitle';
import { useErrorReporter } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { DepartmentName } from '../DepartmentName';
import { HOLDER_CODE_TYPE_LIST, holderCodeTypeName } from '../labels';
import type { FileFormat, LicenseType } from '../model';
import { useIssuerDepartments } from '../useIssuerDepartments';
import { usePublishedTypes } from '../usePublishedTypes';
import { DataItemField } from './DataItemField';
import { itemProblems, showProblems } from './problems';
import { SigningFields } from './SigningFields';
import type { FormValue } from './values';
import { dataFromForm, newIdempotencyKey } from './values';

interface IssueForm {
  departmentId: string;
  typeCode: string;
  holder: { name: string; codeType?: string; code: string };
  licenseNumber?: string;
  issueDate?: Dayjs;
  validFrom?: Dayjs;
  validTo?: Dayjs;
  data?: Record<string, FormValue>;
  fileFormat: FileFormat;
  sealPin: string;
}

const day = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');

/** 制证签发: a form generated from the licence type's data items; on success the new licence's page. */
export function IssuePage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const report = useErrorReporter();
  const [params] = useSearchParams();
  const departments = useIssuerDepartments();
  const types = usePublishedTypes();
  const [form] = Form.useForm<IssueForm>();
  const departmentId = Form.useWatch('departmentId', form) ?? departments[0];
  const typeCode = Form.useWatch('typeCode', form);
  const [busy, setBusy] = useState(false);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const idempotencyKey = useRef(newIdempotencyKey());
  // A double click submits the form twice before `busy` disables the button: only one request goes.
  const inFlight = useRef(false);

  const issuable = useMemo(
    () => (types.data ?? []).filter((ty) => departmentId && ty.issuerDepartmentIds.includes(departmentId)),
    [types.data, departmentId],
  );
  const type: LicenseType | undefined = issuable.find((ty) => ty.typeCode === typeCode);

  // Preselect the type named in the URL (?type=<version id or type code>) once the list is there.
  const wanted = params.get('type');
  useEffect(() => {
    const found = wanted && issuable.find((ty) => ty.id === wanted || ty.typeCode === wanted);
    if (found && !form.getFieldValue('typeCode')) form.setFieldValue('typeCode', found.typeCode);
  }, [wanted, issuable, form]);
  useEffect(() => {
    if (!type) return;
    form.setFieldsValue({
      fileFormat: type.fileFormat,
      holder: { ...form.getFieldValue('holder'), codeType: type.holderCodeTypes[0] ?? undefined },
    });
  }, [type, form]);

  if (departments.length === 0)
    return (
      <Result
        status="403"
        title={t('只有制证签发员可以签发证照', 'Only issuers can issue licences')}
        extra={<Link to="/console/licenses">{t('返回证照检索', 'Back to the licence search')}</Link>}
      />
    );

  const submit = async (v: IssueForm) => {
    if (!type || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setUnplaced([]);
    try {
      const license = await api.issueLicense({
        body: {
          typeCode: type.typeCode,
          departmentId: v.departmentId ?? departments[0],
          sealPin: v.sealPin,
          fileFormat: v.fileFormat,
          idempotencyKey: idempotencyKey.current,
          item: {
            holder: {
              name: v.holder.name.trim(),
              code: v.holder.code.trim(),
              ...(v.holder.codeType ? { codeType: v.holder.codeType } : {}),
            },
            ...(v.licenseNumber?.trim() ? { licenseNumber: v.licenseNumber.trim() } : {}),
            ...(v.issueDate ? { issueDate: day(v.issueDate) } : {}),
            ...(v.validFrom ? { validFrom: day(v.validFrom) } : {}),
            ...(v.validTo ? { validTo: day(v.validTo) } : {}),
            data: dataFromForm(type.dataItems, v.data),
          },
        },
      });
      void message.success(t('证照已签发：{n}', 'Licence issued: {n}', { n: license.licenseNumber }));
      void navigate(`/console/licenses/${license.id}`);
    } catch (e) {
      // The server answered, so nothing was issued: a corrected form is a new request.
      if (e instanceof ApiError) idempotencyKey.current = newIdempotencyKey();
      const rest = showProblems(
        form,
        itemProblems(e),
        type.dataItems.map((i) => i.code),
      );
      setUnplaced(rest.map((p) => `${p.item}: ${p.message}`));
      report(e);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const codeTypes = type?.holderCodeTypes.length ? type.holderCodeTypes : HOLDER_CODE_TYPE_LIST;
  return (
    <>
      <PageTitle
        extra={<Link to="/console/licenses">{t('返回证照检索', 'Back to the licence search')}</Link>}
      >
        {t('签发证照', 'Issue a licence')}
      </PageTitle>
      <Card style={{ maxWidth: 880 }}>
        <Spin spinning={types.loading}>
          <Form<IssueForm>
            form={form}
            name="license"
            layout="vertical"
            initialValues={{ departmentId: departments[0] }}
            onFinish={(v) => void submit(v)}
            scrollToFirstError
          >
            {departments.length > 1 ? (
              <Form.Item
                name="departmentId"
                label={t('签发部门', 'Issuing department')}
                rules={[{ required: true }]}
              >
                <Select options={departments.map((d) => ({ value: d, label: <DepartmentName id={d} /> }))} />
              </Form.Item>
            ) : (
              <Typography.Paragraph>
                {t('签发部门：', 'Issuing department: ')}
                <DepartmentName id={departments[0] as string} />
              </Typography.Paragraph>
            )}
            <Form.Item
              name="typeCode"
              label={t('证照类型', 'Licence type')}
              rules={[{ required: true, message: t('请选择证照类型', 'Choose the licence type') }]}
              extra={
                !types.loading && issuable.length === 0
                  ? t(
                      '本部门没有可签发的已发布证照类型',
                      'No published licence type names this department as issuer',
                    )
                  : undefined
              }
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={issuable.map((ty) => ({ value: ty.typeCode, label: ty.name }))}
                onChange={() => setUnplaced([])}
              />
            </Form.Item>
            {type && (
              <>
                <Divider titlePlacement="start">{t('持证主体', 'Holder')}</Divider>
                <Form.Item
                  name={['holder', 'name']}
                  label={t('持证主体名称', 'Holder name')}
                  rules={[
                    {
                      required: true,
                      whitespace: true,
                      message: t('请填写持证主体名称', 'Enter the holder name'),
                    },
                  ]}
                >
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name={['holder', 'codeType']} label={t('持证主体代码类型', 'Holder code type')}>
                  <Select
                    options={codeTypes.map((c) => ({ value: c, label: holderCodeTypeName(c, lang) }))}
                  />
                </Form.Item>
                <Form.Item
                  name={['holder', 'code']}
                  label={t('持证主体代码', 'Holder code')}
                  rules={[
                    {
                      required: true,
                      whitespace: true,
                      message: t('请填写持证主体代码', 'Enter the holder code'),
                    },
                  ]}
                  extra={t(
                    '统一社会信用代码、身份证号码会校验校验位。',
                    'Credit codes and ID numbers have their check digit verified.',
                  )}
                >
                  <Input maxLength={64} />
                </Form.Item>
                <Divider titlePlacement="start">{t('证照', 'Licence')}</Divider>
                <Form.Item
                  name="licenseNumber"
                  label={t('证照编号', 'Licence number')}
                  extra={t('留空则自动编号', 'Leave empty to number it automatically')}
                >
                  <Input maxLength={128} />
                </Form.Item>
                <Form.Item
                  name="issueDate"
                  label={t('签发日期', 'Issue date')}
                  extra={t('默认今天', 'Default: today')}
                >
                  <DatePicker />
                </Form.Item>
                {type.validity.kind !== 'none' && (
                  <Form.Item
                    name="validFrom"
                    label={t('有效期起', 'Valid from')}
                    extra={t('默认签发日期', 'Default: the issue date')}
                  >
                    <DatePicker />
                  </Form.Item>
                )}
                {type.validity.kind === 'fixed' && (
                  <Form.Item
                    name="validTo"
                    label={t('有效期至', 'Valid to')}
                    extra={t('默认按证照类型的有效期计算', "Default: from the type's validity period")}
                  >
                    <DatePicker />
                  </Form.Item>
                )}
                {type.validity.kind === 'long_term' && (
                  <Typography.Paragraph>{t('有效期：长期', 'Validity: long-term')}</Typography.Paragraph>
                )}
                <Divider titlePlacement="start">{t('照面信息', 'Data items')}</Divider>
                {type.dataItems.map((item) => (
                  <DataItemField key={item.code} item={item} />
                ))}
                <Divider titlePlacement="start">{t('签章', 'Signing')}</Divider>
                <SigningFields />
                {unplaced.length > 0 && (
                  <Alert
                    type="error"
                    showIcon
                    role="alert"
                    style={{ marginBottom: 16 }}
                    title={t('签发未成功', 'The licence was not issued')}
                    description={unplaced.join('；')}
                  />
                )}
                <Button type="primary" htmlType="submit" loading={busy}>
                  {t('签发', 'Issue')}
                </Button>
              </>
            )}
          </Form>
        </Spin>
      </Card>
    </>
  );
}
