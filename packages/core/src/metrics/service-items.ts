import { hasRole } from '../accounts/policy.js';
import { auditEntry } from '../audit/entry.js';
import { getDepartmentOrThrow } from '../orgs/get-department.js';
import type { Actor } from '../shared/actor.js';
import { actorId } from '../shared/actor.js';
import { AppError } from '../shared/app-error.js';
import type { Call, CoreDeps } from '../shared/deps.js';
import type { Page, PageRequest } from '../shared/page.js';
import type { Repositories } from '../shared/unit-of-work.js';
import type { ListedServiceItem, ServiceItem } from './ports.js';
import { metricsRegion, SERVICE_ITEM_MANAGERS } from './scope.js';

const CODE = /^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/;

function checkFields(fields: { code: string; name: string }): { code: string; name: string } {
  const code = fields.code.trim();
  const name = fields.name.trim();
  const problems: { field: string; message: string }[] = [];
  if (!CODE.test(code)) problems.push({ field: 'code', message: 'letters, digits, . _ - (at most 64)' });
  if (!name) problems.push({ field: 'name', message: 'a name is required' });
  if (problems.length) {
    const message = problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    throw new AppError('METRICS_SERVICE_ITEM_INVALID', message, { problems });
  }
  return { code, name };
}

function authorizeManage(actor: Actor, regionCode: string): void {
  if (!hasRole(actor, SERVICE_ITEM_MANAGERS, { regionCode })) {
    throw new AppError('AUTH_FORBIDDEN', 'only administrators of the region keep its service items', {
      regionCode,
    });
  }
}

const duplicate = (item: ServiceItem) =>
  new AppError('METRICS_SERVICE_ITEM_DUPLICATE', 'the department already lists this service item code', {
    departmentId: item.departmentId,
    code: item.code,
  });

async function loadLive(r: Repositories, id: string): Promise<ServiceItem> {
  const item = await r.serviceItems.getForUpdate(id);
  if (!item) throw new AppError('METRICS_SERVICE_ITEM_NOT_FOUND', `service item ${id} not found`, { id });
  if (item.removedAt)
    throw new AppError('METRICS_SERVICE_ITEM_REMOVED', 'the service item was removed', { id });
  return item;
}

const target = (i: ServiceItem) => ({ type: 'service_item', id: i.id, regionCode: i.regionCode });

/** 事项清单: a region administrator enters a department's service item. */
export async function addServiceItem(
  deps: Pick<CoreDeps, 'uow' | 'clock' | 'ids'>,
  { actor, meta, input }: Call<{ departmentId: string; code: string; name: string }>,
): Promise<ServiceItem> {
  const fields = checkFields(input);
  return deps.uow.run(async (r) => {
    const department = await getDepartmentOrThrow(r.departments, input.departmentId);
    authorizeManage(actor, department.regionCode);
    if (!department.active) throw new AppError('ORGS_DEPARTMENT_INACTIVE', 'department is deactivated');
    const now = deps.clock.now();
    const item: ServiceItem = {
      ...fields,
      id: deps.ids.uuid(),
      regionCode: department.regionCode,
      departmentId: department.id,
      createdAt: now,
      createdBy: actorId(actor)!,
      updatedAt: now,
      removedAt: null,
      removedBy: null,
      removalReason: null,
    };
    if (!(await r.serviceItems.insert(item))) throw duplicate(item);
    await r.audit.append(
      auditEntry(actor, meta, now, 'metrics.service_item.added', target(item), {
        departmentId: item.departmentId,
        code: item.code,
        name: item.name,
      }),
    );
    return item;
  });
}

/** Corrects a service item's code or name. */
export async function updateServiceItem(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<{ id: string; code?: string; name?: string }>,
): Promise<ServiceItem> {
  return deps.uow.run(async (r) => {
    const current = await loadLive(r, input.id);
    authorizeManage(actor, current.regionCode);
    const fields = checkFields({ code: input.code ?? current.code, name: input.name ?? current.name });
    if (fields.code === current.code && fields.name === current.name) return current;
    const now = deps.clock.now();
    const next: ServiceItem = { ...current, ...fields, updatedAt: now };
    if (!(await r.serviceItems.update(next))) throw duplicate(next);
    await r.audit.append(
      auditEntry(actor, meta, now, 'metrics.service_item.updated', target(next), {
        departmentId: next.departmentId,
        changes: Object.fromEntries(
          (['code', 'name'] as const)
            .filter((k) => fields[k] !== current[k])
            .map((k) => [k, { from: current[k], to: fields[k] }]),
        ),
      }),
    );
    return next;
  });
}

/** Takes a service item off the register (kept, marked removed, with the reason). */
export async function removeServiceItem(
  deps: Pick<CoreDeps, 'uow' | 'clock'>,
  { actor, meta, input }: Call<{ id: string; reason: string }>,
): Promise<ServiceItem> {
  const reason = input.reason.trim();
  if (!reason) {
    throw new AppError('METRICS_SERVICE_ITEM_INVALID', 'reason: a reason is required', {
      problems: [{ field: 'reason', message: 'a reason is required' }],
    });
  }
  return deps.uow.run(async (r) => {
    const current = await loadLive(r, input.id);
    authorizeManage(actor, current.regionCode);
    const now = deps.clock.now();
    const removed: ServiceItem = {
      ...current,
      updatedAt: now,
      removedAt: now,
      removedBy: actorId(actor)!,
      removalReason: reason,
    };
    await r.serviceItems.update(removed);
    await r.audit.append(
      auditEntry(actor, meta, now, 'metrics.service_item.removed', target(removed), {
        departmentId: removed.departmentId,
        code: removed.code,
        reason,
      }),
    );
    return removed;
  });
}

/** The register within the reader's region (see metricsRegion); `accepting` filters 可用证 items. */
export async function listServiceItems(
  deps: Pick<CoreDeps, 'uow'>,
  actor: Actor,
  query: { regionCode?: string; departmentId?: string; accepting?: boolean } & PageRequest,
): Promise<Page<ListedServiceItem>> {
  return deps.uow.run(async (r) => {
    const { prefix } = await metricsRegion(r, actor, query.regionCode);
    return r.serviceItems.list({
      ...(prefix ? { regionPrefix: prefix } : {}),
      ...(query.departmentId ? { departmentId: query.departmentId } : {}),
      ...(query.accepting === undefined ? {} : { accepting: query.accepting }),
      page: query.page,
      pageSize: query.pageSize,
    });
  });
}
