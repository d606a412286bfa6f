import { Route, Routes } from 'react-router-dom';
import { UnderConstruction } from '../../components/UnderConstruction';
import { useI18n } from '../../i18n';

export default function CatalogRoutes() {
  const { t } = useI18n();
  return (
    <Routes>
      <Route path="*" element={<UnderConstruction title={t('证照目录', 'Catalogue')} />} />
    </Routes>
  );
}
