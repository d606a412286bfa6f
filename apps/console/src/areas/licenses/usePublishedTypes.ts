import { api } from '../../api';
import { useRequest } from '../../hooks';
import type { LicenseType } from './model';

/** Published licence types (the catalogue's first 100 are plenty for a picker). */
export function usePublishedTypes() {
  return useRequest(
    async (): Promise<LicenseType[]> =>
      (await api.listLicenseTypes({ query: { status: 'published', pageSize: 100 } })).items,
    [],
  );
}
