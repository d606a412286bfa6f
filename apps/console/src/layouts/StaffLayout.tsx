import { Button, Dropdown, Flex, Layout, Menu, Spin, Tag, Typography } from 'antd';
import { Suspense, useMemo } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api';
import { staffAreas } from '../areas/registry';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useRequest } from '../hooks';
import { useI18n } from '../i18n';
import type { CurrentUser } from '../session';
import { useStaffSession } from '../session';
import { roleName } from './roles';

/** The staff console frame: role-aware menu, the user's region / department scope, language. */
export function StaffLayout() {
  const session = useStaffSession();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const user = session.user;

  const entries = useMemo(
    () =>
      staffAreas.flatMap((a) => a.menu).filter((m) => !m.roles || m.roles.some((r) => session.hasRole(r))),
    [session],
  );

  if (user === undefined) return <Spin fullscreen />;
  if (user === null)
    return (
      <Navigate
        to={`/login?${session.expired ? 'expired=1&' : ''}next=${encodeURIComponent(location.pathname + location.search)}`}
        replace
      />
    );
  if (user.mustChangePassword) return <Navigate to="/change-password" replace />;

  const selected = entries
    .map((e) => e.path)
    .filter((p) => location.pathname === p || location.pathname.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('跳到主要内容', 'Skip to main content')}
      </a>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} width={208} theme="light">
        <Link to="/console" className="brand" aria-label={t('证印 zhengyin 首页', '证印 zhengyin home')}>
          证印 <span lang="en">zhengyin</span>
        </Link>
        <nav aria-label={t('主菜单', 'Main menu')}>
          <Menu
            mode="inline"
            selectedKeys={selected}
            items={entries.map((e) => ({ key: e.path, icon: e.icon, label: t(e.label[0], e.label[1]) }))}
            onClick={({ key }) => void navigate(key)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="staff-header">
          <ScopeBar user={user} />
          <Flex gap={12} align="center">
            <LanguageSwitch />
            <Dropdown
              menu={{
                items: [
                  { key: 'profile', label: t('个人设置', 'My account') },
                  { key: 'logout', label: t('退出登录', 'Log out') },
                ],
                onClick: ({ key }) =>
                  key === 'logout'
                    ? void session.logout().then(() => navigate('/login'))
                    : void navigate('/console/admin/profile'),
              }}
            >
              <Button type="text" data-testid="user-menu">
                {user.displayName}
              </Button>
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1} className="staff-content">
          <Suspense fallback={<Spin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** Every role of the user with its region or department, always visible. */
function ScopeBar({ user }: { user: CurrentUser }) {
  const { t, lang } = useI18n();
  const names = useRequest(async () => {
    const depts = await Promise.all(
      [...new Set(user.roles.map((r) => r.departmentId).filter((d): d is string => !!d))].map((id) =>
        api.getDepartment({ params: { id } }).catch(() => null),
      ),
    );
    const regions = await api.listRegions({ query: { pageSize: 100 } }).catch(() => null);
    return {
      dept: new Map(depts.filter((d) => d !== null).map((d) => [d.id, d.name])),
      region: new Map((regions?.items ?? []).map((r) => [r.code, r.name])),
    };
  }, [user.id]);
  return (
    <Flex gap={4} wrap align="center" aria-label={t('当前权限范围', 'Current scope')} data-testid="scope">
      {user.roles.map((r, i) => {
        const where = r.departmentId
          ? (names.data?.dept.get(r.departmentId) ?? '…')
          : r.regionCode
            ? (names.data?.region.get(r.regionCode) ?? r.regionCode)
            : t('全平台', 'Platform');
        return (
          <Tag key={i} color="red">
            {roleName(r.role, lang)} · {where}
          </Tag>
        );
      })}
      <Typography.Text type="secondary" className="sr-only">
        {user.username}
      </Typography.Text>
    </Flex>
  );
}
