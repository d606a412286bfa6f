import { ExclamationCircleOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Result, Spin } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { holderApi } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';
import { readableLabels } from './styles';
import { DownloadButtons } from './DownloadButtons';
import { validityText } from './format';
import { useHolderRequest } from './hooks';
import { LicenseStatusTag } from './status';

const show = (value: unknown) =>
  value === null || value === undefined || value === ''
    ? '—'
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value as string | number | boolean);

/** One of the holder's licences: its data items in words, status, validity and the signed files. */
export function LicenseDetailPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data: l, loading, error } = useHolderRequest(() => holderApi.myLicense({ params: { id } }), [id]);
  if (loading && !l) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (!l)
    return (
      <Result
        status="warning"
        title={
          error ? t('无法读取该证照', 'The licence cannot be read') : t('未找到证照', 'Licence not found')
        }
        extra={<Link to="/holder">{t('返回我的证照', 'Back to my licences')}</Link>}
      />
    );
  return (
    <>
      <PageTitle
        extra={
          <Button
            type="primary"
            icon={<QrcodeOutlined aria-hidden />}
            onClick={() => navigate(`/holder/licenses/${id}/show`)}
          >
            {t('亮证', 'Show')}
          </Button>
        }
      >
        {l.typeName}
      </PageTitle>
      <Flex vertical gap={12}>
        <Card size="small" title={t('证照信息', 'Licence')}>
          <Descriptions styles={readableLabels} column={1} size="small" bordered>
            <Descriptions.Item label={t('状态', 'Status')}>
              <LicenseStatusTag status={l.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('有效期', 'Validity')}>{validityText(t, l)}</Descriptions.Item>
            <Descriptions.Item label={t('证照编号', 'Number')}>
              <span style={{ wordBreak: 'break-all' }}>{l.licenseNumber}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('持证主体', 'Holder')}>{l.holder.name}</Descriptions.Item>
            <Descriptions.Item label={t('发证机关', 'Issued by')}>{l.issuerName}</Descriptions.Item>
            <Descriptions.Item label={t('发证日期', 'Issued on')}>{l.issueDate}</Descriptions.Item>
            <Descriptions.Item label={t('证照标识', 'Identifier')}>
              <span style={{ wordBreak: 'break-all' }}>{l.identifier}</span>
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card size="small" title={t('照面信息', 'Data on the licence')}>
          <Descriptions styles={readableLabels} column={1} size="small" bordered>
            {l.dataItems.map((item) => (
              <Descriptions.Item key={item.code} label={lang === 'en' ? item.labelEn : item.labelZh}>
                <span style={{ wordBreak: 'break-all' }}>{show(l.data[item.code])}</span>
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
        <Card size="small" title={t('下载证照文件', 'Download the signed file')}>
          <DownloadButtons license={l} />
        </Card>
        <Link to={`/holder/objections?license=${l.id}`}>
          <ExclamationCircleOutlined aria-hidden />{' '}
          {t('信息有误？提出异议', 'Something wrong? Raise an objection')}
        </Link>
      </Flex>
    </>
  );
}
