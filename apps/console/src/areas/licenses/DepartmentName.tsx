import { api } from '../../api';
import { useRequest } from '../../hooks';

/** A department's name (its id while loading or when it cannot be read). */
export function DepartmentName({ id }: { id: string }) {
  const dept = useRequest(() => api.getDepartment({ params: { id } }).catch(() => null), [id]);
  return <>{dept.data?.name ?? id}</>;
}
