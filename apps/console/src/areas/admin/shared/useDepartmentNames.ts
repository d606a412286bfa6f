import { api } from '../../../api';
import { useRequest } from '../../../hooks';

/** Names of the given departments (ids the page shows), looked up one by one. */
export function useDepartmentNames(ids: readonly string[]): ReadonlyMap<string, string> {
  const unique = [...new Set(ids)].sort();
  const request = useRequest(async () => {
    const found = await Promise.all(
      unique.map((id) => api.getDepartment({ params: { id } }).catch(() => null)),
    );
    return new Map(found.filter((d) => d !== null).map((d) => [d.id, d.name]));
  }, [unique.join(',')]);
  return request.data ?? new Map<string, string>();
}
