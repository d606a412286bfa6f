import type { Hono } from 'hono';
import { endpoints } from '@zhengyin/contract';
import {
  createApp,
  createUser,
  getOwnApp,
  getUser,
  listApps,
  listUsers,
  resetPassword,
  rotateAppSecret,
  updateApp,
  updateUser,
} from '@zhengyin/core';
import type { AppEnv, ServerContext } from '../context.js';
import { presentApp, presentUser } from '../presenters.js';
import { bind } from '../route.js';

export function accountRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const { deps } = ctx;
  bind(app, ctx, endpoints.createUser, async ({ body }, { actor, meta }) => {
    const { user, initialPassword } = await createUser(deps, { actor, meta, input: body });
    return { user: presentUser(user), initialPassword };
  });
  bind(app, ctx, endpoints.listUsers, async ({ query }, { actor }) => {
    const page = await listUsers(deps, actor, query);
    return { ...page, items: page.items.map(presentUser) };
  });
  bind(app, ctx, endpoints.getUser, async ({ params }, { actor }) =>
    presentUser(await getUser(deps, actor, params.id)),
  );
  bind(app, ctx, endpoints.updateUser, async ({ params, body }, { actor, meta }) =>
    presentUser(await updateUser(deps, { actor, meta, input: { id: params.id, ...body } })),
  );
  bind(app, ctx, endpoints.resetPassword, async ({ params }, { actor, meta }) =>
    resetPassword(deps, { actor, meta, input: { id: params.id } }),
  );
  bind(app, ctx, endpoints.createApp, async ({ body }, { actor, meta }) => {
    const { app: created, secret } = await createApp(deps, { actor, meta, input: body });
    return { app: presentApp(created), secret };
  });
  bind(app, ctx, endpoints.listApps, async ({ query }, { actor }) => {
    const page = await listApps(deps, actor, query);
    return { ...page, items: page.items.map(presentApp) };
  });
  bind(app, ctx, endpoints.updateApp, async ({ params, body }, { actor, meta }) =>
    presentApp(await updateApp(deps, { actor, meta, input: { id: params.id, ...body } })),
  );
  bind(app, ctx, endpoints.rotateAppSecret, async ({ params, body }, { actor, meta }) => {
    const { app: rotated, secret } = await rotateAppSecret(deps, {
      actor,
      meta,
      input: { id: params.id, overlapMinutes: body.overlapMinutes },
    });
    return { app: presentApp(rotated), secret };
  });
  bind(app, ctx, endpoints.appWhoami, async (_input, { actor }) => presentApp(await getOwnApp(deps, actor)));
}
