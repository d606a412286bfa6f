import type { Hono } from 'hono';
import { endpoints } from '@zhengyin/contract';
import type { ConsentRequest, RedeemResult, UsageContextView, UseListEntry, UseRecord } from '@zhengyin/core';
import {
  advanceUseListEntry,
  createShowToken,
  createUsageContext,
  createUseListEntry,
  decideConsent,
  getUsageContext,
  getUseListEntry,
  issueUseCode,
  listHolderUsage,
  listPendingConsents,
  listUsageContexts,
  listUseListEntries,
  redeemUseCode,
  scanShowToken,
  updateUseListEntry,
} from '@zhengyin/core';
import type { AppEnv, ServerContext } from '../context.js';
import { bind } from '../route.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

const presentEntry = (e: UseListEntry) => ({
  ...e,
  dataItems: [...e.dataItems],
  reviewedAt: iso(e.reviewedAt),
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

const presentContext = (c: UsageContextView) => ({
  ...c,
  licenseTypeCodes: [...c.licenseTypeCodes],
  dataItems: [...c.dataItems],
  decidedAt: iso(c.decidedAt),
  createdAt: c.createdAt.toISOString(),
  expiresAt: c.expiresAt.toISOString(),
});

const presentCode = (c: { code: string; contextId: string; expiresAt: Date }) => ({
  code: c.code,
  contextId: c.contextId,
  expiresAt: c.expiresAt.toISOString(),
});

const presentConsent = (c: ConsentRequest) => ({
  ...c,
  licenseTypeCodes: [...c.licenseTypeCodes],
  licenseTypeNames: [...c.licenseTypeNames],
  dataItems: [...c.dataItems],
  dataItemLabels: [...c.dataItemLabels],
  createdAt: c.createdAt.toISOString(),
  expiresAt: c.expiresAt.toISOString(),
});

const presentRecord = (r: UseRecord) => ({
  id: r.id,
  contextId: r.contextId,
  departmentId: r.departmentId,
  departmentName: r.departmentName,
  operator: r.operator,
  cause: r.cause,
  itemCode: r.itemCode,
  itemName: r.itemName,
  businessNumber: r.businessNumber,
  licenseIdentifier: r.licenseIdentifier,
  licenseTypeCode: r.licenseTypeCode,
  licenseTypeName: r.licenseTypeName,
  fields: [...r.fields],
  kind: r.kind,
  at: r.at.toISOString(),
});

function presentRedeemed(r: RedeemResult) {
  if (r.kind === 'data') return { kind: 'data' as const, contextId: r.contextId, licenses: r.licenses };
  const file = {
    contextId: r.contextId,
    license: r.license,
    fileName: `${r.license.identifier}${r.kind === 'annotated' ? '-加注件' : ''}.${r.format}`,
    format: r.format,
    contentType: r.contentType,
    sha256: r.fileSha256,
    [r.format === 'ofd' ? 'ofdBase64' : 'pdfBase64']: Buffer.from(r.bytes).toString('base64'),
  };
  return r.kind === 'file'
    ? { kind: 'file' as const, ...file }
    : { kind: 'annotated' as const, ...file, copyId: r.copyId, expiresAt: r.expiresAt.toISOString() };
}

/** 用证: use lists, usage contexts, use-codes, redemption, 亮证; the holder's consents and usage. */
export function useRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const { deps, use } = ctx;
  bind(app, ctx, endpoints.createUseListEntry, async ({ body }, { actor, meta }) =>
    presentEntry(await createUseListEntry(deps, { actor, meta, input: body })),
  );
  bind(app, ctx, endpoints.listUseListEntries, async ({ query }, { actor }) => {
    const page = await listUseListEntries(deps, actor, query);
    return { ...page, items: page.items.map(presentEntry) };
  });
  bind(app, ctx, endpoints.getUseListEntry, async ({ params }, { actor }) =>
    presentEntry(await getUseListEntry(deps, actor, params.id)),
  );
  bind(app, ctx, endpoints.updateUseListEntry, async ({ params, body }, { actor, meta }) =>
    presentEntry(await updateUseListEntry(deps, { actor, meta, input: { id: params.id, ...body } })),
  );
  bind(app, ctx, endpoints.advanceUseListEntry, async ({ params, body }, { actor, meta }) =>
    presentEntry(await advanceUseListEntry(deps, { actor, meta, input: { id: params.id, ...body } })),
  );
  bind(app, ctx, endpoints.createUsageContext, async ({ body }, { actor, meta }) => {
    const { context, code } = await createUsageContext(deps, use, { actor, meta, input: body });
    return { context: presentContext(context), code: code ? presentCode(code) : null };
  });
  bind(app, ctx, endpoints.listUsageContexts, async ({ query }, { actor }) => {
    const page = await listUsageContexts(deps, actor, query);
    return { ...page, items: page.items.map(presentContext) };
  });
  bind(app, ctx, endpoints.getUsageContext, async ({ params }, { actor }) =>
    presentContext(await getUsageContext(deps, actor, params.id)),
  );
  bind(app, ctx, endpoints.issueUseCode, async ({ params }, { actor, meta }) =>
    presentCode(await issueUseCode(deps, use, { actor, meta, input: { contextId: params.id } })),
  );
  bind(app, ctx, endpoints.redeemUseCode, async ({ body }, { actor, meta }) =>
    presentRedeemed(
      await redeemUseCode(deps, { ...use, annotation: ctx.annotation }, { actor, meta, input: body }),
    ),
  );
  bind(app, ctx, endpoints.scanShowToken, async ({ body }, { actor, meta }) => {
    const shown = await scanShowToken(deps, use, { actor, meta, input: body });
    return { ...shown, tokenExpiresAt: shown.tokenExpiresAt.toISOString() };
  });
  bind(app, ctx, endpoints.listPendingConsents, async (_input, { actor }) => ({
    items: (await listPendingConsents(deps, { actor })).map(presentConsent),
  }));
  bind(app, ctx, endpoints.decideConsent, async ({ params, body }, { actor, meta }) => {
    const decided = await decideConsent(
      deps,
      { actor, meta, input: { contextId: params.id, approve: body.approve, reason: body.reason ?? null } },
      use.policy,
    );
    return { ...presentConsent(decided), status: decided.status };
  });
  bind(app, ctx, endpoints.listHolderUsage, async ({ query }, { actor }) => {
    const page = await listHolderUsage(deps, { actor, input: query });
    return { ...page, items: page.items.map(presentRecord) };
  });
  bind(app, ctx, endpoints.createShowToken, async ({ params }, { actor, meta }) => {
    const shown = await createShowToken(deps, use, { actor, meta, input: { licenseId: params.id } });
    return {
      token: shown.token,
      issuedAt: shown.issuedAt.toISOString(),
      expiresAt: shown.expiresAt.toISOString(),
    };
  });
}
