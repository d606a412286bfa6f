import { App as AntApp, Spin } from 'antd';
import { Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { HolderRoutes, PublicRoutes, staffAreas } from './areas/registry';
import { I18nProvider } from './i18n';
import { PlainLayout } from './layouts/PlainLayout';
import { StaffLayout } from './layouts/StaffLayout';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { HomePage } from './pages/HomePage';
import { LandingPage } from './pages/LandingPage';
import { LoginPage } from './pages/LoginPage';
import { StaffSessionProvider } from './session';

export function App() {
  return (
    <I18nProvider>
      <AntApp>
        <BrowserRouter>
          <StaffSessionProvider>
            <Suspense fallback={<Spin fullscreen />}>
              <Routes>
                <Route path="/" element={<LandingPage />} />
                <Route path="/login" element={<LoginPage />} />
                <Route path="/change-password" element={<ChangePasswordPage />} />
                <Route path="/console" element={<StaffLayout />}>
                  <Route index element={<HomePage />} />
                  {staffAreas.map(({ base, Routes: AreaRoutes }) => (
                    <Route key={base} path={`${base}/*`} element={<AreaRoutes />} />
                  ))}
                </Route>
                <Route element={<PlainLayout title={['我的证照', 'My licences']} />}>
                  <Route path="/holder/*" element={<HolderRoutes />} />
                </Route>
                <Route element={<PlainLayout title={['证照核验', 'Verification']} />}>
                  <Route path="/verify/*" element={<PublicRoutes />} />
                </Route>
                <Route path="*" element={<Navigate to="/" replace />} />
              </Routes>
            </Suspense>
          </StaffSessionProvider>
        </BrowserRouter>
      </AntApp>
    </I18nProvider>
  );
}
