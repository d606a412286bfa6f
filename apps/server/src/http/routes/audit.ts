import type { Hono } from 'hono';
import { endpoints } from '@zhengyin/contract';
import { listApiCalls, queryAuditEvents, verifyAuditChain } from '@zhengyin/core';
import type { AppEnv, ServerContext } from '../context.js';
import { presentAuditEvent } from '../presenters.js';
import { bind } from '../route.js';

export function auditRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const { deps } = ctx;
  bind(app, ctx, endpoints.listAuditEvents, async ({ query }, { actor }) => {
    const { from, to, ...rest } = query;
    const result = await queryAuditEvents(deps, actor, {
      ...rest,
      ...(from ? { from: new Date(from) } : {}),
      ...(to ? { to: new Date(to) } : {}),
    });
    return { items: result.items.map(presentAuditEvent), nextBeforeSeq: result.nextBeforeSeq };
  });
  bind(app, ctx, endpoints.verifyAuditChain, async (_input, { actor }) => verifyAuditChain(deps, actor));
  bind(app, ctx, endpoints.listApiCalls, async ({ query }, { actor }) => {
    const result = await listApiCalls(deps, actor, query);
    return {
      items: result.items.map((call) => ({ ...call, at: call.at.toISOString() })),
      nextBeforeId: result.nextBeforeId,
    };
  });
}
