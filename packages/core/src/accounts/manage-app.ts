import { auditEntry } from '../audit/entry.js';
import { getDepartmentOrThrow } from '../orgs/get-department.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import type { Page, PageRequest } from '../shared/page.js';
import type { Repositories } from '../shared/unit-of-work.js';
import type { AppView } from './app-view.js';
import { appView } from './app-view.js';
import { appTarget } from './create-app.js';
import { adminRegionScopes, authorize } from './policy.js';
import type { App } from './ports.js';

async function loadManagedApp(r: Repositories, actor: Actor, id: string) {
  const app = await r.apps.get(id);
  if (!app) throw new AppError('ACCOUNTS_APP_NOT_FOUND', `app ${id} not found`, { id });
  const department = await getDepartmentOrThrow(r.departments, app.departmentId);
  authorize(actor, 'apps.manage', { regionCode: department.regionCode, departmentId: department.id });
  return { app, regionCode: department.regionCode };
}

export interface UpdateAppInput {
  readonly id: string;
  readonly name?: string;
  readonly scopes?: readonly string[];
  readonly ipAllowList?: readonly string[];
  readonly active?: boolean;
}

export async function updateApp(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<UpdateAppInput>,
): Promise<AppView> {
  return deps.uow.run(async (r) => {
    const { app, regionCode } = await loadManagedApp(r, actor, input.id);
    const now = deps.clock.now();
    const next: App = {
      ...app,
      name: input.name ?? app.name,
      scopes: input.scopes ? [...new Set(input.scopes)] : app.scopes,
      ipAllowList: input.ipAllowList ? [...input.ipAllowList] : app.ipAllowList,
      active: input.active ?? app.active,
      updatedAt: now,
    };
    await r.apps.update(next);
    await r.audit.append(
      auditEntry(actor, meta, now, 'accounts.app.updated', appTarget(next, regionCode), {
        before: { name: app.name, scopes: app.scopes, ipAllowList: app.ipAllowList, active: app.active },
        after: { name: next.name, scopes: next.scopes, ipAllowList: next.ipAllowList, active: next.active },
      }),
    );
    return appView(next);
  });
}

/** New secret now; the previous one keeps working for `overlapMinutes` so callers can switch over. */
export async function rotateAppSecret(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids' | 'secrets'>,
  { actor, meta, input }: Call<{ id: string; overlapMinutes: number }>,
): Promise<{ app: AppView; secret: string }> {
  const secret = deps.ids.token(32);
  return deps.uow.run(async (r) => {
    const { app, regionCode } = await loadManagedApp(r, actor, input.id);
    const now = deps.clock.now();
    const next: App = {
      ...app,
      secretSealed: deps.secrets.seal(new TextEncoder().encode(secret)),
      previousSecretSealed: input.overlapMinutes > 0 ? app.secretSealed : null,
      previousSecretExpiresAt:
        input.overlapMinutes > 0 ? new Date(now.getTime() + input.overlapMinutes * 60_000) : null,
      updatedAt: now,
    };
    await r.apps.update(next);
    await r.audit.append(
      auditEntry(actor, meta, now, 'accounts.app.secret_rotated', appTarget(next, regionCode), {
        overlapMinutes: input.overlapMinutes,
        previousSecretExpiresAt: next.previousSecretExpiresAt?.toISOString() ?? null,
      }),
    );
    return { app: appView(next), secret };
  });
}

export async function listApps(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  query: PageRequest,
): Promise<Page<AppView>> {
  const prefixes = adminRegionScopes(actor, 'apps.manage');
  if (prefixes !== null && prefixes.length === 0) authorize(actor, 'apps.manage', { regionCode: null });
  return deps.uow.run(async (r) => {
    const page = await r.apps.list({ ...query, prefixes });
    return { ...page, items: page.items.map(appView) };
  });
}

/** The calling app itself (signed-request check for integrators). */
export async function getOwnApp(deps: Pick<CoreDeps, 'uow'>, actor: Actor): Promise<AppView> {
  if (actor.kind !== 'app') throw new AppError('AUTH_REQUIRED');
  return deps.uow.run(async (r) => {
    const app = await r.apps.get(actor.id);
    if (!app) throw new AppError('AUTH_APP_UNKNOWN');
    return appView(app);
  });
}
