import { Alert, Card, Flex, Progress, Spin, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { holderApi } from '../../api';
import { PageTitle } from '../../components/PageTitle';
import { useI18n } from '../../i18n';
import { useHolderRequest } from './hooks';
import { QrCanvas } from './QrCanvas';
import { LicenseStatusTag } from './status';
import { useShowToken } from './useShowToken';

/** 亮证: a QR code the counter scans, renewed by itself before it expires. */
export function ShowQrPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const license = useHolderRequest(() => holderApi.myLicense({ params: { id } }), [id]).data;
  const { shown, secondsLeft, failed } = useShowToken(id);
  return (
    <>
      <PageTitle>{t('亮证', 'Show licence')}</PageTitle>
      <Card>
        <Flex vertical align="center" gap={12}>
          {license && (
            <Flex vertical align="center" gap={4}>
              <Typography.Text strong style={{ fontSize: 18 }}>
                {license.typeName}
              </Typography.Text>
              <LicenseStatusTag status={license.status} />
            </Flex>
          )}
          {shown ? (
            <>
              <QrCanvas text={shown.token} size={280} label={t('亮证二维码', '亮证 QR code')} />
              <div
                role="timer"
                aria-live="off"
                data-testid="show-countdown"
                style={{ width: '100%', maxWidth: 280 }}
              >
                <Progress
                  percent={Math.round(((secondsLeft * 1000) / shown.lifetimeMs) * 100)}
                  showInfo={false}
                  strokeColor="#b71c1c"
                  aria-hidden
                />
                <Typography.Text>
                  {t('{n} 秒后自动刷新', 'Refreshes by itself in {n} s', { n: secondsLeft })}
                </Typography.Text>
              </div>
              <Typography.Text style={{ color: '#595959' }}>{t('文本码', 'Text code')}</Typography.Text>
              <Typography.Text
                code
                copyable={{ text: shown.token, tooltips: [t('复制', 'Copy'), t('已复制', 'Copied')] }}
                data-testid="show-token"
                style={{ wordBreak: 'break-all', textAlign: 'center' }}
              >
                {shown.token}
              </Typography.Text>
            </>
          ) : (
            <Flex vertical align="center" gap={8} style={{ padding: 48 }}>
              <Spin />
              <Typography.Text>{t('正在生成亮证码…', 'Making a new code…')}</Typography.Text>
            </Flex>
          )}
          {failed && (
            <Alert
              type="error"
              showIcon
              title={t('暂时无法生成亮证码，稍后自动重试', 'No code could be made; trying again shortly')}
            />
          )}
          <Typography.Paragraph style={{ margin: 0 }}>
            {t(
              '请向窗口工作人员出示此码。每个码只能扫描一次，有效期很短，页面会自动换新码。',
              'Show this code at the counter. Each code can be scanned once and lasts a short time; the page renews it by itself.',
            )}
          </Typography.Paragraph>
          <Link to={`/holder/licenses/${id}`}>{t('返回证照详情', 'Back to the licence')}</Link>
        </Flex>
      </Card>
    </>
  );
}
