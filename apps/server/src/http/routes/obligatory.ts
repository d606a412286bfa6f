import type { Hono } from 'hono';
import { endpoints } from '@zhengyin/contract';
import type { ObligatoryEntry } from '@zhengyin/core';
import {
  addObligatoryEntry,
  listObligatoryEntries,
  obligatoryCoverage,
  removeObligatoryEntry,
  updateObligatoryEntry,
} from '@zhengyin/core';
import type { AppEnv, ServerContext } from '../context.js';
import { bind } from '../route.js';

const present = (e: ObligatoryEntry) => ({
  ...e,
  serviceItems: e.serviceItems.map((s) => ({ code: s.code, name: s.name })),
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
  removedAt: e.removedAt?.toISOString() ?? null,
});

const flag = (value: 'true' | 'false' | undefined) =>
  value === undefined ? {} : { opened: value === 'true' };

/** 应开通目录 and 证照电子化率. */
export function obligatoryRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const { deps } = ctx;
  bind(app, ctx, endpoints.addObligatoryEntry, async ({ body }, { actor, meta }) =>
    present(await addObligatoryEntry(deps, { actor, meta, input: body })),
  );
  bind(app, ctx, endpoints.listObligatoryEntries, async ({ query }, { actor }) => {
    const { opened, ...rest } = query;
    const page = await listObligatoryEntries(deps, actor, { ...rest, ...flag(opened) });
    return { ...page, items: page.items.map((e) => ({ ...present(e), opened: e.opened })) };
  });
  bind(app, ctx, endpoints.obligatoryCoverage, async ({ query }, { actor }) => {
    const coverage = await obligatoryCoverage(deps, actor, query);
    return { departments: coverage.departments, totals: coverage.totals };
  });
  bind(app, ctx, endpoints.updateObligatoryEntry, async ({ params, body }, { actor, meta }) =>
    present(await updateObligatoryEntry(deps, { actor, meta, input: { id: params.id, ...body } })),
  );
  bind(app, ctx, endpoints.removeObligatoryEntry, async ({ params, body }, { actor, meta }) =>
    present(
      await removeObligatoryEntry(deps, { actor, meta, input: { id: params.id, reason: body.reason } }),
    ),
  );
}
