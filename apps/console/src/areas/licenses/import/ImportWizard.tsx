import { Card, Result, Spin, Steps } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../api';
import { PageTitle } from '../../../components/PageTitle';
import { useErrorReporter } from '../../../hooks';
import { useI18n } from '../../../i18n';
import type { ImportJob } from '../model';
import { useIssuerDepartments } from '../useIssuerDepartments';
import { usePublishedTypes } from '../usePublishedTypes';
import { MappingStep } from './MappingStep';
import { ProgressStep } from './ProgressStep';
import type { Upload } from './UploadStep';
import { UploadStep } from './UploadStep';
import { ValidationStep } from './ValidationStep';

/**
 * 存量证照导入: upload → map columns → validation report → confirm → live progress → rejection
 * report. Once validated the job has its own address (/imports/:id), so it can be reopened.
 */
export function ImportWizard() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const report = useErrorReporter();
  const { id } = useParams();
  const departments = useIssuerDepartments();
  const types = usePublishedTypes();
  const [upload, setUpload] = useState<Upload | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [step, setStep] = useState(0);

  useEffect(() => {
    if (!id || job?.id === id) return;
    api.getLicenseImport({ params: { id } }).then((j) => {
      setJob(j);
      setStep(j.status === 'validated' ? 2 : 3);
    }, report);
  }, [id, job, report]);

  if (departments.length === 0)
    return (
      <Result status="403" title={t('只有制证签发员可以导入证照', 'Only issuers can import licences')} />
    );

  const defaultFormat = (upload?.type ?? types.data?.find((ty) => ty.typeCode === job?.typeCode))?.fileFormat;
  const body = (() => {
    if (id && !job) return <Spin />;
    if (step === 0 || (step === 1 && !upload))
      return (
        <UploadStep
          departments={departments}
          types={types.data ?? []}
          onDone={(u) => {
            setUpload(u);
            setStep(1);
          }}
        />
      );
    if (step === 1 && upload)
      return (
        <MappingStep
          upload={upload}
          onBack={() => setStep(0)}
          onDone={(j) => {
            setJob(j);
            setStep(2);
            void navigate(`/console/licenses/imports/${j.id}`, { replace: true });
          }}
        />
      );
    if (step === 2 && job)
      return (
        <ValidationStep
          job={job}
          defaultFormat={defaultFormat}
          onBack={upload ? () => setStep(1) : undefined}
          onStarted={(j) => {
            setJob(j);
            setStep(3);
          }}
        />
      );
    return job ? <ProgressStep initial={job} /> : null;
  })();

  return (
    <>
      <PageTitle
        extra={<Link to="/console/licenses">{t('返回证照检索', 'Back to the licence search')}</Link>}
      >
        {t('存量证照批量导入', 'Bulk import of existing licences')}
      </PageTitle>
      <Card>
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('上传文件', 'Upload') },
            { title: t('字段映射', 'Map columns') },
            { title: t('校验并确认', 'Validate and confirm') },
            { title: t('导入进度', 'Progress') },
          ]}
        />
        {body}
      </Card>
    </>
  );
}
