import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useI18n } from '../i18n';

/** `/`: the three ways in — staff, holders, the public. */
export function LandingPage() {
  const { t } = useI18n();
  const doors = [
    {
      to: '/verify',
      title: t('证照核验', 'Verify a licence'),
      text: t('扫码或上传文件核验电子证照、电子印章', 'Scan or upload a file to check a licence or seal'),
    },
    {
      to: '/holder',
      title: t('我的证照', 'My licences'),
      text: t('持证人查看、亮证、授权用证', 'Holders: view, show and consent'),
    },
    {
      to: '/login',
      title: t('工作人员登录', 'Staff login'),
      text: t('目录、签发、用证、印章、审计', 'Catalogue, issuance, use, seals, audit'),
    },
  ];
  return (
    <main className="landing" id="main">
      <div className="landing-top">
        <LanguageSwitch />
      </div>
      <Typography.Title level={1}>证印 zhengyin</Typography.Title>
      <Typography.Paragraph>
        {t('电子证照与电子印章开放平台', 'Open platform for electronic licences and electronic seals')}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {doors.map((d) => (
          <Col key={d.to} xs={24} md={8}>
            <Link to={d.to}>
              <Card hoverable title={<h2 className="card-h2">{d.title}</h2>}>
                {d.text}
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph style={{ marginTop: 24 }}>
        <a href="/docs">{t('接口文档', 'API documentation')}</a>
      </Typography.Paragraph>
    </main>
  );
}
