import { Route, Routes } from 'react-router-dom';
import { UnderConstruction } from '../../components/UnderConstruction';
import { useI18n } from '../../i18n';

/** The holder portal under /holder (mobile first). */
export default function HolderRoutes() {
  const { t } = useI18n();
  return (
    <Routes>
      <Route path="*" element={<UnderConstruction title={t('我的证照', 'My licences')} />} />
    </Routes>
  );
}
