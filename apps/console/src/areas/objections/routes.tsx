import { Route, Routes } from 'react-router-dom';
import { CalendarPage } from './CalendarPage';
import { ObjectionDetailPage } from './ObjectionDetailPage';
import { ObjectionsPage } from './ObjectionsPage';

export default function ObjectionsRoutes() {
  return (
    <Routes>
      <Route index element={<ObjectionsPage />} />
      <Route path="calendar" element={<CalendarPage />} />
      <Route path=":id" element={<ObjectionDetailPage />} />
      <Route path="*" element={<ObjectionsPage />} />
    </Routes>
  );
}
