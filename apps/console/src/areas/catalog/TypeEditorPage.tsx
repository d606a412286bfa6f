import { FormatPainterOutlined } from '@ant-design/icons';
import { App, Button, Form, Result, Spin } from 'antd';
import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { useRequest } from '../../hooks';
import { useI18n } from '../../i18n';
import { useStaffSession } from '../../session';
import { BasicFields } from './BasicFields';
import { SealField } from './SealField';
import { DataItemsEditor } from './DataItemsEditor';
import type { TypeFormValues } from './form-values';
import { contentOfForm, formValuesOf } from './form-values';
import { contentOf, designerPath, typePath } from './model';
import { ServerRefusalAlert } from './ServerRefusalAlert';
import { StatusTag } from './StatusTag';
import { useFormSave } from './use-form-save';
import { VersionHistory } from './VersionHistory';
import { WorkflowPanel } from './WorkflowPanel';

/** One version: workflow state and actions, versions, and the editor of a draft's fields and data items. */
export function TypeEditorPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const session = useStaffSession();
  const type = useRequest(() => api.getLicenseType({ params: { id } }), [id]);
  const [form] = Form.useForm<TypeFormValues>();
  const { save, busy, refusal } = useFormSave(form);

  useEffect(() => {
    if (type.data) form.setFieldsValue(formValuesOf(contentOf(type.data)));
  }, [type.data, form]);

  if (!type.data) {
    return type.loading ? (
      <Spin />
    ) : (
      <Result status="warning" title={t('无法加载证照类型', 'The licence type could not be loaded')} />
    );
  }
  const current = type.data;
  const editable = current.status === 'draft' && session.hasRole('issuer');

  const submit = async (values: TypeFormValues) => {
    const saved = await save(() =>
      api.updateLicenseType({
        params: { id },
        body: { rowVersion: current.rowVersion, content: contentOfForm(values, contentOf(current)) },
      }),
    );
    if (saved) {
      void message.success(t('已保存', 'Saved'));
      type.reload();
    }
  };

  return (
    <>
      <PageTitle
        extra={
          <Button icon={<FormatPainterOutlined />} onClick={() => void navigate(designerPath(id))}>
            {t('照面设计', 'Face designer')}
          </Button>
        }
      >
        {current.name} <StatusTag status={current.status} />
      </PageTitle>
      <WorkflowPanel
        type={current}
        onChanged={(next) => (next.id === id ? type.reload() : void navigate(typePath(next.id)))}
      />
      <ServerRefusalAlert refusal={refusal} />
      <Form<TypeFormValues>
        form={form}
        layout="vertical"
        disabled={!editable}
        onFinish={(values) => void submit(values)}
        scrollToFirstError
      >
        <BasicFields />
        <SealField departmentId={current.departmentId} editable={editable} />
        <DataItemsEditor disabled={!editable} />
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('保存草稿', 'Save draft')}
          </Button>
        )}
      </Form>
      <div style={{ marginTop: 16 }}>
        <VersionHistory type={current} />
      </div>
    </>
  );
}
