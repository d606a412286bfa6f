import { Route, Routes } from 'react-router-dom';
import { QrLandingPage } from './QrLandingPage';
import { VerifyPage } from './VerifyPage';

/** The public verification pages under /verify (no login). */
export default function PublicRoutes() {
  return (
    <Routes>
      <Route path="licence/:identifier" element={<QrLandingPage />} />
      <Route path="*" element={<VerifyPage />} />
    </Routes>
  );
}
