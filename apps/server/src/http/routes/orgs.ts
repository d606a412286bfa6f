import type { Hono } from 'hono';
import { endpoints } from '@zhengyin/contract';
import {
  createDepartment,
  createRegion,
  deactivateDepartment,
  getDepartment,
  listDepartments,
  listOnboardings,
  listRegions,
  recordOnboarding,
  updateDepartment,
  updateRegion,
} from '@zhengyin/core';
import type { AppEnv, ServerContext } from '../context.js';
import { presentDepartment, presentOnboarding, presentRegion } from '../presenters.js';
import { bind } from '../route.js';

export function orgRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const { deps } = ctx;
  bind(app, ctx, endpoints.createRegion, async ({ body }, { actor, meta }) =>
    presentRegion(await createRegion(deps, { actor, meta, input: body })),
  );
  bind(app, ctx, endpoints.listRegions, async ({ query }, { actor }) => {
    const page = await listRegions(deps, actor, query);
    return { ...page, items: page.items.map(presentRegion) };
  });
  bind(app, ctx, endpoints.updateRegion, async ({ params, body }, { actor, meta }) =>
    presentRegion(await updateRegion(deps, { actor, meta, input: { code: params.code, ...body } })),
  );
  bind(app, ctx, endpoints.createDepartment, async ({ body }, { actor, meta }) =>
    presentDepartment(await createDepartment(deps, { actor, meta, input: body })),
  );
  bind(app, ctx, endpoints.listDepartments, async ({ query }, { actor }) => {
    const { active, ...rest } = query;
    const page = await listDepartments(deps, actor, {
      ...rest,
      ...(active ? { active: active === 'true' } : {}),
    });
    return { ...page, items: page.items.map(presentDepartment) };
  });
  bind(app, ctx, endpoints.getDepartment, async ({ params }, { actor }) =>
    presentDepartment(await getDepartment(deps, actor, params.id)),
  );
  bind(app, ctx, endpoints.updateDepartment, async ({ params, body }, { actor, meta }) =>
    presentDepartment(await updateDepartment(deps, { actor, meta, input: { id: params.id, ...body } })),
  );
  bind(app, ctx, endpoints.deactivateDepartment, async ({ params, body }, { actor, meta }) =>
    presentDepartment(
      await deactivateDepartment(deps, { actor, meta, input: { id: params.id, reason: body.reason } }),
    ),
  );
  bind(app, ctx, endpoints.recordOnboarding, async ({ params, body }, { actor, meta }) =>
    presentOnboarding(
      await recordOnboarding(deps, { actor, meta, input: { departmentId: params.id, ...body } }),
    ),
  );
  bind(app, ctx, endpoints.listOnboardings, async ({ params }, { actor }) => ({
    items: (await listOnboardings(deps, actor, params.id)).map(presentOnboarding),
  }));
}
