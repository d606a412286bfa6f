import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { staffAreas } from '../areas/registry';
import { PageTitle } from '../components/PageTitle';
import { useI18n } from '../i18n';
import { useStaffSession } from '../session';

/** The staff start page: a card for every area the user may open. */
export function HomePage() {
  const { t } = useI18n();
  const session = useStaffSession();
  const entries = staffAreas
    .flatMap((a) => a.menu)
    .filter((m) => !m.roles || m.roles.some((r) => session.hasRole(r)));
  return (
    <>
      <PageTitle>{t('欢迎，{name}', 'Welcome, {name}', { name: session.user?.displayName ?? '' })}</PageTitle>
      <Row gutter={[16, 16]}>
        {entries.map((e) => (
          <Col key={e.path} xs={24} sm={12} lg={8}>
            <Link to={e.path}>
              <Card hoverable>
                <Typography.Text strong>{t(e.label[0], e.label[1])}</Typography.Text>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </>
  );
}
