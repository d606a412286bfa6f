import { Alert, Button, Flex, Spin } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { useRequest } from '../../hooks';
import { useI18n } from '../../i18n';
import { plainQrReportHref } from './qr-link';
import { QrReportView } from './report/QrReportView';
import './public.css';

/** The server's limits of a QR identifier and token (contract verifyQr). */
const IDENTIFIER_LENGTH = { min: 20, max: 128 };
const TOKEN_MAX = 64;

/** /verify/licence/:identifier?t= — where a licence QR code lands (GET /v/… redirects browsers here). */
export function QrLandingPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { identifier = '' } = useParams();
  const [search] = useSearchParams();
  const token = search.get('t') ?? '';
  const complete =
    identifier.length >= IDENTIFIER_LENGTH.min &&
    identifier.length <= IDENTIFIER_LENGTH.max &&
    token.length > 0 &&
    token.length <= TOKEN_MAX;
  const request = useRequest(
    () => (complete ? api.verifyQr({ body: { identifier, token } }) : Promise.resolve(undefined)),
    [identifier, token, complete],
  );
  return (
    <>
      <PageTitle
        extra={<Button onClick={() => void navigate('/verify')}>{t('核验证照文件', 'Verify a file')}</Button>}
      >
        {t('证照二维码核验', 'Licence QR code check')}
      </PageTitle>
      {!complete ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('二维码链接不完整', 'The QR code link is incomplete')}
          description={t(
            '请重新扫描证照上的二维码，或在核验页面粘贴完整链接。',
            'Scan the QR code on the licence again, or paste the whole link on the verification page.',
          )}
        />
      ) : request.loading ? (
        <Spin description={t('正在核验…', 'Verifying…')}>
          <div style={{ height: 96 }} />
        </Spin>
      ) : request.data ? (
        <QrReportView report={request.data} />
      ) : (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('无法核验此二维码', 'This QR code cannot be verified')}
          description={errorMessage(request.error)}
        />
      )}
      {complete ? (
        <Flex style={{ marginTop: 16 }}>
          <a href={plainQrReportHref(identifier, token)}>
            {t('查看简洁版报告（无需 JavaScript）', 'Plain report (no JavaScript needed)')}
          </a>
        </Flex>
      ) : null}
    </>
  );
}
