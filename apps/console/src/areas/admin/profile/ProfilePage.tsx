import { Button, Card, Col, Descriptions, Row } from 'antd';
import { useNavigate } from 'react-router-dom';
import { PageTitle } from '../../../components/PageTitle';
import { useI18n } from '../../../i18n';
import { useStaffSession } from '../../../session';
import { RoleTags } from '../accounts/RoleTags';
import { useDepartmentNames } from '../shared/useDepartmentNames';
import { useRegions } from '../shared/useRegions';
import { TotpCard } from './TotpCard';

/** 个人设置: the own account, password change and TOTP. */
export default function ProfilePage() {
  const { t } = useI18n();
  const { user, expiresAt } = useStaffSession();
  const navigate = useNavigate();
  const regions = useRegions();
  const departments = useDepartmentNames(
    (user?.roles ?? []).flatMap((r) => (r.departmentId ? [r.departmentId] : [])),
  );
  if (!user) return null;
  return (
    <>
      <PageTitle>{t('个人设置', 'My account')}</PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={<h2 className="card-h2">{t('账号信息', 'Account')}</h2>}>
            <Descriptions
              column={1}
              items={[
                { key: 'u', label: t('登录名', 'Login name'), children: user.username },
                { key: 'n', label: t('姓名', 'Full name'), children: user.displayName },
                {
                  key: 'r',
                  label: t('角色与范围', 'Roles and scope'),
                  children: <RoleTags roles={user.roles} regions={regions} departments={departments} />,
                },
                ...(expiresAt
                  ? [
                      {
                        key: 'e',
                        label: t('会话有效至', 'Session valid until'),
                        children: new Date(expiresAt).toLocaleString(),
                      },
                    ]
                  : []),
              ]}
            />
            <Button
              style={{ marginTop: 16 }}
              onClick={() =>
                void navigate(`/change-password?next=${encodeURIComponent('/console/admin/profile')}`)
              }
            >
              {t('修改密码', 'Change password')}
            </Button>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <TotpCard />
        </Col>
      </Row>
    </>
  );
}
