import { useMemo } from 'react';
import { useStaffSession } from '../../session';

/** Departments the user issues for (the issuer role is always department-scoped). */
export function useIssuerDepartments(): string[] {
  const { user } = useStaffSession();
  return useMemo(
    () => [
      ...new Set(
        (user?.roles ?? [])
          .filter((r) => r.role === 'issuer' && r.departmentId)
          .map((r) => r.departmentId as string),
      ),
    ],
    [user],
  );
}
