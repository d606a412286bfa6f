import type { Hono } from 'hono';
import { endpoints } from '@zhengyin/contract';
import type { LicenseTypeVersion } from '@zhengyin/core';
import {
  advanceLicenseType,
  checkFaceGlyphs,
  createLicenseType,
  getLicenseType,
  listLicenseTypes,
  newLicenseTypeVersion,
  previewLicenseTypeDraft,
  updateLicenseType,
} from '@zhengyin/core';
import type { AppEnv, ServerContext } from '../context.js';
import { bind } from '../route.js';

type Writable<T> = T extends readonly (infer U)[]
  ? Writable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Writable<T[K]> }
    : T;

const present = (t: LicenseTypeVersion) => {
  const { createdAt, updatedAt, publishedAt, ...rest } = t;
  return {
    // A plain copy: the wire shape has no readonly arrays.
    ...(structuredClone(rest) as Writable<typeof rest>),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    publishedAt: publishedAt?.toISOString() ?? null,
  };
};

export function catalogRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const { deps } = ctx;
  bind(app, ctx, endpoints.createLicenseType, async ({ body }, { actor, meta }) =>
    present(await createLicenseType(deps, { actor, meta, input: body })),
  );
  bind(app, ctx, endpoints.updateLicenseType, async ({ params, body }, { actor, meta }) =>
    present(await updateLicenseType(deps, { actor, meta, input: { id: params.id, ...body } })),
  );
  bind(app, ctx, endpoints.advanceLicenseType, async ({ params, body }, { actor, meta }) =>
    present(
      await advanceLicenseType(
        { ...deps, faces: ctx.licensing.renderer },
        { actor, meta, input: { id: params.id, ...body } },
      ),
    ),
  );
  bind(app, ctx, endpoints.newLicenseTypeVersion, async ({ params }, { actor, meta }) =>
    present(await newLicenseTypeVersion(deps, { actor, meta, input: { id: params.id } })),
  );
  bind(app, ctx, endpoints.getLicenseType, async ({ params }, { actor }) =>
    present(await getLicenseType(deps, actor, params.id)),
  );
  bind(app, ctx, endpoints.listLicenseTypes, async ({ query }, { actor }) => {
    const page = await listLicenseTypes(deps, actor, query);
    return { ...page, items: page.items.map(present) };
  });
  bind(app, ctx, endpoints.previewLicenseTypeDraft, async ({ params, body }, { actor }) => {
    const { dpi, ...rest } = body;
    const bytes = await previewLicenseTypeDraft({ ...deps, renderer: ctx.licensing.renderer }, actor, {
      id: params.id,
      ...rest,
      ...(dpi ? { dpi } : {}),
    });
    return {
      contentType: body.format === 'pdf' ? 'application/pdf' : 'image/png',
      base64: Buffer.from(bytes).toString('base64'),
    };
  });
  bind(app, ctx, endpoints.checkFaceGlyphs, async ({ body }, { actor }) => ({
    results: checkFaceGlyphs({ renderer: ctx.licensing.renderer }, actor, body.texts),
  }));
}
