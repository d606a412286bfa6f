import { Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { useEffect, useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { useRequest } from '../../hooks';
import { useI18n } from '../../i18n';
import { useStaffSession } from '../../session';
import { BasicFields } from './BasicFields';
import { DataItemsEditor } from './DataItemsEditor';
import type { TypeFormValues } from './form-values';
import { contentOfForm, emptyDataItem } from './form-values';
import type { LicenseTypeContent } from './model';
import { typePath } from './model';
import { ServerRefusalAlert } from './ServerRefusalAlert';
import { useFormSave } from './use-form-save';

type CreateValues = TypeFormValues & { departmentId: string; typeCodeSuffix: string };

const INITIAL: Partial<CreateValues> = {
  holderCategory: 'legal_entity',
  holderCodeTypes: ['001'],
  validity: { kind: 'long_term' },
  fileFormat: 'pdf',
  sharing: 'conditional',
  serviceItems: [],
  typeCodeSuffix: '001',
  dataItems: [emptyDataItem()],
};

/** 目录注册: an issuer registers a new licence type of their department as a draft. */
export function CreateTypePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { user } = useStaffSession();
  const [form] = Form.useForm<CreateValues>();
  const { save, busy, refusal } = useFormSave(form);
  const departmentIds = useMemo(
    () => [
      ...new Set(
        (user?.roles ?? []).filter((r) => r.role === 'issuer' && r.departmentId).map((r) => r.departmentId!),
      ),
    ],
    [user],
  );
  const departments = useRequest(
    () => Promise.all(departmentIds.map((id) => api.getDepartment({ params: { id } }))),
    [departmentIds.join()],
  );
  const departmentId = Form.useWatch('departmentId', form);

  // The department defines its own types unless the user names another definer.
  useEffect(() => {
    const department = departments.data?.find((d) => d.id === departmentId) ?? departments.data?.[0];
    if (!department) return;
    if (!form.getFieldValue('departmentId')) form.setFieldValue('departmentId', department.id);
    form.setFieldsValue({ definer: { name: department.name, code: department.uscc, level: 3 } });
  }, [departments.data, departmentId, form]);

  const definerCode = (Form.useWatch(['definer', 'code'], form) as string | undefined) ?? '';
  const suffix = (Form.useWatch('typeCodeSuffix', form) as string | undefined) ?? '';

  const submit = async (values: CreateValues) => {
    const base: LicenseTypeContent = {
      name: values.name,
      definer: values.definer,
      holderCategory: values.holderCategory,
      holderCodeTypes: [],
      validity: { kind: 'long_term' },
      dataItems: [],
      serviceItems: [],
      sharing: values.sharing,
      faceTemplate: null,
      sampleData: {},
      sealId: null,
      issuerDepartmentIds: [values.departmentId],
    };
    const created = await save(() =>
      api.createLicenseType({
        body: {
          departmentId: values.departmentId,
          typeCode: `${values.definer.code}${values.typeCodeSuffix}`,
          content: contentOfForm(values, base),
        },
      }),
    );
    if (created) void navigate(typePath(created.id));
  };

  return (
    <>
      <PageTitle>{t('新建证照类型', 'New licence type')}</PageTitle>
      <ServerRefusalAlert refusal={refusal} />
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={INITIAL}
        onFinish={(values) => void submit(values)}
        scrollToFirstError
      >
        <Card
          title={t('登记部门与类型代码', 'Department and type code')}
          size="small"
          style={{ marginBottom: 16 }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="departmentId"
                label={t('登记部门', 'Registering department')}
                rules={[{ required: true, message: t('必填', 'Required') }]}
              >
                <Select
                  loading={departments.loading}
                  options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                  notFoundContent={t('您不是任何部门的制证签发员', 'You are not an issuer of any department')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="typeCodeSuffix"
                label={t('类型代码后三位', 'Last three digits of the type code')}
                extra={t(
                  '类型代码 = 定义机构统一社会信用代码 + 三位数字：{code}',
                  'Type code = definer’s credit code + 3 digits: {code}',
                  {
                    code: `${definerCode}${suffix}`,
                  },
                )}
                rules={[
                  { required: true, message: t('必填', 'Required') },
                  { pattern: /^\d{3}$/, message: t('三位数字', 'Three digits') },
                ]}
              >
                <Input maxLength={3} inputMode="numeric" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <BasicFields />
        <DataItemsEditor />
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('创建草稿', 'Create draft')}
        </Button>
      </Form>
    </>
  );
}
