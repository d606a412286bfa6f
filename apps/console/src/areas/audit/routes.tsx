import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';

const AuditPage = lazy(() => import('./AuditPage'));

export default function AuditRoutes() {
  return (
    <Routes>
      <Route index element={<AuditPage />} />
      <Route path="*" element={<Navigate to="/console/audit" replace />} />
    </Routes>
  );
}
