import { api } from '../../api';
import { useRequest } from '../../hooks';
import type { Lang } from '../../i18n';
import type { DataItem, LicenseType } from './types';

/** The published licence types (the catalogue use lists refer to), by type code. */
export function usePublishedTypes() {
  return useRequest(async () => {
    const byCode = new Map<string, LicenseType>();
    for (let page = 1; page <= 20; page++) {
      const result = await api.listLicenseTypes({ query: { status: 'published', page, pageSize: 100 } });
      for (const type of result.items) byCode.set(type.typeCode, type);
      if (page * result.pageSize >= result.total) break;
    }
    return byCode;
  }, []);
}

/** The label of a data item in the current language, or its code when the type is unknown. */
export function dataItemLabel(type: LicenseType | undefined, code: string, lang: Lang): string {
  const item: DataItem | undefined = type?.dataItems.find((d) => d.code === code);
  if (!item) return code;
  return lang === 'en' ? item.labelEn : item.labelZh;
}
