import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useStaffSession } from '../../session';

const OrgsPage = lazy(() => import('./orgs/OrgsPage'));
const AccountsPage = lazy(() => import('./accounts/AccountsPage'));
const AppsPage = lazy(() => import('./apps/AppsPage'));
const ProfilePage = lazy(() => import('./profile/ProfilePage'));

export default function AdminRoutes() {
  const session = useStaffSession();
  const isAdmin = session.hasRole('platform_admin', 'region_admin');
  return (
    <Routes>
      <Route index element={<Navigate to={isAdmin ? 'orgs' : 'profile'} replace />} />
      <Route path="orgs" element={<OrgsPage />} />
      <Route path="accounts" element={<AccountsPage />} />
      <Route path="apps" element={<AppsPage />} />
      <Route path="profile" element={<ProfilePage />} />
      <Route path="*" element={<Navigate to="profile" replace />} />
    </Routes>
  );
}
