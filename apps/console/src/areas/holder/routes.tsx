import { Route, Routes } from 'react-router-dom';
import { ConsentsPage } from './ConsentsPage';
import { HolderFrame } from './HolderFrame';
import { LicenseDetailPage } from './LicenseDetailPage';
import { LicensesPage } from './LicensesPage';
import { ObjectionsPage } from './ObjectionsPage';
import { RemindersPage } from './RemindersPage';
import { HolderSessionProvider } from './session';
import { ShowQrPage } from './ShowQrPage';
import { UsagePage } from './UsagePage';

/** The holder portal under /holder (mobile first): login, 我的证照, 亮证, consents, usage, objections, reminders. */
export default function HolderRoutes() {
  return (
    <HolderSessionProvider>
      <Routes>
        <Route element={<HolderFrame />}>
          <Route index element={<LicensesPage />} />
          <Route path="licenses/:id" element={<LicenseDetailPage />} />
          <Route path="licenses/:id/show" element={<ShowQrPage />} />
          <Route path="consents" element={<ConsentsPage />} />
          <Route path="usage" element={<UsagePage />} />
          <Route path="objections" element={<ObjectionsPage />} />
          <Route path="reminders" element={<RemindersPage />} />
          <Route path="*" element={<LicensesPage />} />
        </Route>
      </Routes>
    </HolderSessionProvider>
  );
}
