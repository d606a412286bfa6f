import { Route, Routes } from 'react-router-dom';
import { UnderConstruction } from '../../components/UnderConstruction';
import { useI18n } from '../../i18n';

export default function LicensesRoutes() {
  const { t } = useI18n();
  return (
    <Routes>
      <Route path="*" element={<UnderConstruction title={t('证照', 'Licences')} />} />
    </Routes>
  );
}
