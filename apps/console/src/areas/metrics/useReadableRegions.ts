import { api } from '../../api';
import { useRequest } from '../../hooks';
import { useStaffSession } from '../../session';

const READERS = ['platform_admin', 'region_admin', 'catalog_admin', 'auditor'];

/** Prefix of a GB/T 2260 code shared by every region below it. */
const prefixOf = (code: string) =>
  code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;

/**
 * The regions the user may read metrics of: all for platform-wide readers (plus "all regions"),
 * otherwise the regions of their grants and below.
 */
export function useReadableRegions() {
  const { user } = useStaffSession();
  const grants = (user?.roles ?? []).filter((g) => READERS.includes(g.role));
  const platform = grants.some((g) => !g.regionCode && !g.departmentId);
  const prefixes = grants.flatMap((g) => (g.regionCode ? [prefixOf(g.regionCode)] : []));
  const key = `${platform}:${prefixes.join(',')}`;
  const regions = useRequest(async () => {
    const page = await api.listRegions({ query: { pageSize: 100 } });
    return page.items.filter((r) => platform || prefixes.some((p) => r.code.startsWith(p)));
  }, [key]);
  return { platform, regions: regions.data ?? [], loading: regions.loading };
}
