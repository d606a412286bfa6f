import { Route, Routes } from 'react-router-dom';
import { MetricsPage } from './MetricsPage';

export default function MetricsRoutes() {
  return (
    <Routes>
      <Route index element={<MetricsPage />} />
      <Route path="*" element={<MetricsPage />} />
    </Routes>
  );
}
