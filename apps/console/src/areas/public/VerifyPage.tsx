import { Card, Typography } from 'antd';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';
import { QrLinkForm } from './QrLinkForm';
import { FileVerifier } from './upload/FileVerifier';
import './public.css';

/** /verify: anyone checks a licence file (PDF or OFD) or a licence QR link. */
export function VerifyPage() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t('证照核验', 'Verify a licence')}</PageTitle>
      <Typography.Paragraph>
        {t(
          '上传电子证照文件，检查它是否真实、完整、仍然有效。文件只用于本次核验，平台不保存。',
          'Upload an electronic licence file to check that it is genuine, intact and still in force. The file is used for this check only and is not kept.',
        )}
      </Typography.Paragraph>
      <FileVerifier />
      <Card size="small" title={t('扫码核验', 'Verify by QR code')} style={{ marginTop: 24 }}>
        <QrLinkForm />
      </Card>
    </>
  );
}
