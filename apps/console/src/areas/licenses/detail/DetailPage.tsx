import { Alert, Card, Col, Result, Row, Spin, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../api';
import { PageTitle } from '../../../components/PageTitle';
import { useRequest } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { useIssuerDepartments } from '../useIssuerDepartments';
import { AnnotatedCopies } from './AnnotatedCopies';
import { FileInfo } from './FileInfo';
import { FilePreview } from './FilePreview';
import { HistoryTimeline } from './HistoryTimeline';
import { LicenseFacts } from './LicenseFacts';
import { LifecycleActions } from './LifecycleActions';

const sectionTitle = (text: string) => (
  <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
    {text}
  </Typography.Title>
);

/** One licence version: data, files and preview, history, 加注件, lifecycle actions. */
export function DetailPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const issuerDepartments = useIssuerDepartments();
  const detail = useRequest(async () => {
    const license = await api.getLicense({ params: { id } });
    const [history, type] = await Promise.all([
      api.licenseHistory({ params: { id: license.id } }),
      api.getLicenseType({ params: { id: license.typeVersionId } }).catch(() => undefined),
    ]);
    return { license, history, type };
  }, [id]);

  if (!detail.data)
    return detail.loading ? (
      <Spin />
    ) : (
      <Result
        status="warning"
        title={t('无法显示该证照', 'This licence cannot be shown')}
        extra={<Link to="/console/licenses">{t('返回证照检索', 'Back to the licence search')}</Link>}
      />
    );
  const { license, history, type } = detail.data;
  const newest = history.versions.reduce((a, b) => (b.version > a.version ? b : a), license);
  const manages = issuerDepartments.includes(license.departmentId);

  return (
    <>
      <PageTitle
        extra={<Link to="/console/licenses">{t('返回证照检索', 'Back to the licence search')}</Link>}
      >
        {license.typeName} {license.licenseNumber}
      </PageTitle>
      {license.status === 'superseded' && newest.id !== license.id && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <>
              {t('这是旧版本，已被第 {n} 版取代。', 'This is an old version, replaced by version {n}.', {
                n: newest.version,
              })}{' '}
              <Link to={`/console/licenses/${newest.id}`}>
                {t('查看最新版本', 'Show the newest version')}
              </Link>
            </>
          }
        />
      )}
      {manages && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <LifecycleActions license={license} onChanged={() => detail.reload()} />
        </Card>
      )}
      <Spin spinning={detail.loading}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card title={sectionTitle(t('证照信息', 'Licence'))}>
              <LicenseFacts license={license} type={type} />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={sectionTitle(t('照面预览', 'Preview'))} style={{ marginBottom: 16 }}>
              <FilePreview license={license} />
            </Card>
            <Card title={sectionTitle(t('签名文件', 'Signed files'))}>
              <FileInfo license={license} />
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card title={sectionTitle(t('版本与变更记录', 'Versions and history'))}>
              <HistoryTimeline current={license} versions={history.versions} events={history.events} />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={sectionTitle(t('加注件', 'Annotated copies'))}>
              <AnnotatedCopies license={license} />
            </Card>
          </Col>
        </Row>
      </Spin>
    </>
  );
}
