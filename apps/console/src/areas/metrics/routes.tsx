import { Route, Routes } from 'react-router-dom';
import { MetricsPage } from './MetricsPage';
import { ObligatoryListPage } from './ObligatoryListPage';
import { ServiceItemsPage } from './ServiceItemsPage';

export default function MetricsRoutes() {
  return (
    <Routes>
      <Route index element={<MetricsPage />} />
      <Route path="obligatory" element={<ObligatoryListPage />} />
      <Route path="service-items" element={<ServiceItemsPage />} />
      <Route path="*" element={<MetricsPage />} />
    </Routes>
  );
}
