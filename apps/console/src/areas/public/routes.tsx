import { Route, Routes } from 'react-router-dom';
import { UnderConstruction } from '../../components/UnderConstruction';
import { useI18n } from '../../i18n';

/** The public verification pages under /verify (no login). */
export default function PublicRoutes() {
  const { t } = useI18n();
  return (
    <Routes>
      <Route path="*" element={<UnderConstruction title={t('证照核验', 'Verify a licence')} />} />
    </Routes>
  );
}
