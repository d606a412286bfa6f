import { api } from '../../api';
import { useRequest } from '../../hooks';
import { useStaffSession } from '../../session';

export interface OperatorDepartment {
  readonly id: string;
  readonly name: string;
}

/** The departments the signed-in user acts for as 用证经办人 (user_operator), with their names. */
export function useOperatorDepartments() {
  const { user } = useStaffSession();
  const ids = [
    ...new Set(
      (user?.roles ?? [])
        .filter((r) => r.role === 'user_operator' && r.departmentId)
        .map((r) => r.departmentId as string),
    ),
  ];
  return useRequest<OperatorDepartment[]>(
    () =>
      Promise.all(
        ids.map((id) =>
          api.getDepartment({ params: { id } }).then(
            (d) => ({ id, name: d.name }),
            () => ({ id, name: id }),
          ),
        ),
      ),
    [ids.join(',')],
  );
}
