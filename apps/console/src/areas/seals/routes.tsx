import { lazy } from 'react';
import { Route, Routes } from 'react-router-dom';

const SealRegistryPage = lazy(() => import('./registry/SealRegistryPage'));
const SealDetailPage = lazy(() => import('./detail/SealDetailPage'));
const SealApplyPage = lazy(() => import('./apply/SealApplyPage'));
const SealSignPage = lazy(() => import('./sign/SealSignPage'));

export default function SealsRoutes() {
  return (
    <Routes>
      <Route index element={<SealRegistryPage />} />
      <Route path="apply" element={<SealApplyPage />} />
      <Route path="sign" element={<SealSignPage />} />
      <Route path=":id" element={<SealDetailPage />} />
    </Routes>
  );
}
