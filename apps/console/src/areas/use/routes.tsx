import { Route, Routes } from 'react-router-dom';
import { CounterPage } from './counter/CounterPage';
import { RedeemPage } from './RedeemPage';
import { ScanPage } from './ScanPage';
import { UseListsPage } from './UseListsPage';

export default function UseRoutes() {
  return (
    <Routes>
      <Route index element={<UseListsPage />} />
      <Route path="counter" element={<CounterPage />} />
      <Route path="redeem" element={<RedeemPage />} />
      <Route path="scan" element={<ScanPage />} />
      <Route path="*" element={<UseListsPage />} />
    </Routes>
  );
}
