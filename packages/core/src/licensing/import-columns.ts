import { hasRole } from '../accounts/policy.js';
import { getDepartmentOrThrow } from '../orgs/get-department.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { IssueDeps } from './issue-licenses.js';

/** Rows of the file shown back so the user can recognise the columns while mapping them. */
export const IMPORT_SAMPLE_ROWS = 5;

export interface ImportColumns {
  /** The header row as the import will read it (the first non-empty row, trimmed). */
  readonly headers: readonly string[];
  /** Data rows in the file (empty rows left out). */
  readonly rowCount: number;
  /** The first rows' cells, in header order. */
  readonly sample: readonly (readonly string[])[];
}

/**
 * 存量证照导入, before the mapping: reads the uploaded CSV / XLSX with the same safe reader as the
 * import and answers its column headers and first rows. Nothing is stored; only issuers of the
 * department may ask, as only they may import.
 */
export async function licenseImportColumns(
  deps: Pick<IssueDeps, 'uow' | 'licensing'>,
  actor: Actor,
  input: { departmentId: string; file: Uint8Array },
): Promise<ImportColumns> {
  const department = await deps.uow.run((r) => getDepartmentOrThrow(r.departments, input.departmentId));
  const scope = { regionCode: department.regionCode, departmentId: department.id };
  if (!hasRole(actor, ['issuer'], scope))
    throw new AppError('AUTH_FORBIDDEN', 'only issuers of the department import its licences', scope);
  const parsed = await deps.licensing.imports.parse(input.file, {}, []);
  // With no column mapped, every row of the file comes back as a row without problems.
  const lines = parsed.rows.map((r) => r.line);
  return {
    headers: parsed.headers,
    rowCount: lines.length,
    sample: lines.slice(0, IMPORT_SAMPLE_ROWS).map((line) => {
      const cells = parsed.cells(line);
      return parsed.headers.map((h) => cells[h] ?? '');
    }),
  };
}
