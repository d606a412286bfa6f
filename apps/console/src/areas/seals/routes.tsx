import { Route, Routes } from 'react-router-dom';
import { UnderConstruction } from '../../components/UnderConstruction';
import { useI18n } from '../../i18n';

export default function SealsRoutes() {
  const { t } = useI18n();
  return (
    <Routes>
      <Route path="*" element={<UnderConstruction title={t('电子印章', 'Seals')} />} />
    </Routes>
  );
}
