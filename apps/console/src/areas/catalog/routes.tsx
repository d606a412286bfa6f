import { Route, Routes } from 'react-router-dom';
import { CreateTypePage } from './CreateTypePage';
import { DesignerPage } from './designer/DesignerPage';
import { TypeEditorPage } from './TypeEditorPage';
import { TypeListPage } from './TypeListPage';

export default function CatalogRoutes() {
  return (
    <Routes>
      <Route index element={<TypeListPage />} />
      <Route path="new" element={<CreateTypePage />} />
      <Route path=":id" element={<TypeEditorPage />} />
      <Route path=":id/designer" element={<DesignerPage />} />
    </Routes>
  );
}
