import { ConfigProvider } from 'antd';
import { Route, Routes } from 'react-router-dom';
import { DetailPage } from './detail/DetailPage';
import { ImportWizard } from './import/ImportWizard';
import { ChangePage } from './issue/ChangePage';
import { IssuePage } from './issue/IssuePage';
import { SearchPage } from './search/SearchPage';

/** Secondary texts (help, statistics titles) darker than antd's default, for a 4.5:1 contrast. */
const READABLE = { token: { colorTextDescription: '#595959', colorTextTertiary: '#595959' } };

export default function LicensesRoutes() {
  return (
    <ConfigProvider theme={READABLE}>
      <Routes>
        <Route index element={<SearchPage />} />
        <Route path="issue" element={<IssuePage />} />
        <Route path="imports/new" element={<ImportWizard />} />
        <Route path="imports/:id" element={<ImportWizard />} />
        <Route path=":id" element={<DetailPage />} />
        <Route path=":id/change" element={<ChangePage />} />
      </Routes>
    </ConfigProvider>
  );
}
