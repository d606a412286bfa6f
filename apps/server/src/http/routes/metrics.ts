import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import { endpoints } from '@zhengyin/contract';
import type { ReportWriter, ServiceItem } from '@zhengyin/core';
import {
  addServiceItem,
  exportQuarterlyReport,
  getMetricsSummary,
  getMetricsTimeSeries,
  listServiceItems,
  removeServiceItem,
  updateServiceItem,
} from '@zhengyin/core';
import {
  createFontSubsetter,
  harfbuzzSubsetWasmPath,
  writeReportPdf,
  writeReportXlsx,
  type FontSubsetter,
} from '@zhengyin/documents';
import { licenseFonts } from '../../container.js';
import type { AppEnv, ServerContext } from '../context.js';
import { bind } from '../route.js';

const present = (i: ServiceItem) => ({
  id: i.id,
  regionCode: i.regionCode,
  departmentId: i.departmentId,
  code: i.code,
  name: i.name,
  createdAt: i.createdAt.toISOString(),
  createdBy: i.createdBy,
  updatedAt: i.updatedAt.toISOString(),
  removedAt: i.removedAt?.toISOString() ?? null,
  removedBy: i.removedBy,
  removalReason: i.removalReason,
});

/** Reports in the licence font chain (loaded on the first PDF), subset by HarfBuzz. */
function reportWriter(fontDirs: string): ReportWriter {
  let subsetter: FontSubsetter | undefined;
  return {
    xlsx: async (document) => writeReportXlsx(document),
    pdf: (document) => {
      subsetter ??= createFontSubsetter(new Uint8Array(readFileSync(harfbuzzSubsetWasmPath())));
      return writeReportPdf(document, { fonts: licenseFonts(fontDirs), subsetter });
    },
  };
}

/** 运行监测: summary, time series, quarterly report and the 事项清单 behind 电子证照使用率. */
export function metricsRoutes(app: Hono<AppEnv>, ctx: ServerContext) {
  const { deps } = ctx;
  const reports = reportWriter(ctx.config.ZHENGYIN_FONT_DIRS);
  // Queued verification outcomes first, so that the numbers include every verification answered.
  const fresh = () => ctx.verificationTally.flush();

  bind(app, ctx, endpoints.getMetricsSummary, async ({ query }, { actor }) => {
    await fresh();
    return getMetricsSummary(deps, actor, query);
  });
  bind(app, ctx, endpoints.getMetricsTimeSeries, async ({ query }, { actor }) => {
    await fresh();
    return getMetricsTimeSeries(deps, actor, query);
  });
  bind(app, ctx, endpoints.exportQuarterlyReport, async ({ query }, { actor }) => {
    await fresh();
    const file = await exportQuarterlyReport({ ...deps, reports }, actor, query);
    return {
      filename: file.filename,
      contentType: file.contentType,
      base64: Buffer.from(file.bytes).toString('base64'),
    };
  });
  bind(app, ctx, endpoints.listServiceItems, async ({ query }, { actor }) => {
    const { accepting, ...rest } = query;
    const page = await listServiceItems(deps, actor, {
      ...rest,
      ...(accepting === undefined ? {} : { accepting: accepting === 'true' }),
    });
    return {
      ...page,
      items: page.items.map((i) => ({
        ...present(i),
        departmentName: i.departmentName,
        accepting: i.accepting,
      })),
    };
  });
  bind(app, ctx, endpoints.addServiceItem, async ({ body }, { actor, meta }) =>
    present(await addServiceItem(deps, { actor, meta, input: body })),
  );
  bind(app, ctx, endpoints.updateServiceItem, async ({ params, body }, { actor, meta }) =>
    present(await updateServiceItem(deps, { actor, meta, input: { id: params.id, ...body } })),
  );
  bind(app, ctx, endpoints.removeServiceItem, async ({ params, body }, { actor, meta }) =>
    present(await removeServiceItem(deps, { actor, meta, input: { id: params.id, reason: body.reason } })),
  );
}
