import { api } from '../../api';
import { useRequest } from '../../hooks';
import type { RoleName } from '../../session';
import { useStaffSession } from '../../session';

export interface DepartmentOption {
  readonly id: string;
  readonly name: string;
}

/**
 * Departments where the user holds one of `roles`: the department of a department-scoped grant, or
 * every department of a region-scoped one.
 */
export function useSealDepartments(roles: readonly RoleName[]) {
  const { user } = useStaffSession();
  const grants = (user?.roles ?? []).filter((g) => roles.includes(g.role));
  const key = grants.map((g) => `${g.role}:${g.departmentId ?? g.regionCode ?? '*'}`).join(',');
  return useRequest(async (): Promise<DepartmentOption[]> => {
    const found = new Map<string, string>();
    for (const grant of grants) {
      if (grant.departmentId) {
        const d = await api.getDepartment({ params: { id: grant.departmentId } });
        found.set(d.id, d.name);
      } else {
        const page = await api.listDepartments({
          query: {
            ...(grant.regionCode ? { regionCode: grant.regionCode } : {}),
            active: 'true',
            pageSize: 100,
          },
        });
        for (const d of page.items) found.set(d.id, d.name);
      }
    }
    return [...found].map(([id, name]) => ({ id, name }));
  }, [key]);
}
