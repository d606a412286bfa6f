import { auditEntry } from '../audit/entry.js';
import { getDepartmentOrThrow } from '../orgs/get-department.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import type { AppView } from './app-view.js';
import { appView } from './app-view.js';
import { authorize } from './policy.js';
import type { App } from './ports.js';

export interface CreateAppInput {
  readonly name: string;
  readonly departmentId: string;
  readonly scopes: readonly string[];
  readonly ipAllowList: readonly string[];
}

/** Registers an integrating system of a department. The secret is returned once and stored sealed. */
export async function createApp(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'secrets'>,
  { actor, meta, input }: Call<CreateAppInput>,
): Promise<{ app: AppView; secret: string }> {
  const secret = deps.ids.token(32);
  return deps.uow.run(async (r) => {
    const department = await getDepartmentOrThrow(r.departments, input.departmentId);
    authorize(actor, 'apps.manage', { regionCode: department.regionCode, departmentId: department.id });
    if (!department.active) throw new AppError('ORGS_DEPARTMENT_INACTIVE', 'department is deactivated');
    const now = deps.clock.now();
    const app: App = {
      id: deps.ids.uuid(),
      name: input.name,
      appKey: `zy${deps.ids.token(15)}`,
      departmentId: department.id,
      scopes: [...new Set(input.scopes)],
      ipAllowList: [...input.ipAllowList],
      secretSealed: deps.secrets.seal(new TextEncoder().encode(secret)),
      previousSecretSealed: null,
      previousSecretExpiresAt: null,
      active: true,
      createdAt: now,
      updatedAt: now,
    };
    await r.apps.insert(app);
    await r.audit.append(
      auditEntry(actor, meta, now, 'accounts.app.created', appTarget(app, department.regionCode), {
        name: app.name,
        appKey: app.appKey,
        scopes: app.scopes,
        ipAllowList: app.ipAllowList,
      }),
    );
    return { app: appView(app), secret };
  });
}

export function appTarget(app: App, regionCode: string) {
  return { type: 'app', id: app.id, regionCode };
}
